from odoo import fields, models


class CrmLead(models.Model):
    _inherit = "crm.lead"  # pylint: disable=consider-merging-classes-inherited

    mn_customer_tier_id = fields.Many2one(
        related="partner_id.commercial_partner_id.mn_tier_id",
        string="Customer Tier",
        help="The tier of the opportunity's customer (its company's), which selects its prices.",
    )
