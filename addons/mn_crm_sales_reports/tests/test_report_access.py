from odoo.tests import new_test_user, tagged

from .common import UB_TZ, MnReportsCase

CRM_REPORTS = ["mn.crm.winloss.report", "mn.crm.funnel.report", "mn.crm.forecast.report"]


@tagged("post_install", "-at_install")
class TestReportAccess(MnReportsCase):
    """Who sees which rows: core's crm.lead / sale.order rules, mirrored on the reports."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.company_a = cls.company
        cls.company_b = cls.env["res.company"].create({"name": "MN Report Company B"})
        cls.manager_ab = new_test_user(
            cls.env,
            login="mn_rep_manager_ab",
            groups="sales_team.group_sale_manager",
            company_id=cls.company_a.id,
            company_ids=[(6, 0, (cls.company_a | cls.company_b).ids)],
            tz=UB_TZ,
        )
        cls.team_cb = cls.env["crm.team"].create(
            {"name": "MN Report Team B-co", "company_id": cls.company_b.id}
        )
        cls.product = cls._product("MN Access Service", 100.0, 10.0)
        Lead = cls.env["crm.lead"]
        cls.leads = Lead
        owners = {
            "own": cls.seller,
            "other": cls.seller2,
            "unassigned": Lead.browse(),  # no salesperson
        }
        for label, user in owners.items():
            for result in ("won", "lost", "open"):
                cls.leads |= cls._make_lead(f"MN ACC {label} {result}", user, result, cls.team)
        for result in ("won", "lost", "open"):
            cls.leads |= cls._make_lead(
                f"MN ACC company B {result}", cls.manager_ab, result, cls.team_cb, cls.company_b
            )
        partner = cls.customers[0]
        cls.orders = cls._order(
            partner, [(cls.product, 1, 100.0, 0.0)], user=cls.seller
        ) | cls._order(partner, [(cls.product, 2, 100.0, 0.0)], user=cls.seller2)
        cls.orders |= (
            cls.env["sale.order"]
            .with_company(cls.company_b)
            .create(
                {
                    "partner_id": partner.id,
                    "company_id": cls.company_b.id,
                    "team_id": cls.team_cb.id,
                    "user_id": cls.manager_ab.id,
                    "order_line": [
                        (
                            0,
                            0,
                            {
                                "product_id": cls.product.id,
                                "product_uom_qty": 4,
                                "price_unit": 100.0,
                            },
                        )
                    ],
                }
            )
        )
        cls.orders[-1].action_confirm()
        cls.env.flush_all()

    @classmethod
    def _make_lead(cls, name, user, result, team, company=None):
        lead = (
            cls.env["crm.lead"]
            .with_company(company or cls.company_a)
            .create(
                {
                    "name": name,
                    "type": "opportunity",
                    "user_id": user.id if user else False,
                    "team_id": team.id,
                    "company_id": (company or cls.company_a).id,
                    "expected_revenue": 1000.0,
                    "stage_id": cls.stage_qualified.id,
                }
            )
        )
        if result == "won":
            lead.action_set_won()
        elif result == "lost":
            lead.action_set_lost(lost_reason_id=cls.reason_price.id)
        return lead

    # -- expectations, from the fixture --------------------------------------------------------

    def _visible_leads(self, user, companies, own_only):
        return {
            lead.id
            for lead in self.leads
            if lead.company_id in companies
            and (not own_only or lead.user_id in (user, self.env["res.users"]))
        }

    def _check_crm_reports(self, user, companies, own_only):
        expected = self._visible_leads(user, companies, own_only)
        for model in CRM_REPORTS:
            report = self.env[model].with_user(user).with_context(allowed_company_ids=companies.ids)
            with self.subTest(model=model, user=user.login):
                rows = report.search([("lead_id", "in", self.leads.ids)])
                # Each report keeps a subset of the leads (closed, open...): compare to that.
                all_rows = self.env[model].search([("lead_id", "in", self.leads.ids)])
                kept = set(all_rows.mapped("lead_id").ids)
                self.assertTrue(kept)
                self.assertEqual(set(rows.mapped("lead_id").ids), expected & kept)
                (count,) = report._read_group([("lead_id", "in", self.leads.ids)], [], ["__count"])[
                    0
                ]
                self.assertEqual(count, len(expected & kept))

    def test_own_documents_salesperson(self):
        self._check_crm_reports(self.seller, self.company_a, own_only=True)

    def test_all_documents_salesperson(self):
        self._check_crm_reports(self.seller2, self.company_a, own_only=False)

    def test_manager_sees_all_of_active_companies(self):
        self._check_crm_reports(self.manager, self.company_a, own_only=False)
        both = self.company_a | self.company_b
        self._check_crm_reports(self.manager_ab, both, own_only=False)
        self._check_crm_reports(self.manager_ab, self.company_b, own_only=False)

    def test_sales_analysis_follows_order_rules(self):
        def visible(user, companies):
            report = (
                self.env["sale.report"]
                .with_user(user)
                .with_context(allowed_company_ids=companies.ids)
            )
            rows = report._read_group(
                [("order_reference", "in", [f"sale.order,{o.id}" for o in self.orders])],
                ["user_id"],
                ["price_subtotal:sum", "mn_list_amount:sum"],
            )
            return {row[0]: row[2] for row in rows}

        own = visible(self.seller, self.company_a)
        self.assertEqual(set(own), {self.seller})
        self.assertAlmostEqual(own[self.seller], 100.0)
        self.assertEqual(set(visible(self.seller2, self.company_a)), {self.seller, self.seller2})
        both = visible(self.manager_ab, self.company_a | self.company_b)
        self.assertEqual(set(both), {self.seller, self.seller2, self.manager_ab})
        self.assertAlmostEqual(both[self.manager_ab], 400.0)
        self.assertEqual(set(visible(self.manager_ab, self.company_b)), {self.manager_ab})
