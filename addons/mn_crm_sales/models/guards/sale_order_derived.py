from odoo import api, models

from ..approval.sale_order import PROTECTED_FIELDS as APPROVAL_FIELDS
from ..rules.protected_fields import derived_field_names, refuse_protected_values


class SaleOrder(models.Model):
    _inherit = "sale.order"

    def _mn_protected_fields(self):
        """Fields no caller writes: derived values, and the approval's own fields (which
        only the approval actions write, ``models/approval/sale_order.py``)."""
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
