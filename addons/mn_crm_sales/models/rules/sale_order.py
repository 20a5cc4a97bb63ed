from odoo import models

# The states in which an order is still a quotation: prices and approvals are judged.
QUOTATION_STATES = ("draft", "sent")


class SaleOrder(models.Model):
    _inherit = "sale.order"

    def _mn_is_quotation(self):
        """Whether this order is still a quotation (draft or sent), ensure_one."""
        self.ensure_one()
        return self.state in QUOTATION_STATES
