from odoo import api, fields, models
from odoo.exceptions import ValidationError


class MnMinMarginMixin(models.AbstractModel):
    """A minimum margin over cost, in percent: the company's default, a product
    category's, a pricelist rule's. One field definition and one check for all three; each
    model says in its help where its margin applies."""

    _name = "mn.min.margin.mixin"
    _description = "Minimum Margin over Cost"

    mn_min_margin = fields.Float(string="Minimum Margin (%)", digits=(16, 2))

    @api.constrains("mn_min_margin")
    def _check_mn_pricing_min_margin(self):
        if any(record.mn_min_margin < 0 for record in self):
            raise ValidationError(self.env._("A minimum margin cannot be negative."))
