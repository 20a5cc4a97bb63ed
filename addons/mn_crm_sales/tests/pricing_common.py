"""Shared fixtures of the pricelist-rule tests: MNT products, a pricelist, tiers, orders."""

from datetime import datetime

from freezegun import freeze_time

from odoo.fields import Command
from odoo.tests import TransactionCase

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


class PricingCommon(TransactionCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.company = cls.env.company
        cls.currency = cls.company.currency_id
        # pricelists are a feature switched on in Settings (checked on the superuser)
        cls.env.user.group_ids += cls.env.ref("product.group_product_pricelist")
        # These tests read a rule's result in price_unit: with Settings > Discounts off (as
        # unticking it does), core puts a percentage rule's price in price_unit instead of
        # showing the list price and the discount apart. TestDiscountsShown covers that mode.
        cls.env.ref("base.group_user").sudo()._remove_group(
            cls.env.ref("sale.group_discount_per_so_line").sudo()
        )
        cls.company.write(ALL_SWITCHES_OFF)
        cls.company.partner_id.tz = "Asia/Ulaanbaatar"

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
