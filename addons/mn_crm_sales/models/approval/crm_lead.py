from odoo import api, fields, models

from ..rules.sale_order import QUOTATION_STATES

# The state a card shows when an opportunity has several quotations: the one that asks
# the most of someone first (a request to make, a decision to take, a rejection to read).
APPROVAL_STATE_URGENCY = ("to_request", "requested", "rejected", "approved")


class CrmLead(models.Model):
    _inherit = "crm.lead"  # pylint: disable=consider-merging-classes-inherited

    mn_quotation_approval_state = fields.Selection(
        # the quotation's labels in the user's language: a callable selection is not
        # translated by the ORM
        selection=lambda self: self.env["sale.order"]
        ._fields["mn_approval_state"]
        ._description_selection(self.env),
        string="Quotations' Discount Approval",
        compute="_compute_mn_quotation_approval_state",
        help="Discount approval of the opportunity's open quotations: the most urgent one "
        "when there are several (to request, requested, rejected, approved).",
    )

    @api.depends("order_ids.state", "order_ids.mn_approval_state")
    def _compute_mn_quotation_approval_state(self):
        for lead in self:
            states = set(
                lead.order_ids.filtered(lambda order: order.state in QUOTATION_STATES).mapped(
                    "mn_approval_state"
                )
            )
            lead.mn_quotation_approval_state = next(
                (state for state in APPROVAL_STATE_URGENCY if state in states), False
            )
