"""No way around the sales rules: what a salesperson's own API call could try, refused.

Each refusal also re-reads the records to prove that nothing was written.
"""

from datetime import timedelta

from odoo import Command, fields
from odoo.exceptions import AccessError, UserError
from odoo.tests import Form, tagged

from ..tools import context_keys
from .common import MnSaleCommon


@tagged("post_install", "-at_install")
class SaleGuardCase(MnSaleCommon):
    """The shared sales fixture: a salesperson with a 5 % limit in a 10 % team."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.product = cls.chair
        cls.partner = cls.customer

    def _quotation(self, discount=0.0, price_unit=None, user=None, **line_vals):
        user = user or self.salesperson
        line = {"product_id": self.product.id, "product_uom_qty": 2, "discount": discount}
        if price_unit is not None:
            line["price_unit"] = price_unit
        line.update(line_vals)
        return (
            self.env["sale.order"]
            .with_user(user)
            .create(
                {
                    "partner_id": self.partner.id,
                    "user_id": user.id,
                    "team_id": self.team.id,
                    "order_line": [Command.create(line)],
                }
            )
        )

    def _snapshot(self, order):
        order.invalidate_recordset()
        order.order_line.invalidate_recordset()
        return (
            order.state,
            order.mn_approval_state,
            order.user_id,
            order.team_id,
            order.invoice_ids,
            [
                (line.product_id, line.product_uom_qty, line.price_unit, line.discount)
                for line in order.order_line
            ],
        )


class TestOrderStateGuard(SaleGuardCase):
    """Class 1: the state changes only through the action methods."""

    def test_create_confirmed_order_is_refused(self):
        orders = self.env["sale.order"].search_count([])
        with self.assertRefused(UserError, "created as a quotation"):
            self.env["sale.order"].with_user(self.salesperson).create(
                {
                    "partner_id": self.partner.id,
                    "state": "sale",
                    "order_line": [
                        Command.create({"product_id": self.product.id, "discount": 20.0})
                    ],
                }
            )
        self.assertEqual(self.env["sale.order"].search_count([]), orders)

    def test_create_with_state_as_context_default_is_refused(self):
        """``default_state`` (a context key any caller sends) makes no confirmed order."""
        orders = self.env["sale.order"].search_count([])
        with self.assertRefused(UserError, "created as a quotation"):
            self.env["sale.order"].with_user(self.salesperson).with_context(
                default_state="sale"
            ).create({"partner_id": self.partner.id})
        self.assertEqual(self.env["sale.order"].search_count([]), orders)

    def test_superuser_code_creates_past_the_quotation(self):
        """Server code that runs as superuser (core's portal flows, data) is trusted."""
        order = (
            self.env["sale.order"].sudo().create({"partner_id": self.partner.id, "state": "sent"})
        )
        self.assertEqual(order.state, "sent")

    def test_line_copy_of_the_state_is_not_writable(self):
        """The line's stored copy of the state would let the invoicing wizard bill a draft."""
        order = self._quotation(discount=3.0)
        before = self._snapshot(order)
        with self.assertRefused(UserError, "only through"):
            order.order_line.with_user(self.salesperson).write({"state": "sale"})
        self.assertEqual(self._snapshot(order), before)
        self.assertEqual(order.order_line.state, "draft")
        with self.assertRefused(UserError, "only through"):
            self.env["sale.order.line"].with_user(self.salesperson).create(
                {"order_id": order.id, "product_id": self.product.id, "state": "sale"}
            )
        self.assertEqual(self._snapshot(order), before)

    def test_switching_rules_off_covers_companies_created_later(self):
        self.company._mn_switch_off_rules()
        company = self.env["res.company"].create({"name": "MN later company"})
        self.assertFalse(company.mn_discount_approval)
        self.assertFalse(company._mn_judges_quotations())

    def test_write_state_alone_or_with_lines_is_refused(self):
        order = self._quotation(discount=20.0)
        before = self._snapshot(order)
        for vals in (
            {"state": "sale"},
            {"state": "sent"},
            {"state": "sale", "order_line": [Command.create({"product_id": self.product.id})]},
        ):
            with self.subTest(vals=vals), self.assertRefused(UserError, "only through"):
                order.with_user(self.salesperson).write(vals)
            self.assertEqual(self._snapshot(order), before)

    def test_cancelled_order_is_not_revived_by_a_write(self):
        order = self._quotation()
        order.with_user(self.salesperson).action_cancel()
        with self.assertRefused(UserError, "only through"):
            order.with_user(self.salesperson).write({"state": "draft"})
        self.assertEqual(order.state, "cancel")

    def test_json_context_key_does_not_open_the_gate(self):
        order = self._quotation(discount=20.0)
        hostile = order.with_user(self.salesperson).with_context(
            mn_order_state_write=True, mn_approval_write=True, mn_derived_write=True
        )
        with self.assertRaises(UserError):
            hostile.write({"state": "sale"})
        with self.assertRaises(UserError):
            hostile.write({"mn_approval_state": "approved"})
        self.assertEqual(self._snapshot(order)[:2], ("draft", "to_request"))

    def test_action_methods_still_change_the_state(self):
        order = self._quotation(discount=3.0)
        order.with_user(self.salesperson).action_quotation_sent()
        self.assertEqual(order.state, "sent")
        order.with_user(self.salesperson).action_confirm()
        self.assertEqual(order.state, "sale")
        self.assertTrue(order.picking_ids, "core's confirmation ran (delivery created)")

    def test_rules_off_core_behaviour(self):
        self.company.mn_discount_approval = False
        order = self._quotation(discount=20.0)
        order.write({"state": "sent"})
        self.assertEqual(order.state, "sent")

    def test_down_payment_of_unapproved_quotation_is_refused(self):
        order = self._quotation(discount=20.0)
        wizard = (
            self.env["sale.advance.payment.inv"]
            .with_user(self.salesperson)
            .with_context(active_model="sale.order", active_ids=order.ids)
            .create({"advance_payment_method": "fixed", "fixed_amount": 10.0})
        )
        with self.assertRefused(UserError, "before it can be invoiced"):
            wizard.create_invoices()
        self.assertFalse(order.invoice_ids)
        self.assertFalse(order.order_line.filtered("is_downpayment"))

    def test_down_payment_of_approved_order_works(self):
        order = self._quotation(discount=8.0)
        order.with_user(self.salesperson).action_mn_request_approval()
        order.with_user(self.leader).action_mn_approve()
        order.with_user(self.salesperson).action_confirm()
        wizard = (
            self.env["sale.advance.payment.inv"]
            .with_user(self.salesperson)
            .with_context(active_model="sale.order", active_ids=order.ids)
            .create({"advance_payment_method": "fixed", "fixed_amount": 10.0})
        )
        wizard.create_invoices()
        self.assertEqual(len(order.invoice_ids), 1)
        self.assertTrue(order.order_line.filtered("is_downpayment"))


class TestDiscountGiven(SaleGuardCase):
    """Class 2: one figure, whatever the way the money is given."""

    def test_price_cut_counts_as_discount(self):
        order = self._quotation(price_unit=90.0)
        self.assertEqual(order.mn_approval_state, "to_request")
        self.assertIn("discount 10%", order.mn_approval_reasons)
        with self.assertRaises(UserError):
            order.with_user(self.salesperson).action_confirm()
        self.assertEqual(order.state, "draft")

    def test_price_cut_within_limit_passes(self):
        order = self._quotation(price_unit=96.0)
        self.assertEqual(order.mn_approval_state, "not_needed")

    def test_other_unit_at_the_unit_price_counts(self):
        dozen = self.env.ref("uom.product_uom_dozen")
        order = self._quotation()
        order.order_line.with_user(self.salesperson).write(
            {"product_uom_id": dozen.id, "price_unit": 100.0}
        )
        self.assertEqual(order.mn_approval_state, "to_request")
        with self.assertRaises(UserError):
            order.with_user(self.salesperson).action_confirm()

    def test_negative_quantity_line_counts_as_order_discount(self):
        order = self._quotation(product_uom_qty=10)
        order.with_user(self.salesperson).write(
            {"order_line": [Command.create({"product_id": self.product.id, "product_uom_qty": -1})]}
        )
        self.assertEqual(order.mn_approval_state, "to_request")
        self.assertIn("on the whole order", order.mn_approval_reasons)

    def test_pricelist_price_is_the_reference(self):
        pricelist = self.env["product.pricelist"].create(
            {
                "name": "Guard -20%",
                "item_ids": [
                    Command.create(
                        {
                            "applied_on": "3_global",
                            "compute_price": "percentage",
                            "percent_price": 20,
                        }
                    )
                ],
            }
        )
        self.partner.property_product_pricelist = pricelist
        order = self._quotation()
        self.assertAlmostEqual(order.order_line._mn_reference_unit_price(), 80.0)
        self.assertEqual(order.mn_approval_state, "not_needed")
        order.order_line.with_user(self.salesperson).price_unit = 74.0
        self.assertEqual(order.mn_approval_state, "to_request")

    def test_reference_is_stored_when_priced_and_kept_until_priced_again(self):
        """A later pricelist change moves neither price nor reference, as core's prices."""
        rule = self.env["product.pricelist.item"].create(
            {"applied_on": "3_global", "compute_price": "percentage", "percent_price": 20}
        )
        pricelist = self.env["product.pricelist"].create(
            {"name": "Guard stored", "item_ids": [Command.set(rule.ids)]}
        )
        self.partner.property_product_pricelist = pricelist
        order = self._quotation()
        line = order.order_line
        self.assertAlmostEqual(line.mn_reference_price_unit, 80.0)
        self.assertEqual(line.mn_reference_rule_id, rule)
        rule.percent_price = 50
        line.invalidate_recordset()
        self.assertAlmostEqual(line._mn_reference_unit_price(), 80.0)
        order.action_update_prices()
        self.assertAlmostEqual(line.mn_reference_price_unit, 50.0)
        self.assertAlmostEqual(line._mn_reference_unit_price(), 50.0)

    def test_expired_quotation_is_confirmed_at_todays_reference(self):
        rule = self.env["product.pricelist.item"].create(
            {"applied_on": "3_global", "compute_price": "percentage", "percent_price": 20}
        )
        pricelist = self.env["product.pricelist"].create(
            {"name": "Guard expired", "item_ids": [Command.set(rule.ids)]}
        )
        self.partner.property_product_pricelist = pricelist
        order = self._quotation(price_unit=88.0)  # 2.2 % under today's price: no approval
        line = order.order_line
        rule.percent_price = 10  # the pricelist now gives 90
        order.validity_date = fields.Date.today() - timedelta(days=1)
        self.assertAlmostEqual(line.mn_reference_price_unit, 80.0)
        self.assertAlmostEqual(line._mn_reference_unit_price(), 90.0, msg="judged today")
        order.action_confirm()
        self.assertEqual(order.state, "sale")
        self.assertAlmostEqual(line.mn_reference_price_unit, 90.0, msg="recorded as judged")
        self.assertAlmostEqual(line._mn_reference_unit_price(), 90.0)


class TestLineKinds(SaleGuardCase):
    """Class 3: a flag a caller sets never exempts a goods line."""

    def test_goods_line_marked_down_payment_is_refused(self):
        order = self._quotation()
        before = self._snapshot(order)
        for vals in (
            {"is_downpayment": True},
            {"extra_tax_data": {"computation_key": "global_discount,1"}},
        ):
            with self.subTest(vals=vals), self.assertRaises(UserError):
                order.order_line.with_user(self.salesperson).write(vals)
            self.assertEqual(self._snapshot(order), before)

    def test_line_created_with_a_kind_is_refused(self):
        order = self._quotation()
        before = self._snapshot(order)
        for vals in (
            {"is_downpayment": True},
            {"extra_tax_data": {"computation_key": "global_discount,1"}},
        ):
            with self.subTest(vals=vals), self.assertRefused(UserError, "Down-payment"):
                self.env["sale.order.line"].with_user(self.salesperson).create(
                    dict(vals, order_id=order.id, product_id=self.product.id, discount=50.0)
                )
            self.assertEqual(self._snapshot(order), before)

    def test_line_given_its_order_by_context_default_is_judged(self):
        """A line that gets its order from ``default_order_id`` is refused all the same."""
        order = self._quotation()
        before = self._snapshot(order)
        with self.assertRefused(UserError, "Down-payment"):
            self.env["sale.order.line"].with_user(self.salesperson).with_context(
                default_order_id=order.id
            ).create({"product_id": self.product.id, "discount": 50.0, "is_downpayment": True})
        self.assertEqual(self._snapshot(order), before)

    def test_kind_as_context_default_marks_nothing(self):
        """``default_is_downpayment`` in a caller's context: the new line is still goods."""
        order = self._quotation()
        line = (
            self.env["sale.order.line"]
            .with_user(self.salesperson)
            .with_context(
                default_is_downpayment=True,
                default_extra_tax_data={"computation_key": "global_discount,1"},
            )
            .create({"order_id": order.id, "product_id": self.product.id, "discount": 50.0})
        )
        self.assertFalse(line.is_downpayment)
        self.assertFalse(line.extra_tax_data)
        self.assertEqual(order.mn_approval_state, "to_request")

    def test_global_discount_marker_on_positive_line_is_judged(self):
        """Even a marked line (written by the system) is goods when its amount is positive."""
        order = self._quotation()
        line = order.order_line
        context_keys.LINE_KIND_WRITE.on(line).sudo().write(
            {"extra_tax_data": {"computation_key": "global_discount,1"}, "discount": 30.0}
        )
        self.assertTrue(line._mn_is_goods_line())
        self.assertIn("discount 30%", order.mn_approval_reasons)


class TestWhoAndWhichLimit(SaleGuardCase):
    """Class 4: limit and approver from facts the salesperson cannot set."""

    def test_clearing_the_salesperson_keeps_the_acting_users_limit(self):
        order = self._quotation(discount=8.0)
        order.with_user(self.salesperson).user_id = False
        line = order.order_line.with_user(self.salesperson)
        self.assertEqual(line._mn_discount_limit()[0], 5.0)
        with self.assertRaises(UserError):
            order.with_user(self.salesperson).action_confirm()

    def test_moving_to_a_wider_team_keeps_the_strictest(self):
        order = self._quotation(discount=8.0)
        order.with_user(self.salesperson).team_id = self.wide_team
        self.assertEqual(order.order_line._mn_discount_limit()[0], 5.0)
        self.assertEqual(order.mn_approval_state, "to_request")

    def test_team_move_voids_the_approval(self):
        order = self._quotation(discount=8.0)
        order.with_user(self.salesperson).action_mn_request_approval()
        order.with_user(self.leader).action_mn_approve()
        self.assertEqual(order.mn_approval_state, "approved")
        order.with_user(self.salesperson).team_id = self.wide_team
        self.assertEqual(order.mn_approval_state, "to_request")

    def test_leader_who_moved_the_order_cannot_approve_it(self):
        order = self._quotation(discount=8.0)
        order.with_user(self.other_leader).team_id = self.wide_team
        with self.assertRefused(UserError, "last to change"):
            order.with_user(self.other_leader).action_mn_approve()
        self.assertEqual(order.mn_approval_state, "to_request")

    def test_leader_who_repriced_cannot_approve(self):
        order = self._quotation(discount=8.0)
        order.order_line.with_user(self.leader).discount = 9.0
        with self.assertRefused(UserError, "last to change"):
            order.with_user(self.leader).action_mn_approve()
        self.assertNotEqual(order.mn_approval_state, "approved")
        order.with_user(self.manager).action_mn_approve()
        self.assertEqual(order.mn_approval_state, "approved")

    def test_requester_cannot_approve(self):
        order = self._quotation(discount=8.0, user=self.salesperson)
        order.with_user(self.other_leader).action_mn_request_approval()
        self.assertEqual(order.mn_approval_requested_by_id, self.other_leader)
        order.with_user(self.other_leader).team_id = self.wide_team
        with self.assertRaises(UserError):
            order.with_user(self.other_leader).action_mn_approve()


class TestConfirmedOrderJudged(SaleGuardCase):
    """Class 5: a confirmed order stays within its limits or approved as it stands."""

    def _confirmed(self):
        order = self._quotation(discount=3.0)
        order.with_user(self.salesperson).action_confirm()
        return order

    def test_larger_discount_lower_price_new_line_refused(self):
        order = self._confirmed()
        before = self._snapshot(order)
        attempts = (
            lambda: order.order_line.with_user(self.salesperson).write({"discount": 20.0}),
            lambda: order.order_line.with_user(self.salesperson).write({"price_unit": 50.0}),
            lambda: order.with_user(self.salesperson).write(
                {"order_line": [Command.create({"product_id": self.product.id, "discount": 30})]}
            ),
        )
        for attempt in attempts:
            with self.assertRefused(UserError, "is confirmed"):
                attempt()
            self.assertEqual(self._snapshot(order), before)

    def test_change_within_limit_is_allowed(self):
        order = self._confirmed()
        order.order_line.with_user(self.salesperson).write({"discount": 4.0})
        self.assertEqual(order.order_line.discount, 4.0)

    def test_manager_change_counts_as_approval(self):
        order = self._confirmed()
        order.order_line.with_user(self.manager).write({"discount": 20.0})
        self.assertEqual(order.mn_approval_state, "approved")
        self.assertEqual(order.mn_approval_decided_by_id, self.manager)


class TestPricingInputs(SaleGuardCase):
    """Class 9: the moment, the tier and the pricelist are the server's."""

    def test_priced_at_is_the_servers(self):
        order = self._quotation()
        line = order.order_line
        self.assertTrue(line.mn_priced_at)
        with self.assertRefused(UserError, "computed by the system"):
            line.with_user(self.salesperson).write({"mn_priced_at": "2020-01-04 12:00:00"})
        stamp = line.mn_priced_at
        order.with_user(self.salesperson).date_order = fields.Datetime.now() - timedelta(days=3)
        self.assertEqual(line.mn_priced_at, stamp, "the order date does not move the moment")

    def test_expired_quotation_is_judged_now(self):
        order = self._quotation()
        line = order.order_line
        order.validity_date = fields.Date.today() - timedelta(days=1)
        self.assertGreater(line._mn_pricing_moment(), line.mn_priced_at - timedelta(seconds=1))

    def test_salesperson_cannot_pick_another_pricelist(self):
        self.company.mn_pricelist_tiers = True
        self.env.user.group_ids += self.env.ref("product.group_product_pricelist")
        standard = self.env["product.pricelist"].create({"name": "Guard standard"})
        cheap = self.env["product.pricelist"].create({"name": "Guard cheap"})
        self.partner.property_product_pricelist = standard
        order = self._quotation()
        self.assertEqual(order.pricelist_id, standard)
        before = order.pricelist_id
        with self.assertRaises(AccessError):
            order.with_user(self.salesperson).write({"pricelist_id": cheap.id})
        order.invalidate_recordset()
        self.assertEqual(order.pricelist_id, before)
        order.with_user(self.manager).write({"pricelist_id": cheap.id})
        self.assertEqual(order.pricelist_id, cheap)

    def test_form_flow_keeps_the_customers_pricelist(self):
        self.company.mn_pricelist_tiers = True
        with Form(self.env["sale.order"].with_user(self.salesperson)) as form:
            form.partner_id = self.partner
            with form.order_line.new() as line:
                line.product_id = self.product
        self.assertEqual(form.record.pricelist_id, self.partner.property_product_pricelist)
