"""Shared fixture of the sales flow and document tests (a mixin, not a test case)."""

from odoo import Command

# 3 x 110 000 MNT, VAT 10 % included, 10 % discount:
# total 297 000 = untaxed 270 000 + VAT 27 000.
PRICE = 110_000.0
QTY = 3.0
DISCOUNT = 10.0
TOTAL = 297_000.0
UNTAXED = 270_000.0
VAT = 27_000.0
TOTAL_WORDS = "Хоёр зуун ерэн долоон мянган төгрөг"


class SaleFlowMixin:
    @classmethod
    def _setup_sale_flow(cls):
        cls.env = cls.env(user=cls.env.ref("base.user_admin"))
        cls.company = cls.env.company
        cls.mnt = cls.env.ref("base.MNT")
        cls.vat10 = cls.company.account_sale_tax_id
        cls.partner = cls.env["res.partner"].create(
            {"name": "Номин Трейд ХХК", "email": "info@nomin.example.mn", "lang": "mn_MN"}
        )
        cls.product = cls.env["product.product"].create(
            {
                "name": "Оффисын ширээ",
                "type": "consu",
                "list_price": PRICE,
                "invoice_policy": "delivery",
                "taxes_id": [Command.set(cls.vat10.ids)],
            }
        )

    @classmethod
    def _order_vals(cls, **extra):
        return {
            "partner_id": cls.partner.id,
            "order_line": [
                Command.create(
                    {
                        "product_id": cls.product.id,
                        "product_uom_qty": QTY,
                        "price_unit": PRICE,
                        "discount": DISCOUNT,
                    }
                )
            ],
            **extra,
        }

    def _deliver(self, order):
        """Validate the delivery of a confirmed order in full."""
        picking = order.picking_ids
        for move in picking.move_ids:
            move.write({"quantity": move.product_uom_qty, "picked": True})
        picking.button_validate()
        return picking

    def _invoice_from_order(self, order):
        """Sales > order > Create Invoice > Regular invoice."""
        wizard = (
            self.env["sale.advance.payment.inv"]
            .with_context(active_model="sale.order", active_ids=order.ids)
            .create({"advance_payment_method": "delivered"})
        )
        wizard.create_invoices()
        return order.invoice_ids
