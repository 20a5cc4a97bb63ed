from lxml import etree
from psycopg2 import IntegrityError

from odoo import Command
from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tests import tagged
from odoo.tools import mute_logger
from odoo.tools.safe_eval import safe_eval

from .common import MnSaleCommon

ACTIVITY_TYPE = "mn_crm_sales.mail_activity_type_mn_discount_approval"


@tagged("post_install", "-at_install")
class TestDiscountApproval(MnSaleCommon):
    """Rule 6: line discount limits, and approval of quotations that exceed them."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.partner = cls.customer
        cls.clearance = cls.env["product.category"].create(
            {"name": "Хөнгөлөлттэй бараа (test)", "mn_max_discount": 15.0}
        )
        cls.clearance_child = cls.env["product.category"].create(
            {"name": "Гутал (test)", "parent_id": cls.clearance.id}
        )
        cls.plain_product = cls.env["product.product"].create(
            {"name": "Plain chair", "list_price": 100.0, "categ_id": cls.plain_category.id}
        )
        cls.other_product = cls.env["product.product"].create(
            {"name": "Plain table", "list_price": 150.0, "categ_id": cls.plain_category.id}
        )
        cls.boots = cls.env["product.product"].create(
            {"name": "Winter boots", "list_price": 200.0, "categ_id": cls.clearance_child.id}
        )

    def _quotation(self, *lines, user=None):
        """A quotation of ``user`` (the salesperson by default), created as that user."""
        user = user or self.salesperson
        return (
            self.env["sale.order"]
            .with_user(user)
            .create(
                {
                    "partner_id": self.partner.id,
                    "user_id": user.id,
                    "team_id": self.team.id,
                    "order_line": [
                        Command.create(
                            {"product_id": product.id, "product_uom_qty": 1, "discount": discount}
                        )
                        for product, discount in lines
                    ],
                }
            )
        )

    def _search_filter_domain(self, name):
        """The domain of a filter of the quotation search view, as a function of the user."""
        view = self.env.ref("sale.sale_order_view_search_inherit_quotation")
        arch = self.env["sale.order"].get_views([(view.id, "search")])["views"]["search"]["arch"]
        domain = etree.fromstring(arch).xpath(f"//filter[@name='{name}']")[0].get("domain")
        return lambda user: safe_eval(domain, {"uid": user.id})

    def _approval_activities(self, order):
        activity_type = self.env.ref(ACTIVITY_TYPE)
        return order.sudo().activity_ids.filtered(lambda a: a.activity_type_id == activity_type)

    # ------------------------------------------------------------------
    # Limits and precedence
    # ------------------------------------------------------------------

    def test_limit_precedence_category_salesperson_team_company(self):
        order = self._quotation((self.boots, 0.0), (self.plain_product, 0.0))
        boots_line, plain_line = order.order_line
        # 1. category (inherited from the parent category) beats the salesperson's 5 %
        self.assertEqual(boots_line._mn_discount_limit()[0], 15.0)
        # 2. salesperson beats the team's 10 %
        self.assertEqual(plain_line._mn_discount_limit()[0], 5.0)
        # 3. team when the salesperson has none
        self.salesperson.mn_max_discount = 0.0
        self.assertEqual(plain_line._mn_discount_limit()[0], 10.0)
        # 4. company default when the team has none either
        self.team.mn_max_discount = 0.0
        self.company.mn_max_discount = 20.0
        self.assertEqual(plain_line._mn_discount_limit()[0], 20.0)
        # no limit anywhere: any discount passes
        self.company.mn_max_discount = 0.0
        self.assertEqual(plain_line._mn_discount_limit(), (None, ""))
        plain_line.discount = 60.0
        self.assertFalse(plain_line._mn_discount_limit_reason())

    def test_category_limit_can_also_narrow(self):
        """Most specific wins both ways: a thin-margin category caps a 5 % salesperson at 2 %."""
        self.plain_category.mn_max_discount = 2.0
        order = self._quotation((self.plain_product, 3.0))
        self.assertEqual(order.order_line.mn_discount_limit, 2.0)
        self.assertTrue(order.order_line.mn_discount_over_limit)
        self.assertEqual(order.mn_approval_state, "to_request")

    def test_within_limits_needs_no_approval(self):
        order = self._quotation((self.boots, 15.0), (self.plain_product, 5.0))
        self.assertEqual(order.mn_approval_state, "not_needed")
        self.assertFalse(order.mn_approval_reasons)
        order.action_confirm()
        self.assertEqual(order.state, "sale")

    def test_pricelist_discount_needs_no_approval(self):
        """A discount the pricelist itself gives is authorised; only more than that counts."""
        self.env.user.group_ids += self.env.ref("sale.group_discount_per_so_line")
        pricelist = self.env["product.pricelist"].create(
            {
                "name": "VIP -20%",
                "currency_id": self.company.currency_id.id,
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
        order = self.env["sale.order"].create(
            {
                "partner_id": self.partner.id,
                "user_id": self.salesperson.id,
                "team_id": self.team.id,
                "pricelist_id": pricelist.id,
                "order_line": [Command.create({"product_id": self.plain_product.id})],
            }
        )
        self.assertEqual(order.order_line.discount, 20.0)
        self.assertEqual(order.mn_approval_state, "not_needed")
        order.order_line.discount = 25.0
        self.assertEqual(order.mn_approval_state, "to_request")
        # judged against the pricelist's price: 75 paid for 80 is 6.25 % given, over 5 %
        self.assertIn("discount 6.25% is above the 5% limit", order.mn_approval_reasons)

    def test_limits_are_percentages(self):
        """Bad input: limits outside 0-100 are refused with a translated ValidationError
        (the SQL check's message would reach RPC callers in English); the SQL check holds
        underneath."""
        for record in (self.team, self.company, self.salesperson, self.clearance):
            before = record.mn_max_discount
            for value in (120.0, -1.0):
                with self.subTest(model=record._name, value=value):
                    with self.assertRaisesRegex(ValidationError, "between 0 and 100"):
                        with self.env.cr.savepoint():
                            record.write({"mn_max_discount": value})
                    self.assertEqual(record.mn_max_discount, before)
        with mute_logger("odoo.sql_db"), self.assertRaises(IntegrityError):
            with self.env.cr.savepoint():
                self.env.cr.execute(
                    "UPDATE crm_team SET mn_max_discount = 120 WHERE id = %s", [self.team.id]
                )

    def test_line_discount_is_a_percentage(self):
        """Bad input: a line discount over 100 (or below 0 on a positive price) is refused."""
        order = self._quotation((self.plain_product, 3.0))
        line = order.order_line
        for discount in (150.0, 100.01, -20.0):
            with self.subTest(discount=discount):
                with self.assertRaisesRegex(ValidationError, "between 0 and 100"):
                    with self.env.cr.savepoint():
                        line.with_user(self.salesperson).write({"discount": discount})
                self.assertEqual(line.discount, 3.0)
        with self.assertRaisesRegex(ValidationError, "between 0 and 100"):
            with self.env.cr.savepoint():
                self._quotation((self.plain_product, 101.0))
        # 0 and 100 are percentages; switched off, core takes any number
        line.discount = 100.0
        self.company._mn_switch_off_rules()
        line.discount = 150.0
        self.assertEqual(line.discount, 150.0)

    # ------------------------------------------------------------------
    # Blocking
    # ------------------------------------------------------------------

    def test_over_limit_cannot_be_sent_or_confirmed(self):
        order = self._quotation((self.plain_product, 6.0))
        self.assertEqual(order.mn_approval_state, "to_request")
        self.assertIn("Plain chair", order.mn_approval_reasons)
        with self.assertRaisesRegex(UserError, order.name):
            order.action_confirm()
        with self.assertRaisesRegex(UserError, order.name):
            order.action_quotation_send()
        with self.assertRaisesRegex(UserError, order.name):
            order.action_quotation_sent()
        with self.assertRaisesRegex(UserError, order.name):
            order.with_context(mark_so_as_sent=True).message_post(body="Your quotation")
        with self.assertRaisesRegex(UserError, order.name):
            order.write({"state": "sale"})
        self.assertEqual(order.state, "draft")

    # ------------------------------------------------------------------
    # Order-level discounts (core's "Discount" wizard, negative lines)
    # ------------------------------------------------------------------

    def _order_discount_wizard(self, order, **vals):
        """Core's whole-order "Discount" wizard, run by the order's salesperson.

        An administrator grants the first discount of a company (it creates the discount
        product), as core asks; the salesperson then uses it.
        """
        self.env["sale.order.discount"].create({"sale_order_id": order.id})._get_discount_product()
        wizard = (
            self.env["sale.order.discount"]
            .with_user(order.user_id)
            .create({"sale_order_id": order.id, **vals})
        )
        return wizard.action_apply_discount()

    def test_order_discount_percentage_over_limit_needs_approval(self):
        """6 % on the whole order is 6 % on every line: over the salesperson's 5 %."""
        order = self._quotation((self.plain_product, 0.0))
        self.assertEqual(order.mn_approval_state, "not_needed")
        self._order_discount_wizard(order, discount_type="so_discount", discount_percentage=0.06)
        self.assertEqual(len(order.order_line), 2)
        self.assertEqual(order.mn_approval_state, "to_request")
        self.assertIn("6% on the whole order", order.mn_approval_reasons)
        with self.assertRaisesRegex(UserError, order.name):
            order.with_user(self.salesperson).action_confirm()
        self.assertEqual(order.state, "draft")

    def test_order_discount_within_limit_passes(self):
        order = self._quotation((self.plain_product, 0.0), (self.other_product, 0.0))
        self._order_discount_wizard(order, discount_type="so_discount", discount_percentage=0.05)
        self.assertEqual(order.mn_approval_state, "not_needed")
        order.with_user(self.salesperson).action_confirm()
        self.assertEqual(order.state, "sale")

    def test_order_discount_fixed_amount_over_limit_needs_approval(self):
        """30 ₮ off 250 ₮ of goods is 12 %, whatever the lines' own discount says."""
        order = self._quotation((self.plain_product, 0.0), (self.other_product, 0.0))
        total_before = order.amount_total
        self._order_discount_wizard(order, discount_type="amount", discount_amount=30.0)
        self.assertEqual(order.mn_approval_state, "to_request")
        self.assertAlmostEqual(order.amount_total, total_before - 30.0)
        self.assertIn("12% on the whole order", order.mn_approval_reasons)

    def test_order_discount_compounds_with_line_discount(self):
        """4 % on the line and 2 % on the order is 5.92 %: over 5 %, though both are under."""
        order = self._quotation((self.plain_product, 4.0))
        self.assertEqual(order.mn_approval_state, "not_needed")
        self._order_discount_wizard(order, discount_type="so_discount", discount_percentage=0.02)
        self.assertIn("5.92%", order.mn_approval_reasons)
        self.assertEqual(order.mn_approval_state, "to_request")

    def test_order_discount_on_clearance_category_uses_its_limit(self):
        """Boots (category limit 15 %) bear 12 % on the order; the plain chair does not."""
        order = self._quotation((self.boots, 0.0), (self.plain_product, 0.0))
        self._order_discount_wizard(order, discount_type="so_discount", discount_percentage=0.12)
        reasons = order.mn_approval_reasons
        self.assertIn("Plain chair", reasons)
        self.assertNotIn("Winter boots", reasons)

    def test_hand_made_negative_line_counts_as_order_discount(self):
        order = self._quotation((self.plain_product, 0.0))
        order.with_user(self.salesperson).write(
            {
                "order_line": [
                    Command.create({"product_id": self.other_product.id, "price_unit": -20.0})
                ]
            }
        )
        # 20 ₮ off the 100 ₮ chair is 20 %
        self.assertEqual(order.mn_approval_state, "to_request")
        self.assertIn("20% on the whole order", order.mn_approval_reasons)
        self.assertNotIn("Plain table", order.mn_approval_reasons)

    def test_order_discount_added_after_approval_resets_it(self):
        order = self._quotation((self.plain_product, 6.0))
        order.with_user(self.salesperson).action_mn_request_approval()
        order.with_user(self.leader).action_mn_approve()
        self.assertEqual(order.mn_approval_state, "approved")
        self._order_discount_wizard(order, discount_type="so_discount", discount_percentage=0.1)
        self.assertEqual(order.mn_approval_state, "to_request")
        with self.assertRaisesRegex(UserError, order.name):
            order.with_user(self.salesperson).action_confirm()

    def test_order_discount_ignored_with_switch_off(self):
        self.company._mn_switch_off_rules()
        order = self._quotation((self.plain_product, 0.0))
        self._order_discount_wizard(order, discount_type="so_discount", discount_percentage=0.5)
        self.assertEqual(order.mn_approval_state, "not_needed")
        order.action_confirm()
        self.assertEqual(order.state, "sale")

    # ------------------------------------------------------------------
    # Request, approve, reject
    # ------------------------------------------------------------------

    def test_request_creates_activity_for_leader_and_chatter_note(self):
        order = self._quotation((self.plain_product, 8.0))
        order.action_mn_request_approval()
        self.assertEqual(order.mn_approval_state, "requested")
        self.assertEqual(order.mn_approval_user_id, self.leader)
        activity = self._approval_activities(order)
        self.assertEqual(len(activity), 1)
        self.assertEqual(activity.user_id, self.leader)
        self.assertTrue(
            order.message_ids.filtered(lambda m: "Leader Saraa" in str(m.body)),
            "the request is noted in the chatter",
        )
        # the quotation search view's "Awaiting my approval" filter finds it for the leader only
        awaiting = self._search_filter_domain("mn_awaiting_my_approval")
        Order = self.env["sale.order"]
        self.assertIn(order, Order.with_user(self.leader).search(awaiting(self.leader)))
        self.assertNotIn(order, Order.with_user(self.manager).search(awaiting(self.manager)))
        with self.assertRaises(UserError):
            order.action_mn_request_approval()  # already requested

    def test_request_goes_to_a_manager_without_leader(self):
        self.team.user_id = False
        order = self._quotation((self.plain_product, 8.0))
        order.action_mn_request_approval()
        approver = order.mn_approval_user_id
        self.assertTrue(approver.has_group("sales_team.group_sale_manager"))
        self.assertNotEqual(approver, self.salesperson)
        self.assertEqual(self._approval_activities(order).user_id, approver)

    def test_request_skips_a_leader_who_cannot_open_the_quotation(self):
        """A leader limited to their own documents would get an activity on a record they
        cannot read, and could not approve: the request goes to a sales manager."""
        self.leader.group_ids -= self.env.ref("sales_team.group_sale_salesman_all_leads")
        self.leader.group_ids += self.env.ref("sales_team.group_sale_salesman")
        order = self._quotation((self.plain_product, 8.0))
        self.assertFalse(order.with_user(self.leader).has_access("read"))
        order.action_mn_request_approval()
        approver = order.mn_approval_user_id
        self.assertNotEqual(approver, self.leader)
        self.assertTrue(approver.has_group("sales_team.group_sale_manager"))
        self.assertTrue(order.with_user(approver).has_access("read"))

    def test_pipeline_card_shows_the_most_urgent_approval(self):
        """The opportunity's card (kanban) carries its quotations' approval and the tier."""
        tier = self.env["mn.partner.tier"].create({"name": "MN card tier"})
        self.partner.mn_tier_id = tier
        lead = self.env["crm.lead"].create(
            {
                "name": "MN card deal",
                "type": "opportunity",
                "partner_id": self.partner.id,
                "user_id": self.salesperson.id,
            }
        )
        self.assertFalse(lead.mn_quotation_approval_state)
        self.assertEqual(lead.mn_customer_tier_id, tier)
        within = self._quotation((self.plain_product, 0.0))
        over = self._quotation((self.plain_product, 8.0))
        (within | over).opportunity_id = lead
        self.assertEqual(lead.mn_quotation_approval_state, "to_request")
        over.action_mn_request_approval()
        self.assertEqual(lead.mn_quotation_approval_state, "requested")
        over.with_user(self.leader).action_mn_approve()
        self.assertEqual(lead.mn_quotation_approval_state, "approved")
        over.action_confirm()
        self.assertFalse(lead.mn_quotation_approval_state, "confirmed orders wait for nobody")
        arch = lead.get_views([(False, "kanban")])["views"]["kanban"]["arch"]
        for name in ("mn_quotation_approval_state", "mn_customer_tier_id", "mn_register_number"):
            self.assertIn(f'name="{name}"', arch)

    def test_request_needs_a_reason(self):
        order = self._quotation((self.plain_product, 5.0))
        with self.assertRaises(UserError):
            order.action_mn_request_approval()

    def test_leader_approves_then_confirm_works(self):
        order = self._quotation((self.plain_product, 8.0))
        order.action_mn_request_approval()
        order.with_user(self.leader).action_mn_approve()
        self.assertEqual(order.mn_approval_state, "approved")
        self.assertEqual(order.mn_approval_decided_by_id, self.leader)
        self.assertFalse(self._approval_activities(order), "the activity is marked done")
        self.assertTrue(order.message_ids.filtered(lambda m: "Leader Saraa" in str(m.body)))
        order.action_quotation_sent()
        order.action_confirm()
        self.assertEqual(order.state, "sale")

    def test_manager_can_approve(self):
        order = self._quotation((self.plain_product, 8.0))
        order.action_mn_request_approval()
        order.with_user(self.manager).action_mn_approve()
        self.assertEqual(order.mn_approval_state, "approved")
        order.action_confirm()
        self.assertEqual(order.state, "sale")

    def test_salesperson_cannot_approve_own_quotation(self):
        order = self._quotation((self.plain_product, 8.0))
        order.action_mn_request_approval()
        as_seller = order.with_user(self.salesperson)
        self.assertFalse(as_seller.mn_can_approve, "no Approve button for the salesperson")
        with self.assertRaisesRegex(UserError, order.name):
            as_seller.action_mn_approve()
        with self.assertRaises(UserError):
            as_seller.action_mn_reject("no")
        with self.assertRaises(UserError):
            as_seller.write({"mn_approval_state": "approved"})
        with self.assertRaises(UserError):
            as_seller.sudo().write({"mn_approval_state": "approved"})
        with self.assertRaises(UserError):
            as_seller.with_context(mn_approval_write=True).write({"mn_approval_state": "approved"})
        with self.assertRaises(UserError):
            as_seller.write({"mn_approval_signature": order._mn_approval_signature()})
        self.assertEqual(order.mn_approval_state, "requested")
        with self.assertRaises(UserError):
            as_seller.action_confirm()

    def test_leader_or_manager_cannot_approve_own_quotation(self):
        order = self._quotation((self.plain_product, 12.0), user=self.leader)
        self.assertFalse(order.with_user(self.leader).mn_can_approve)
        with self.assertRaises(UserError):
            order.with_user(self.leader).action_mn_approve()
        order.with_user(self.leader).action_mn_request_approval()
        self.assertNotEqual(order.mn_approval_user_id, self.leader, "a manager is asked instead")
        own = self._quotation((self.plain_product, 12.0), user=self.manager)
        with self.assertRaises(UserError):
            own.with_user(self.manager).action_mn_approve()
        order.with_user(self.manager).action_mn_approve()
        self.assertEqual(order.mn_approval_state, "approved")

    def test_other_salesperson_cannot_approve(self):
        order = self._quotation((self.plain_product, 8.0))
        order.action_mn_request_approval()
        self.assertFalse(order.with_user(self.colleague).mn_can_approve)
        with self.assertRaises(AccessError):
            order.with_user(self.colleague).action_mn_approve()
        self.assertEqual(order.mn_approval_state, "requested")

    def test_approval_fields_cannot_be_created_or_defaulted(self):
        Order = self.env["sale.order"].with_user(self.salesperson)
        vals = {
            "partner_id": self.partner.id,
            "user_id": self.salesperson.id,
            "team_id": self.team.id,
            "mn_approval_state": "approved",
        }
        with self.assertRaises(UserError):
            Order.create(vals)
        del vals["mn_approval_state"]
        vals["order_line"] = [
            Command.create({"product_id": self.plain_product.id, "discount": 8.0})
        ]
        order = Order.with_context(default_mn_approval_state="approved").create(vals)
        self.assertEqual(order.mn_approval_state, "to_request")
        copy = self._quotation((self.plain_product, 8.0))
        copy.with_user(self.leader).action_mn_approve()
        self.assertEqual(copy.copy().mn_approval_state, "to_request")

    def test_reject_with_reason_then_request_again(self):
        order = self._quotation((self.plain_product, 8.0))
        order.action_mn_request_approval()
        as_leader = order.with_user(self.leader)
        with self.assertRaises(UserError):
            as_leader.action_mn_reject("  ")
        as_leader.action_mn_reject("Too much for this customer")
        self.assertEqual(order.mn_approval_state, "rejected")
        self.assertEqual(order.mn_approval_reject_reason, "Too much for this customer")
        self.assertFalse(self._approval_activities(order))
        self.assertTrue(
            order.message_ids.filtered(lambda m: "Too much for this customer" in str(m.body))
        )
        with self.assertRaises(UserError):
            order.action_confirm()
        order.action_mn_request_approval()
        self.assertEqual(order.mn_approval_state, "requested")

    def test_reject_wizard(self):
        order = self._quotation((self.plain_product, 8.0))
        order.action_mn_request_approval()
        wizard = (
            self.env["mn.sale.approval.reject"]
            .with_user(self.leader)
            .create({"order_id": order.id, "reason": "Margin too thin"})
        )
        wizard.action_reject()
        self.assertEqual(order.mn_approval_state, "rejected")
        self.assertEqual(order.mn_approval_reject_reason, "Margin too thin")

    # ------------------------------------------------------------------
    # Reset on change
    # ------------------------------------------------------------------

    def _approved_quotation(self):
        order = self._quotation((self.plain_product, 8.0), (self.boots, 10.0))
        order.action_mn_request_approval()
        order.with_user(self.leader).action_mn_approve()
        self.assertEqual(order.mn_approval_state, "approved")
        return order.with_user(self.salesperson)

    def test_line_change_after_approval_resets(self):
        for vals in (
            {"discount": 9.0},
            {"price_unit": 90.0},
            # Core recomputes a line's discount from the pricelist when its quantity changes
            # (Discounts on); the salesperson keeps the discount above the limit.
            {"product_uom_qty": 3.0, "discount": 8.0},
            {"product_id": self.other_product.id, "discount": 8.0},
        ):
            with self.subTest(vals=vals):
                order = self._approved_quotation()
                line = order.order_line.filtered(lambda ln: ln.product_id == self.plain_product)
                line.write(vals)
                self.assertEqual(order.mn_approval_state, "to_request")
                self.assertTrue(
                    order.message_ids.filtered(lambda m: "reset" in str(m.body)),
                    "the reset is noted in the chatter",
                )
                with self.assertRaises(UserError):
                    order.action_confirm()

    def test_new_or_removed_line_after_approval_resets(self):
        order = self._approved_quotation()
        order.write({"order_line": [Command.create({"product_id": self.boots.id})]})
        self.assertEqual(order.mn_approval_state, "to_request")
        order = self._approved_quotation()
        order.order_line.filtered(lambda ln: ln.product_id == self.boots).unlink()
        self.assertEqual(order.mn_approval_state, "to_request")

    def test_change_while_requested_withdraws_request(self):
        order = self._quotation((self.plain_product, 8.0))
        order.action_mn_request_approval()
        order.order_line.discount = 9.0
        self.assertEqual(order.mn_approval_state, "to_request")
        self.assertFalse(self._approval_activities(order))
        self.assertFalse(order.mn_approval_user_id)
        self.assertTrue(order.message_ids.filtered(lambda m: "reset" in str(m.body)))

    def test_unrelated_change_keeps_approval(self):
        order = self._approved_quotation()
        order.order_line[0].name = "Chair, blue"
        order.note = "Deliver in the morning"
        self.assertEqual(order.mn_approval_state, "approved")
        order.action_confirm()
        self.assertEqual(order.state, "sale")

    def test_back_within_limits_needs_no_approval(self):
        order = self._quotation((self.plain_product, 8.0))
        order.action_mn_request_approval()
        order.order_line.discount = 5.0
        self.assertEqual(order.mn_approval_state, "not_needed")
        self.assertFalse(self._approval_activities(order))
        order.action_confirm()
        self.assertEqual(order.state, "sale")

    def test_gate_checks_fingerprint_even_without_write_hooks(self):
        """A line changed behind the hooks (SQL, a compute) still voids the approval."""
        order = self._approved_quotation()
        line = order.order_line.filtered(lambda ln: ln.product_id == self.plain_product)
        self.env.cr.execute("UPDATE sale_order_line SET discount = 9 WHERE id = %s", [line.id])
        line.invalidate_recordset(["discount"])
        with self.assertRaises(UserError):
            order.action_confirm()

    # ------------------------------------------------------------------
    # Switch
    # ------------------------------------------------------------------

    def test_switch_is_registered(self):
        self.assertIn("mn_discount_approval", self.env["res.company"]._mn_rule_switches())

    def test_switch_off_keeps_core_behaviour(self):
        self.company._mn_switch_off_rules()
        self.assertFalse(self.company.mn_discount_approval)
        order = self._quotation((self.plain_product, 60.0))
        self.assertEqual(order.mn_approval_state, "not_needed")
        self.assertFalse(order.order_line.mn_discount_over_limit)
        self.assertFalse(order.mn_approval_reasons)
        order.action_quotation_sent()
        order.action_confirm()
        self.assertEqual(order.state, "sale")
