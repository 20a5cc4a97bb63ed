"""Register numbers printed on quotations, orders and invoices."""

from odoo import Command
from odoo.tests import TransactionCase, tagged

CUSTOMER_NUMBER = "2012345"
SELLER_NUMBER = "4455667"


@tagged("post_install", "-at_install")
class TestRegisterNumberReport(TransactionCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env.company.mn_register_number = SELLER_NUMBER
        cls.customer = cls.env["res.partner"].create(
            {"name": "Монос ХХК", "is_company": True, "mn_register_number": CUSTOMER_NUMBER}
        )
        cls.contact = cls.env["res.partner"].create({"name": "Бат", "parent_id": cls.customer.id})
        # Documents print in the customer's language; these tests read the English labels
        # (the Mongolian ones come from i18n/mn.po, checked by TestSuiteTranslations).
        (cls.customer | cls.contact).lang = "en_US"
        cls.product = cls.env["product.product"].create({"name": "Цемент", "list_price": 100.0})

    def render(self, report_ref, records):
        html, _type = self.env["ir.actions.report"]._render_qweb_html(report_ref, records.ids)
        return html.decode()

    def test_quotation_prints_both_numbers(self):
        order = self.env["sale.order"].create(
            {
                "partner_id": self.contact.id,
                "order_line": [Command.create({"product_id": self.product.id})],
            }
        )
        html = self.render("sale.action_report_saleorder", order)
        self.assertIn("mn_partner_register_number", html)
        self.assertIn(CUSTOMER_NUMBER, html)
        self.assertIn("mn_company_register_number", html)
        self.assertIn(SELLER_NUMBER, html)

    def test_quotation_without_numbers_prints_neither_line(self):
        self.env.company.mn_register_number = False
        customer = self.env["res.partner"].create({"name": "Дорж"})
        order = self.env["sale.order"].create({"partner_id": customer.id})
        html = self.render("sale.action_report_saleorder", order)
        self.assertNotIn("mn_partner_register_number", html)
        self.assertNotIn("mn_company_register_number", html)

    def test_invoice_prints_both_numbers(self):
        invoice = self.env["account.move"].create(
            {
                "move_type": "out_invoice",
                "partner_id": self.contact.id,
                "invoice_line_ids": [
                    Command.create({"product_id": self.product.id, "price_unit": 100.0})
                ],
            }
        )
        self.assertEqual(invoice.mn_partner_register_number, CUSTOMER_NUMBER)
        html = self.render("account.account_invoices", invoice)
        self.assertIn("mn_partner_register_number", html)
        self.assertIn(CUSTOMER_NUMBER, html)
        self.assertIn(SELLER_NUMBER, html)
        self.assertIn("Seller's Register Number", html)
