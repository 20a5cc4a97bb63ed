import re
from datetime import timedelta

from lxml import html

from odoo import Command, fields
from odoo.tests import HttpCase, tagged

from .common import PRICE, QTY, MnSaleFlowCommon


@tagged("post_install", "-at_install", "mn_tour")
class TestNoEnglish(HttpCase):
    """The seed's screens in mn_MN show no English label, button, column or menu."""

    def test_seed_screens_have_no_english(self):
        self.env["res.lang"]._activate_lang("mn_MN")
        admin = self.env.ref("base.user_admin")
        admin.write(
            {
                "lang": "mn_MN",
                "group_ids": [
                    (4, self.env.ref("crm.group_use_lead").id),
                    (4, self.env.ref("sales_team.group_sale_manager").id),
                ],
            }
        )
        self.start_tour("/odoo", "mn_crm_sales_no_english", login="admin", timeout=240)


# English of the customer's quotation page (/my/orders/<id>) before the pack covered the
# portal templates of sale and portal, and the Mongolian that replaces it.
PORTAL_ENGLISH = [
    "Sale Information",
    "Date:",
    "Expiration Date:",
    "Invoicing and Shipping Address",
    "Products",
    "Quantity",
    "Unit Price",
    "Taxes",
    "Amount",
    "Untaxed Amount",
    "Total",
    "Sign & Pay",
    "View Details",
    "Your contact",
    "Feedback",
    "Reject",
    "Validate Order",
    "Communication history",
    "Sales Orders",
    "By signing, you confirm acceptance on behalf of",
    "quote",
    "This is a preview of the customer portal.",
    "Back to edit mode",
]
PORTAL_MONGOLIAN = [
    "Борлуулалтын мэдээлэл",
    "Огноо:",
    "Дуусах огноо:",
    "Нэхэмжлэх болон хүргэлтийн хаяг",
    "Бараа",
    "Тоо хэмжээ",
    "Нэгж үнэ",
    "Татвар",
    "Дүн",
    "Татваргүй дүн",
    "Нийт дүн",
    "Гарын үсэг зурж төлөх",
    "Дэлгэрэнгүй харах",
    "Таны харилцах ажилтан",
    "Санал хүсэлт",
    "Татгалзах",
    "Захиалгыг баталгаажуулах",
    "Харилцааны түүх",
    "Борлуулалтын захиалгууд",
    "Гарын үсэг зурснаар та",
    "Энэ бол захиалагчийн порталыг урьдчилан харах хуудас.",
    "Засварлах горим руу буцах",
]


def visible_text(page):
    """The page's text as a reader sees it: no scripts, styles, templates or attributes."""
    tree = html.fromstring(page)
    for node in tree.xpath("//script | //style | //template | //noscript"):
        node.drop_tree()
    body = tree.find("body")
    return re.sub(r"\s+", " ", " ".join((body if body is not None else tree).itertext()))


def english_left(text, phrases):
    """Phrases found as whole words (``Amount`` is not inside ``Amounts``)."""
    return [
        phrase
        for phrase in phrases
        if re.search(rf"(?<![A-Za-z]){re.escape(phrase)}(?![A-Za-z])", text)
    ]


@tagged("post_install", "-at_install")
class TestNoEnglishPortal(MnSaleFlowCommon, HttpCase):
    """The quotation page of the customer portal in mn_MN: sale's and portal's templates,
    the tax totals (account's code term) and the sign dialog are Mongolian."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env["res.lang"]._activate_lang("mn_MN")
        cls.env.ref("base.user_admin").lang = "mn_MN"
        cls.order = cls.env["sale.order"].create(
            {
                "partner_id": cls.partner.id,
                "user_id": cls.env.ref("base.user_admin").id,
                "validity_date": fields.Date.today() + timedelta(days=30),
                "require_signature": True,
                "require_payment": True,
                "order_line": [
                    Command.create(
                        {"product_id": cls.product.id, "product_uom_qty": QTY, "price_unit": PRICE}
                    )
                ],
            }
        )

    def test_quotation_portal_page_is_mongolian(self):
        self.assertEqual(self.order.state, "draft")
        self.assertTrue(self.order._has_to_be_signed() and self.order._has_to_be_paid())
        self.authenticate("admin", "admin")
        response = self.url_open(self.order.get_portal_url())
        self.assertEqual(response.status_code, 200)
        text = visible_text(response.text)
        self.assertIn(self.order.name, text)
        self.assertEqual(english_left(text, PORTAL_ENGLISH), [], text)
        missing = [phrase for phrase in PORTAL_MONGOLIAN if phrase not in text]
        self.assertEqual(missing, [], text)
