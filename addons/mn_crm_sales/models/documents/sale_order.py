from odoo import models

from .account_move import mn_amount_in_words


class SaleOrder(models.Model):
    _inherit = "sale.order"

    def _mn_amount_in_words(self):
        """Total of this quotation/order in words (Mongolian for MNT), printed on the PDF."""
        self.ensure_one()
        return mn_amount_in_words(self.currency_id, self.amount_total)

    def get_mn_amount_in_words(self):
        """External API: the total of each order in words.

        Returns plain values usable over XML-RPC and JSON-2:
        ``[{"id": 7, "name": "S00012", "amount_total": 297000.0, "currency": "MNT",
        "amount_in_words": "Хоёр зуун ..."}]``.
        """
        self.check_access("read")
        return [
            {
                "id": order.id,
                "name": order.name,
                "amount_total": order.amount_total,
                "currency": order.currency_id.name,
                "amount_in_words": order._mn_amount_in_words(),
            }
            for order in self
        ]

    def _find_mail_template(self):
        """Quotations to Mongolian-speaking customers go out with the Mongolian template.

        Only for quotations (not pro-forma, not confirmed orders), and only where the
        company keeps the switch "Mongolian quotation e-mail" on.
        """
        template = super()._find_mail_template()
        if (
            self._mn_is_quotation()
            and not self.env.context.get("proforma")
            and self.company_id.mn_quotation_mail_mongolian
            and self.partner_id.lang == "mn_MN"
        ):
            mongolian = self.env.ref(
                "mn_crm_sales.mail_template_sale_quotation_mn", raise_if_not_found=False
            )
            return mongolian or template
        return template

    def action_view_invoice(self, invoices=False):
        """Core leaves ``default_invoice_payment_term_id`` as None when no payment term
        applies; None cannot be sent over XML-RPC, so "create invoices" (which returns this
        action) failed for external scripts. A None default is the same as no default."""
        action = super().action_view_invoice(invoices=invoices)
        if isinstance(action.get("context"), dict):
            action["context"] = {k: v for k, v in action["context"].items() if v is not None}
        return action
