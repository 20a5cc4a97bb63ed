"""Fixtures shared by the report tests.

Expected figures are always computed in Python from the fixture records (quantities,
prices, costs, revenues, dates), never read back from a report.
"""

from datetime import datetime

from odoo import Command
from odoo.tests import new_test_user

from odoo.addons.mn_crm_sales.tests.common import MnCompanyCommon

UB_TZ = "Asia/Ulaanbaatar"
COMPANY_NUMBER = "2012345"  # a legal entity: 7 digits
CITIZEN_NUMBER = "УБ99031512"  # a citizen: 2 Cyrillic letters and 8 digits


class MnReportsCase(MnCompanyCommon):
    """Core's SaleCommon in the Mongolian company (``MnCompanyCommon``), every rule of the
    suite off, with the report tests' people, teams, customers, stages and lost reasons."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        # Reports must hold whatever the suite's rules are: switch them off for fixtures.
        cls.env["res.company"].search([])._mn_switch_off_rules()
        cls.env = cls.env(context=dict(cls.env.context, tz=UB_TZ, tracking_disable=True))
        cls.company = cls.env.company
        cls.currency = cls.company.currency_id
        cls.manager = new_test_user(
            cls.env,
            login="mn_rep_manager",
            groups="sales_team.group_sale_manager",
            tz=UB_TZ,
        )
        cls.seller = new_test_user(
            cls.env,
            login="mn_rep_seller",
            groups="sales_team.group_sale_salesman",
            tz=UB_TZ,
        )
        cls.seller2 = new_test_user(
            cls.env,
            login="mn_rep_seller2",
            groups="sales_team.group_sale_salesman_all_leads",
            tz=UB_TZ,
        )
        cls.team = cls.env["crm.team"].create({"name": "MN Report Team A", "use_leads": True})
        cls.team_b = cls.env["crm.team"].create({"name": "MN Report Team B", "use_leads": True})
        cls.customers = cls.env["res.partner"].create(
            [{"name": f"MN Report Customer {index}"} for index in range(4)]
        )
        cls.stage_new = cls.env.ref("crm.stage_lead1")
        cls.stage_qualified = cls.env.ref("crm.stage_lead2")
        cls.stage_proposition = cls.env.ref("crm.stage_lead3")
        cls.stage_won = cls.env.ref("crm.stage_lead4")
        cls.reason_price = cls.env["crm.lost.reason"].create({"name": "MN Too expensive"})
        cls.reason_competitor = cls.env["crm.lost.reason"].create({"name": "MN Competitor"})

    # -- customers of each kind and tier ----------------------------------------------------

    @classmethod
    def _dimension_customers(cls):
        """Customers of every register kind and tier, and what the reports must show for them.

        Sets ``cls.dim_customers``: {key: (partner, expected kind, expected tier)}. The
        contact person of the company carries the company's kind and tier (commercial
        fields), so its expectations are the company's.
        """
        Tier = cls.env["mn.partner.tier"]
        cls.tier_gold = Tier.create({"name": "MN Report Gold", "sequence": 1})
        cls.tier_silver = Tier.create({"name": "MN Report Silver", "sequence": 2})
        Partner = cls.env["res.partner"]
        company = Partner.create(
            {
                "name": "MN Report Company LLC",
                "is_company": True,
                "mn_register_number": COMPANY_NUMBER,
                "mn_tier_id": cls.tier_gold.id,
            }
        )
        contact = Partner.create({"name": "MN Report Contact", "parent_id": company.id})
        citizen = Partner.create(
            {
                "name": "MN Report Citizen",
                "mn_register_number": CITIZEN_NUMBER,
                "mn_tier_id": cls.tier_silver.id,
            }
        )
        plain = Partner.create({"name": "MN Report Plain"})
        cls.dim_customers = {
            "company": (company, "company", cls.tier_gold),
            "contact": (contact, "company", cls.tier_gold),
            "citizen": (citizen, "individual", cls.tier_silver),
            "plain": (plain, False, Tier),
        }

    # -- products --------------------------------------------------------------------------

    @classmethod
    def _product(cls, name, list_price, cost, **values):
        return cls.env["product.product"].create(
            {
                "name": name,
                "type": "service",
                "service_type": "manual",
                "invoice_policy": "order",
                "list_price": list_price,
                "standard_price": cost,
                **values,
            }
        )

    # -- orders ----------------------------------------------------------------------------

    @classmethod
    def _order(cls, partner, lines, *, team=None, user=None, date=None, confirm=True, **values):
        """``lines``: (product, qty, price_unit, discount %[, uom])."""
        order = cls.env["sale.order"].create(
            {
                "partner_id": partner.id,
                "team_id": (team or cls.team).id,
                "user_id": (user or cls.seller).id,
                "order_line": [
                    Command.create(
                        {
                            "product_id": line[0].id,
                            "product_uom_qty": line[1],
                            "price_unit": line[2],
                            "discount": line[3],
                            **({"product_uom_id": line[4].id} if len(line) > 4 else {}),
                        }
                    )
                    for line in lines
                ],
                **values,
            }
        )
        if confirm:
            order.action_confirm()
        if date:
            order.date_order = date
        return order

    # -- leads -----------------------------------------------------------------------------

    @classmethod
    def _lead(cls, name, *, stages=(), team=None, user=None, revenue=0.0, **values):
        """Create an opportunity and walk it through ``stages`` (one write per stage)."""
        lead = cls.env["crm.lead"].create(
            {
                "name": name,
                "type": "opportunity",
                "team_id": (team or cls.team).id,
                "user_id": (user or cls.seller).id,
                "expected_revenue": revenue,
                "stage_id": cls.stage_new.id,
                **values,
            }
        )
        for stage in stages:
            # One request per move: the database (and its trigger) sees every stage.
            lead.write({"stage_id": stage.id})
            lead.env.flush_all()
        return lead

    @classmethod
    def _set_dates(cls, lead, *, created=None, closed=None):
        """Back-date a lead (creation and closing dates are set by Odoo itself)."""
        cls.env.flush_all()
        if created:
            cls.env.cr.execute(
                "UPDATE crm_lead SET create_date = %s WHERE id = %s", (created, lead.id)
            )
        if closed:
            cls.env.cr.execute(
                "UPDATE crm_lead SET date_closed = %s WHERE id = %s", (closed, lead.id)
            )
        lead.invalidate_recordset()

    @staticmethod
    def _dt(*args):
        return datetime(*args)

    def assertFigures(self, actual, expected, places=2):
        """Compare dicts of figures (floats to ``places`` decimals)."""
        self.assertEqual(set(actual), set(expected))
        for key, value in expected.items():
            with self.subTest(figure=key):
                if isinstance(value, float):
                    self.assertAlmostEqual(actual[key] or 0.0, value, places=places)
                else:
                    self.assertEqual(actual[key], value)
