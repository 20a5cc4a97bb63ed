from odoo import api, fields, models
from odoo.exceptions import ValidationError


def check_max_discount_range(records):
    """Refuse a maximum discount outside 0-100 with a translated message.

    The SQL check below holds in the database; its message reaches an XML-RPC or JSON-2
    caller in English whatever the language of the call, so this check runs first.
    """
    if any(not 0.0 <= record.mn_max_discount <= 100.0 for record in records):
        raise ValidationError(
            records.env._("A maximum discount is a percentage between 0 and 100.")
        )


class ResCompany(models.Model):
    _inherit = "res.company"  # pylint: disable=consider-merging-classes-inherited

    mn_discount_approval = fields.Boolean(
        string="Discount approval",
        default=True,
        help="Quotations with a line discount above its limit need the approval of the "
        "team leader or a sales manager before they are sent or confirmed.",
    )
    mn_max_discount = fields.Float(
        string="Default maximum discount (%)",
        digits="Discount",
        help="Line discount limit used when neither the product category, the salesperson "
        "nor the sales team has one. 0 means no company-wide limit.",
    )

    _mn_max_discount_range = models.Constraint(
        "CHECK(mn_max_discount >= 0 AND mn_max_discount <= 100)",
        "A maximum discount is a percentage between 0 and 100.",
    )

    @api.constrains("mn_max_discount")
    def _check_mn_max_discount_range(self):
        check_max_discount_range(self)

    @api.model
    def _mn_rule_switches(self):
        return super()._mn_rule_switches() + ["mn_discount_approval"]
