from odoo import api, fields, models

# Switches of the lost-reason rules, in the order of the CRM issue.
LOST_RULE_SWITCHES = [
    "mn_lost_reason_required",
    "mn_lost_note_check",
    "mn_lost_reason_team_check",
    "mn_lost_competitor_check",
    "mn_lost_followup",
    "mn_lost_restore_log",
    "mn_lost_restore_managers_only",
    "mn_lost_block_confirmed_orders",
    "mn_offer_lost_on_cancel",
]


class ResCompany(models.Model):
    # res.company is extended once per rule family (models/<family>/res_company.py).
    _inherit = "res.company"  # pylint: disable=consider-merging-classes-inherited

    mn_lost_reason_required = fields.Boolean(
        string="Lost Reason Required",
        default=True,
        help="Opportunities can only be marked lost with a lost reason.",
    )
    mn_lost_note_check = fields.Boolean(
        string="Enforce Closing Notes",
        default=True,
        help="Lost reasons flagged 'Closing Note Required' refuse a loss without a note.",
    )
    mn_lost_reason_team_check = fields.Boolean(
        string="Lost Reasons per Sales Team",
        default=True,
        help="Lost reasons limited to some sales teams cannot be used by other teams.",
    )
    mn_lost_competitor_check = fields.Boolean(
        string="Name the Competitor",
        default=True,
        help="Losses to a competitor (category flagged 'Requires Competitor') must name it.",
    )
    mn_lost_followup = fields.Boolean(
        string="Follow-up Lost Opportunities",
        default=True,
        help="Lost reasons with a follow-up activity schedule it on the lost opportunity.",
    )
    mn_lost_restore_log = fields.Boolean(
        string="Log Restored Opportunities",
        default=True,
        help="Restoring a lost opportunity asks why and records who, when and why.",
    )
    # Off by default: restoring is how salespeople correct a mistaken "lost" or revive a
    # deal when the customer comes back; the restore log already makes every restore
    # accountable, so blocking it is left to companies that want a manager's decision.
    mn_lost_restore_managers_only = fields.Boolean(
        string="Only Managers Restore Lost Opportunities",
        default=False,
        help="Only sales managers (Sales: Administrator) may restore lost opportunities.",
    )
    mn_lost_block_confirmed_orders = fields.Boolean(
        string="Keep Opportunities with Confirmed Orders",
        default=True,
        help="An opportunity with a confirmed sales order cannot be marked lost.",
    )
    mn_offer_lost_on_cancel = fields.Boolean(
        string="Offer Lost on Cancelled Quotation",
        default=True,
        help="Cancelling the last open quotation of an opportunity offers to mark it lost.",
    )

    @api.model
    def _mn_rule_switches(self):
        return super()._mn_rule_switches() + LOST_RULE_SWITCHES
