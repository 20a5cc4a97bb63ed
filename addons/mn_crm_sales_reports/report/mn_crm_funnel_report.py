from odoo import fields, models
from odoo.tools import SQL, drop_view_if_exists

from . import mn_crm_funnel_fact
from .mn_report_dimensions import CUSTOMER_DEPENDS, customer_kind_selection


class MnCrmFunnelReport(models.Model):
    """Conversion funnel, one row per lead (archived and lost ones included).

    A lead is counted at every step it reached, so each step is a subset of the previous
    one and a step rate is a true conversion rate:

    1. lead: every lead or opportunity (dated by its creation, the cohort's period);
    2. opportunity: it is (or became) an opportunity;
    3. quotation: it has at least one sale order that is not cancelled;
    4. order: at least one of them is confirmed;
    5. invoiced: a confirmed order of it has a posted customer invoice;
    6. paid: one of those invoices is paid (or in payment).

    Amounts: quotations and orders in untaxed company currency (order amount / order rate);
    invoiced and paid = untaxed amount (company currency, credit notes negative) of those
    distinct invoices, fully paid ones only for "paid". Orders created without an
    opportunity are not part of the funnel (see the sales analysis for them). An invoice
    grouping the orders of several leads counts for each of them.
    Step rates are ratio measures (``mn.report.ratio.mixin``), exact in every cell.
    Customer kind and tier are those of the lead's customer (``mn_report_dimensions``).
    """

    _name = "mn.crm.funnel.report"
    _inherit = ["mn.report.ratio.mixin"]
    _description = "Conversion Funnel"
    _auto = False
    _rec_name = "name"
    _order = "date desc, id desc"

    _depends = {
        "crm.lead": [
            "active",
            "company_id",
            "create_date",
            "date_conversion",
            "name",
            "partner_id",
            "team_id",
            "type",
            "user_id",
        ],
        "sale.order": ["amount_untaxed", "currency_rate", "opportunity_id", "state"],
        "sale.order.line": ["invoice_lines", "order_id"],
        "account.move.line": ["move_id"],
        "account.move": ["amount_untaxed_signed", "move_type", "payment_state", "state"],
        **CUSTOMER_DEPENDS,
    }
    _mn_ratios = {
        "opportunity_rate": ("opportunity_count", "lead_count"),
        "quotation_rate": ("quotation_count", "opportunity_count"),
        "order_rate": ("order_count", "quotation_count"),
        "invoiced_rate": ("invoiced_count", "order_count"),
        "paid_rate": ("paid_count", "invoiced_count"),
        "conversion_rate": ("order_count", "lead_count"),
    }

    lead_id = fields.Many2one("crm.lead", string="Lead/Opportunity", readonly=True)
    name = fields.Char(readonly=True)
    date = fields.Datetime(string="Created On", readonly=True)
    lead_active = fields.Boolean(string="Active Lead", readonly=True)
    company_id = fields.Many2one("res.company", readonly=True)
    currency_id = fields.Many2one("res.currency", readonly=True)
    team_id = fields.Many2one("crm.team", string="Sales Team", readonly=True)
    user_id = fields.Many2one("res.users", string="Salesperson", readonly=True)
    partner_id = fields.Many2one("res.partner", string="Customer", readonly=True)
    customer_kind = fields.Selection(selection=customer_kind_selection, readonly=True)
    customer_tier_id = fields.Many2one("mn.partner.tier", readonly=True)

    lead_count = fields.Integer(string="# Leads", readonly=True)
    opportunity_count = fields.Integer(string="# Opportunities", readonly=True)
    quotation_count = fields.Integer(string="# With Quotation", readonly=True)
    order_count = fields.Integer(string="# With Order", readonly=True)
    invoiced_count = fields.Integer(string="# Invoiced", readonly=True)
    paid_count = fields.Integer(string="# Paid", readonly=True)

    quotation_amount = fields.Monetary(string="Quoted Amount", readonly=True)
    order_amount = fields.Monetary(string="Ordered Amount", readonly=True)
    invoiced_amount = fields.Monetary(readonly=True)
    paid_amount = fields.Monetary(readonly=True)

    opportunity_rate = fields.Float(
        string="Lead → Opportunity (%)", readonly=True, aggregator="avg"
    )
    quotation_rate = fields.Float(
        string="Opportunity → Quotation (%)", readonly=True, aggregator="avg"
    )
    order_rate = fields.Float(string="Quotation → Order (%)", readonly=True, aggregator="avg")
    invoiced_rate = fields.Float(string="Order → Invoiced (%)", readonly=True, aggregator="avg")
    paid_rate = fields.Float(string="Invoiced → Paid (%)", readonly=True, aggregator="avg")
    conversion_rate = fields.Float(string="Lead → Order (%)", readonly=True, aggregator="avg")

    def _mn_select(self, live=False):
        """The report's rows; ``live`` computes the order and invoice steps from the source
        tables instead of reading them from ``mn_crm_funnel_fact`` (the definition the
        exactness tests compare the facts with)."""
        steps = (
            SQL("(%s)", mn_crm_funnel_fact.live_select())
            if live
            else SQL.identifier(mn_crm_funnel_fact.FACT_TABLE)
        )
        return SQL(
            """
            SELECT
                l.id AS id,
                l.id AS lead_id,
                l.name AS name,
                l.create_date AS date,
                l.active AS lead_active,
                l.company_id AS company_id,
                COALESCE(c.currency_id, %(main_currency)s) AS currency_id,
                l.team_id AS team_id,
                l.user_id AS user_id,
                l.partner_id AS partner_id,
                cust.mn_register_kind AS customer_kind,
                cust.mn_tier_id AS customer_tier_id,
                1 AS lead_count,
                CASE WHEN l.type = 'opportunity' OR l.date_conversion IS NOT NULL
                     THEN 1 ELSE 0 END AS opportunity_count,
                CASE WHEN st.quotations > 0 THEN 1 ELSE 0 END AS quotation_count,
                CASE WHEN st.orders > 0 THEN 1 ELSE 0 END AS order_count,
                CASE WHEN st.invoices > 0 THEN 1 ELSE 0 END AS invoiced_count,
                CASE WHEN st.paid_invoices > 0 THEN 1 ELSE 0 END AS paid_count,
                COALESCE(st.quotation_amount, 0) AS quotation_amount,
                COALESCE(st.order_amount, 0) AS order_amount,
                COALESCE(st.invoiced_amount, 0) AS invoiced_amount,
                COALESCE(st.paid_amount, 0) AS paid_amount,
                CASE WHEN l.type = 'opportunity' OR l.date_conversion IS NOT NULL
                     THEN 100.0 ELSE 0.0 END AS opportunity_rate,
                NULL::float AS quotation_rate,
                NULL::float AS order_rate,
                NULL::float AS invoiced_rate,
                NULL::float AS paid_rate,
                CASE WHEN st.orders > 0 THEN 100.0 ELSE 0.0 END AS conversion_rate
            FROM crm_lead l
            LEFT JOIN res_company c ON c.id = l.company_id
            LEFT JOIN res_partner cust ON cust.id = l.partner_id
            LEFT JOIN %(steps)s st ON st.lead_id = l.id
            """,
            main_currency=self.env.ref("base.main_company").currency_id.id,
            steps=steps,
        )

    def init(self):
        # install and upgrade: triggers from the current code, every row recomputed
        mn_crm_funnel_fact.install(self.env.cr)
        drop_view_if_exists(self.env.cr, self._table)
        self.env.cr.execute(
            SQL("CREATE OR REPLACE VIEW %s AS (%s)", SQL.identifier(self._table), self._mn_select())
        )

    def _register_hook(self):
        # a restore out of step with its order and invoice data (see sale.report's)
        super()._register_hook()
        cr = self.env.cr
        if mn_crm_funnel_fact.table_exists(cr) and not mn_crm_funnel_fact.is_current(cr):
            mn_crm_funnel_fact.install(cr)
