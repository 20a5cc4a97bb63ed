"""Mongolian documents: the total in words on quotation/order and invoice reports."""

import shutil
import subprocess
import tempfile
from io import BytesIO

from odoo.tests import HttpCase, tagged

from .common import TOTAL, TOTAL_WORDS, MnSaleFlowCommon

SALE_REPORT = "sale.action_report_saleorder"
INVOICE_REPORT = "account.account_invoices"


def pdf_text(pdf):
    """Text of a PDF: poppler's pdftotext when installed, else PyPDF2."""
    if shutil.which("pdftotext"):
        with tempfile.NamedTemporaryFile(suffix=".pdf") as pdf_file:
            pdf_file.write(pdf)
            pdf_file.flush()
            return subprocess.run(
                ["pdftotext", "-enc", "UTF-8", pdf_file.name, "-"],
                capture_output=True,
                check=True,
                text=True,
            ).stdout
    from PyPDF2 import PdfReader  # noqa: PLC0415 - fallback only

    return "\n".join(page.extract_text() for page in PdfReader(BytesIO(pdf)).pages)


@tagged("post_install", "-at_install")
class TestSaleDocuments(MnSaleFlowCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.order = cls.env["sale.order"].create(cls._order_vals())

    def _html(self, report, records):
        html = self.env["ir.actions.report"]._render_qweb_html(report, records.ids)[0]
        return html.decode()

    def _invoice(self):
        self.order.action_confirm()
        self._deliver(self.order)
        invoice = self._invoice_from_order(self.order)
        invoice.action_post()
        return invoice

    # -- the method ------------------------------------------------------------------------

    def test_order_amount_in_words_mnt(self):
        self.assertEqual(self.order.currency_id, self.mnt)
        self.assertAlmostEqual(self.order.amount_total, TOTAL)
        self.assertEqual(self.order._mn_amount_in_words(), TOTAL_WORDS)

    def test_amount_in_words_with_mongo(self):
        self.order.order_line.price_unit = 1234.5
        self.order.order_line.discount = 0
        self.order.order_line.product_uom_qty = 1
        self.assertEqual(
            self.order._mn_amount_in_words(),
            "Нэг мянга хоёр зуун гучин дөрвөн төгрөг тавин мөнгө",
        )

    def test_other_currency_uses_its_own_words(self):
        usd = self.env.ref("base.USD")
        usd.active = True
        pricelist = self.env["product.pricelist"].create({"name": "USD", "currency_id": usd.id})
        order = self.env["sale.order"].create(self._order_vals(pricelist_id=pricelist.id))
        self.assertEqual(order.currency_id, usd)
        words = order._mn_amount_in_words()
        self.assertEqual(words, usd.amount_to_text(order.amount_total))
        self.assertNotIn("төгрөг", words)

    def test_invoice_amount_in_words(self):
        invoice = self._invoice()
        self.assertEqual(invoice._mn_amount_in_words(), TOTAL_WORDS)

    def test_rpc_method_returns_plain_values(self):
        orders = self.order | self.env["sale.order"].create(self._order_vals())
        result = orders.get_mn_amount_in_words()
        self.assertEqual([row["id"] for row in result], orders.ids)
        self.assertEqual(result[0]["amount_in_words"], TOTAL_WORDS)
        self.assertEqual(result[0]["currency"], "MNT")
        self.assertIsInstance(result[0]["amount_total"], float)
        invoice = self._invoice()
        self.assertEqual(
            invoice.get_mn_amount_in_words(),
            [
                {
                    "id": invoice.id,
                    "name": invoice.name,
                    "amount_total": TOTAL,
                    "currency": "MNT",
                    "amount_in_words": TOTAL_WORDS,
                }
            ],
        )

    # -- the reports (HTML) ----------------------------------------------------------------

    def test_quotation_report_shows_amount_in_words(self):
        html = self._html(SALE_REPORT, self.order)
        self.assertIn('name="mn_amount_in_words"', html)
        self.assertIn(TOTAL_WORDS, html)

    def test_order_report_shows_amount_in_words(self):
        self.order.action_confirm()
        self.assertIn(TOTAL_WORDS, self._html(SALE_REPORT, self.order))

    def test_invoice_report_shows_amount_in_words(self):
        html = self._html(INVOICE_REPORT, self._invoice())
        self.assertIn('name="mn_amount_in_words"', html)
        self.assertIn(TOTAL_WORDS, html)

    def test_label_is_a_translatable_term(self):
        """The label is plain text in the QWeb arch: the language pack translates it."""
        self.partner.lang = "en_US"
        self.assertIn("<strong>Amount in words:</strong>", self._html(SALE_REPORT, self.order))
        for xmlid in (
            "mn_crm_sales.report_saleorder_document_mn_amount_words",
            "mn_crm_sales.report_invoice_document_mn_amount_words",
        ):
            view = self.env.ref(xmlid)
            terms = view._fields["arch_db"].get_trans_terms(view.arch_db)
            self.assertEqual(terms, ["<strong>Amount in words:</strong>"], xmlid)

    def test_switch_off_removes_amount_in_words(self):
        self.company.mn_document_amount_in_words = False
        invoice = self._invoice()
        self.assertNotIn(TOTAL_WORDS, self._html(SALE_REPORT, self.order))
        self.assertNotIn('name="mn_amount_in_words"', self._html(INVOICE_REPORT, invoice))


@tagged("post_install", "-at_install")
class TestSaleDocumentsPdf(MnSaleFlowCommon, HttpCase):
    """One real PDF through wkhtmltopdf, with this test server serving the assets."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()

    def test_quotation_pdf_has_amount_in_words(self):
        order = self.env["sale.order"].create(self._order_vals())
        pdf, report_type = (
            self.env["ir.actions.report"]
            .with_context(force_report_rendering=True)
            ._render_qweb_pdf(SALE_REPORT, order.ids)
        )
        self.assertEqual(report_type, "pdf")
        self.assertTrue(pdf.startswith(b"%PDF"))
        # Only the Cyrillic text is checked: Debian's wkhtmltopdf (unpatched Qt) draws the
        # report's Latin web font as outlines, so order numbers and digits are not
        # extractable, while Cyrillic falls back to a system font and stays text.
        text = " ".join(pdf_text(pdf).split())
        self.assertIn(TOTAL_WORDS, text)
