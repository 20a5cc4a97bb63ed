"""The seed's sales flow: pricing settings, quotations, e-mail, delivery, invoices."""

from odoo.exceptions import UserError
from odoo.tests import Form, TransactionCase, tagged

from .common import (
    DISCOUNT,
    PRICE,
    QTY,
    TOTAL,
    TOTAL_WORDS,
    UNTAXED,
    VAT,
    MnSaleFlowCommon,
)


@tagged("post_install", "-at_install")
class TestSalePricingSettings(TransactionCase):
    """Settings > Sales > Pricing: Discounts and Pricelists are on after install."""

    def test_discounts_and_pricelists_ticked_after_install(self):
        settings = self.env["res.config.settings"].create({})
        self.assertTrue(settings.group_discount_per_so_line)
        self.assertTrue(settings.group_product_pricelist)
        implied = self.env.ref("base.group_user").all_implied_ids
        self.assertIn(self.env.ref("sale.group_discount_per_so_line"), implied)
        self.assertIn(self.env.ref("product.group_product_pricelist"), implied)
        groups = self.env["res.groups"]
        self.assertTrue(groups._is_feature_enabled("sale.group_discount_per_so_line"))
        self.assertTrue(groups._is_feature_enabled("product.group_product_pricelist"))

    def test_default_pricelist_per_company(self):
        for company in self.env["res.company"].search([]):
            with self.subTest(company=company.name):
                pricelists = self.env["product.pricelist"].search(
                    [("company_id", "=", company.id), ("currency_id", "=", company.currency_id.id)]
                )
                self.assertTrue(pricelists, "turning Pricelists on creates a default pricelist")

    def test_enabling_restores_groups_and_default_pricelist(self):
        """The install step does what ticking both boxes in Settings does."""
        group_user = self.env.ref("base.group_user")
        discount = self.env.ref("sale.group_discount_per_so_line")
        pricelist_group = self.env.ref("product.group_product_pricelist")
        self.env["res.config.settings"].create(
            {"group_discount_per_so_line": False, "group_product_pricelist": False}
        ).execute()
        self.assertNotIn(discount, group_user.all_implied_ids)
        self.assertNotIn(pricelist_group, group_user.all_implied_ids)
        self.assertFalse(self.env["product.pricelist"].search([]))  # archived by core

        self.env["res.company"]._mn_enable_sale_pricing_features()

        self.assertIn(discount, group_user.all_implied_ids)
        self.assertIn(pricelist_group, group_user.all_implied_ids)
        company = self.env.company
        self.assertTrue(
            self.env["product.pricelist"].search(
                [("company_id", "=", company.id), ("currency_id", "=", company.currency_id.id)]
            )
        )
        self.assertTrue(self.env["res.config.settings"].create({}).group_discount_per_so_line)


@tagged("post_install", "-at_install")
class TestSaleFlow(MnSaleFlowCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.opportunity = cls.env["crm.lead"].create(
            {"name": "Оффисын тавилга", "type": "opportunity", "partner_id": cls.partner.id}
        )

    def _fill_line(self, form):
        with form.order_line.new() as line:
            line.product_id = self.product
            line.product_uom_qty = QTY
            line.price_unit = PRICE
            line.discount = DISCOUNT  # the column exists only with "Discounts" on
        return form

    def _assert_vat_discount_amounts(self, record):
        self.assertAlmostEqual(record.amount_total, TOTAL)
        self.assertAlmostEqual(record.amount_untaxed, UNTAXED)
        self.assertAlmostEqual(record.amount_tax, VAT)

    # -- quotations ------------------------------------------------------------------------

    def test_vat_of_the_mongolian_chart(self):
        self.assertEqual(self.company.currency_id, self.mnt)
        self.assertEqual(self.vat10.amount, 10.0)
        self.assertTrue(self.vat10.price_include)

    def test_quotation_from_opportunity(self):
        action = self.opportunity.action_sale_quotations_new()
        form = Form(self.env["sale.order"].with_context(**action["context"]))
        order = self._fill_line(form).save()
        self.assertEqual(order.opportunity_id, self.opportunity)
        self.assertEqual(order.partner_id, self.partner)
        self.assertEqual(order.state, "draft")
        line = order.order_line
        self.assertEqual(line.tax_ids, self.vat10)
        self.assertEqual((line.product_uom_qty, line.price_unit, line.discount), (QTY, PRICE, 10))
        self._assert_vat_discount_amounts(order)
        self.assertEqual(self.opportunity.quotation_count, 1)

    def test_quotation_from_sales_menu(self):
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "sale.action_quotations_with_onboarding"
        )
        self.assertEqual(action["res_model"], "sale.order")
        form = Form(self.env["sale.order"])
        form.partner_id = self.partner
        order = self._fill_line(form).save()
        self.assertTrue(order.pricelist_id, "with Pricelists on, the order gets one")
        self.assertEqual(order.pricelist_id.currency_id, self.mnt)
        self.assertEqual(order.order_line.tax_ids, self.vat10)
        self._assert_vat_discount_amounts(order)

    # -- e-mail ----------------------------------------------------------------------------

    def test_send_quotation_with_mongolian_template_and_pdf(self):
        template = self.env.ref("mn_crm_sales.mail_template_sale_quotation_mn")
        self.assertEqual(template.report_template_ids, self.env.ref("sale.action_report_saleorder"))
        order = self.env["sale.order"].create(self._order_vals())
        action = order.action_quotation_send()
        self.assertEqual(action["context"]["default_template_id"], template.id)

        composer = Form(self.env["mail.compose.message"].with_context(**action["context"])).save()
        self.assertIn(f"Үнийн санал {order.name}", composer.subject)
        self.assertIn(TOTAL_WORDS, str(composer.body))
        # The quotation report is attached. Under tests Odoo renders reports as HTML instead
        # of PDF (".html"); TestSaleDocumentsPdf checks a real PDF through wkhtmltopdf.
        attachment = composer.attachment_ids
        self.assertEqual(len(attachment), 1)
        self.assertTrue(attachment.name.startswith(f"Үнийн санал - {order.name}."), attachment.name)
        self.assertIn(TOTAL_WORDS, attachment.raw.decode())
        composer.action_send_mail()

        self.assertEqual(order.state, "sent")
        message = order.message_ids.filtered(lambda m: m.subject and order.name in m.subject)
        self.assertEqual(len(message), 1)
        self.assertTrue(message.subject.startswith("Үнийн санал"))
        self.assertEqual(message.partner_ids, self.partner)
        self.assertTrue(message.attachment_ids.name.startswith(f"Үнийн санал - {order.name}."))

    def test_other_languages_keep_core_template(self):
        self.partner.lang = "en_US"
        order = self.env["sale.order"].create(self._order_vals())
        self.assertEqual(order._find_mail_template(), self.env.ref("sale.email_template_edi_sale"))

    def test_mongolian_template_follows_company_switch(self):
        self.company.mn_quotation_mail_mongolian = False
        order = self.env["sale.order"].create(self._order_vals())
        self.assertEqual(order._find_mail_template(), self.env.ref("sale.email_template_edi_sale"))

    def test_confirmed_order_keeps_confirmation_template(self):
        order = self.env["sale.order"].create(self._order_vals())
        order.action_confirm()
        self.assertEqual(order._find_mail_template(), order._get_confirmation_template())

    # -- delivery and invoices -------------------------------------------------------------

    def test_confirm_creates_delivery(self):
        order = self.env["sale.order"].create(self._order_vals())
        order.action_confirm()
        self.assertEqual(order.state, "sale")
        picking = order.picking_ids
        self.assertEqual(len(picking), 1)
        self.assertEqual(picking.picking_type_code, "outgoing")
        self.assertEqual(picking.move_ids.product_id, self.product)
        self.assertEqual(picking.move_ids.product_uom_qty, QTY)
        self.assertEqual(order.invoice_status, "no", "invoiced on delivery")

        self._deliver(order)
        self.assertEqual(picking.state, "done")
        self.assertEqual(order.order_line.qty_delivered, QTY)
        self.assertEqual(order.invoice_status, "to invoice")

    def test_invoice_from_order_vat_and_discount(self):
        order = self.env["sale.order"].create(self._order_vals())
        order.action_confirm()
        self._deliver(order)
        invoice = self._invoice_from_order(order)

        self.assertEqual(len(invoice), 1)
        self.assertEqual(invoice.move_type, "out_invoice")
        self.assertEqual(invoice.state, "draft")
        line = invoice.invoice_line_ids
        self.assertEqual((line.quantity, line.price_unit, line.discount), (QTY, PRICE, DISCOUNT))
        self.assertEqual(line.tax_ids, self.vat10)
        self._assert_vat_discount_amounts(invoice)

        invoice.action_post()
        self.assertEqual(invoice.state, "posted")
        tax_line = invoice.line_ids.filtered(lambda aml: aml.tax_line_id == self.vat10)
        self.assertAlmostEqual(tax_line.credit, VAT)
        receivable = invoice.line_ids.filtered(
            lambda aml: aml.account_id.account_type == "asset_receivable"
        )
        self.assertAlmostEqual(receivable.debit, TOTAL)
        self.assertEqual(order.invoice_status, "invoiced")

    def test_opportunity_invoices_its_delivered_orders(self):
        action = self.opportunity.action_sale_quotations_new()
        order = self.env["sale.order"].with_context(**action["context"]).create(self._order_vals())
        order.action_confirm()
        self.assertEqual(self.opportunity.mn_order_to_invoice_count, 0)
        with self.assertRaises(UserError):  # nothing delivered yet
            self.opportunity.action_mn_create_invoices()
        self.assertFalse(order.invoice_ids)

        self._deliver(order)
        self.assertEqual(self.opportunity.mn_order_to_invoice_count, 1)
        action = self.opportunity.action_mn_create_invoices()

        invoice = order.invoice_ids
        self.assertEqual(len(invoice), 1)
        self.assertEqual(action["res_model"], "account.move")
        self.assertEqual(action["res_id"], invoice.id)
        self._assert_vat_discount_amounts(invoice)
        invoice.action_post()
        self.assertEqual(invoice.state, "posted")
        self.assertEqual(self.opportunity.mn_order_to_invoice_count, 0)
        with self.assertRaises(UserError):  # already invoiced
            self.opportunity.action_mn_create_invoices()

    def test_opportunity_shows_invoices_smart_button(self):
        self.assertEqual(self.opportunity.mn_invoice_count, 0)
        orders = self.env["sale.order"].create(
            [self._order_vals(opportunity_id=self.opportunity.id) for _ in range(2)]
        )
        orders.action_confirm()
        for order in orders:
            self._deliver(order)
        invoices = orders[0]._create_invoices() | orders[1]._create_invoices()

        self.assertEqual(self.opportunity.mn_invoice_ids, invoices)
        self.assertEqual(self.opportunity.mn_invoice_count, 2)
        action = self.opportunity.action_mn_view_invoices()
        self.assertEqual(action["res_model"], "account.move")
        self.assertEqual(set(action["domain"][0][2]), set(invoices.ids))

        other = self.env["crm.lead"].create({"name": "Өөр боломж", "type": "opportunity"})
        self.assertEqual(other.mn_invoice_count, 0)

    def test_salesperson_invoices_from_opportunity(self):
        salesman = self.env["res.users"].create(
            {
                "name": "Борлуулагч Бат",
                "login": "mn_sale_flow_salesman",
                "email": "bat@example.mn",
                "group_ids": [(6, 0, [self.env.ref("sales_team.group_sale_salesman").id])],
            }
        )
        self.opportunity.user_id = salesman
        lead = self.opportunity.with_user(salesman)
        action = lead.action_sale_quotations_new()
        form = Form(self.env["sale.order"].with_user(salesman).with_context(**action["context"]))
        order = self._fill_line(form).save()
        order.action_confirm()
        self._deliver(order.with_env(self.env))

        lead.action_mn_create_invoices()
        self.assertEqual(lead.mn_invoice_count, 1)
        self._assert_vat_discount_amounts(lead.mn_invoice_ids)

    def test_opportunity_form_has_invoice_buttons(self):
        arch = self.env["crm.lead"].get_view(self.env.ref("crm.crm_lead_view_form").id, "form")[
            "arch"
        ]
        self.assertIn('name="action_mn_create_invoices"', arch)
        self.assertIn('name="action_mn_view_invoices"', arch)
