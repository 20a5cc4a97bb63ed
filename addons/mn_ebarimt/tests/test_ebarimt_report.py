"""The e-barimt receipt on the invoice PDF, and lottery/qrData kept nowhere else.

The manual allows printing ``lottery`` and ``qrData`` and forbids storing them in any other
form: they live in the receipt record, as answered, and the PDF prints them from there.
"""

import base64
import logging
import re
import shutil
import subprocess
import tempfile
from io import BytesIO

from PIL import Image

from odoo.tests import HttpCase, tagged
from odoo.tools import SQL

from odoo.addons.mn_ebarimt.models.mn_ebarimt_receipt import qr_code

from .common import MnEbarimtCommon

INVOICE_REPORT = "account.account_invoices"
PNG_SRC = re.compile(r'class="mn_ebarimt_qr"[^>]*src="data:image/png;base64,([A-Za-z0-9+/=]+)"')


def qr_modules(src):
    """The modules of the QR code drawn in an inline PNG, read back from its pixels (the
    centre of each 4-pixel module, margin included)."""
    image = Image.open(BytesIO(base64.b64decode(src))).convert("L")
    count = image.width // 4
    return [
        [image.getpixel((col * 4 + 2, row * 4 + 2)) < 128 for col in range(count)]
        for row in range(count)
    ]


def pdf_text(pdf):
    """Text of a PDF through poppler's pdftotext."""
    with tempfile.NamedTemporaryFile(suffix=".pdf") as pdf_file:
        pdf_file.write(pdf)
        pdf_file.flush()
        return subprocess.run(
            ["pdftotext", "-enc", "UTF-8", pdf_file.name, "-"],
            capture_output=True,
            check=True,
            text=True,
        ).stdout


def pdf_qr_count(pdf):
    """QR codes drawn in a PDF: the square images poppler's pdfimages lists."""
    with tempfile.NamedTemporaryFile(suffix=".pdf") as pdf_file:
        pdf_file.write(pdf)
        pdf_file.flush()
        listing = subprocess.run(
            ["pdfimages", "-list", pdf_file.name],
            capture_output=True,
            check=True,
            text=True,
        ).stdout
    sizes = [line.split()[3:5] for line in listing.splitlines()[2:]]
    return sum(1 for width, height in sizes if width == height)


@tagged("post_install", "-at_install")
class TestEbarimtReport(MnEbarimtCommon, HttpCase):
    """The HTML of the report, and one real PDF through wkhtmltopdf (HttpCase: this test
    server serves the PDF's assets)."""

    def _sent_invoices(self):
        """A B2C and a B2B invoice with their receipts sent, customers reading Mongolian."""
        (self.customer | self.buyer).write({"lang": "mn_MN"})
        b2c = self._invoice([(self.product_vat, 2, 1120), (self.product_free, 1, 2500)])
        b2b = self._invoice([(self.product_vat, 1, 1120)], partner=self.buyer)
        self._send_queue()
        receipts = b2c.mn_ebarimt_receipt_ids | b2b.mn_ebarimt_receipt_ids
        self.assertEqual(
            receipts.mapped("state"), ["sent", "sent"], receipts.mapped("error_message")
        )
        return b2c, b2b

    def _html(self, move):
        return self.env["ir.actions.report"]._render_qweb_html(INVOICE_REPORT, move.ids)[0].decode()

    def test_receipt_on_invoice_html(self):
        b2c, b2b = self._sent_invoices()
        for move, lottery in ((b2c, True), (b2b, False)):
            receipt = move.mn_ebarimt_receipt_ids
            answer = self.sim.receipt(receipt.ebarimt_id)["response"]
            with self.subTest(type=receipt.receipt_type):
                html = self._html(move)
                self.assertIn(receipt.ebarimt_id, html)
                self.assertIn(receipt.ebarimt_date, html)
                self.assertIn("Цахим төлбөрийн баримт", html, "the block reads Mongolian")
                image = PNG_SRC.search(html)
                self.assertTrue(image, "the QR code is an inline PNG")
                self.assertTrue(base64.b64decode(image[1]).startswith(b"\x89PNG"))
                self.assertEqual(
                    qr_modules(image[1]),
                    qr_code(answer["qrData"]).get_matrix(),
                    "the QR code encodes PosAPI's qrData",
                )
                self.assertNotIn(answer["qrData"], html, "qrData is printed as a QR only")
                if lottery:
                    self.assertTrue(answer["lottery"])
                    self.assertIn(answer["lottery"], html)
                    self.assertIn("Сугалааны дугаар", html)
                else:
                    self.assertEqual(answer["lottery"], "")
                    self.assertNotIn("Сугалааны дугаар", html)

    def test_reprint_and_returned_receipt(self):
        """A reprint prints the same receipt; once returned, the PDF says so."""
        b2c, _b2b = self._sent_invoices()
        receipt = b2c.mn_ebarimt_receipt_ids
        first = self._html(b2c)
        self.assertEqual(PNG_SRC.search(self._html(b2c))[1], PNG_SRC.search(first)[1])
        self.assertIn(receipt.lottery, self._html(b2c))
        receipt.action_mn_void()
        html = self._html(b2c)
        self.assertIn(receipt.ebarimt_id, html)
        self.assertIn("Энэ баримт буцаагдсан", html)
        self.assertNotIn(receipt.lottery, html, "a returned receipt's lottery is void")

    def test_no_block_without_receipt(self):
        self.sim.set_down(True)
        invoice = self._invoice([(self.product_vat, 1, 1120)])
        self._send_queue()
        self.assertEqual(invoice.mn_ebarimt_receipt_ids.state, "queued")
        self.assertNotIn('id="mn_ebarimt_receipt"', self._html(invoice))

    def test_lottery_and_qr_data_kept_only_in_the_receipt(self):
        """Nothing copies them: not another column of any table (chatter, logs in the
        database, the invoice), not a log line of the sending."""
        b2c = self._invoice([(self.product_vat, 1, 1120)])
        with self.assertLogs(level=logging.DEBUG) as logs:
            self._send_queue()
        receipt = b2c.mn_ebarimt_receipt_ids
        answer = self.sim.receipt(receipt.ebarimt_id)["response"]
        self.assertEqual((receipt.lottery, receipt.qr_data), (answer["lottery"], answer["qrData"]))
        self.assertTrue(answer["lottery"])
        self.env.flush_all()
        # odoo.sql_db's own debug log (--log-sql) prints every query with its parameters
        lines = [line for line in logs.output if not line.startswith("DEBUG:odoo.sql_db:")]
        for value in (answer["lottery"], answer["qrData"]):
            self.assertFalse([line for line in lines if value in line])
            self.assertEqual(self._tables_holding(value), {"mn_ebarimt_receipt": 1})

    def _tables_holding(self, value):
        """{table: rows} of every table of the database whose row text contains value."""
        cr = self.env.cr
        cr.execute(
            SQL(
                "SELECT table_name FROM information_schema.tables "
                "WHERE table_schema = 'public' AND table_type = 'BASE TABLE'"
            )
        )
        counts = SQL(" UNION ALL ").join(
            SQL(
                "SELECT %s, count(*) FROM %s AS t WHERE strpos(t::text, %s) > 0",
                table,
                SQL.identifier(table),
                value,
            )
            for (table,) in cr.fetchall()
        )
        cr.execute(counts)
        found = {table: count for table, count in cr.fetchall() if count}
        return found

    def test_receipt_in_pdf_text(self):
        if not (shutil.which("pdftotext") and shutil.which("pdfimages")):
            self.skipTest("poppler-utils is not installed")
        b2c, b2b = self._sent_invoices()
        for move, has_lottery in ((b2c, True), (b2b, False)):
            receipt = move.mn_ebarimt_receipt_ids
            with self.subTest(type=receipt.receipt_type):
                # one document per call: Debian's wkhtmltopdf (unpatched Qt) prints one
                pdf, report_type = (
                    self.env["ir.actions.report"]
                    .with_context(force_report_rendering=True)
                    ._render_qweb_pdf(INVOICE_REPORT, move.ids)
                )
                self.assertEqual(report_type, "pdf")
                text = " ".join(pdf_text(pdf).split())
                self.assertIn("Цахим төлбөрийн баримт", text)
                self.assertIn(receipt.ebarimt_id, text)
                self.assertIn(receipt.ebarimt_date, text)
                self.assertEqual("Сугалааны дугаар" in text, has_lottery)
                if has_lottery:
                    self.assertIn(receipt.lottery, text)
                self.assertEqual(pdf_qr_count(pdf), 1, "the QR code is drawn")
