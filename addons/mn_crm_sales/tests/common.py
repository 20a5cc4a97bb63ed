"""Fixture bases the rule families share, built on core's own.

``MnCrmCommon`` extends core's ``TestCrmCommon`` (its users, teams, stages, leads and
second company) with every lost rule switched on, a salesperson and a sales manager of
the suite, two opportunity teams and a customer.

``MnSaleCommon`` extends core's ``SaleCommon`` (products, pricelist, a sales team, core's
``partner``) into a Mongolian company (MNT, Mongolia) with the people the sales rules are
about: a salesperson with a 5 % discount limit in a 10 % team led by a leader, a second
leader of a 50 % team, a colleague in the same team, and a sales manager. Mail tracking
stays on: the rules post notes and schedule activities that the tests read.
"""

from contextlib import contextmanager

from odoo import Command
from odoo.tests import new_test_user, tagged

from odoo.addons.crm.tests.common import TestCrmCommon
from odoo.addons.sale.tests.common import SaleCommon

from ..models.lost.res_company import LOST_RULE_SWITCHES


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
class MnSaleCommon(SaleCommon):
    """A Mongolian company whose quotations are judged (discount approval on)."""

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
        cls.company = cls.env.company
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
