from odoo import api, fields, models
from odoo.exceptions import ValidationError

from ..rules.protected_fields import derived_field_names, refuse_protected_values

DEFAULT_CATEGORY_XMLID = "mn_crm_sales.lost_reason_category_other"
# Longest follow-up delay: ten years (a larger number would not fit the integer column).
MAX_FOLLOWUP_DAYS = 3650


class CrmLostReason(models.Model):
    """Lost reasons with the suite's rules: category, note, teams, competitor, follow-up."""

    _inherit = "crm.lost.reason"

    def _default_mn_category_id(self):
        return self.env.ref(DEFAULT_CATEGORY_XMLID, raise_if_not_found=False)

    mn_category_id = fields.Many2one(
        "mn.lost.reason.category",
        string="Category",
        default=lambda self: self._default_mn_category_id(),
        index=True,
        ondelete="restrict",
        help="Family of the reason, used to compare losses in reports.",
    )
    mn_note_required = fields.Boolean(
        string="Closing Note Required",
        help="Marking an opportunity lost for this reason requires a closing note.",
    )
    # Stored: marking leads lost reads it with the reason (no query of the category).
    mn_requires_competitor = fields.Boolean(
        related="mn_category_id.mn_requires_competitor", store=True
    )
    mn_team_ids = fields.Many2many(
        "crm.team",
        string="Sales Teams",
        help="Only these sales teams may use the reason. Empty: every team.",
    )
    mn_team_limited = fields.Boolean(
        string="Limited to Sales Teams",
        compute="_compute_mn_team_limited",
        store=True,
    )
    mn_followup_activity_type_id = fields.Many2one(
        "mail.activity.type",
        string="Follow-up Activity",
        domain="['|', ('res_model', '=', False), ('res_model', '=', 'crm.lead')]",
        help="Schedule this activity on opportunities lost for this reason, so that they "
        "are looked at again later (e.g. no budget this year).",
    )
    mn_followup_days = fields.Integer(
        string="Follow-up After (Days)",
        help="Days between marking the opportunity lost and the follow-up activity.",
    )

    _mn_followup_days_positive = models.Constraint(
        "CHECK(mn_followup_days >= 0)", "The follow-up delay cannot be negative."
    )

    @api.depends("mn_team_ids")
    def _compute_mn_team_limited(self):
        """Whether any team, archived or not, is linked: read with the reason, so that a
        reason open to every team (the usual case) is checked without reading its teams."""
        for reason in self:
            reason.mn_team_limited = bool(reason.with_context(active_test=False).mn_team_ids)

    @api.model_create_multi
    def create(self, vals_list):
        """The stored flags the lost rules read are the server's (``protected_fields``)."""
        reasons = refuse_protected_values(self, vals_list, derived_field_names(self))
        return super(CrmLostReason, reasons).create(vals_list)

    def write(self, vals):
        refuse_protected_values(self, [vals], derived_field_names(self))
        return super().write(vals)

    @api.constrains("mn_followup_days")
    def _check_mn_followup_days(self):
        # the SQL check's message would reach RPC callers untranslated: this one runs first
        if any(reason.mn_followup_days < 0 for reason in self):
            raise ValidationError(self.env._("The follow-up delay cannot be negative."))
        if any(reason.mn_followup_days > MAX_FOLLOWUP_DAYS for reason in self):
            raise ValidationError(
                self.env._("A follow-up delay is at most %(days)s days.", days=MAX_FOLLOWUP_DAYS)
            )

    def _mn_allowed_for_team(self, team):
        """Whether this reason may be used on an opportunity of ``team``.

        A reason without teams is open to all; a limited reason needs the opportunity to
        belong to one of its teams (an opportunity without team cannot use it).
        """
        self.ensure_one()
        if not self.mn_team_limited:
            # no team linked at all (a deleted team may leave the flag on: then the teams
            # are read, as without the flag)
            return True
        return not self.mn_team_ids or team in self.mn_team_ids

    @api.model
    def _mn_set_default_category(self):
        """Put reasons that predate the suite (core's, the company's) in "Other"."""
        other = self.env.ref(DEFAULT_CATEGORY_XMLID, raise_if_not_found=False)
        if other:
            reasons = self.with_context(active_test=False).search([("mn_category_id", "=", False)])
            reasons.write({"mn_category_id": other.id})
