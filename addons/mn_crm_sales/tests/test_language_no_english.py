import re
from datetime import timedelta

from lxml import html

from odoo import Command, fields
from odoo.tests import HttpCase, new_test_user, tagged

from .common import PRICE, QTY, MnSaleFlowCommon

# What the scan tour (static/tests/tours/mn_no_english_tour.js) finds by name
CUSTOMER = "Сэлэнгэ Мод ХХК"
LEAD = "Сэлэнгэ Мод - агуулахын тавиур"
OPPORTUNITY = "Сэлэнгэ Мод - оффисын тавилга"
PRODUCT = "Номын тавиур"
CONFIGURABLE = "Ширээний гэрэл"


class NoEnglishCommon(HttpCase):
    """Every screen of the seed's flows in mn_MN shows no English interface word.

    One tour (mn_crm_sales_no_english) walks them as the team leader: it first approves a
    salesperson's discount from the approval activity, then scans every visible text node
    of the web client (menus, control panel, search panel and facets, views, cards,
    dialogs, dropdowns, the date picker, the chatter's messages and activities) except the
    values of data fields, and logs each screen with its count of text nodes. The phone
    class runs the same tour at 390x844 with touch.
    """

    browser_size = "1366x768"
    touch_enabled = False

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        env = cls.env
        env["res.lang"]._activate_lang("mn_MN")
        cls.company = env.ref("base.main_company")
        cls.company.write({"mn_discount_approval": True})
        user_values = {"lang": "mn_MN", "tz": "Asia/Ulaanbaatar", "company_id": cls.company.id}
        cls.seller = new_test_user(
            env,
            login="mn_noeng_seller",
            name="Батын Болд",
            groups="sales_team.group_sale_salesman",
            **user_values,
        )
        cls.seller.mn_max_discount = 5.0
        # The leader also opens the settings, deliveries and invoices of the seed's screens
        cls.leader = new_test_user(
            env,
            login="mn_noeng_leader",
            name="Доржийн Сараа",
            groups="sales_team.group_sale_manager,base.group_system,crm.group_use_lead,"
            "base.group_partner_manager,stock.group_stock_user,account.group_account_invoice,"
            "product.group_product_variant",
            **user_values,
        )
        # OdooBot's welcome chat would cover the phone's screen
        if "odoobot_state" in env["res.users"]._fields:
            (cls.seller | cls.leader).odoobot_state = "disabled"
        cls.team = env["crm.team"].create(
            {
                "name": "Сэлэнгийн баг",
                "user_id": cls.leader.id,
                "member_ids": [Command.link(cls.seller.id)],
                "mn_max_discount": 5.0,
                "company_id": cls.company.id,
            }
        )
        cls.customer = env["res.partner"].create(
            {
                "name": CUSTOMER,
                "is_company": True,
                "lang": "mn_MN",
                "phone": "+976 7011 2233",
                "email": "info@selenge-mod.example.mn",
            }
        )
        tax = cls.company.account_sale_tax_id
        cls.product = env["product.product"].create(
            {
                "name": PRODUCT,
                "type": "consu",
                "list_price": 250_000.0,
                "invoice_policy": "order",
                "taxes_id": [Command.set(tax.ids)],
            }
        )
        colour = env["product.attribute"].create(
            {
                "name": "Гэрлийн өнгө",
                "create_variant": "no_variant",
                "value_ids": [
                    Command.create({"name": "Дулаан"}),
                    Command.create({"name": "Хүйтэн"}),
                ],
            }
        )
        cls.configurable = env["product.template"].create(
            {
                "name": CONFIGURABLE,
                "type": "consu",
                "list_price": 90_000.0,
                "taxes_id": [Command.set(tax.ids)],
                "attribute_line_ids": [
                    Command.create(
                        {
                            "attribute_id": colour.id,
                            "value_ids": [Command.set(colour.value_ids.ids)],
                        }
                    )
                ],
            }
        )
        Lead = env["crm.lead"].with_context(mail_create_nolog=False)
        cls.lead = Lead.create(
            {
                "name": LEAD,
                "type": "lead",
                "partner_name": CUSTOMER,
                "contact_name": "Болдын Туяа",
                "user_id": cls.leader.id,
                "team_id": cls.team.id,
            }
        )
        cls.opportunity = Lead.create(
            {
                "name": OPPORTUNITY,
                "type": "opportunity",
                "partner_id": cls.customer.id,
                "user_id": cls.leader.id,
                "team_id": cls.team.id,
                "expected_revenue": 1_500_000,
                "date_deadline": fields.Date.today() + timedelta(days=20),
            }
        )
        cls.opportunity.message_post(body="Захиалагч үнийн санал хүлээж байна.")
        cls.opportunity.activity_schedule(
            "mail.mail_activity_data_call",
            summary="Захиалагч руу залгах",
            user_id=cls.leader.id,
            date_deadline=fields.Date.today() + timedelta(days=3),
        )
        # A salesperson's quotation with a discount over the limit, approval requested
        line = {"product_id": cls.product.id, "product_uom_qty": 2, "discount": 12.0}
        cls.quotation = (
            env["sale.order"]
            .with_user(cls.seller)
            .create(
                {
                    "partner_id": cls.customer.id,
                    "team_id": cls.team.id,
                    "opportunity_id": cls.opportunity.id,
                    "validity_date": fields.Date.today() + timedelta(days=30),
                    "order_line": [Command.create(line)],
                }
            )
        )
        # in the salesperson's language, as the web client asks: the activity's summary
        cls.quotation.with_context(lang="mn_MN").action_mn_request_approval()
        cls.quotation = cls.quotation.with_user(env.user)
        # A confirmed order: its delivery and its invoice
        cls.order = env["sale.order"].create(
            {
                "partner_id": cls.customer.id,
                "user_id": cls.leader.id,
                "team_id": cls.team.id,
                "order_line": [
                    Command.create({"product_id": cls.product.id, "product_uom_qty": 1})
                ],
            }
        )
        cls.order.action_confirm()
        cls.invoice = cls.order._create_invoices()

    def _run_scan(self):
        self.assertEqual(self.quotation.mn_approval_state, "requested")
        self.assertEqual(self.quotation.mn_approval_user_id, self.leader)
        self.assertTrue(self.order.picking_ids)
        self.start_tour("/odoo", "mn_crm_sales_no_english", login=self.leader.login, timeout=300)
        # The leader approved the discount from the approval activity
        self.assertEqual(self.quotation.mn_approval_state, "approved")
        self.assertEqual(self.quotation.mn_approval_decided_by_id, self.leader)
        activity_type = self.env.ref("mn_crm_sales.mail_activity_type_mn_discount_approval")
        self.assertFalse(
            self.quotation.activity_ids.filtered(lambda a: a.activity_type_id == activity_type)
        )
        # Nothing was saved by the scan's dialogs: the lead is still a lead, nothing lost
        self.assertEqual(self.lead.type, "lead")
        self.assertTrue(self.opportunity.active)


@tagged("post_install", "-at_install", "mn_tour")
class TestNoEnglish(NoEnglishCommon):
    """The scan at desktop size."""

    def test_seed_screens_have_no_english(self):
        self._run_scan()


@tagged("post_install", "-at_install", "mn_tour")
class TestNoEnglishPhone(NoEnglishCommon):
    """The same scan, and the approval from the activity, on the leader's phone."""

    browser_size = "390x844"
    touch_enabled = True

    def test_seed_screens_have_no_english_phone(self):
        self._run_scan()


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
