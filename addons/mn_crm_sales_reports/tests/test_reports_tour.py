from odoo.tests import HttpCase, new_test_user, tagged


@tagged("post_install", "-at_install", "mn_tour")
class TestReportsTour(HttpCase):
    def test_reports_tour(self):
        """A Mongolian sales manager opens every report and switches it to its graph."""
        self.env["res.lang"]._activate_lang("mn_MN")
        new_test_user(
            self.env,
            login="mn_rep_tour",
            lang="mn_MN",
            tz="Asia/Ulaanbaatar",
            groups="sales_team.group_sale_manager,stock.group_stock_user",
        )
        self.start_tour("/odoo", "mn_crm_sales_reports_tour", login="mn_rep_tour")


@tagged("post_install", "-at_install", "mn_tour")
class TestReportsTourPhone(TestReportsTour):
    """The same tour on a phone with touch; every report must fit the phone's width."""

    browser_size = "390x844"
    touch_enabled = True

    # Odoo's test loader runs only the methods a class defines itself; pytest-odoo (the
    # harness) also runs the inherited ones: hide the desktop test so the phone runs once
    test_reports_tour = None

    def test_reports_tour_phone(self):
        TestReportsTour.test_reports_tour(self)
