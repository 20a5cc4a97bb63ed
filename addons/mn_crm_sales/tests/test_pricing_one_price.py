"""One price everywhere: the price a customer is quoted is the price on every screen and paper.

A gold-tier customer gets 7 % off a blanket, rounded to 100 ₮ (pricelist rules 1 and 4):
123 456 ₮ less 7 % is 114 814.08 ₮, rounded to 114 800 ₮, VAT included. That one price is
checked on the order line (ORM), over XML-RPC, in the product configurator (the request
the web client sends), on the customer portal, on the quotation (report HTML and the real
PDF) and on the invoice. A customer without the tier pays the list price on each of them,
so a screen that ignored the rules could not pass by chance.
"""

import re
from html import unescape

from odoo import Command
from odoo.tests import HttpCase, tagged
from odoo.tools import mute_logger

from ..models.documents.account_move import mn_amount_in_words
from .test_documents_sale import INVOICE_REPORT, SALE_REPORT, pdf_text

LIST_PRICE = 123_456.0
GOLD_PRICE = 114_800.0  # 123 456 × 0.93 = 114 814.08, nearest 100 ₮
QTY = 3.0


def amount_pattern(amount):
    """Regex for an amount as any locale prints it: 114800, 114,800.00, 114 800,00 …"""
    whole = f"{int(amount):,}".replace(",", r"[\s,.'\u00a0\u202f]?")
    return re.compile(rf"(?<![\d.,]){whole}(?:[.,]00)?(?!\d)")


class OnePriceCommon(HttpCase):
    """A gold tier, a pricelist rule for it, and a customer with and without the tier."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env = cls.env(user=cls.env.ref("base.user_admin"))
        cls.company = cls.env.company
        cls.company.write(
            {
                "mn_pricelist_tiers": True,
                "mn_pricelist_rounding": True,
                "mn_pricelist_time_windows": False,
                "mn_pricelist_mix_match": False,
                "mn_price_floor": False,
                "mn_discount_approval": False,
            }
        )
        cls.vat10 = cls.company.account_sale_tax_id
        cls.gold = cls.env["mn.partner.tier"].create({"name": "Алтан (нэг үнэ)"})
        cls.pricelist = cls.env["product.pricelist"].create(
            {"name": "Нэг үнийн шалгалт", "currency_id": cls.env.ref("base.MNT").id}
        )
        cls.product = cls.env["product.product"].create(
            {
                "name": "Тэмээний ноосон хөнжил",
                "type": "consu",
                "list_price": LIST_PRICE,
                "invoice_policy": "order",
                "taxes_id": [Command.set(cls.vat10.ids)],
            }
        )
        cls.env["product.pricelist.item"].create(
            {
                "pricelist_id": cls.pricelist.id,
                "applied_on": "1_product",
                "product_tmpl_id": cls.product.product_tmpl_id.id,
                "compute_price": "percentage",
                "percent_price": 7,
                "mn_tier_ids": [Command.set(cls.gold.ids)],
                "mn_rounding_step": "100",
                "mn_rounding_method": "half",
            }
        )
        cls.gold_customer = cls.env["res.partner"].create(
            {"name": "Алтан Говь ХХК", "mn_tier_id": cls.gold.id, "lang": "mn_MN"}
        )
        cls.plain_customer = cls.env["res.partner"].create(
            {"name": "Энгийн Худалдан авагч", "lang": "mn_MN"}
        )

    def _order(self, customer, lines=True):
        return self.env["sale.order"].create(
            {
                "partner_id": customer.id,
                "pricelist_id": self.pricelist.id,
                "order_line": [
                    Command.create({"product_id": self.product.id, "product_uom_qty": QTY})
                ]
                if lines
                else [],
            }
        )

    @staticmethod
    def _paid_unit_price(line):
        return line.currency_id.round(line.price_unit * (1 - line.discount / 100))


@tagged("post_install", "-at_install")
class TestOnePrice(OnePriceCommon):
    def _report_text(self, report, records):
        html = self.env["ir.actions.report"]._render_qweb_html(report, records.ids)[0]
        return unescape(html.decode())

    def _configurator_price(self, customer, send_customer=True):
        params = {
            "product_template_id": self.product.product_tmpl_id.id,
            "quantity": QTY,
            "currency_id": self.pricelist.currency_id.id,
            "so_date": "2026-11-27 04:00:00",
            "company_id": self.company.id,
            "pricelist_id": self.pricelist.id,
            "only_main_product": True,
        }
        if send_customer:  # what static/src/js/configurator_customer.js adds
            params["mn_partner_id"] = customer.id
        result = self.make_jsonrpc_request("/sale/product_configurator/get_values", params)
        return result["products"][0]["price"]

    def _assert_one_price(self, customer, expected):
        """Every place of the quotation of ``customer`` shows ``expected`` per unit."""
        total = expected * QTY
        order = self._order(customer)
        line = order.order_line

        # the order line (ORM, as the web client's form computes it)
        self.assertEqual(self._paid_unit_price(line), expected)
        self.assertAlmostEqual(line.price_total, total)
        self.assertAlmostEqual(order.amount_total, total)

        # the configurator, with the customer as the patched web client sends it
        self.authenticate("admin", "admin")
        self.assertEqual(self._configurator_price(customer), expected)

        # the customer portal
        page = unescape(self.url_open(order.get_portal_url()).text)
        self.assertRegex(page, amount_pattern(expected))
        self.assertRegex(page, amount_pattern(total))

        # the quotation: its report HTML (the PDF's source) and the real PDF's words
        html = self._report_text(SALE_REPORT, order)
        self.assertRegex(html, amount_pattern(expected))
        self.assertRegex(html, amount_pattern(total))
        pdf, _report_type = (
            self.env["ir.actions.report"]
            .with_context(force_report_rendering=True)
            ._render_qweb_pdf(SALE_REPORT, order.ids)
        )
        words = mn_amount_in_words(order.currency_id, total)
        self.assertIn(words, " ".join(pdf_text(pdf).split()))

        # the invoice
        order.action_confirm()
        invoice = order._create_invoices()
        invoice.action_post()
        invoice_line = invoice.invoice_line_ids
        self.assertEqual(self._paid_unit_price(invoice_line), expected)
        self.assertAlmostEqual(invoice_line.price_total, total)
        self.assertAlmostEqual(invoice.amount_total, total)
        invoice_html = self._report_text(INVOICE_REPORT, invoice)
        self.assertRegex(invoice_html, amount_pattern(expected))
        self.assertIn(words, invoice_html)
        return order

    def test_gold_customer_pays_the_tier_price_everywhere(self):
        self._assert_one_price(self.gold_customer, GOLD_PRICE)

    def test_customer_without_tier_pays_the_list_price_everywhere(self):
        self._assert_one_price(self.plain_customer, LIST_PRICE)

    def test_configurator_needs_the_customer_for_tier_rules(self):
        """Core's configurator request has no customer: without the suite's addition the
        dialog would show the list price to a gold customer who then pays less."""
        self.authenticate("admin", "admin")
        self.assertEqual(self._configurator_price(self.gold_customer, False), LIST_PRICE)
        self.assertEqual(self._configurator_price(self.gold_customer), GOLD_PRICE)

    @mute_logger("odoo.addons.rpc.controllers.xmlrpc")  # Odoo 19 warns: XML-RPC is deprecated
    def test_rpc_caller_gets_the_same_price(self):
        uid = self.xmlrpc_common.authenticate(self.env.cr.dbname, "admin", "admin", {})
        order_id = self.xmlrpc_object.execute_kw(
            self.env.cr.dbname,
            uid,
            "admin",
            "sale.order",
            "create",
            [
                {
                    "partner_id": self.gold_customer.id,
                    "pricelist_id": self.pricelist.id,
                    "order_line": [(0, 0, {"product_id": self.product.id, "product_uom_qty": QTY})],
                }
            ],
        )
        [line] = self.xmlrpc_object.execute_kw(
            self.env.cr.dbname,
            uid,
            "admin",
            "sale.order.line",
            "search_read",
            [[("order_id", "=", order_id)]],
            {"fields": ["price_unit", "discount", "price_total"]},
        )
        self.assertAlmostEqual(line["price_unit"] * (1 - line["discount"] / 100), GOLD_PRICE)
        self.assertAlmostEqual(line["price_total"], GOLD_PRICE * QTY)


@tagged("post_install", "-at_install", "mn_tour")
class TestOnePriceConfiguratorTour(OnePriceCommon):
    """The configurator dialog in the browser shows, and the line keeps, the tier price."""

    def test_configurator_dialog_shows_the_tier_price(self):
        colour = self.env["product.attribute"].create(
            {
                "name": "Өнгө",
                # a choice made in the configurator, not a variant: the blanket stays one
                # product, priced by the test's rule
                "create_variant": "no_variant",
                "value_ids": [Command.create({"name": "Цагаан"}), Command.create({"name": "Бор"})],
            }
        )
        template = self.product.product_tmpl_id
        template.attribute_line_ids = [
            Command.create(
                {"attribute_id": colour.id, "value_ids": [Command.set(colour.value_ids.ids)]}
            )
        ]
        self.assertEqual(template.product_variant_ids, self.product)
        order = self._order(self.gold_customer, lines=False)
        self.start_tour(
            f"/odoo/action-sale.action_quotations_with_onboarding/{order.id}",
            "mn_configurator_price_tour",
            login="admin",
        )
        line = order.order_line
        self.assertEqual(len(line), 1)
        self.assertEqual(line.product_id, self.product)
        self.assertEqual(self._paid_unit_price(line), GOLD_PRICE)
