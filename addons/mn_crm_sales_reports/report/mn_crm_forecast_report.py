from odoo import fields, models
from odoo.tools import SQL, drop_view_if_exists

from .mn_report_dimensions import CUSTOMER_DEPENDS, customer_kind_selection


class MnCrmForecastReport(models.Model):
    """Open pipeline by expected closing month, and the sales cycle of won deals.

    One row per opportunity that is open (active, neither won nor lost) or won:

    * open rows carry the expected revenue and the revenue weighted by probability
      (expected revenue x probability / 100, not rounded), dated by their expected closing
      date (``date_deadline``; none = "no date" group);
    * won rows carry the won revenue and the sales cycle: days from creation to closing,
      averaged over won deals only (the measure is empty on open rows, and PostgreSQL's
      AVG ignores empty values, so every group shows the exact average of its won deals).

    Customer kind and tier are those of the opportunity's customer (``mn_report_dimensions``).
    """

    _name = "mn.crm.forecast.report"
    _description = "Pipeline Forecast"
    _auto = False
    _rec_name = "name"
    _order = "date_deadline, id"

    _depends = {
        "crm.lead": [
            "active",
            "company_id",
            "create_date",
            "date_closed",
            "date_deadline",
            "expected_revenue",
            "name",
            "partner_id",
            "probability",
            "stage_id",
            "team_id",
            "type",
            "user_id",
            "won_status",
        ],
        **CUSTOMER_DEPENDS,
    }

    lead_id = fields.Many2one("crm.lead", string="Opportunity", readonly=True)
    name = fields.Char(readonly=True)
    state = fields.Selection([("open", "Open"), ("won", "Won")], string="Status", readonly=True)
    date_deadline = fields.Date(string="Expected Closing", readonly=True)
    date_closed = fields.Datetime(string="Won On", readonly=True)
    date_created = fields.Datetime(string="Created On", readonly=True)
    company_id = fields.Many2one("res.company", readonly=True)
    currency_id = fields.Many2one("res.currency", readonly=True)
    team_id = fields.Many2one("crm.team", string="Sales Team", readonly=True)
    user_id = fields.Many2one("res.users", string="Salesperson", readonly=True)
    partner_id = fields.Many2one("res.partner", string="Customer", readonly=True)
    customer_kind = fields.Selection(selection=customer_kind_selection, readonly=True)
    customer_tier_id = fields.Many2one("mn.partner.tier", readonly=True)
    stage_id = fields.Many2one("crm.stage", readonly=True)
    probability = fields.Float(string="Probability (%)", readonly=True, aggregator="avg")
    open_count = fields.Integer(string="# Open", readonly=True)
    won_count = fields.Integer(string="# Won", readonly=True)
    expected_revenue = fields.Monetary(readonly=True)
    weighted_revenue = fields.Monetary(readonly=True)
    won_revenue = fields.Monetary(readonly=True)
    cycle_days = fields.Float(string="Sales Cycle (days)", readonly=True, aggregator="avg")

    def _mn_select(self):
        return SQL(
            """
            SELECT
                l.id AS id,
                l.id AS lead_id,
                l.name AS name,
                CASE WHEN l.won_status = 'won' THEN 'won' ELSE 'open' END AS state,
                l.date_deadline AS date_deadline,
                CASE WHEN l.won_status = 'won' THEN l.date_closed END AS date_closed,
                l.create_date AS date_created,
                l.company_id AS company_id,
                COALESCE(c.currency_id, %(main_currency)s) AS currency_id,
                l.team_id AS team_id,
                l.user_id AS user_id,
                l.partner_id AS partner_id,
                cust.mn_register_kind AS customer_kind,
                cust.mn_tier_id AS customer_tier_id,
                l.stage_id AS stage_id,
                l.probability AS probability,
                CASE WHEN l.won_status = 'won' THEN 0 ELSE 1 END AS open_count,
                CASE WHEN l.won_status = 'won' THEN 1 ELSE 0 END AS won_count,
                CASE WHEN l.won_status = 'won' THEN 0 ELSE COALESCE(l.expected_revenue, 0) END
                    AS expected_revenue,
                CASE WHEN l.won_status = 'won' THEN 0
                     ELSE COALESCE(l.expected_revenue, 0) * COALESCE(l.probability, 0) / 100.0
                END AS weighted_revenue,
                CASE WHEN l.won_status = 'won' THEN COALESCE(l.expected_revenue, 0) ELSE 0 END
                    AS won_revenue,
                CASE WHEN l.won_status = 'won' AND l.date_closed IS NOT NULL
                     THEN EXTRACT(EPOCH FROM l.date_closed - l.create_date) / 86400.0
                END AS cycle_days
            FROM crm_lead l
            LEFT JOIN res_company c ON c.id = l.company_id
            LEFT JOIN res_partner cust ON cust.id = l.partner_id
            WHERE l.type = 'opportunity'
              AND (l.won_status = 'won' OR (l.won_status = 'pending' AND l.active))
            """,
            main_currency=self.env.ref("base.main_company").currency_id.id,
        )

    def init(self):
        drop_view_if_exists(self.env.cr, self._table)
        self.env.cr.execute(
            SQL("CREATE OR REPLACE VIEW %s AS (%s)", SQL.identifier(self._table), self._mn_select())
        )
