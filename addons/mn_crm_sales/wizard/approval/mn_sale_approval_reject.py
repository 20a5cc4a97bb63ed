from odoo import fields, models


class MnSaleApprovalReject(models.TransientModel):
    """Asks the approver for the reason before ``sale.order.action_mn_reject``."""

    _name = "mn.sale.approval.reject"
    _description = "Reject quotation discounts"

    order_id = fields.Many2one("sale.order", string="Quotation", required=True)
    reason = fields.Text(required=True)

    def action_reject(self):
        """Reject the quotation's discounts with the reason given (``action_mn_reject``)."""
        self.ensure_one()
        self.order_id.action_mn_reject(self.reason)
        return {"type": "ir.actions.act_window_close"}
