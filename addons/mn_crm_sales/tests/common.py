"""Fixture bases the rule families share, built on core's own.

``MnCrmCommon`` extends core's ``TestCrmCommon`` (its users, teams, stages, leads and
second company) with every lost rule switched on, a salesperson and a sales manager of
the suite, two opportunity teams and a customer.

``MnCompanyCommon`` is core's ``SaleCommon`` (products, pricelist, a sales team, core's
``partner``) in a Mongolian company (MNT, Mongolia, Ulaanbaatar time). Mail tracking stays
on: the rules post notes and schedule activities that the tests read. On it:

* ``MnSaleCommon``: the people the sales rules are about: a salesperson with a 5 %
  discount limit in a 10 % team led by a leader, a second leader of a 50 % team, a
  colleague in the same team, and a sales manager; discount approval on;
* ``MnPricingCommon``: the pricelist rules' world: clothing and shoe categories and
  products in MNT, a test pricelist and customer, every pricing rule off until a test
  switches it on;
* ``MnSaleFlowCommon``: the seed's sales flow as the administrator: a Mongolian customer,
  a product with the company's 10 % VAT, the quotation values, delivery and invoicing.

An ``HttpCase`` uses them as ``class TestX(MnSaleFlowCommon, HttpCase)``.
"""

from contextlib import contextmanager
from datetime import datetime

from freezegun import freeze_time

from odoo import Command
from odoo.tests import new_test_user, tagged

from odoo.addons.crm.tests.common import TestCrmCommon
from odoo.addons.sale.tests.common import SaleCommon

from ..models.lost.res_company import LOST_RULE_SWITCHES

# Order dates are UTC; Ulaanbaatar is UTC+8 all year.
WEDNESDAY_NOON = datetime(2025, 6, 4, 4, 0)  # Wed 12:00 in Ulaanbaatar
SATURDAY_NOON = datetime(2025, 6, 7, 4, 0)  # Sat 12:00 in Ulaanbaatar
FRIDAY_LATE_UTC = datetime(2025, 6, 6, 20, 0)  # Fri 20:00 UTC = Sat 04:00 in Ulaanbaatar
FRIDAY_NIGHT = datetime(2025, 6, 6, 15, 0)  # Fri 23:00 in Ulaanbaatar

ALL_SWITCHES_OFF = {
    "mn_pricelist_tiers": False,
    "mn_pricelist_time_windows": False,
    "mn_pricelist_mix_match": False,
    "mn_pricelist_rounding": False,
    "mn_price_floor": False,
    "mn_price_floor_policy": "refuse",
    "mn_min_margin": 0.0,
}

# 3 x 110 000 MNT, VAT 10 % included, 10 % discount:
# total 297 000 = untaxed 270 000 + VAT 27 000.
PRICE = 110_000.0
QTY = 3.0
DISCOUNT = 10.0
TOTAL = 297_000.0
UNTAXED = 270_000.0
VAT = 27_000.0
TOTAL_WORDS = "Хоёр зуун ерэн долоон мянган төгрөг"


@tagged("post_install", "-at_install")
class MnCrmCommon(TestCrmCommon):
    """Core's CRM fixture with the lost rules of the suite switched on."""

    @classmethod
    def _init_mail_gateway(cls):
        # The first hook core's setUpClass calls: its fixture (a lost lead without a
        # reason among others) is built as core builds it, with the lost rules off.
        result = super()._init_mail_gateway()
        cls.env.company.write(dict.fromkeys(LOST_RULE_SWITCHES, False))
        return result

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.company = cls.env.company
        cls.company.write(dict.fromkeys(LOST_RULE_SWITCHES, True))
        cls.company.mn_lost_restore_managers_only = False
        cls.salesman = new_test_user(
            cls.env,
            login="mn_lost_salesman",
            groups="sales_team.group_sale_salesman_all_leads",
        )
        cls.manager = new_test_user(
            cls.env, login="mn_lost_manager", groups="sales_team.group_sale_manager"
        )
        Team = cls.env["crm.team"]
        cls.team_a = Team.create({"name": "MN Team A", "use_opportunities": True})
        cls.team_b = Team.create({"name": "MN Team B", "use_opportunities": True})
        cls.partner = cls.env["res.partner"].create({"name": "MN Customer"})


@tagged("post_install", "-at_install")
class MnCompanyCommon(SaleCommon):
    """Core's SaleCommon in a Mongolian company (MNT, Mongolia), mail tracking on."""

    @classmethod
    def default_env_context(cls):
        # The rules' chatter notes and activities are part of what is tested.
        return {}

    @classmethod
    def setup_main_company(cls, currency_code="MNT"):
        return super().setup_main_company(currency_code=currency_code)

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env.company.country_id = cls.env.ref("base.mn")  # SaleCommon sets the US
        cls.env.company.partner_id.tz = "Asia/Ulaanbaatar"
        cls.company = cls.env.company
        cls.currency = cls.company.currency_id


@tagged("post_install", "-at_install")
class MnSaleCommon(MnCompanyCommon):
    """A Mongolian company whose quotations are judged (discount approval on)."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.company.write({"mn_discount_approval": True, "mn_max_discount": 0.0})
        cls.salesperson = new_test_user(
            cls.env, "mn_seller", groups="sales_team.group_sale_salesman", name="Seller Bat"
        )
        cls.colleague = new_test_user(
            cls.env,
            "mn_colleague",
            groups="sales_team.group_sale_salesman_all_leads",
            name="Colleague Dorj",
        )
        cls.leader = new_test_user(
            cls.env,
            "mn_leader",
            groups="sales_team.group_sale_salesman_all_leads",
            name="Leader Saraa",
        )
        cls.other_leader = new_test_user(
            cls.env,
            "mn_other_leader",
            groups="sales_team.group_sale_salesman_all_leads",
            name="Leader Dorj",
        )
        cls.manager = new_test_user(
            cls.env, "mn_manager", groups="sales_team.group_sale_manager", name="Manager Bold"
        )
        cls.team = cls.env["crm.team"].create(
            {
                "name": "MN sales team",
                "user_id": cls.leader.id,
                "member_ids": [Command.link(cls.salesperson.id), Command.link(cls.colleague.id)],
                "mn_max_discount": 10.0,
            }
        )
        cls.wide_team = cls.env["crm.team"].create(
            {"name": "MN wide team", "user_id": cls.other_leader.id, "mn_max_discount": 50.0}
        )
        cls.salesperson.mn_max_discount = 5.0
        cls.plain_category = cls.env["product.category"].create({"name": "Plain (test)"})
        cls.chair = cls.env["product.product"].create(
            {
                "name": "Plain chair",
                "list_price": 100.0,
                "categ_id": cls.plain_category.id,
                "taxes_id": False,
            }
        )
        cls.customer = cls.env["res.partner"].create({"name": "Customer Tuya"})

    @contextmanager
    def assertRefused(self, exception, pattern):
        """assertRaises (which rolls the refused call back) that also checks the message."""
        with self.assertRaises(exception) as caught:
            yield
        self.assertRegex(str(caught.exception), pattern)


@tagged("post_install", "-at_install")
class MnPricingCommon(MnCompanyCommon):
    """Pricelist rules in MNT: categories, products, a test pricelist and customer; every
    pricing rule off until a test switches it on (``_switch_on``)."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        # pricelists are a feature switched on in Settings (checked on the superuser)
        cls.env.user.group_ids += cls.env.ref("product.group_product_pricelist")
        # These tests read a rule's result in price_unit: with Settings > Discounts off (as
        # unticking it does), core puts a percentage rule's price in price_unit instead of
        # showing the list price and the discount apart. TestDiscountsShown covers that mode.
        cls.env.ref("base.group_user").sudo()._remove_group(
            cls.env.ref("sale.group_discount_per_so_line").sudo()
        )
        cls.company.write(ALL_SWITCHES_OFF)

        cls.clothing = cls.env["product.category"].create(
            {"name": "Хувцас (тест)", "mn_min_margin": 15.0}
        )
        cls.shoes = cls.env["product.category"].create({"name": "Гутал (тест)"})
        cls.sweater = cls._product("Ноолууран цамц", 250000, 150000, cls.clothing)
        cls.scarf = cls._product("Ноолууран ороолт", 119900, 70000, cls.clothing)
        cls.boots = cls._product("Савхин гутал", 320000, 210000, cls.shoes)

        cls.pricelist = cls.env["product.pricelist"].create(
            {"name": "Туршилтын үнэ", "currency_id": cls.currency.id, "sequence": 1}
        )
        cls.partner = cls.env["res.partner"].create({"name": "Туршилтын харилцагч"})

    @classmethod
    def _product(cls, name, price, cost, category, **vals):
        return cls.env["product.product"].create(
            {
                "name": name,
                "type": "consu",
                "list_price": price,
                "standard_price": cost,
                "categ_id": category.id,
                "taxes_id": [Command.clear()],
                "invoice_policy": "order",
                **vals,
            }
        )

    @classmethod
    def _switch_on(cls, *switches, **values):
        cls.company.write({**dict.fromkeys(switches, True), **values})

    def _item(self, pricelist=None, **vals):
        return self.env["product.pricelist.item"].create(
            {"pricelist_id": (pricelist or self.pricelist).id, **vals}
        )

    def _order(self, *lines, partner=None, pricelist=None, date=None):
        """Quotation with ``(product, qty)`` lines; the pricelist defaults to the test one."""
        vals = {
            "partner_id": (partner or self.partner).id,
            "order_line": [
                Command.create({"product_id": product.id, "product_uom_qty": qty})
                for product, qty in lines
            ],
        }
        if pricelist is not False:
            vals["pricelist_id"] = (pricelist or self.pricelist).id
        if date:
            # Windows are judged on the server's clock when a line is priced: the order is
            # made at ``date``, as a salesperson working then would make it.
            vals["date_order"] = date
            with freeze_time(date):
                return self.env["sale.order"].create(vals)
        return self.env["sale.order"].create(vals)

    def _prices(self, order):
        """Unit price the customer pays per line: with Odoo's "Discounts" setting on (the
        suite's default), a percentage rule shows the list price and the discount apart."""
        return [
            line.currency_id.round(line.price_unit * (1 - line.discount / 100))
            for line in order.order_line
        ]


@tagged("post_install", "-at_install")
class MnSaleFlowCommon(MnCompanyCommon):
    """The seed's sales flow as the administrator: customer, VAT product, quotation values."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env["res.lang"]._activate_lang("mn_MN")
        cls.env = cls.env(user=cls.env.ref("base.user_admin"))
        cls.company = cls.env.company
        cls.mnt = cls.env.ref("base.MNT")
        cls.vat10 = cls.company.account_sale_tax_id
        cls.partner = cls.env["res.partner"].create(
            {"name": "Номин Трейд ХХК", "email": "info@nomin.example.mn", "lang": "mn_MN"}
        )
        cls.product = cls.env["product.product"].create(
            {
                "name": "Оффисын ширээ",
                "type": "consu",
                "list_price": PRICE,
                "invoice_policy": "delivery",
                "taxes_id": [Command.set(cls.vat10.ids)],
            }
        )

    @classmethod
    def _order_vals(cls, **extra):
        return {
            "partner_id": cls.partner.id,
            "order_line": [
                Command.create(
                    {
                        "product_id": cls.product.id,
                        "product_uom_qty": QTY,
                        "price_unit": PRICE,
                        "discount": DISCOUNT,
                    }
                )
            ],
            **extra,
        }

    def _deliver(self, order):
        """Validate the delivery of a confirmed order in full."""
        picking = order.picking_ids
        for move in picking.move_ids:
            move.write({"quantity": move.product_uom_qty, "picked": True})
        picking.button_validate()
        return picking

    def _invoice_from_order(self, order):
        """Sales > order > Create Invoice > Regular invoice."""
        wizard = (
            self.env["sale.advance.payment.inv"]
            .with_context(active_model="sale.order", active_ids=order.ids)
            .create({"advance_payment_method": "delivered"})
        )
        wizard.create_invoices()
        return order.invoice_ids
