from odoo.tests import HttpCase, new_test_user, tagged


@tagged("post_install", "-at_install", "mn_tour")
class TestUiMongolian(HttpCase):
    def test_mongolian_top_menu(self):
        self.env["res.lang"]._activate_lang("mn_MN")
        new_test_user(
            self.env,
            login="mn_sales",
            lang="mn_MN",
            tz="Asia/Ulaanbaatar",
            groups="sales_team.group_sale_manager,stock.group_stock_user",
        )
        self.start_tour("/odoo", "mn_crm_sales_mongolian_menu", login="mn_sales")
