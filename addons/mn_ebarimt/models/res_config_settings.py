from odoo import fields, models


class ResConfigSettings(models.TransientModel):
    _inherit = "res.config.settings"

    mn_ebarimt_enabled = fields.Boolean(related="company_id.mn_ebarimt_enabled", readonly=False)
    mn_ebarimt_url = fields.Char(related="company_id.mn_ebarimt_url", readonly=False)
    mn_ebarimt_merchant_tin = fields.Char(
        related="company_id.mn_ebarimt_merchant_tin", readonly=False
    )
    mn_ebarimt_branch_no = fields.Char(related="company_id.mn_ebarimt_branch_no", readonly=False)
    mn_ebarimt_pos_no = fields.Char(related="company_id.mn_ebarimt_pos_no", readonly=False)
    mn_ebarimt_district_code = fields.Char(
        related="company_id.mn_ebarimt_district_code", readonly=False
    )
    mn_ebarimt_city_tax_rate = fields.Selection(
        related="company_id.mn_ebarimt_city_tax_rate", readonly=False
    )
    mn_ebarimt_issue_on = fields.Selection(related="company_id.mn_ebarimt_issue_on", readonly=False)
    mn_ebarimt_payment_code = fields.Char(
        related="company_id.mn_ebarimt_payment_code", readonly=False
    )
