"""Register numbers are unique in the database, not only in Python.

Two concurrent transactions both pass a Python check; the unique index over
``res.partner.mn_register_number_key`` (filled only while the company rule is on) refuses
the second. Refusals name no partner the caller may not read.
"""

from odoo import api
from odoo.exceptions import UserError, ValidationError
from odoo.modules.registry import Registry
from odoo.tests import BaseCase, TransactionCase, get_db_name, new_test_user, tagged
from odoo.tools import mute_logger

from odoo.addons.mn_crm_sales.models.register.res_partner import UNIQUE_INDEX_NAME

NUMBER = "2076543"
RACE_NUMBER = "2087654"


@tagged("post_install", "-at_install")
class TestRegisterNumberUniqueIndex(TransactionCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.company = cls.env.company
        cls.company.mn_register_number_unique = True
        cls.Partner = cls.env["res.partner"]
        cls.salesman = new_test_user(
            cls.env, login="mn_unique_salesman", groups="sales_team.group_sale_salesman"
        )

    def _company_partner(self, name, number=NUMBER, **values):
        return self.Partner.create(
            {
                "name": name,
                "is_company": True,
                "mn_register_number": number,
                "company_id": self.company.id,
                **values,
            }
        )

    def test_index_exists_and_key_follows_the_switch(self):
        self.env.cr.execute(
            "SELECT indexdef FROM pg_indexes WHERE indexname = %s", [UNIQUE_INDEX_NAME]
        )
        (definition,) = self.env.cr.fetchone()
        self.assertIn("UNIQUE", definition)
        self.assertIn("mn_register_number_key", definition)
        partner = self._company_partner("Монос ХХК")
        contact = self.Partner.create({"name": "Бат", "parent_id": partner.id})
        self.assertEqual(partner.mn_register_number_key, NUMBER)
        self.assertEqual(contact.mn_register_number, NUMBER)
        self.assertFalse(contact.mn_register_number_key)  # contacts share, never hold
        self.company.mn_register_number_unique = False
        self.assertFalse(partner.mn_register_number_key)
        self.company.mn_register_number_unique = True
        self.assertEqual(partner.mn_register_number_key, NUMBER)

    def test_archived_partners_keep_their_key(self):
        partner = self._company_partner("Монос ХХК")
        partner.action_archive()
        self.assertEqual(partner.mn_register_number_key, NUMBER)
        with self.assertRaisesRegex(ValidationError, "archived contact"):
            self._company_partner("Монос Фарм")

    def test_switch_on_refused_while_duplicates_exist(self):
        self.company.mn_register_number_unique = False
        first = self._company_partner("Монос ХХК")
        twin = self._company_partner("Монос ХХК (давхар)")
        with self.assertRaisesRegex(ValidationError, f"cannot be switched on.*{NUMBER}"):
            self.company.mn_register_number_unique = True
        self.company.invalidate_recordset()
        self.assertFalse(self.company.mn_register_number_unique)
        self.assertFalse(any((first | twin).mapped("mn_register_number_key")))
        twin.mn_register_number = False
        self.company.mn_register_number_unique = True
        self.assertEqual(first.mn_register_number_key, NUMBER)

    def test_key_is_written_by_the_server_only(self):
        partner = self._company_partner("Монос ХХК")
        for fname, value in {
            "mn_register_number_key": "9999999",
            "mn_register_kind": "individual",
            "mn_sex": "female",
            "mn_birth_date": "2000-01-01",
        }.items():
            with self.subTest(field=fname), self.assertRaisesRegex(UserError, fname):
                partner.with_user(self.salesman).write({fname: value})
        partner.invalidate_recordset()
        self.assertEqual(partner.mn_register_number_key, NUMBER)
        self.assertEqual(partner.mn_register_kind, "company")
        self.assertFalse(partner.mn_sex or partner.mn_birth_date)

    def test_refusal_names_no_partner_the_user_cannot_read(self):
        hidden = self.Partner.create(
            {"name": "Нууц ХХК", "is_company": True, "mn_register_number": NUMBER}
        )
        # a shared customer the salesperson may not read (a record rule hides it)
        self.env["ir.rule"].create(
            {
                "name": "MN test: hide one partner",
                "model_id": self.env["ir.model"]._get_id("res.partner"),
                "domain_force": f"[('id', '!=', {hidden.id})]",
                "groups": [(4, self.env.ref("base.group_user").id)],
            }
        )
        Partner = self.Partner.with_user(self.salesman)
        with self.assertRaises(ValidationError) as caught:
            Partner.create(
                {
                    "name": "Шинэ ХХК",
                    "is_company": True,
                    "mn_register_number": NUMBER,
                    "company_id": self.company.id,
                }
            )
        message = str(caught.exception)
        self.assertIn("another contact that you cannot see", message)
        self.assertNotIn("Нууц", message)
        self.assertFalse(Partner.sudo().search([("name", "=", "Шинэ ХХК")]))


@tagged("post_install", "-at_install")
class TestRegisterNumberConcurrency(BaseCase):
    """Two real transactions, each creating a customer with the same number."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.registry = Registry(get_db_name())
        with cls.registry.cursor() as cr:
            env = api.Environment(cr, api.SUPERUSER_ID, {})
            cls.company_id = env.company.id
            cls.switch_was = env.company.mn_register_number_unique
            env.company.mn_register_number_unique = True
        cls.addClassCleanup(cls._cleanup)

    @classmethod
    def _cleanup(cls):
        with cls.registry.cursor() as cr:
            env = api.Environment(cr, api.SUPERUSER_ID, {})
            env["res.partner"].with_context(active_test=False).search(
                [("mn_register_number", "=", RACE_NUMBER)]
            ).unlink()
            env["res.company"].browse(cls.company_id).mn_register_number_unique = cls.switch_was

    def _vals(self, name):
        return {
            "name": name,
            "is_company": True,
            "mn_register_number": RACE_NUMBER,
            "company_id": self.company_id,
        }

    @mute_logger("odoo.sql_db")
    def test_second_transaction_is_refused_by_the_database(self):
        with self.registry.cursor() as cr_a, self.registry.cursor() as cr_b:
            env_a = api.Environment(cr_a, api.SUPERUSER_ID, {})
            env_b = api.Environment(cr_b, api.SUPERUSER_ID, {})
            # both transactions start before either writes (their snapshots see no holder)
            self.assertFalse(
                env_a["res.partner"].search([("mn_register_number", "=", RACE_NUMBER)])
            )
            self.assertFalse(
                env_b["res.partner"].search([("mn_register_number", "=", RACE_NUMBER)])
            )
            env_a["res.partner"].create(self._vals("Уралдаан А ХХК"))
            cr_a.commit()
            # B's Python check still sees no holder (its snapshot predates A's commit): the
            # unique index refuses, turned into the rule's translated message
            with self.assertRaisesRegex(
                ValidationError, f"Register number {RACE_NUMBER} is already used by another contact"
            ):
                env_b["res.partner"].create(self._vals("Уралдаан Б ХХК"))
            cr_b.rollback()
        with self.registry.cursor() as cr:
            env = api.Environment(cr, api.SUPERUSER_ID, {})
            holders = (
                env["res.partner"]
                .with_context(active_test=False)
                .search([("mn_register_number", "=", RACE_NUMBER)])
            )
            self.assertEqual(holders.mapped("name"), ["Уралдаан А ХХК"])
