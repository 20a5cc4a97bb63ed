"""The Mongolian language pack of core screens: loading, glossary enforcement, user edits.

The Odoo tree used here carries no core Mongolian .po files, so every Mongolian value of
a core record comes from the pack (``i18n_extra/mn.po``); an "upstream" value is simulated
by writing the value that upstream's crm/mn.po has.
"""

import threading
from unittest.mock import patch

from odoo.tests import HttpCase, TransactionCase, tagged
from odoo.tools.translate import code_translations as cache
from odoo.tools.translate import get_translation

from ..models.language import code_translations
from ..models.language.ir_module_module import load_enforced

MN = "mn_MN"


@tagged("post_install", "-at_install")
class TestLanguagePack(TransactionCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env["res.lang"]._activate_lang(MN)
        cls.Module = cls.env["ir.module.module"]
        # what an installation of mn_MN does: load every installed module's terms
        cls.Module._load_module_terms(["crm", "sale", "sales_team", "mn_crm_sales"], [MN])

    def mn(self, record, field):
        return record.with_context(lang=MN)[field]

    def reload(self, modules=("mn_crm_sales",)):
        self.Module._load_module_terms(list(modules), [MN])
        self.env.invalidate_all()

    # -- the pack is applied ---------------------------------------------------------------

    def test_menus_show_the_pack(self):
        self.assertEqual(self.mn(self.env.ref("crm.crm_menu_leads"), "name"), "Сэжим")
        self.assertEqual(
            self.mn(self.env.ref("crm.menu_crm_lost_reason"), "name"),
            "Амжилтгүй болсон шалтгаанууд",
        )
        self.assertEqual(self.mn(self.env.ref("crm.crm_menu_report"), "name"), "Тайлагнах")
        self.assertEqual(self.mn(self.env.ref("sale.sale_menu_root"), "name"), "Борлуулалт")

    def test_field_labels_and_selections_show_the_pack(self):
        fields_mn = (
            self.env["crm.lead"]
            .with_context(lang=MN)
            .fields_get(["expected_revenue", "probability", "user_id", "team_id", "type"])
        )
        self.assertEqual(fields_mn["expected_revenue"]["string"], "Төлөвлөсөн орлого")
        self.assertEqual(fields_mn["probability"]["string"], "Магадлал")
        self.assertEqual(fields_mn["user_id"]["string"], "Борлуулагч")
        self.assertEqual(fields_mn["team_id"]["string"], "Борлуулалтын баг")
        self.assertEqual(dict(fields_mn["type"]["selection"])["lead"], "Сэжим")

    def test_stages_and_lost_reasons_show_the_pack(self):
        names = [self.mn(self.env.ref(f"crm.stage_lead{i}"), "name") for i in (1, 2, 3, 4)]
        self.assertEqual(names, ["Шинэ", "Шалгагдсан", "Санал тавьсан", "Амжилттай"])
        self.assertEqual(self.mn(self.env.ref("crm.lost_reason_1"), "name"), "Хэт үнэтэй")

    def test_view_terms_show_the_pack(self):
        arch = self.env.ref("crm.crm_lead_view_form").with_context(lang=MN).arch_db
        self.assertIn("Боломж руу хөрвүүлэх", arch)
        self.assertIn("Амжилтгүй гэж тэмдэглэх", arch)

    # -- loading policy ------------------------------------------------------------------

    def test_user_edit_survives_module_update(self):
        menu = self.env.ref("crm.crm_menu_leads")
        menu.update_field_translations("name", {MN: "Манай сэжмүүд"})
        stage = self.env.ref("crm.stage_lead4")
        stage.update_field_translations("name", {MN: "Гэрээ хийсэн"})
        self.reload()
        self.assertEqual(self.mn(menu, "name"), "Манай сэжмүүд")
        self.assertEqual(self.mn(stage, "name"), "Гэрээ хийсэн")

    def test_glossary_replaces_a_simulated_upstream_value(self):
        """Upstream says Won = Ялсан; the glossary says Амжилттай: the pack wins."""
        item = next(i for i in load_enforced() if i["source"] == "Won")
        self.assertEqual(item["upstream"], "Ялсан")
        stage = self.env.ref("crm.stage_lead4")
        stage.update_field_translations("name", {MN: "Ялсан"})  # as core mn.po would load it
        self.assertEqual(self.mn(stage, "name"), "Ялсан")
        self.reload(("crm",))  # updating a core module in scope re-applies the pack
        self.assertEqual(self.mn(stage, "name"), "Амжилттай")

    def test_glossary_replaces_upstream_view_term_only(self):
        view = self.env.ref("crm.crm_lead_view_form")
        view.update_field_translations(
            "arch_db", {MN: {"Mark as lost": "Амжилтгүй болсноор тэмдэглэх"}}
        )
        self.assertIn("Амжилтгүй болсноор тэмдэглэх", view.with_context(lang=MN).arch_db)
        self.reload()
        arch = view.with_context(lang=MN).arch_db
        self.assertIn("Амжилтгүй гэж тэмдэглэх", arch)
        self.assertNotIn("Амжилтгүй болсноор тэмдэглэх", arch)

    def test_enforcement_leaves_a_user_edit_of_an_enforced_term(self):
        stage = self.env.ref("crm.stage_lead4")
        stage.update_field_translations("name", {MN: "Хаагдсан"})
        self.reload(("crm",))
        self.assertEqual(self.mn(stage, "name"), "Хаагдсан")

    def test_customer_form_shows_the_pack(self):
        """CRM > Борлуулалт > Захиалагчид > New: base's form and the views inherited by
        account, stock, calendar...; core's Tax ID is not a second Регистрийн дугаар."""
        partners = self.env["res.partner"].with_context(lang=MN)
        labels = partners.fields_get(["vat", "mn_register_number", "state_id", "street"])
        self.assertEqual(labels["vat"]["string"], "Татвар төлөгчийн дугаар")
        self.assertEqual(labels["mn_register_number"]["string"], "Регистрийн дугаар")
        self.assertEqual(labels["state_id"]["string"], "Аймаг/Нийслэл")
        arch = partners.get_views([(False, "form")])["views"]["form"]["arch"]
        for mongolian in (
            'placeholder="Гудамж..."',
            'placeholder="Гудамж 2..."',
            'placeholder="Аймаг/Нийслэл"',
            'placeholder="ж.нь. Мод ХХК"',
            'placeholder="ж.нь. https://www.odoo.com"',
            "Борлуулалт ба худалдан авалт",
            "Харилцагчид",
            "Тэмдэглэлүүд",
        ):
            self.assertIn(mongolian, arch)
        for english in ('placeholder="Street..."', ">Sales &amp; Purchase<", 'string="Notes"'):
            self.assertNotIn(english, arch)
        self.assertEqual(get_translation("account", MN, "not applicable", ()), "хамаарахгүй")

    def test_quotation_form_quote_builder_tab(self):
        admin = self.env.ref("base.user_admin")
        orders = self.env["sale.order"].with_user(admin).with_context(lang=MN)
        arch = orders.get_views([(False, "form")])["views"]["form"]["arch"]
        self.assertIn('string="Үнийн санал бүрдүүлэгч"', arch)
        self.assertNotIn('string="Quote Builder"', arch)

    # -- code terms ----------------------------------------------------------------------

    def test_code_terms_of_core_modules_are_mongolian(self):
        self.assertFalse(code_translations.apply_patch(), "the patch is applied at import")
        self.assertEqual(
            get_translation("crm", MN, "Lead or Opportunity", ()), "Сэжим эсвэл боломж"
        )
        self.assertEqual(get_translation("account", MN, "Untaxed Amount", ()), "Татваргүй дүн")
        web_terms = {
            m["id"]: m["string"] for m in cache.get_web_translations("web", MN)["messages"]
        }
        self.assertEqual(web_terms.get("New"), "Шинэ")
        self.assertEqual(web_terms.get("Save"), "Хадгалах")
        self.assertEqual(web_terms.get("Add %s"), "%s нэмэх")
        mail_terms = {
            m["id"]: m["string"] for m in cache.get_web_translations("mail", MN)["messages"]
        }
        self.assertEqual(mail_terms.get("Creating a new record..."), "Шинэ бичлэг үүсгэж байна...")
        # other languages are left alone
        self.assertEqual(code_translations.pack_translations("crm", "fr_FR", bool), {})

    def test_env_translation_in_a_crm_method(self):
        """crm.lead._compute_meeting_display uses _('No Meeting') inside crm's code."""
        lead = self.env["crm.lead"].with_context(lang=MN).create({"name": "Тест"})
        self.assertEqual(lead.meeting_display_label, "Уулзалтгүй")
        lead_en = self.env["crm.lead"].with_context(lang="en_US").create({"name": "Test"})
        self.assertEqual(lead_en.meeting_display_label, "No Meeting")

    def test_module_own_translation_wins_over_pack(self):
        own = {"Lead or Opportunity": "Өөрийн орчуулга"}
        with patch.object(
            code_translations.translate.CodeTranslations,
            "_get_code_translations",
            staticmethod(lambda module, lang, func: dict(own)),
        ):
            merged = code_translations.merged_translations("crm", MN, lambda row: row.get("value"))
        self.assertEqual(merged["Lead or Opportunity"], "Өөрийн орчуулга")
        self.assertEqual(merged["No Meeting"], "Уулзалтгүй")

    def test_databases_without_the_suite_keep_cores_terms(self):
        """One server serves several databases: the pack is for those with the suite."""
        thread = threading.current_thread()
        own_db = thread.dbname
        self.assertTrue(code_translations.suite_installed())
        try:
            thread.dbname = "mn_database_without_the_suite"
            self.assertFalse(code_translations.suite_installed())
            self.assertNotEqual(
                get_translation("crm", MN, "Lead or Opportunity", ()), "Сэжим эсвэл боломж"
            )
            web = cache.get_web_translations("web", MN)["messages"]
            self.assertNotIn("Шинэ", {message["string"] for message in web})
        finally:
            thread.dbname = own_db
        self.assertEqual(
            get_translation("crm", MN, "Lead or Opportunity", ()), "Сэжим эсвэл боломж"
        )


@tagged("post_install", "-at_install")
class TestLanguagePackWebClient(HttpCase):
    def test_webclient_translations_endpoint_is_mongolian(self):
        self.env["res.lang"]._activate_lang(MN)
        response = self.url_open(f"/web/webclient/translations?lang={MN}&mods=web,crm")
        self.assertEqual(response.status_code, 200)
        body = response.json()
        self.assertEqual(body["lang"], MN)
        web = {m["id"]: m["string"] for m in body["modules"]["web"]["messages"]}
        self.assertEqual(web["New"], "Шинэ")
        self.assertEqual(web["Discard"], "Үл хэрэгсэх")


@tagged("post_install", "-at_install")
class TestLanguagePackLoadedByInstall(TransactionCase):
    """Odoo itself loads i18n_extra/mn.po when the addon is installed in a Mongolian
    database (nothing reloaded here: the values come from the installation)."""

    def test_install_loaded_the_pack(self):
        if not self.env["res.lang"]._get_code(MN):
            self.skipTest("Mongolian was not installed before the addon in this database")
        menu = self.env.ref("crm.menu_crm_lost_reason").with_context(lang=MN)
        self.assertEqual(menu.name, "Амжилтгүй болсон шалтгаанууд")
        stage = self.env.ref("crm.stage_lead2").with_context(lang=MN)
        self.assertEqual(stage.name, "Шалгагдсан")
