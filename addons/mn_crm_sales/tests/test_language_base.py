from odoo.tests import TransactionCase, tagged


@tagged("post_install", "-at_install")
class TestMongolianBase(TransactionCase):
    """The suite ships Mongolian names for the seed's apps and can switch its rules off."""

    def test_top_menus_are_mongolian(self):
        self.env["res.lang"]._activate_lang("mn_MN")
        menus = {
            "sale.sale_menu_root": "Борлуулалт",
            "stock.menu_stock_root": "Агуулах",
            "crm.crm_menu_root": "CRM",
        }
        for xmlid, expected in menus.items():
            with self.subTest(menu=xmlid):
                menu = self.env.ref(xmlid).with_context(lang="mn_MN")
                self.assertEqual(menu.name, expected)

    def test_english_is_untouched(self):
        menu = self.env.ref("sale.sale_menu_root").with_context(lang="en_US")
        self.assertEqual(menu.name, "Sales")
