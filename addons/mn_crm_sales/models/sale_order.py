from odoo import api, fields, models

from .protected_fields import derived_field_names, refuse_protected_values
from .sale_order_approval import PROTECTED_FIELDS as APPROVAL_FIELDS


class SaleOrder(models.Model):
    _inherit = "sale.order"

    mn_partner_register_number = fields.Char(
        string="Customer Register Number",
        related="partner_id.commercial_partner_id.mn_register_number",
        store=True,
        help="Register number of the customer's company (or of the customer), printed on "
        "the quotation and the order.",
    )

    def _mn_protected_fields(self):
        """Fields no caller writes: derived values, and the approval's own fields (which
        only the approval actions write, ``sale_order_approval.py``)."""
        return derived_field_names(self) | APPROVAL_FIELDS

    @api.model_create_multi
    def create(self, vals_list):
        orders = refuse_protected_values(self, vals_list, derived_field_names(self))
        return super(SaleOrder, orders).create(vals_list)

    def write(self, vals):
        refuse_protected_values(self, [vals], derived_field_names(self))
        return super().write(vals)


class SaleOrderLine(models.Model):
    _inherit = "sale.order.line"

    def _mn_protected_fields(self):
        """Derived values of the suite on order lines (the moment a line was priced)."""
        return derived_field_names(self)

    @api.model_create_multi
    def create(self, vals_list):
        lines = refuse_protected_values(self, vals_list, self._mn_protected_fields())
        return super(SaleOrderLine, lines).create(vals_list)

    def write(self, vals):
        refuse_protected_values(self, [vals], self._mn_protected_fields())
        return super().write(vals)
