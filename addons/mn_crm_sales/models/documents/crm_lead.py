from odoo import api, fields, models
from odoo.exceptions import UserError


class CrmLead(models.Model):
    _inherit = "crm.lead"

    mn_invoice_ids = fields.Many2many(
        "account.move",
        string="Invoices",
        compute="_compute_mn_invoice_ids",
        help="Invoices of the sales orders of this opportunity.",
    )
    mn_invoice_count = fields.Integer(string="Invoice Count", compute="_compute_mn_invoice_ids")
    mn_order_to_invoice_count = fields.Integer(
        string="Orders to Invoice",
        compute="_compute_mn_order_to_invoice_count",
        help="Confirmed orders of this opportunity with something to invoice.",
    )

    @api.depends("order_ids.invoice_ids")
    def _compute_mn_invoice_ids(self):
        for lead in self:
            invoices = lead.order_ids.invoice_ids
            lead.mn_invoice_ids = invoices
            lead.mn_invoice_count = len(invoices)

    @api.depends("order_ids.state", "order_ids.invoice_status")
    def _compute_mn_order_to_invoice_count(self):
        for lead in self:
            lead.mn_order_to_invoice_count = len(lead._mn_orders_to_invoice())

    def _mn_orders_to_invoice(self):
        """Confirmed orders of these opportunities whose delivered goods wait for an invoice."""
        return self.order_ids.filtered(
            lambda order: order.state == "sale" and order.invoice_status == "to invoice"
        )

    def action_mn_view_invoices(self):
        """Smart button: the invoices of this opportunity's orders (as Sales shows them)."""
        self.ensure_one()
        return self.order_ids.action_view_invoice(invoices=self.mn_invoice_ids)

    def action_mn_create_invoices(self):
        """Invoice what was delivered on this opportunity's orders, then show the invoices.

        Same as Sales' "Create Invoice" with "Regular invoice" (``sale.advance.payment.inv``,
        down payments deducted) on every confirmed order that has something to invoice.
        """
        orders = self._mn_orders_to_invoice()
        if not orders:
            raise UserError(
                self.env._(
                    "There is nothing to invoice: no confirmed order of this opportunity has "
                    "delivered or ordered quantities waiting for an invoice."
                )
            )
        wizard = (
            self.env["sale.advance.payment.inv"]
            .with_context(active_model="sale.order", active_ids=orders.ids)
            .create({"advance_payment_method": "delivered", "sale_order_ids": orders.ids})
        )
        return wizard.create_invoices()
