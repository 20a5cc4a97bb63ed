from odoo.tests import tagged
from odoo.tools.safe_eval import safe_eval

from .common import UB_TZ, MnReportsCase


@tagged("post_install", "-at_install")
class TestReportFavourites(MnReportsCase):
    """Every shared favourite of the reports opens: its domain, groupings and measures exist."""

    def test_favourites_open(self):
        favourites = self.env["ir.filters"].search(
            [("id", "in", self._module_record_ids("ir.filters"))]
        )
        names = set(favourites.with_context(lang="en_US").mapped("name"))
        for expected in (
            "Lost Deals by Reason Category",
            "Lost to Competitors",
            "Discounts by Tier",
            "Discounts by Approval",
        ):
            self.assertIn(expected, names)
        for favourite in favourites:
            with self.subTest(favourite=favourite.name):
                model = self.env[favourite.model_id].with_user(self.manager)
                context = safe_eval(favourite.context)
                groupby = context["group_by"]
                measures = [
                    f"{m}:{model._fields[m].aggregator or 'sum'}" if m != "__count" else m
                    for m in context.get("pivot_measures", [])
                ]
                model.with_context(tz=UB_TZ).formatted_read_group(
                    safe_eval(favourite.domain or "[]"), groupby, measures
                )
                action = self.env["ir.actions.act_window"].browse(favourite.action_id.id)
                self.assertEqual(action.res_model, favourite.model_id)

    def _module_record_ids(self, model):
        return (
            self.env["ir.model.data"]
            .search([("module", "=", "mn_crm_sales_reports"), ("model", "=", model)])
            .mapped("res_id")
        )
