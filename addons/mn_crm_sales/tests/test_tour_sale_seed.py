"""The seed's sales path in the browser, in Mongolian, with discount approval on.

static/tests/tours/mn_sale_seed_tour.js holds three tours, run here in turn with the login
of the user who does each part: the salesperson asks, the team leader approves, the
salesperson confirms, delivers and invoices. The database is then checked independently of
the UI, down to the amount in Mongolian words on the invoice PDF.
"""

from odoo import Command
from odoo.tests import HttpCase, new_test_user, tagged
from odoo.tools import float_compare, mute_logger

from ..tools.amount_words import amount_to_words
from .test_documents_sale import INVOICE_REPORT, pdf_text

CUSTOMER = "Хөвсгөл Оффис ХХК"
OPPORTUNITY = "Хөвсгөл Оффис - хурлын танхимын тавилга"
PRODUCT = "Хурлын ширээ"
PRICE = 110_000.0
QTY = 3.0
DISCOUNT = 12.0  # above the salesperson's 5 % and the team's 10 %
ON_HAND = 10.0
# 3 x 110 000 x (1 - 12 %) = 290 400 ₮, VAT included (l10n_mn sales taxes are price-included)
TOTAL_WORDS = "Хоёр зуун ерэн мянга дөрвөн зуун төгрөг"


@tagged("post_install", "-at_install", "mn_tour")
class TestSaleSeedTour(HttpCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env["res.lang"]._activate_lang("mn_MN")
        cls.company = cls.env.ref("base.main_company")
        cls.company.mn_discount_approval = True
        cls.mnt = cls.env.ref("base.MNT")
        cls.seller = new_test_user(
            cls.env,
            login="mn_sale_seller",
            name="Батын Болд",
            lang="mn_MN",
            tz="Asia/Ulaanbaatar",
            company_id=cls.company.id,
            # Sales (own documents), delivery and invoicing: one small company's salesperson
            groups="sales_team.group_sale_salesman,stock.group_stock_user,"
            "account.group_account_invoice",
        )
        cls.seller.mn_max_discount = 5.0
        cls.leader = new_test_user(
            cls.env,
            login="mn_sale_leader",
            name="Доржийн Сараа",
            lang="mn_MN",
            tz="Asia/Ulaanbaatar",
            company_id=cls.company.id,
            # sees the team's quotations; approves as team leader, not as sales manager
            groups="sales_team.group_sale_salesman_all_leads",
        )
        cls.team = cls.env["crm.team"].create(
            {
                "name": "Хойд бүсийн баг",
                "user_id": cls.leader.id,
                "member_ids": [Command.link(cls.seller.id)],
                "mn_max_discount": 10.0,
                "company_id": cls.company.id,
            }
        )
        # a pricelist without rules, so that the seed's time-window and tier rules of the
        # demo pricelists cannot change the price on the day the test runs
        cls.pricelist = cls.env["product.pricelist"].create(
            {"name": "Тур үнэ", "currency_id": cls.mnt.id, "company_id": cls.company.id}
        )
        cls.customer = cls.env["res.partner"].create(
            {
                "name": CUSTOMER,
                "is_company": True,
                "lang": "mn_MN",
                "email": "info@khuvsgul-office.example.mn",
                "mn_register_number": "6054471",  # shown on the kanban cards
                "property_product_pricelist": cls.pricelist.id,
            }
        )
        # a category without a discount limit: the salesperson's own limit applies
        category = cls.env["product.category"].create({"name": "Оффисын тавилга (тур)"})
        cls.product = cls.env["product.product"].create(
            {
                "name": PRODUCT,
                "type": "consu",
                "is_storable": True,
                "list_price": PRICE,
                "standard_price": 60_000.0,
                "categ_id": category.id,
                "invoice_policy": "delivery",
                "taxes_id": [Command.set(cls.company.account_sale_tax_id.ids)],
            }
        )
        cls.warehouse = cls.env["stock.warehouse"].search(
            [("company_id", "=", cls.company.id)], limit=1
        )
        cls.env["stock.quant"]._update_available_quantity(
            cls.product, cls.warehouse.lot_stock_id, ON_HAND
        )
        cls.opportunity = cls.env["crm.lead"].create(
            {
                "name": OPPORTUNITY,
                "type": "opportunity",
                "partner_id": cls.customer.id,
                "user_id": cls.seller.id,
                "team_id": cls.team.id,
                "company_id": cls.company.id,
                "expected_revenue": 330_000,
            }
        )

    def _assert_amount(self, actual, expected, message=None):
        self.assertEqual(float_compare(actual, expected, precision_digits=2), 0, message)

    def _check_setup(self):
        """What the tour relies on: the company's default sale tax is l10n_mn's 10 % VAT,
        included in the price (so the total is qty x price x (1 - discount), VAT inside)."""
        vat = self.company.account_sale_tax_id
        self.assertEqual(vat.get_external_id()[vat.id], "account.1_account_tax_sale_vat1")
        self.assertEqual((vat.amount_type, vat.amount, vat.price_include), ("percent", 10, True))
        self.assertEqual(self.company.currency_id, self.mnt)
        self.assertTrue(self.seller.has_group("sale.group_discount_per_so_line"))
        self.assertEqual(self.seller.company_id, self.company)

    def test_mn_sale_seed_tour(self):
        self._check_setup()

        # 1. the salesperson quotes from the opportunity and asks for approval
        # the refused confirmation is a UserError, which odoo.http logs as a WARNING
        with mute_logger("odoo.http"):
            self.start_tour("/odoo", "mn_sale_seed_request", login=self.seller.login, timeout=300)
        self.env.invalidate_all()
        order = self.opportunity.order_ids
        self.assertEqual(len(order), 1, "one quotation, made from the opportunity")
        self.assertEqual(order.partner_id, self.customer)
        self.assertEqual(order.user_id, self.seller)
        self.assertEqual(order.team_id, self.team)
        self.assertEqual(order.state, "draft", "confirming was refused")
        self.assertEqual(order.mn_approval_state, "requested")
        self.assertEqual(order.mn_approval_user_id, self.leader)
        line = order.order_line
        self.assertEqual(line.product_id, self.product)
        self.assertEqual(
            (line.product_uom_qty, line.price_unit, line.discount), (QTY, PRICE, DISCOUNT)
        )
        activity_type = self.env.ref("mn_crm_sales.mail_activity_type_mn_discount_approval")
        activity = order.activity_ids.filtered(lambda a: a.activity_type_id == activity_type)
        self.assertEqual(activity.user_id, self.leader, "the leader has an approval activity")

        # 2. the team leader approves
        self.start_tour("/odoo", "mn_sale_seed_approve", login=self.leader.login, timeout=300)
        self.env.invalidate_all()
        self.assertEqual(order.mn_approval_state, "approved")
        self.assertEqual(order.mn_approval_decided_by_id, self.leader)
        self.assertFalse(
            order.activity_ids.filtered(lambda a: a.activity_type_id == activity_type),
            "the approval activity is done",
        )

        # 3. the salesperson confirms, delivers and invoices
        self.start_tour("/odoo", "mn_sale_seed_fulfil", login=self.seller.login, timeout=300)
        self.env.invalidate_all()
        self.assertEqual(order.state, "sale")
        self.assertEqual(order.mn_approval_state, "approved", "confirming kept the approval")

        picking = order.picking_ids
        self.assertEqual(len(picking), 1)
        self.assertEqual(picking.picking_type_code, "outgoing")
        self.assertEqual(picking.state, "done")
        self.assertEqual(picking.move_ids.quantity, QTY)
        self.assertEqual(line.qty_delivered, QTY)
        self.assertEqual(
            self.product.with_context(warehouse_id=self.warehouse.id).qty_available, ON_HAND - QTY
        )

        invoice = order.invoice_ids
        self.assertEqual(len(invoice), 1)
        self.assertEqual(invoice.move_type, "out_invoice")
        self.assertEqual(invoice.state, "posted")
        self.assertEqual(invoice.partner_id, self.customer)
        self.assertEqual(invoice.currency_id, self.mnt)
        self.assertEqual(order.invoice_status, "invoiced")
        # computed here, not read from Odoo: the 10 % VAT is included in the price
        total = QTY * PRICE * (1 - DISCOUNT / 100)
        untaxed = round(total / 1.10, 2)
        self._assert_amount(total, 290_400.0)
        self._assert_amount(invoice.amount_total, total, "invoice total")
        self._assert_amount(invoice.amount_untaxed, untaxed, "invoice untaxed")
        self._assert_amount(invoice.amount_tax, total - untaxed, "invoice VAT")
        self._assert_amount(order.amount_total, total, "order total")

        # the amount in Mongolian words, on the document the customer gets
        self.assertEqual(amount_to_words(total), TOTAL_WORDS)
        self.assertEqual(invoice._mn_amount_in_words(), TOTAL_WORDS)
        report = self.env["ir.actions.report"]
        html = report._render_qweb_html(INVOICE_REPORT, invoice.ids)[0].decode()
        self.assertIn(TOTAL_WORDS, html)
        self.assertIn(CUSTOMER, html)
        pdf, report_type = report.with_context(force_report_rendering=True)._render_qweb_pdf(
            INVOICE_REPORT, invoice.ids
        )
        self.assertEqual(report_type, "pdf")
        self.assertIn(TOTAL_WORDS, " ".join(pdf_text(pdf).split()))


@tagged("post_install", "-at_install", "mn_tour")
class TestSaleSeedTourPhone(TestSaleSeedTour):
    """The same three tours on a phone with touch (the Odoo mobile app): the salesperson
    adds, edits and removes order lines as kanban cards in a dialog; the leader approves
    from the quotation's form; every screen is checked against the phone's width."""

    browser_size = "390x844"
    touch_enabled = True

    # Odoo's test loader runs only the methods a class defines itself; pytest-odoo (the
    # harness) also runs the inherited ones: hide the desktop test so the phone runs once
    test_mn_sale_seed_tour = None

    def test_mn_sale_seed_tour_phone(self):
        TestSaleSeedTour.test_mn_sale_seed_tour(self)
