"""Extra pricelist rules: customer tiers, time windows, order-wide breaks, rounding, floor.

Every rule is proven through sales orders (the ORM path the web client and RPC share),
with a case where it applies, a case where it is refused, and its switch off.
"""

from freezegun import freeze_time

from odoo import Command
from odoo.exceptions import UserError, ValidationError
from odoo.tests import Form, new_test_user, tagged

from .common import (
    FRIDAY_LATE_UTC,
    FRIDAY_NIGHT,
    SATURDAY_NOON,
    WEDNESDAY_NOON,
    MnPricingCommon,
)


@tagged("post_install", "-at_install")
class TestCustomerTiers(MnPricingCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls._switch_on("mn_pricelist_tiers")
        Pricelist = cls.env["product.pricelist"]
        cls.silver_pricelist = Pricelist.create({"name": "Мөнгөн", "sequence": 60})
        cls.gold_pricelist = Pricelist.create({"name": "Алтан", "sequence": 61})
        Tier = cls.env["mn.partner.tier"]
        cls.silver = Tier.create({"name": "Мөнгөн", "pricelist_id": cls.silver_pricelist.id})
        cls.gold = Tier.create({"name": "Алтан", "pricelist_id": cls.gold_pricelist.id})
        cls.gold_customer = cls.env["res.partner"].create(
            {"name": "Номин Трейд", "is_company": True, "mn_tier_id": cls.gold.id}
        )
        cls.silver_customer = cls.env["res.partner"].create(
            {"name": "Сараа", "mn_tier_id": cls.silver.id}
        )

    def test_tier_pricelist_is_the_customer_pricelist(self):
        self.assertEqual(self.gold_customer.property_product_pricelist, self.gold_pricelist)
        order = self._order((self.sweater, 1), partner=self.gold_customer, pricelist=False)
        self.assertEqual(order.pricelist_id, self.gold_pricelist)

    def test_tier_pricelist_wins_over_the_customer_own_pricelist(self):
        self.silver_customer.specific_property_product_pricelist = self.pricelist
        self.silver_customer.invalidate_recordset(["property_product_pricelist"])
        self.assertEqual(self.silver_customer.property_product_pricelist, self.silver_pricelist)

    def test_changing_the_tier_changes_the_pricelist(self):
        self.silver_customer.mn_tier_id = self.gold
        self.assertEqual(self.silver_customer.property_product_pricelist, self.gold_pricelist)
        self.silver.pricelist_id = self.pricelist
        self.silver_customer.mn_tier_id = self.silver
        self.assertEqual(self.silver_customer.property_product_pricelist, self.pricelist)

    def test_contacts_carry_their_company_tier(self):
        contact = self.env["res.partner"].create(
            {"name": "Бат", "parent_id": self.gold_customer.id}
        )
        self.assertEqual(contact.mn_tier_id, self.gold)
        self.assertEqual(contact.property_product_pricelist, self.gold_pricelist)

    def test_archived_tier_pricelist_is_not_used(self):
        self.gold_pricelist.action_archive()
        self.gold_customer.invalidate_recordset(["property_product_pricelist"])
        self.assertNotEqual(self.gold_customer.property_product_pricelist, self.gold_pricelist)

    def test_switch_off_leaves_core_pricelist(self):
        self.company.mn_pricelist_tiers = False
        self.gold_customer.invalidate_recordset(["property_product_pricelist"])
        core = self.env["product.pricelist"]._get_partner_pricelist_multi(self.gold_customer.ids)[
            self.gold_customer.id
        ]
        self.assertNotEqual(core, self.gold_pricelist)
        self.assertEqual(self.gold_customer.property_product_pricelist, core)

    def test_rule_limited_to_a_tier(self):
        self._item(compute_price="percentage", percent_price=20, mn_tier_ids=self.gold.ids)
        gold = self._order((self.sweater, 1), partner=self.gold_customer)
        silver = self._order((self.sweater, 1), partner=self.silver_customer)
        untiered = self._order((self.sweater, 1))
        self.assertEqual(self._prices(gold), [200000])
        self.assertEqual(self._prices(silver), [250000], "another tier gets no discount")
        self.assertEqual(self._prices(untiered), [250000], "no tier, no discount")

    def test_rule_limited_to_customer_tags_and_their_subtags(self):
        Tag = self.env["res.partner.category"]
        wholesale = Tag.create({"name": "Бөөний"})
        big_wholesale = Tag.create({"name": "Том бөөний", "parent_id": wholesale.id})
        self._item(
            compute_price="percentage", percent_price=15, mn_partner_category_ids=wholesale.ids
        )
        self.silver_customer.category_id = big_wholesale
        tagged_order = self._order((self.boots, 1), partner=self.silver_customer)
        plain_order = self._order((self.boots, 1), partner=self.gold_customer)
        self.assertEqual(self._prices(tagged_order), [272000])
        self.assertEqual(self._prices(plain_order), [320000])

    def test_customer_limited_rules_need_a_customer(self):
        """Without the sale's customer (pricelist report, catalogue) such rules stay out."""
        self._item(compute_price="percentage", percent_price=20, mn_tier_ids=self.gold.ids)
        self.assertEqual(self.pricelist._get_product_price(self.sweater, 1.0), 250000)
        self.assertEqual(
            self.pricelist._get_product_price(self.sweater, 1.0, mn_partner=self.gold_customer),
            200000,
        )

    def test_catalogue_shows_the_customer_price(self):
        self._item(compute_price="percentage", percent_price=20, mn_tier_ids=self.gold.ids)
        gold = self._order((self.boots, 1), partner=self.gold_customer)
        silver = self._order((self.boots, 1), partner=self.silver_customer)
        self.assertEqual(
            gold._get_product_catalog_order_data(self.sweater)[self.sweater.id]["price"], 200000
        )
        self.assertEqual(
            silver._get_product_catalog_order_data(self.sweater)[self.sweater.id]["price"], 250000
        )

    def test_tier_limits_ignored_when_switched_off(self):
        self._item(compute_price="percentage", percent_price=20, mn_tier_ids=self.gold.ids)
        self.company.mn_pricelist_tiers = False
        order = self._order((self.sweater, 1), partner=self.silver_customer)
        self.assertEqual(self._prices(order), [200000], "core ignores the tier limit")


@tagged("post_install", "-at_install")
class TestTimeWindows(MnPricingCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls._switch_on("mn_pricelist_time_windows")
        weekend = cls.env.ref("mn_crm_sales.mn_weekday_sat") | cls.env.ref(
            "mn_crm_sales.mn_weekday_sun"
        )
        cls.weekend_item = cls.env["product.pricelist.item"].create(
            {
                "pricelist_id": cls.pricelist.id,
                "compute_price": "percentage",
                "percent_price": 10,
                "mn_weekday_ids": [Command.set(weekend.ids)],
            }
        )

    def test_weekend_promotion_on_saturday(self):
        order = self._order((self.sweater, 1), date=SATURDAY_NOON)
        self.assertEqual(self._prices(order), [225000])
        self.assertEqual(order.order_line.pricelist_item_id, self.weekend_item)

    def test_weekend_promotion_refused_on_wednesday(self):
        order = self._order((self.sweater, 1), date=WEDNESDAY_NOON)
        self.assertEqual(self._prices(order), [250000])
        self.assertFalse(order.order_line.pricelist_item_id)

    def test_weekday_is_read_in_ulaanbaatar_time(self):
        saturday_in_ub = self._order((self.sweater, 1), date=FRIDAY_LATE_UTC)
        friday_in_ub = self._order((self.sweater, 1), date=FRIDAY_NIGHT)
        self.assertEqual(self._prices(saturday_in_ub), [225000])
        self.assertEqual(self._prices(friday_in_ub), [250000])

    def test_company_time_zone_decides(self):
        self.company.partner_id.tz = "UTC"
        order = self._order((self.sweater, 1), date=FRIDAY_LATE_UTC)
        self.assertEqual(self._prices(order), [250000], "still Friday in UTC")

    def test_hour_window(self):
        self.weekend_item.write({"mn_weekday_ids": [Command.clear()]})
        self.weekend_item.write({"mn_hour_from": 12.0, "mn_hour_to": 14.5})
        lunch = self._order((self.sweater, 1), date=WEDNESDAY_NOON)  # 12:00 local
        evening = self._order((self.sweater, 1), date="2025-06-04 07:00:00")  # 15:00 local
        edge = self._order((self.sweater, 1), date="2025-06-04 06:30:00")  # 14:30 local
        self.assertEqual(self._prices(lunch), [225000])
        self.assertEqual(self._prices(evening), [250000])
        self.assertEqual(self._prices(edge), [250000], "the end hour is excluded")

    def test_weekday_and_hour_together_with_core_dates(self):
        self.weekend_item.write(
            {"mn_hour_from": 10.0, "mn_hour_to": 18.0, "date_end": "2025-06-30 00:00:00"}
        )
        self.assertEqual(self._prices(self._order((self.sweater, 1), date=SATURDAY_NOON)), [225000])
        self.assertEqual(
            self._prices(self._order((self.sweater, 1), date=FRIDAY_LATE_UTC)),
            [250000],
            "Saturday 04:00 is before 10:00",
        )
        self.assertEqual(
            self._prices(self._order((self.sweater, 1), date="2025-07-05 04:00:00")),
            [250000],
            "a Saturday after the core end date",
        )

    def test_order_date_defaults_to_now(self):
        with freeze_time(SATURDAY_NOON):
            order = self._order((self.sweater, 1))
        self.assertEqual(self._prices(order), [225000])

    def test_writing_the_order_date_does_not_move_the_window(self):
        """The order date is the salesperson's to write; the pricing moment is the server's."""
        order = self._order((self.sweater, 1), date=WEDNESDAY_NOON)
        wednesday_prices = self._prices(order)
        with freeze_time(WEDNESDAY_NOON):
            order.date_order = SATURDAY_NOON
            order.order_line.product_uom_qty = 1.0
            order.action_update_prices()
        self.assertEqual(self._prices(order), wednesday_prices)
        self.assertNotEqual(wednesday_prices, [225000])

    def test_pricelist_api_agrees_with_the_order(self):
        """Searched rules (pricelist API) and pre-fetched ones (order lines) agree."""
        for date in (SATURDAY_NOON, WEDNESDAY_NOON, FRIDAY_LATE_UTC, FRIDAY_NIGHT):
            with self.subTest(date=date):
                order = self._order((self.sweater, 1), date=date)
                api_price = self.pricelist._get_product_price(self.sweater, 1.0, date=date)
                self.assertEqual(self._prices(order), [api_price])

    def test_invalid_hours_are_refused(self):
        with self.assertRaises(ValidationError):
            self.weekend_item.write({"mn_hour_from": 14.0, "mn_hour_to": 12.0})
        with self.assertRaises(ValidationError):
            self.weekend_item.write({"mn_hour_to": 25.0})

    def test_windows_ignored_when_switched_off(self):
        self.company.mn_pricelist_time_windows = False
        order = self._order((self.sweater, 1), date=WEDNESDAY_NOON)
        self.assertEqual(self._prices(order), [225000], "core ignores the weekdays")


@tagged("post_install", "-at_install")
class TestOrderWideBreaks(MnPricingCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls._switch_on("mn_pricelist_mix_match")
        cls.hat = cls._product("Ноолууран малгай", 64900, 38000, cls.clothing)
        cls.break_item = cls.env["product.pricelist.item"].create(
            {
                "pricelist_id": cls.pricelist.id,
                "applied_on": "2_product_category",
                "categ_id": cls.clothing.id,
                "min_quantity": 10,
                "mn_min_qty_scope": "category",
                "compute_price": "percentage",
                "percent_price": 5,
            }
        )

    def test_category_quantity_counts_the_whole_order(self):
        order = self._order((self.sweater, 6), (self.scarf, 5), (self.boots, 20))
        self.assertEqual(self._prices(order), [237500, 113905, 320000])

    def test_reference_follows_a_siblings_quantity_even_when_priced_by_hand(self):
        """The discount given is measured against the order-wide break a sibling opens or
        closes, for a line typed by hand as well."""
        order = self._order((self.sweater, 6), (self.scarf, 3))
        sweater, scarf = order.order_line
        sweater.price_unit = 240000  # by hand: no longer follows the pricelist
        self.assertAlmostEqual(sweater.mn_reference_price_unit, 250000)
        scarf.product_uom_qty = 5  # 11 clothes: the category break opens
        self.assertAlmostEqual(sweater.mn_reference_price_unit, 237500)
        self.assertAlmostEqual(sweater.price_unit, 240000, msg="a hand-typed price stays")
        scarf.unlink()  # 6 clothes: closed again
        self.assertAlmostEqual(sweater.mn_reference_price_unit, 250000)

    def test_category_break_refused_below_the_minimum(self):
        order = self._order((self.sweater, 6), (self.scarf, 3), (self.boots, 20))
        self.assertEqual(self._prices(order), [250000, 119900, 320000], "shoes do not count")

    def test_subcategories_count_for_a_category_rule(self):
        knitwear = self.env["product.category"].create(
            {"name": "Сүлжмэл", "parent_id": self.clothing.id}
        )
        self.hat.categ_id = knitwear
        order = self._order((self.sweater, 6), (self.hat, 4))
        self.assertEqual(self._prices(order), [237500, 61655])

    def test_template_scope_counts_lines_of_the_same_product(self):
        self.break_item.mn_min_qty_scope = "template"
        same = self._order((self.sweater, 6), (self.sweater, 4))
        mixed = self._order((self.sweater, 6), (self.scarf, 4))
        self.assertEqual(self._prices(same), [237500, 237500])
        self.assertEqual(self._prices(mixed), [250000, 119900])

    def test_line_scope_is_core_behaviour(self):
        self.break_item.mn_min_qty_scope = "line"
        order = self._order((self.sweater, 6), (self.scarf, 5), (self.hat, 10))
        self.assertEqual(self._prices(order), [250000, 119900, 61655])

    def test_changing_a_quantity_reprices_the_other_lines(self):
        order = self._order((self.sweater, 6), (self.scarf, 3))
        self.assertEqual(self._prices(order), [250000, 119900])
        order.order_line[1].product_uom_qty = 4
        self.assertEqual(self._prices(order), [237500, 113905])
        order.order_line[1].product_uom_qty = 1
        self.assertEqual(self._prices(order), [250000, 119900])

    def test_adding_and_removing_a_line_reprices_the_order(self):
        order = self._order((self.sweater, 6), (self.scarf, 3))
        order.write(
            {"order_line": [Command.create({"product_id": self.hat.id, "product_uom_qty": 1})]}
        )
        self.assertEqual(self._prices(order), [237500, 113905, 61655])
        order.order_line[2].unlink()
        self.assertEqual(self._prices(order), [250000, 119900])

    def test_order_entered_in_the_form_gets_the_break(self):
        """The web client prices line 1 before line 2 exists; saving applies the break."""
        self.env.user.group_ids += self.env.ref("sale.group_discount_per_so_line")
        with Form(self.env["sale.order"]) as form:
            form.partner_id = self.partner
            form.pricelist_id = self.pricelist
            for product, qty in ((self.sweater, 6), (self.scarf, 5)):
                with form.order_line.new() as line:
                    line.product_id = product
                    line.product_uom_qty = qty
        order = form.record
        self.assertEqual(order.order_line.mapped("price_unit"), [250000, 119900])
        self.assertEqual(order.order_line.mapped("discount"), [5, 5])

    def test_explicit_discounts_of_rpc_lines_are_kept(self):
        self.env.user.group_ids += self.env.ref("sale.group_discount_per_so_line")
        order = self._order((self.sweater, 6))
        order.write(
            {
                "order_line": [
                    Command.create(
                        {"product_id": self.scarf.id, "product_uom_qty": 5, "discount": 12}
                    )
                ]
            }
        )
        self.assertEqual(order.order_line.mapped("price_unit"), [250000, 119900])
        self.assertEqual(order.order_line.mapped("discount"), [5, 12])

    def test_manual_prices_are_kept(self):
        order = self._order((self.sweater, 6), (self.scarf, 3))
        order.order_line[0].price_unit = 240000
        order.order_line[1].product_uom_qty = 4
        self.assertEqual(self._prices(order), [240000, 113905])

    def test_confirmed_orders_are_not_repriced(self):
        order = self._order((self.sweater, 6), (self.scarf, 4))
        order.action_confirm()
        order.order_line[1].product_uom_qty = 3  # the edited line follows core, not the others
        self.assertEqual(order.order_line[0].price_unit, 237500)

    def test_breaks_count_lines_only_when_switched_off(self):
        self.company.mn_pricelist_mix_match = False
        order = self._order((self.sweater, 6), (self.scarf, 5), (self.hat, 10))
        self.assertEqual(self._prices(order), [250000, 119900, 61655])


@tagged("post_install", "-at_install")
class TestTogrogRounding(MnPricingCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls._switch_on("mn_pricelist_rounding")
        cls.item = cls.env["product.pricelist.item"].create(
            {
                "pricelist_id": cls.pricelist.id,
                "compute_price": "percentage",
                "percent_price": 10,
                "mn_rounding_step": "100",
                "mn_rounding_method": "half",
            }
        )

    def _scarf_price(self):
        return self._prices(self._order((self.scarf, 1)))[0]  # 119 900 - 10% = 107 910

    def test_round_to_100_half(self):
        self.assertEqual(self._scarf_price(), 107900)

    def test_steps_and_methods(self):
        cases = [
            ("100", "up", 108000),
            ("100", "down", 107900),
            ("50", "half", 107900),
            ("50", "up", 107950),
            ("10", "half", 107910),
            ("1", "half", 107910),
        ]
        for step, method, expected in cases:
            with self.subTest(step=step, method=method):
                self.item.write({"mn_rounding_step": step, "mn_rounding_method": method})
                self.assertEqual(self._scarf_price(), expected)

    def test_formula_rules_round_after_core(self):
        self.item.write({"compute_price": "formula", "price_discount": 10, "price_surcharge": 1234})
        self.assertEqual(self._scarf_price(), 109100, "107 910 + 1 234 = 109 144 → 109 100")

    def test_no_step_no_rounding(self):
        self.item.mn_rounding_step = False
        self.assertEqual(self._scarf_price(), 107910)

    def test_rounding_ignored_when_switched_off(self):
        self.company.mn_pricelist_rounding = False
        self.assertEqual(self._scarf_price(), 107910)

    def test_rounded_price_is_shown_whole_and_invoiced_alike(self):
        """With line discounts shown, a rounded rule still gives the exact rounded price."""
        self.env.user.group_ids += self.env.ref("sale.group_discount_per_so_line")
        order = self._order((self.scarf, 3))
        line = order.order_line
        self.assertEqual((line.price_unit, line.discount), (107900, 0))
        self.assertEqual(line.price_subtotal, 3 * 107900)
        order.action_confirm()
        invoice_line = order._create_invoices().invoice_line_ids
        self.assertEqual((invoice_line.price_unit, invoice_line.discount), (107900, 0))
        self.assertEqual(invoice_line.price_subtotal, 3 * 107900)

    def test_unrounded_rules_still_show_their_discount(self):
        self.env.user.group_ids += self.env.ref("sale.group_discount_per_so_line")
        self.item.mn_rounding_step = False
        line = self._order((self.scarf, 1)).order_line
        self.assertEqual((line.price_unit, line.discount), (119900, 10))

    def test_pricelist_api_gives_the_order_price(self):
        self.assertEqual(self.pricelist._get_product_price(self.scarf, 1.0), 107900)


@tagged("post_install", "-at_install")
class TestPriceFloor(MnPricingCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls._switch_on("mn_price_floor", mn_min_margin=2.0)

    def test_most_specific_margin_wins(self):
        order = self._order((self.sweater, 1), (self.boots, 1))
        sweater_line, boots_line = order.order_line
        self.assertAlmostEqual(sweater_line.mn_floor_price, 172500)  # category: 15%
        self.assertAlmostEqual(boots_line.mn_floor_price, 214200)  # company: 2%
        self._item(compute_price="percentage", percent_price=0, mn_min_margin=5.0)
        # A new rule binds lines once they are priced again, as it does their prices.
        order.order_line.invalidate_recordset(["mn_floor_price"])
        self.assertAlmostEqual(sweater_line.mn_floor_price, 172500)
        order.action_update_prices()
        self.assertAlmostEqual(sweater_line.mn_floor_price, 157500)  # rule: 5%
        self.assertAlmostEqual(boots_line.mn_floor_price, 220500)

    def test_parent_category_margin_applies_to_subcategories(self):
        knitwear = self.env["product.category"].create(
            {"name": "Сүлжмэл", "parent_id": self.clothing.id}
        )
        self.scarf.categ_id = knitwear
        line = self._order((self.scarf, 1)).order_line
        self.assertAlmostEqual(line.mn_floor_price, 80500)

    def test_price_above_floor_is_accepted(self):
        line = self._order((self.sweater, 2)).order_line
        line.write({"price_unit": 180000, "discount": 4})  # 172 800 ≥ 172 500
        self.assertFalse(line.mn_below_floor)
        line.order_id.action_confirm()
        self.assertEqual(line.order_id.state, "sale")

    def test_price_below_floor_is_refused(self):
        line = self._order((self.sweater, 2)).order_line
        with self.assertRaises(ValidationError):
            line.price_unit = 170000
        with self.assertRaises(ValidationError):
            line.discount = 40
        self.assertEqual(line.price_unit, 250000)

    def _order_discount_wizard(self, order, **vals):
        """Core's whole-order "Discount" wizard, as the Discount button opens it."""
        return (
            self.env["sale.order.discount"]
            .create({"sale_order_id": order.id, **vals})
            .action_apply_discount()
        )

    def test_order_discount_wizard_below_floor_is_refused(self):
        """250 000 with 30 % off the whole order is 175 000 ≥ 172 500; 40 % is 150 000."""
        order = self._order((self.sweater, 2))
        self._order_discount_wizard(order, discount_type="so_discount", discount_percentage=0.3)
        goods_line = order.order_line.filtered(lambda line: not line._is_global_discount())
        self.assertFalse(goods_line.mn_below_floor)
        order.order_line.filtered(lambda line: line._is_global_discount()).unlink()
        lines_before = order.order_line
        with self.assertRaises(ValidationError):
            self._order_discount_wizard(
                order, discount_type="amount", discount_amount=2 * 250000 * 0.4
            )
        self.assertEqual(order.order_line, lines_before)

    def test_order_discount_below_floor_refused_at_confirmation(self):
        """With policy "approval" the wizard passes, the line is flagged; "refuse" then stops it."""
        self.company.mn_price_floor_policy = "approval"
        order = self._order((self.sweater, 1), (self.boots, 1))
        self._order_discount_wizard(order, discount_type="so_discount", discount_percentage=0.4)
        sweater_line, boots_line = order.order_line.filtered(
            lambda line: not line._is_global_discount()
        )
        # 250 000 × 0.6 = 150 000 < 172 500 and 320 000 × 0.6 = 192 000 < 214 200
        self.assertTrue(sweater_line.mn_below_floor)
        self.assertTrue(boots_line.mn_below_floor)
        self.assertTrue(order.mn_needs_floor_approval)
        self.company.mn_price_floor_policy = "refuse"
        with self.assertRaises(ValidationError):
            order.action_confirm()
        self.assertEqual(order.state, "draft")

    def test_confirmation_below_floor_is_refused(self):
        self._item(
            applied_on="1_product",
            product_tmpl_id=self.sweater.product_tmpl_id.id,
            compute_price="fixed",
            fixed_price=160000,
        )
        self.company.mn_price_floor_policy = "approval"
        order = self._order((self.sweater, 1))
        self.company.mn_price_floor_policy = "refuse"
        with self.assertRaises(ValidationError):
            order.action_confirm()
        self.assertEqual(order.state, "draft")

    def test_approval_policy_flags_instead_of_refusing(self):
        self.company.mn_price_floor_policy = "approval"
        order = self._order((self.sweater, 1), (self.boots, 1))
        sweater_line, boots_line = order.order_line
        sweater_line.price_unit = 160000
        self.assertTrue(sweater_line.mn_below_floor)
        self.assertFalse(boots_line.mn_below_floor)
        self.assertTrue(order.mn_needs_floor_approval)
        self.assertEqual(order._mn_floor_violations(), sweater_line)
        # the line is not refused: the order waits for an approval instead
        self.assertEqual(order.mn_approval_state, "to_request")
        self.assertIn("below the floor price", order.mn_approval_reasons)
        self.assertIn(sweater_line.product_id.display_name, order.mn_approval_reasons)
        with self.assertRaisesRegex(UserError, order.name):
            order.action_confirm()
        self.assertEqual(order.state, "draft")

    def test_approval_policy_confirms_once_approved(self):
        self.company.mn_price_floor_policy = "approval"
        leader = new_test_user(
            self.env, "mn_floor_leader", groups="sales_team.group_sale_salesman_all_leads"
        )
        seller = new_test_user(self.env, "mn_floor_seller", groups="sales_team.group_sale_salesman")
        team = self.env["crm.team"].create(
            {"name": "Floor team", "user_id": leader.id, "member_ids": [Command.link(seller.id)]}
        )
        order = self._order((self.sweater, 1))
        order.write({"user_id": seller.id, "team_id": team.id})
        order.order_line.price_unit = 160000
        order.with_user(seller).action_mn_request_approval()
        self.assertEqual(order.mn_approval_state, "requested")
        with self.assertRaises(UserError):
            order.with_user(seller).action_mn_approve()  # never one's own quotation
        order.with_user(leader).action_mn_approve()
        order.with_user(seller).action_confirm()
        self.assertEqual(order.state, "sale")
        # back above the floor on a new quotation: nothing to approve
        other = self._order((self.sweater, 1))
        self.assertEqual(other.mn_approval_state, "not_needed")

    def test_approval_not_needed_above_floor(self):
        self.company.mn_price_floor_policy = "approval"
        order = self._order((self.sweater, 1))
        self.assertFalse(order.mn_needs_floor_approval)
        self.assertFalse(order._mn_floor_violations())

    def test_floor_is_judged_without_vat(self):
        vat = self.env["account.tax"].create(
            {
                "name": "НӨАТ 10% (тест)",
                "amount": 10,
                "amount_type": "percent",
                "type_tax_use": "sale",
                "price_include_override": "tax_included",
            }
        )
        vest = self._product(
            "Ноолууран хантааз", 130000, 100000, self.clothing, taxes_id=[Command.set(vat.ids)]
        )
        line = self._order((vest, 1)).order_line
        self.assertAlmostEqual(line.price_subtotal, 118181.82, places=2)
        with self.assertRaises(ValidationError):
            line.price_unit = 121000  # 110 000 before VAT < 115 000

    def test_floor_follows_the_unit_of_measure(self):
        dozen = self.env.ref("uom.product_uom_dozen")
        order = self._order((self.scarf, 1))
        order.order_line.write({"product_uom_id": dozen.id, "price_unit": 12 * 119900})
        self.assertAlmostEqual(order.order_line.mn_floor_price, 12 * 80500)
        with self.assertRaises(ValidationError):
            order.order_line.price_unit = 12 * 80000

    def test_products_without_cost_have_no_floor(self):
        free = self._product("Бэлэг", 0, 0, self.clothing)
        line = self._order((free, 1)).order_line
        self.assertFalse(line.mn_below_floor)
        self.assertEqual(line.mn_floor_price, 0)

    def test_floor_off_accepts_any_price(self):
        self.company.mn_price_floor = False
        line = self._order((self.sweater, 1)).order_line
        line.price_unit = 1000
        line.order_id.action_confirm()
        self.assertFalse(line.mn_below_floor)
        self.assertFalse(line.order_id._mn_floor_violations())

    def test_negative_margins_are_refused(self):
        """Company, category and pricelist rule share one check (mn.min.margin.mixin)."""
        item = self.env["product.pricelist.item"].create(
            {"pricelist_id": self.pricelist.id, "compute_price": "percentage", "mn_min_margin": 5}
        )
        for record, value in ((self.clothing, -5), (self.company, -1), (item, -0.5)):
            before = record.mn_min_margin
            with self.subTest(model=record._name), self.assertRaises(ValidationError):
                record.mn_min_margin = value
            record.invalidate_recordset(["mn_min_margin"])
            self.assertEqual(record.mn_min_margin, before)


@tagged("post_install", "-at_install")
class TestRuleSwitches(MnPricingCommon):
    def test_switches_are_registered(self):
        switches = self.env["res.company"]._mn_rule_switches()
        for name in (
            "mn_pricelist_tiers",
            "mn_pricelist_time_windows",
            "mn_pricelist_mix_match",
            "mn_pricelist_rounding",
            "mn_price_floor",
        ):
            self.assertIn(name, switches)

    def test_all_rules_off_price_like_core(self):
        """Each extra condition set, every switch off: core's first-match rule applies."""
        gold = self.env["mn.partner.tier"].create({"name": "Алтан"})
        self._item(
            compute_price="percentage",
            percent_price=10,
            mn_tier_ids=gold.ids,
            mn_weekday_ids=[Command.set(self.env.ref("mn_crm_sales.mn_weekday_sun").ids)],
            mn_hour_from=1.0,
            mn_hour_to=2.0,
            min_quantity=5,
            mn_min_qty_scope="category",
            mn_rounding_step="100",
        )
        self.company._mn_switch_off_rules()
        order = self._order((self.scarf, 3), (self.sweater, 3), date=WEDNESDAY_NOON)
        self.assertEqual(self._prices(order), [119900, 250000])
        order = self._order((self.scarf, 5), date=WEDNESDAY_NOON)
        self.assertEqual(self._prices(order), [107910])


@tagged("post_install", "-at_install")
class TestDiscountsShown(MnPricingCommon):
    """With Settings > Discounts on (the suite's default after install), a percentage rule
    shows the list price and the discount apart; the customer pays the same."""

    def test_tier_rule_shows_list_price_and_discount(self):
        self.env.ref("base.group_user").sudo()._apply_group(
            self.env.ref("sale.group_discount_per_so_line").sudo()
        )
        self._switch_on("mn_pricelist_tiers")
        gold = self.env["mn.partner.tier"].create({"name": "Алтан"})
        customer = self.env["res.partner"].create({"name": "Номин", "mn_tier_id": gold.id})
        self._item(compute_price="percentage", percent_price=20, mn_tier_ids=gold.ids)
        line = self._order((self.sweater, 1), partner=customer).order_line
        self.assertEqual((line.price_unit, line.discount), (250000, 20))
        self.assertEqual(self._prices(line.order_id), [200000])
        self.assertEqual(line.price_subtotal, 200000)  # test products carry no tax
