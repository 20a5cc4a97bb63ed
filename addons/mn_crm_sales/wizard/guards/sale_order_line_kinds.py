"""Core's wizards that make down-payment and whole-order discount lines.

They are the only makers of those line kinds on an order whose company judges quotations
(``models/guards/sale_order_line_kinds.py``): they run with the internal flag ``LINE_KIND_WRITE``.
A down payment also invoices the order, so it waits for the discount approval like any
other invoice (``sale.order._mn_check_invoicing``).
"""

from odoo import models

from ...tools.context_keys import LINE_KIND_WRITE


class SaleAdvancePaymentInv(models.TransientModel):
    _inherit = "sale.advance.payment.inv"

    def _create_invoices(self, sale_orders):
        sale_orders._mn_check_invoicing()
        return super(SaleAdvancePaymentInv, LINE_KIND_WRITE.on(self))._create_invoices(sale_orders)


class SaleOrderDiscount(models.TransientModel):
    _inherit = "sale.order.discount"

    def action_apply_discount(self):
        """Add core's order-level discount lines (the only maker of that line kind).

        Returns a window-closing action where core returns nothing (XML-RPC cannot carry
        None; the web client closes the dialog either way).
        """
        result = super(SaleOrderDiscount, LINE_KIND_WRITE.on(self)).action_apply_discount()
        return {"type": "ir.actions.act_window_close"} if result is None else result
