"""The demo database is a Mongolian business: its company, leader, customers and goods."""

import re

from odoo.tests import TransactionCase, tagged

from ..models.demo.res_company import MN_DEMO_COMPANY
from ..tools import register_number

CYRILLIC = re.compile(r"[А-Яа-яЁёӨөҮү]")
MN_PHONE = re.compile(r"^\+976 \d{4} \d{4}$")

DEMO_CUSTOMERS = (
    "mn_partner_tenger_trade",
    "mn_partner_altan_urguu",
    "mn_partner_nomin_tech",
    "mn_partner_khangai_foods",
    "mn_partner_gobi_logistics",
    "mn_partner_selenge_agro",
    "mn_partner_enkhjargal",
    "mn_partner_temuulen",
    "mn_partner_oyunchimeg",
    "mn_partner_ganzorig",
    "mn_partner_solongo",
    "mn_partner_munkh_erdene",
)
DEMO_PRODUCTS = (
    "product_cashmere_sweater",
    "product_cashmere_scarf",
    "product_cashmere_hat",
    "product_leather_boots",
    "product_cashmere_care",
    "product_mn_discounted_boots",
)
DEMO_SALESPEOPLE = (
    "user_mn_salesman_ganbaatar",
    "user_mn_salesman_sarangerel",
    "user_mn_salesman_tsetsegmaa",
)


@tagged("post_install", "-at_install")
class TestDemoMongolianBusiness(TransactionCase):
    """What a new user of a demo database sees: their own world, in Mongolian."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        if not cls.env.ref("mn_crm_sales.mn_partner_tenger_trade", raise_if_not_found=False):
            cls.skipTest(cls, "the database has no demo data")
        cls.company = cls.env.ref("base.main_company")

    def test_company_is_an_ulaanbaatar_business_in_tugriks(self):
        company = self.company
        self.assertEqual(company.name, MN_DEMO_COMPANY["name"])
        self.assertEqual(company.country_id.code, "MN")
        self.assertEqual(company.currency_id.name, "MNT")
        self.assertEqual(company.city, "Улаанбаатар")
        self.assertIn("дүүрэг", company.street2)
        self.assertRegex(company.phone, MN_PHONE)
        self.assertEqual(company.partner_id.mn_register_number, "6123458")
        self.assertTrue(register_number.is_valid(company.partner_id.mn_register_number))

    def test_team_leader_is_mongolian_and_reads_the_team_quotations(self):
        team = self.env.ref("mn_crm_sales.team_mn_ulaanbaatar")
        leader = team.user_id
        self.assertEqual(leader, self.env.ref("base.user_demo"))
        self.assertRegex(leader.name, CYRILLIC)
        self.assertEqual(leader.lang, "mn_MN")
        self.assertEqual(leader.tz, "Asia/Ulaanbaatar")
        self.assertTrue(leader.has_group("sales_team.group_sale_salesman_all_leads"))
        quotation = self.env["sale.order"].create(
            {
                "partner_id": self.env.ref("mn_crm_sales.mn_partner_nomin_tech").id,
                "user_id": self.env.ref("mn_crm_sales.user_mn_salesman_ganbaatar").id,
                "team_id": team.id,
            }
        )
        self.assertEqual(quotation.with_user(leader).read(["name"])[0]["name"], quotation.name)

    def test_salespeople_work_in_mongolian_in_the_team(self):
        team = self.env.ref("mn_crm_sales.team_mn_ulaanbaatar")
        for xmlid in DEMO_SALESPEOPLE:
            user = self.env.ref(f"mn_crm_sales.{xmlid}")
            with self.subTest(user=user.login):
                self.assertRegex(user.name, CYRILLIC)
                self.assertEqual(user.lang, "mn_MN")
                self.assertRegex(user.phone, MN_PHONE)
                self.assertIn(user, team.member_ids)

    def test_customers_are_mongolian_with_valid_register_numbers(self):
        for xmlid in DEMO_CUSTOMERS:
            partner = self.env.ref(f"mn_crm_sales.{xmlid}")
            with self.subTest(partner=xmlid):
                self.assertRegex(partner.name, CYRILLIC)
                self.assertTrue(register_number.is_valid(partner.mn_register_number))
                self.assertEqual(partner.country_id.code, "MN")
                self.assertRegex(partner.phone, MN_PHONE)
                if partner.is_company:
                    self.assertEqual(len(partner.mn_register_number), 7)

    def test_goods_have_mongolian_names_and_tugrik_prices(self):
        vat = self.company.account_sale_tax_id
        self.assertEqual(vat.amount, 10.0, "the company's sales tax is the 10 % VAT")
        for xmlid in DEMO_PRODUCTS:
            product = self.env.ref(f"mn_crm_sales.{xmlid}")
            with self.subTest(product=xmlid):
                self.assertRegex(product.name, CYRILLIC)
                self.assertGreaterEqual(product.list_price, 1000, "a price in tugriks")
                self.assertEqual(product.currency_id.name, "MNT")

    def test_quotation_awaiting_approval_is_to_a_mongolian_customer(self):
        order = self.env.ref("mn_crm_sales.sale_order_mn_approval_demo")
        self.assertEqual(order.mn_approval_state, "requested")
        self.assertTrue(register_number.is_valid(order.partner_id.mn_register_number))
        self.assertTrue(all(CYRILLIC.search(name) for name in order.order_line.mapped("name")))


@tagged("post_install", "-at_install")
class TestDemoLeavesForeignCompanies(TransactionCase):
    """Demo data loaded into another country's database leaves its company alone."""

    def test_company_outside_mongolia_is_not_dressed(self):
        company = self.env.ref("base.main_company")
        company.write({"name": "Foreign Co", "country_id": self.env.ref("base.us").id})
        leader = self.env.ref("base.user_demo")
        leader.name = "Marc Demo"
        self.assertFalse(self.env["res.company"]._mn_demo_dress_main_company())
        self.assertEqual(company.name, "Foreign Co")
        self.assertEqual(leader.name, "Marc Demo")

    def test_mongolian_company_is_dressed(self):
        company = self.env.ref("base.main_company")
        company.write({"name": "Тест ХХК", "country_id": self.env.ref("base.mn").id})
        if company.currency_id.name != "MNT":
            self.skipTest("the main company is not in tugriks")
        self.assertTrue(self.env["res.company"]._mn_demo_dress_main_company())
        self.assertEqual(company.name, MN_DEMO_COMPANY["name"])
