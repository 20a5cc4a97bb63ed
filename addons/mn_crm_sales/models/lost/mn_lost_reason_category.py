from odoo import api, fields, models
from odoo.exceptions import ValidationError

# Longest category code: a technical key, not a text.
CODE_SIZE = 64


class MnLostReasonCategory(models.Model):
    """Families of lost reasons (price, competitor, timing...) for win/loss analysis.

    Reasons are free text that every company words differently; a short list of
    categories keeps the reporting comparable across teams and years.
    """

    _name = "mn.lost.reason.category"
    _description = "Lost Reason Category"
    _order = "sequence, id"

    name = fields.Char(required=True, translate=True)
    code = fields.Char(
        help="Stable technical key for reports and integrations (e.g. price, competitor)."
    )
    sequence = fields.Integer(default=10)
    active = fields.Boolean(default=True)
    mn_requires_competitor = fields.Boolean(
        string="Requires Competitor",
        help="Opportunities lost for a reason of this category must name the competitor.",
    )
    reason_ids = fields.One2many("crm.lost.reason", "mn_category_id", string="Lost Reasons")
    reason_count = fields.Integer(compute="_compute_reason_count", string="Reasons")

    _code_unique = models.Constraint("UNIQUE(code)", "Category codes must be unique.")

    @api.constrains("code")
    def _check_code(self):
        if any(len(category.code or "") > CODE_SIZE for category in self):
            raise ValidationError(
                self.env._("A category code is at most %(size)s characters.", size=CODE_SIZE)
            )

    @api.depends("reason_ids")
    def _compute_reason_count(self):
        for category in self:
            category.reason_count = len(category.reason_ids)
