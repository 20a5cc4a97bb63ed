"""The seed's flows the other tours leave out, in the browser, in Mongolian.

static/tests/tours/mn_seed_gaps_tour.js holds five tours, run here in turn with the login of
the user who does each: the salesperson restores a lost opportunity with a reason, sends a
quotation by e-mail with the Mongolian template and invoices an opportunity from its own
form; the team leader rejects discounts with a reason and reads the sales and pipeline
reports. Each tour opens on its record (the menus to reach them are the other tours'
business). After each tour the records are re-read to prove the state changed, and the
documents are rendered with the amount in Mongolian words.
"""

from odoo import Command
from odoo.tests import HttpCase, new_test_user, tagged

from .test_documents_sale import INVOICE_REPORT, SALE_REPORT

CUSTOMER = "Хөвсгөл Оффис ХХК"
TEAM = "Хойд бүсийн баг"
PRODUCT = "Хурлын ширээ"
PRICE = 110_000.0
RESTORE_REASON = "Харилцагч дахин төсөв баталсан."
REJECT_REASON = "12 хувийн хөнгөлөлт багийн хязгаараас хэтэрсэн."
# 2 x 110 000 = 220 000 ₮, VAT included (l10n_mn sales taxes are price-included)
TOTAL_WORDS = "Хоёр зуун хорин мянган төгрөг"


@tagged("post_install", "-at_install", "mn_tour")
class TestSeedGapsTour(HttpCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env["res.lang"]._activate_lang("mn_MN")
        cls.company = cls.env.ref("base.main_company")
        cls.company.write(
            {
                "mn_discount_approval": True,
                "mn_lost_restore_log": True,
                "mn_lost_restore_managers_only": False,
                "mn_quotation_mail_mongolian": True,
                "mn_document_amount_in_words": True,
            }
        )
        cls.mnt = cls.env.ref("base.MNT")
        cls.seller = new_test_user(
            cls.env,
            login="mn_gaps_seller",
            name="Батын Болд",
            email="bold@khuvsgul-office.example.mn",
            lang="mn_MN",
            tz="Asia/Ulaanbaatar",
            company_id=cls.company.id,
            groups="sales_team.group_sale_salesman,stock.group_stock_user,"
            "account.group_account_invoice",
        )
        cls.seller.mn_max_discount = 5.0
        cls.leader = new_test_user(
            cls.env,
            login="mn_gaps_leader",
            name="Доржийн Сараа",
            lang="mn_MN",
            tz="Asia/Ulaanbaatar",
            company_id=cls.company.id,
            # the team's leader, who also reads Борлуулалт > Тайлагнах (a sales manager's menu)
            groups="sales_team.group_sale_manager",
        )
        # OdooBot's welcome chat would cover a new user's phone screen on the home page
        if "odoobot_state" in cls.env["res.users"]._fields:
            (cls.seller | cls.leader).odoobot_state = "disabled"
        cls.team = cls.env["crm.team"].create(
            {
                "name": TEAM,
                "user_id": cls.leader.id,
                "member_ids": [Command.link(cls.seller.id)],
                "mn_max_discount": 10.0,
                "company_id": cls.company.id,
            }
        )
        pricelist = cls.env["product.pricelist"].create(
            {"name": "Тур үнэ", "currency_id": cls.mnt.id, "company_id": cls.company.id}
        )
        cls.customer = cls.env["res.partner"].create(
            {
                "name": CUSTOMER,
                "is_company": True,
                "lang": "mn_MN",
                "email": "info@khuvsgul-office.example.mn",
                "property_product_pricelist": pricelist.id,
            }
        )
        category = cls.env["product.category"].create({"name": "Оффисын тавилга (тур)"})
        cls.product = cls.env["product.product"].create(
            {
                "name": PRODUCT,
                "type": "consu",
                "is_storable": True,
                "list_price": PRICE,
                "categ_id": category.id,
                "invoice_policy": "delivery",
                "taxes_id": [Command.set(cls.company.account_sale_tax_id.ids)],
            }
        )
        warehouse = cls.env["stock.warehouse"].search(
            [("company_id", "=", cls.company.id)], limit=1
        )
        cls.env["stock.quant"]._update_available_quantity(cls.product, warehouse.lot_stock_id, 10.0)

        def opportunity(name):
            return cls.env["crm.lead"].create(
                {
                    "name": name,
                    "type": "opportunity",
                    "partner_id": cls.customer.id,
                    "user_id": cls.seller.id,
                    "team_id": cls.team.id,
                    "company_id": cls.company.id,
                }
            )

        def quotation(lead, discount=0.0):
            return (
                cls.env["sale.order"]
                .with_user(cls.seller)
                .create(
                    {
                        "partner_id": cls.customer.id,
                        "opportunity_id": lead.id,
                        "user_id": cls.seller.id,
                        "team_id": cls.team.id,
                        "order_line": [
                            Command.create(
                                {
                                    "product_id": cls.product.id,
                                    "product_uom_qty": 2.0,
                                    "discount": discount,
                                }
                            )
                        ],
                    }
                )
                .with_user(cls.env.user)
            )

        # (a) lost, with a reason
        cls.lost = opportunity("Хөвсгөл Оффис - агуулахын тавиур")
        cls.lost.action_set_lost(lost_reason_id=cls.env.ref("crm.lost_reason_1").id)
        # (c) a quotation to send
        cls.to_send = quotation(opportunity("Хөвсгөл Оффис - хүлээлгийн сандал"))
        # (b) discounts above the team's limit, approval asked by the salesperson
        cls.to_reject = quotation(opportunity("Хөвсгөл Оффис - хурлын ширээ"), discount=12.0)
        cls.to_reject.with_user(cls.seller).action_mn_request_approval()
        # (d) a confirmed order, delivered, waiting for its invoice
        cls.to_invoice_lead = opportunity("Хөвсгөл Оффис - захирлын ширээ")
        cls.to_invoice = quotation(cls.to_invoice_lead)
        cls.to_invoice.action_confirm()
        picking = cls.to_invoice.picking_ids
        picking.move_ids.write({"quantity": 2.0, "picked": True})
        picking.button_validate()

    def _check_setup(self):
        self.assertFalse(self.lost.active)
        self.assertEqual(self.lost.won_status, "lost")
        self.assertEqual(self.to_reject.mn_approval_state, "requested")
        self.assertEqual(self.to_reject.mn_approval_user_id, self.leader)
        self.assertEqual(self.to_invoice.invoice_status, "to invoice")
        self.assertEqual(self.to_invoice_lead.mn_order_to_invoice_count, 1)
        self.assertEqual(
            self.to_send._find_mail_template(),
            self.env.ref("mn_crm_sales.mail_template_sale_quotation_mn"),
        )

    def test_mn_seed_gaps_tour(self):
        self._run_tours()

    def _run_tours(self):
        self._check_setup()
        seller, leader = self.seller.login, self.leader.login

        # (a) restore the lost opportunity, with the reason the suite asks for
        self.start_tour(f"/odoo/crm/{self.lost.id}", "mn_seed_gaps_restore", login=seller)
        self.env.invalidate_all()
        self.assertTrue(self.lost.active)
        self.assertEqual(self.lost.won_status, "pending")
        log = self.lost.mn_restore_log_ids
        self.assertEqual(len(log), 1)
        self.assertEqual((log.user_id, log.reason), (self.seller, RESTORE_REASON))

        # (c) send the quotation by e-mail with the Mongolian template
        self.start_tour(f"/odoo/sales/{self.to_send.id}", "mn_seed_gaps_send", login=seller)
        self.env.invalidate_all()
        self.assertEqual(self.to_send.state, "sent")
        sent = self.to_send.message_ids.filtered(
            lambda m: m.message_type == "comment" and self.customer in m.partner_ids
        )
        self.assertEqual(len(sent), 1, "one e-mail to the customer in the chatter")
        self.assertTrue(sent.subject.startswith(f"Үнийн санал {self.to_send.name}"))
        self.assertIn(f"Дүн үсгээр: {TOTAL_WORDS}", sent.body)
        self.assertTrue(sent.attachment_ids, "the quotation PDF is attached")
        mail = self.env["mail.mail"].sudo().search([("mail_message_id", "=", sent.id)])
        self.assertTrue(mail, "an e-mail was queued for the customer")
        # (e) the quotation document: the amount in Mongolian words
        report = self.env["ir.actions.report"]
        html = report._render_qweb_html(SALE_REPORT, self.to_send.ids)[0].decode()
        self.assertIn(TOTAL_WORDS, html)

        # (b) the leader rejects the discounts, with a reason
        self.start_tour(f"/odoo/sales/{self.to_reject.id}", "mn_seed_gaps_reject", login=leader)
        self.env.invalidate_all()
        self.assertEqual(self.to_reject.mn_approval_state, "rejected")
        self.assertEqual(self.to_reject.mn_approval_decided_by_id, self.leader)
        self.assertEqual(self.to_reject.mn_approval_reject_reason, REJECT_REASON)
        self.assertEqual(self.to_reject.state, "draft")
        self.assertIn(REJECT_REASON, " ".join(self.to_reject.message_ids.mapped("body")))

        # (d) invoice from the opportunity, post; (e) the invoice with the amount in words
        self.start_tour(
            f"/odoo/crm/{self.to_invoice_lead.id}", "mn_seed_gaps_invoice", login=seller
        )
        self.env.invalidate_all()
        invoice = self.to_invoice.invoice_ids
        self.assertEqual(len(invoice), 1)
        self.assertEqual(invoice.state, "posted")
        self.assertEqual(self.to_invoice.invoice_status, "invoiced")
        self.assertEqual(self.to_invoice_lead.mn_invoice_ids, invoice)
        self.assertEqual(invoice._mn_amount_in_words(), TOTAL_WORDS)
        html = report._render_qweb_html(INVOICE_REPORT, invoice.ids)[0].decode()
        self.assertIn(TOTAL_WORDS, html)

        # (f) the seed's reports, grouped and filtered
        self.start_tour("/odoo", "mn_seed_gaps_reports", login=leader)


@tagged("post_install", "-at_install", "mn_tour")
class TestSeedGapsTourPhone(TestSeedGapsTour):
    """The same tours on a phone with touch (the Odoo mobile app): status-bar buttons from
    "More", reports from the sidebar's menus, every screen checked against the phone's
    width."""

    browser_size = "390x844"
    touch_enabled = True

    # Odoo's test loader runs only the methods a class defines itself; pytest-odoo (the
    # harness) also runs the inherited ones: hide the desktop test so the phone runs once
    test_mn_seed_gaps_tour = None

    def test_mn_seed_gaps_tour_phone(self):
        self._run_tours()
