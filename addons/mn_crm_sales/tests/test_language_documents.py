"""Every document a Mongolian customer receives reads Mongolian throughout.

The quotation and the confirmed order (report HTML and the quotation's PDF), the invoice
(HTML and PDF), the delivery slip, the quotation, order confirmation and invoice e-mails
(subject and body) and the portal pages of the confirmed order and of the invoice, rendered
for a customer whose language is mn_MN, in a Mongolian company paying in MNT. The
quotation's portal page is TestNoEnglishPortal's (test_language_no_english.py).

Latin text is allowed only where it is data, as in the browser scan of the seed's screens
(``static/tests/tours/mn_no_english_tour.js``): the names of the records on the page
(product, customer, company, salesperson), references and codes (S00012, INV/2025/00001,
WH/OUT/00005), e-mail and web addresses, currency codes and a few acronyms. Every other
Latin word fails the test, which lists them with the text it scanned; each scan is logged.
"""

import logging
import re

from odoo.tests import HttpCase, tagged

from .common import MnSaleFlowCommon
from .test_documents_sale import pdf_text
from .test_language_no_english import visible_text

_logger = logging.getLogger(__name__)

SALE_REPORT = "sale.action_report_saleorder"
INVOICE_REPORT = "account.account_invoices"
DELIVERY_REPORT = "stock.action_report_delivery"

# Acronyms and names that are the same in a Mongolian text (the tour's list).
ALLOWED_WORDS = {
    "CRM",
    "ID",
    "VAT",
    "PDF",
    "URL",
    "MNT",
    "USD",
    "EUR",
    "Odoo",
    "QR",
    "IBAN",
    "BIC",
    # formats named on the portal's "connect your software" dialog
    "REST",
    "UBL",
    # payment services by name (the payment form, its availability report)
    "QPay",
}
# a word, or a code with its digits and separators (WH/OUT/00005 is one token)
LATIN_WORD = re.compile(r"[A-Za-z][A-Za-z0-9'’./_-]*")
# Codes: upper case letters with digits or separators (S00012, WH/OUT/00005); a word in
# capitals alone ("RETURN") is interface text unless it is an allowed acronym.
CODE = re.compile(r"^(?=.*[0-9/_-])[A-Z0-9/_-]+$")
ADDRESS = re.compile(r"[\w.+-]+@[\w-]+(\.[\w-]+)+|(https?://|www\.)\S+")


def english_words(text, data=()):
    """Latin words of ``text`` that are interface language, not data."""
    for value in sorted((d for d in data if d), key=len, reverse=True):
        text = text.replace(value, " ")
    text = ADDRESS.sub(" ", text)
    words = set()
    for word in LATIN_WORD.findall(text):
        bare = word.strip(".'’/_-")
        if len(bare) < 2 or bare in ALLOWED_WORDS or CODE.match(bare):
            continue
        words.add(bare)
    return sorted(words)


@tagged("post_install", "-at_install")
class TestMongolianDocuments(MnSaleFlowCommon, HttpCase):
    """A Mongolian customer's quotation, and a second order confirmed, delivered in full,
    invoiced and posted: each document they receive, scanned for English."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env.ref("base.user_admin").lang = "mn_MN"
        cls.partner.write(
            {
                "street": "Сүхбаатарын талбай 3",
                "city": "Улаанбаатар",
                "country_id": cls.env.ref("base.mn").id,
                "phone": "+976 7011 2233",
            }
        )
        cls.quotation = cls.env["sale.order"].create(cls._order_vals())
        cls.order = cls.env["sale.order"].create(cls._order_vals())
        cls.order.action_confirm()
        # the flow helpers of MnSaleFlowCommon only read ``env``: the class has one
        cls.picking = cls._deliver(cls, cls.order)
        cls.invoice = cls._invoice_from_order(cls, cls.order)
        cls.invoice.action_post()
        # Debian's wkhtmltopdf (unpatched Qt) draws the report's Latin web font as outlines
        # that pdftotext cannot read, which would hide exactly the English this test looks
        # for: the PDFs of this test are printed in a system font, so every word is text.
        cls.env["ir.ui.view"].create(
            {
                "name": "mn_crm_sales test: PDF text in a system font",
                "type": "qweb",
                "inherit_id": cls.env.ref("web.minimal_layout").id,
                "arch": '<xpath expr="//head" position="inside">'
                '<style>* { font-family: "DejaVu Sans" !important; }</style></xpath>',
            }
        )

    def _data(self):
        """What a document may show in Latin letters because it is data, read in the
        customer's language (a country's English name is not data: it is translated)."""
        env = self.env(context=dict(self.env.context, lang="mn_MN"))
        order = self.order.with_env(env)
        company = self.company.with_env(env).partner_id
        records = [
            self.partner.with_env(env),
            self.product.with_env(env),
            self.company.with_env(env),
            company,
            order.user_id,
            order.team_id,
            self.currency.with_env(env),
        ]
        values = [r.display_name for r in records] + [r.name for r in records]
        values += [self.quotation.name, self.order.name, self.picking.name]
        values += [self.invoice.name, self.invoice.payment_reference]
        # addresses: the customer's, the company's, the salesperson's (portal contact card)
        for record in (self.partner.with_env(env), company, order.user_id.partner_id):
            values += [record.street, record.street2, record.city, record.zip, record.phone]
            values += [record.state_id.name, record.state_id.code, record.email]
            values += [record.website, record.vat]
        return [v for v in values if isinstance(v, str)]

    def assertMongolian(self, document, text, must_contain=()):
        """``text`` holds no English word but data, and holds the Mongolian it should."""
        text = re.sub(r"\s+", " ", text).strip()
        english = english_words(text, self._data())
        _logger.info(
            "scanned %s for English (%d characters): %s\n%s",
            document,
            len(text),
            english or "none",
            text,
        )
        self.assertTrue(text, f"{document} rendered nothing")
        self.assertEqual(english, [], f"English in {document}: {english}\n{text}")
        missing = [phrase for phrase in must_contain if phrase not in text]
        self.assertEqual(missing, [], f"{document} misses {missing}\n{text}")

    def _report_text(self, report, records):
        html = self.env["ir.actions.report"]._render_qweb_html(report, records.ids)[0]
        return visible_text(html.decode())

    def _pdf_text(self, report, records):
        pdf, report_type = (
            self.env["ir.actions.report"]
            .with_context(force_report_rendering=True)
            ._render_qweb_pdf(report, records.ids)
        )
        self.assertEqual(report_type, "pdf")
        return pdf_text(pdf)

    def _mail(self, template, record):
        subject = template._render_field("subject", record.ids, compute_lang=True)[record.id]
        body = template._render_field("body_html", record.ids, compute_lang=True)[record.id]
        return subject, visible_text(f"<html><body>{body}</body></html>")

    def _portal_texts(self, record):
        """The page as the customer opens it from the e-mail's link (not signed in, the
        access token in the URL) and as the salesperson previews it (signed in)."""
        texts = {}
        for viewer in ("customer", "salesperson"):
            if viewer == "salesperson":
                self.authenticate("admin", "admin")
            response = self.url_open(record.get_portal_url())
            self.assertEqual(response.status_code, 200)
            texts[viewer] = visible_text(response.text)
            self.assertIn(record.name, texts[viewer])
        return texts

    def test_scan_tells_english_from_data(self):
        """The scan fails on what the documents showed before the pack covered them."""
        before = (
            "Quotation # S00012 Quotation Date Salesperson Mitchell Admin Units Mongolia "
            "WH/OUT/00005 RETURN MNT info@nomin.example.mn Powered by Odoo"
        )
        self.assertEqual(
            english_words(before, self._data()),
            ["Date", "Mongolia", "Powered", "Quotation", "RETURN", "Salesperson", "Units", "by"],
        )

    # -- printed: report HTML, PDF, the PDF's header and footer ---------------------------

    def test_quotation_report(self):
        self.assertEqual(self.quotation.state, "draft")
        text = self._report_text(SALE_REPORT, self.quotation)
        self.assertMongolian("quotation report", text, ["Үнийн санал №", "Монгол Улс"])

    def test_order_report_after_confirmation(self):
        self.assertEqual(self.order.state, "sale")
        text = self._report_text(SALE_REPORT, self.order)
        self.assertMongolian("order report", text, ["Захиалга №", "Монгол Улс"])

    def test_invoice_report(self):
        text = self._report_text(INVOICE_REPORT, self.invoice)
        self.assertMongolian("invoice report", text, ["Нэхэмжлэл", "Монгол Улс"])

    def test_delivery_slip(self):
        text = self._report_text(DELIVERY_REPORT, self.picking)
        self.assertMongolian("delivery slip", text, ["Хүргэлтийн баримт", "Монгол Улс"])

    def test_quotation_and_invoice_pdf(self):
        quotation_text = self._pdf_text(SALE_REPORT, self.quotation)
        # the Latin data is in the text too: the scan sees Latin words
        self.assertIn(self.quotation.name, quotation_text)
        self.assertMongolian("quotation PDF", quotation_text, ["Монгол Улс", "Үнийн санал №"])
        invoice_text = self._pdf_text(INVOICE_REPORT, self.invoice)
        self.assertIn(self.invoice.name, invoice_text)
        self.assertMongolian("invoice PDF", invoice_text, ["Монгол Улс", "Гүйлгээний утга"])

    def test_pdf_header_and_footer(self):
        """The header and footer wkhtmltopdf prints on every page (company address, page
        numbers). Debian's wkhtmltopdf (unpatched Qt) ignores --header-html and
        --footer-html, so they are read here as Odoo hands them to wkhtmltopdf."""
        report = self.env["ir.actions.report"]
        for report_ref, record in ((SALE_REPORT, self.order), (INVOICE_REPORT, self.invoice)):
            html = report._render_qweb_html(report_ref, record.ids, data={"report_type": "pdf"})[0]
            __, __, header, footer, __ = report._prepare_html(html, report_model=record._name)
            self.assertMongolian(f"PDF header ({report_ref})", visible_text(header))
            self.assertMongolian(f"PDF footer ({report_ref})", visible_text(footer), ["Хуудас"])

    # -- e-mails ---------------------------------------------------------------------------

    def test_quotation_mail(self):
        template = self.quotation._find_mail_template()
        subject, body = self._mail(template, self.quotation)
        self.assertMongolian(f"quotation e-mail subject ({template.name})", subject)
        self.assertMongolian(f"quotation e-mail body ({template.name})", body, ["Үнийн санал"])

    def test_quotation_and_order_mail_attachment_names(self):
        """The PDF attached to the quotation and to the order confirmation is named in
        Mongolian: the file name is the first word of the document the customer sees."""
        for record, template, word in (
            (self.quotation, self.quotation._find_mail_template(), "Үнийн санал"),
            (self.order, self.order._get_confirmation_template(), "Захиалга"),
        ):
            values = template._generate_template(record.ids, ("report_template_ids",))
            # the extension is .html in tests (Odoo renders reports as HTML there)
            attachments = values[record.id].get("attachments", [])
            names = [name.rsplit(".", 1)[0] for name, _content in attachments]
            self.assertEqual(names, [f"{word} - {record.name}"], template.name)
            self.assertMongolian(f"attachment of {template.name}", " ".join(names), [word])

    def test_order_confirmation_mail(self):
        template = self.order._get_confirmation_template()
        self.assertEqual(template, self.env.ref("sale.mail_template_sale_confirmation"))
        subject, body = self._mail(template, self.order)
        self.assertMongolian(f"order confirmation e-mail subject ({template.name})", subject)
        self.assertMongolian(
            f"order confirmation e-mail body ({template.name})", body, ["баталгаажлаа"]
        )

    def test_invoice_mail(self):
        template = self.invoice._get_mail_template()
        subject, body = self._mail(template, self.invoice)
        self.assertMongolian(f"invoice e-mail subject ({template.name})", subject)
        self.assertMongolian(f"invoice e-mail body ({template.name})", body, ["нэхэмжлэл"])

    # -- the customer portal ---------------------------------------------------------------

    def test_order_portal_page_after_confirmation(self):
        for viewer, text in self._portal_texts(self.order).items():
            self.assertMongolian(
                f"confirmed order's portal page ({viewer})",
                text,
                ["Сүүлийн хүргэлтүүд", "Сүүлийн нэхэмжлэлүүд"],
            )

    def test_invoice_portal_page(self):
        for viewer, text in self._portal_texts(self.invoice).items():
            self.assertMongolian(f"invoice's portal page ({viewer})", text, ["Одоо төлөх"])
