"""What selects a customer's prices (tier, price tags) is a sales manager's decision.

While Customer Tier Pricing is on, a salesperson may not give a customer another tier nor
add or remove a customer tag that a pricelist rule is limited to, on any path (create,
write, context defaults, the tag's own customers). Contacts still receive their company's
tier through core's commercial-field synchronisation.
"""

from odoo import Command
from odoo.exceptions import AccessError
from odoo.tests import TransactionCase, new_test_user, tagged


@tagged("post_install", "-at_install")
class TestPartnerPricingAccess(TransactionCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.company = cls.env.company
        cls.company.mn_pricelist_tiers = True
        cls.salesman = new_test_user(
            cls.env,
            login="mn_tier_salesman",
            groups="sales_team.group_sale_salesman_all_leads",
        )
        cls.manager = new_test_user(
            cls.env, login="mn_tier_manager", groups="sales_team.group_sale_manager"
        )
        Pricelist = cls.env["product.pricelist"]
        Tier = cls.env["mn.partner.tier"]
        cls.gold = Tier.create(
            {"name": "Алтан (тест)", "pricelist_id": Pricelist.create({"name": "Алтан"}).id}
        )
        cls.silver = Tier.create(
            {"name": "Мөнгөн (тест)", "pricelist_id": Pricelist.create({"name": "Мөнгөн"}).id}
        )
        Tag = cls.env["res.partner.category"]
        cls.vip = Tag.create({"name": "VIP (тест)"})
        cls.vip_sub = Tag.create({"name": "VIP дэд (тест)", "parent_id": cls.vip.id})
        cls.plain_tag = Tag.create({"name": "Энгийн шошго (тест)"})
        pricelist = Pricelist.create({"name": "VIP үнэ"})
        cls.env["product.pricelist.item"].create(
            {
                "pricelist_id": pricelist.id,
                "compute_price": "percentage",
                "percent_price": 10,
                "mn_partner_category_ids": [Command.set(cls.vip.ids)],
            }
        )
        Partner = cls.env["res.partner"]
        cls.gold_company = Partner.create(
            {"name": "Алтан ХХК", "is_company": True, "mn_tier_id": cls.gold.id}
        )
        cls.customer = Partner.create({"name": "Энгийн ХХК", "is_company": True})

    def _snapshot(self, partner):
        partner.invalidate_recordset()
        partner = partner.sudo()
        return partner.mn_tier_id, partner.category_id

    # ------------------------------------------------------------------
    # tiers
    # ------------------------------------------------------------------

    def test_salesman_cannot_change_a_tier(self):
        customer = self.customer.with_user(self.salesman)
        for tier in (self.gold, self.silver):
            with (
                self.subTest(tier=tier.name),
                self.assertRaisesRegex(
                    AccessError, "Only sales managers can change the customer tier"
                ),
            ):
                customer.write({"mn_tier_id": tier.id})
            self.assertEqual(
                self._snapshot(customer),
                (self.env["mn.partner.tier"], self.env["res.partner.category"]),
            )
        gold = self.gold_company.with_user(self.salesman)
        with self.assertRaisesRegex(AccessError, "customer tier"):
            gold.write({"mn_tier_id": False})
        self.assertEqual(self._snapshot(gold)[0], self.gold)

    def test_salesman_cannot_create_a_customer_with_a_tier(self):
        Partner = self.env["res.partner"].with_user(self.salesman)
        with self.assertRaisesRegex(AccessError, "customer tier"):
            Partner.create({"name": "Шинэ ХХК", "is_company": True, "mn_tier_id": self.gold.id})
        with self.assertRaisesRegex(AccessError, "customer tier"):
            Partner.with_context(default_mn_tier_id=self.gold.id).create(
                {"name": "Шинэ ХХК", "is_company": True}
            )
        with self.assertRaisesRegex(AccessError, "customer tier"):
            Partner.create(
                {"name": "Хуурамч", "parent_id": self.customer.id, "mn_tier_id": self.gold.id}
            )
        self.assertFalse(Partner.sudo().search([("name", "in", ["Шинэ ХХК", "Хуурамч"])]))

    def test_contacts_of_a_gold_company_get_its_tier(self):
        Partner = self.env["res.partner"].with_user(self.salesman)
        contact = Partner.create({"name": "Бат", "parent_id": self.gold_company.id})
        self.assertEqual(contact.mn_tier_id, self.gold)
        explicit = Partner.create(
            {"name": "Дорж", "parent_id": self.gold_company.id, "mn_tier_id": self.gold.id}
        )
        self.assertEqual(explicit.mn_tier_id, self.gold)
        # joining a company takes its tier
        person = Partner.create({"name": "Сараа"})
        person.write({"parent_id": self.gold_company.id})
        self.assertEqual(person.mn_tier_id, self.gold)

    def test_manager_changes_tiers_and_contacts_follow(self):
        contact = self.env["res.partner"].create({"name": "Бат", "parent_id": self.gold_company.id})
        self.gold_company.with_user(self.manager).write({"mn_tier_id": self.silver.id})
        self.assertEqual(contact.mn_tier_id, self.silver)

    def test_switch_off_keeps_core_behaviour(self):
        self.company.mn_pricelist_tiers = False
        customer = self.customer.with_user(self.salesman)
        customer.write({"mn_tier_id": self.gold.id, "category_id": [Command.link(self.vip.id)]})
        self.assertEqual(customer.mn_tier_id, self.gold)
        self.assertIn(self.vip, customer.category_id)

    # ------------------------------------------------------------------
    # price-selecting tags
    # ------------------------------------------------------------------

    def test_salesman_cannot_add_or_remove_a_price_tag(self):
        customer = self.customer.with_user(self.salesman)
        for tag in (self.vip, self.vip_sub):
            with (
                self.subTest(tag=tag.name),
                self.assertRaisesRegex(AccessError, "these tags select prices"),
            ):
                customer.write({"category_id": [Command.link(tag.id)]})
            self.assertFalse(self._snapshot(customer)[1])
        self.customer.category_id = self.vip
        with self.assertRaisesRegex(AccessError, "these tags select prices"):
            customer.write({"category_id": [Command.set(self.plain_tag.ids)]})
        self.assertEqual(self._snapshot(customer)[1], self.vip)
        # other tags stay the salesperson's
        customer.write({"category_id": [Command.link(self.plain_tag.id)]})
        self.assertEqual(self._snapshot(customer)[1], self.vip | self.plain_tag)

    def test_salesman_cannot_create_a_customer_with_a_price_tag(self):
        Partner = self.env["res.partner"].with_user(self.salesman)
        with self.assertRaisesRegex(AccessError, "these tags select prices"):
            Partner.create({"name": "Шинэ VIP", "category_id": [Command.set(self.vip.ids)]})
        with self.assertRaisesRegex(AccessError, "these tags select prices"):
            Partner.with_context(default_category_id=self.vip.ids).create({"name": "Шинэ VIP"})
        self.assertFalse(Partner.sudo().search([("name", "=", "Шинэ VIP")]))

    def test_salesman_cannot_change_the_customers_of_a_price_tag(self):
        vip = self.vip.with_user(self.salesman)
        with self.assertRaisesRegex(AccessError, "they select prices"):
            vip.write({"partner_ids": [Command.link(self.customer.id)]})
        self.assertFalse(self._snapshot(self.customer)[1])
        plain = self.plain_tag.with_user(self.salesman)
        self.customer.category_id = self.plain_tag
        with self.assertRaisesRegex(AccessError, "they select prices"):
            plain.write({"parent_id": self.vip.id})
        self.plain_tag.invalidate_recordset()
        self.assertFalse(self.plain_tag.parent_id)
        plain.write({"name": "Шинэ нэр"})
        self.assertEqual(self.plain_tag.name, "Шинэ нэр")

    def test_manager_sets_price_tags(self):
        customer = self.customer.with_user(self.manager)
        customer.write({"category_id": [Command.link(self.vip.id)], "mn_tier_id": self.gold.id})
        self.assertEqual(self._snapshot(customer), (self.gold, self.vip))
