from odoo import api, fields, models
from odoo.exceptions import ValidationError

from ..tools.periods import month_bounds_utc

MONTHS = [(str(number), str(number)) for number in range(1, 13)]
TOP_LIMIT = 10


class MnSalesSummaryWizard(models.TransientModel):
    """Pick a sales team and a month; print the team's monthly sales summary (PDF).

    Every figure is read from the report models with the user's own access rights, so a
    salesperson limited to their own documents gets a summary of their own sales.
    """

    _name = "mn.sales.summary.wizard"
    _description = "Monthly Sales Summary"

    team_id = fields.Many2one(
        "crm.team",
        string="Sales Team",
        required=True,
        default=lambda self: self.env["crm.team"]._get_default_team_id(),
    )
    year = fields.Integer(required=True, default=lambda self: fields.Date.context_today(self).year)
    month = fields.Selection(
        MONTHS,
        required=True,
        default=lambda self: str(fields.Date.context_today(self).month),
    )
    company_id = fields.Many2one(
        "res.company", required=True, default=lambda self: self.env.company
    )

    @api.constrains("year")
    def _check_year(self):
        for wizard in self:
            if not 2000 <= wizard.year <= 2100:
                raise ValidationError(self.env._("Pick a year between 2000 and 2100."))

    def action_print(self):
        """The PDF report action of this team's month (the web client downloads it)."""
        self.ensure_one()
        action = self.env.ref(
            "mn_crm_sales_reports.action_report_monthly_sales_summary"
        ).report_action(self)
        if action.get("data") is None:
            action.pop("data", None)  # XML-RPC cannot carry None; the client reads no data
        return action

    # -- figures ---------------------------------------------------------------------------

    def _mn_period(self):
        """The month as naive UTC bounds, cut in the user's time zone."""
        self.ensure_one()
        tz = self.env.context.get("tz") or self.env.user.tz or "UTC"
        return month_bounds_utc(self.year, int(self.month), tz)

    def _mn_sales_domain(self):
        start, end = self._mn_period()
        return [
            ("team_id", "=", self.team_id.id),
            ("company_id", "=", self.company_id.id),
            ("state", "in", self.env["sale.report"]._get_done_states()),
            ("date", ">=", start),
            ("date", "<", end),
        ]

    def _mn_closed_domain(self):
        start, end = self._mn_period()
        return [
            ("team_id", "=", self.team_id.id),
            ("company_id", "=", self.company_id.id),
            ("date_closed", ">=", start),
            ("date_closed", "<", end),
        ]

    def _mn_totals(self):
        report = self.env["sale.report"]
        domain = self._mn_sales_domain()
        measures = [
            "price_subtotal:sum",
            "price_total:sum",
            "mn_list_amount:sum",
            "mn_pricelist_discount_amount:sum",
            "mn_discount_amount:sum",
            "mn_discount_pct:avg",
            "mn_margin:sum",
            "mn_margin_pct:avg",
            "order_reference:count_distinct",
        ]
        row = report._read_group(domain, [], measures)[0]
        keys = [
            "untaxed",
            "total",
            "list_amount",
            "pricelist_discount",
            "discount",
            "discount_pct",
            "margin",
            "margin_pct",
            "orders",
        ]
        totals = {key: value or 0 for key, value in zip(keys, row, strict=True)}
        totals["approved_discount"] = self._mn_approved_discount()
        return totals

    def _mn_approved_discount(self):
        """Discount given on orders whose discounts were above a limit and got approved."""
        domain = [*self._mn_sales_domain(), ("mn_approval_state", "=", "approved")]
        (discount,) = self.env["sale.report"]._read_group(domain, [], ["mn_discount_amount:sum"])[0]
        return discount or 0

    def _mn_top(self, groupby):
        rows = self.env["sale.report"]._read_group(
            self._mn_sales_domain(),
            [groupby],
            ["price_subtotal:sum", "mn_discount_amount:sum", "product_uom_qty:sum"],
            order="price_subtotal:sum desc",
            limit=TOP_LIMIT,
        )
        return [
            {"record": record, "untaxed": untaxed, "discount": discount, "qty": qty}
            for record, untaxed, discount, qty in rows
        ]

    def _mn_winloss(self):
        rows = self.env["mn.crm.winloss.report"]._read_group(
            self._mn_closed_domain(),
            ["won_status", "lost_category_id", "lost_reason_id"],
            ["__count", "closed_revenue:sum"],
            order="won_status desc, lost_category_id, lost_reason_id",
        )
        return [
            {
                "status": status,
                "category": category,
                "reason": reason,
                "count": count,
                "revenue": revenue,
            }
            for status, category, reason, count, revenue in rows
        ]

    def _mn_winrate(self):
        won, lost, rate = self.env["mn.crm.winloss.report"]._read_group(
            self._mn_closed_domain(), [], ["won_count:sum", "lost_count:sum", "win_rate:avg"]
        )[0]
        return {"won": won or 0, "lost": lost or 0, "rate": rate or 0}

    def _mn_summary_values(self):
        """All figures of the summary (used by the PDF and by tests)."""
        self.ensure_one()
        start, end = self._mn_period()
        return {
            "team": self.team_id,
            "company": self.company_id,
            "currency": self.company_id.currency_id,
            "year": self.year,
            "month": int(self.month),
            "period_start": start,
            "period_end": end,
            "totals": self._mn_totals(),
            "top_customers": self._mn_top("partner_id"),
            "top_products": self._mn_top("product_id"),
            "winloss": self._mn_winloss(),
            "winrate": self._mn_winrate(),
        }
