from odoo.tests import TransactionCase, new_test_user, tagged
from odoo.tools import convert_file

MODULE = "mn_crm_sales"


@tagged("post_install", "-at_install")
class TestPipeline(TransactionCase):
    """Leads on by default, the Mongolian pipeline, lead scoring and sales teams."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.Lead = cls.env["crm.lead"]
        cls.company = cls.env.company
        cls.user_group = cls.env.ref("base.group_user")
        cls.lead_group = cls.env.ref("crm.group_use_lead")
        cls.stage_new = cls.env.ref("crm.stage_lead1")
        cls.stage_qualified = cls.env.ref("crm.stage_lead2")
        cls.stage_proposition = cls.env.ref("crm.stage_lead3")
        cls.stage_negotiation = cls.env.ref(f"{MODULE}.stage_mn_negotiation")
        cls.stage_won = cls.env.ref("crm.stage_lead4")
        cls.pipeline = (
            cls.stage_new
            | cls.stage_qualified
            | cls.stage_proposition
            | cls.stage_negotiation
            | cls.stage_won
        )
        cls.team = cls.env["crm.team"].create(
            {"name": "Тест баг", "use_leads": True, "use_opportunities": True}
        )
        cls.salesman = new_test_user(
            cls.env,
            login="mn_pipeline_salesman",
            name="Тест Борлуулагч",
            groups="sales_team.group_sale_salesman",
        )

    def _load_data(self, filename, mode):
        """Load one of the addon's data files as an install ('init') or update would."""
        convert_file(self.env, MODULE, f"data/pipeline/{filename}", {}, mode=mode)

    def _ordered_stage_ids(self):
        return self.env["crm.stage"].search([("id", "in", self.pipeline.ids)]).ids

    # ------------------------------------------------------------------ leads on by default

    def test_leads_on_after_install(self):
        self.assertIn(self.lead_group, self.user_group.implied_ids)
        self.assertTrue(self.company.mn_use_leads)
        # existing users (admin) and new ones get it through base.group_user
        self.assertTrue(self.env.ref("base.user_admin").has_group("crm.group_use_lead"))
        self.assertTrue(self.salesman.has_group("crm.group_use_lead"))
        # so the Leads menu (CRM > Сэжим) is there without visiting Settings
        menu = self.env.ref("crm.crm_menu_leads")
        visible = self.env["ir.ui.menu"].with_user(self.salesman)._visible_menu_ids()
        self.assertIn(menu.id, visible)
        # and a request created without a type starts as a lead
        lead = self.Lead.with_user(self.salesman).create({"name": "Үнийн санал хүссэн"})
        self.assertEqual(lead.type, "lead")
        # teams with a pipeline use leads, their mail alias creates leads (as Settings does)
        sales = self.env.ref("sales_team.team_sales_department")
        self.assertTrue(sales.use_leads)
        self.assertIn("'type': 'lead'", sales.alias_id.alias_defaults)

    def test_leads_switch_off_restores_core_default(self):
        self.assertIn("mn_use_leads", self.env["res.company"]._mn_rule_switches())
        switched = self.env["res.company"].search([])._mn_switch_off_rules()
        self.assertIn("mn_use_leads", switched)
        self.assertNotIn(self.lead_group, self.user_group.implied_ids)
        self.assertFalse(self.salesman.has_group("crm.group_use_lead"))
        self.assertFalse(self.company.mn_use_leads)
        sales = self.env.ref("sales_team.team_sales_department")
        self.assertFalse(sales.use_leads)
        lead = self.Lead.with_user(self.salesman).create({"name": "Шууд боломж"})
        self.assertEqual(lead.type, "opportunity")
        # and back on
        self.company.mn_use_leads = True
        self.assertTrue(self.salesman.has_group("crm.group_use_lead"))
        self.assertTrue(sales.use_leads)

    def test_leads_setting_survives_module_update(self):
        """noupdate: an update keeps a company's choice, only an install turns leads on."""
        self.company.mn_use_leads = False
        self._load_data("crm_lead_settings_data.xml", mode="update")
        self.assertNotIn(self.lead_group, self.user_group.all_implied_ids)
        self._load_data("crm_lead_settings_data.xml", mode="init")
        self.assertIn(self.lead_group, self.user_group.all_implied_ids)

    # ------------------------------------------------------------------ stages

    def test_mongolian_pipeline_stages(self):
        self.assertEqual(
            self._ordered_stage_ids(),
            [
                self.stage_new.id,
                self.stage_qualified.id,
                self.stage_proposition.id,
                self.stage_negotiation.id,
                self.stage_won.id,
            ],
        )
        self.assertEqual(self.stage_negotiation.name, "Гэрээ байгуулах")
        self.assertIn("Гэрээний нөхцөл", self.stage_negotiation.requirements)
        self.assertFalse(self.stage_negotiation.is_won)
        self.assertFalse(self.stage_negotiation.fold)
        self.assertFalse(self.stage_negotiation.team_ids, "shared by every team")
        self.assertTrue(self.stage_won.is_won)
        self.assertGreater(self.stage_won.sequence, self.stage_negotiation.sequence)

    def test_stage_data_survives_module_update(self):
        self.stage_negotiation.write({"name": "Гэрээ", "sequence": 30})
        self._load_data("crm_stage_data.xml", mode="update")
        self.assertEqual(self.stage_negotiation.name, "Гэрээ")
        self.assertEqual(self.stage_negotiation.sequence, 30)

    def test_drag_opportunity_between_stages(self):
        """A kanban drop writes stage_id; winning is dropping on the won stage."""
        opportunity = self.Lead.with_user(self.salesman).create(
            {
                "name": "Тоног төхөөрөмж нийлүүлэлт",
                "type": "opportunity",
                "team_id": self.team.id,
                "stage_id": self.stage_new.id,
                "expected_revenue": 2_500_000,
            }
        )
        for stage in (self.stage_qualified, self.stage_proposition, self.stage_negotiation):
            opportunity.write({"stage_id": stage.id})
            self.assertEqual(opportunity.stage_id, stage)
            self.assertEqual(opportunity.won_status, "pending")
        # back one step is allowed too
        opportunity.write({"stage_id": self.stage_proposition.id})
        self.assertEqual(opportunity.stage_id, self.stage_proposition)
        opportunity.write({"stage_id": self.stage_won.id})
        self.assertEqual(opportunity.won_status, "won")
        self.assertEqual(opportunity.probability, 100)

    def test_kanban_columns_follow_stage_order_and_fold(self):
        """Columns of the pipeline come in stage order; a folded stage comes folded."""
        self.stage_negotiation.fold = True
        groups = (
            self.Lead.with_user(self.salesman)
            .with_context(read_group_expand=True)
            .formatted_read_group([("type", "=", "opportunity")], ["stage_id"], ["__count"])
        )
        columns = [g["stage_id"][0] for g in groups if g["stage_id"][0] in self.pipeline.ids]
        self.assertEqual(columns, self._ordered_stage_ids())
        fold = {g["stage_id"][0]: g["__fold"] for g in groups if g["stage_id"]}
        self.assertTrue(fold[self.stage_negotiation.id])
        self.assertFalse(fold[self.stage_new.id])

    def test_reorder_stages(self):
        """Dragging a column resequences stages (web_resequence), the pipeline follows."""
        new_order = (
            self.stage_new
            | self.stage_negotiation
            | self.stage_qualified
            | self.stage_proposition
            | self.stage_won
        )
        new_order.web_resequence({"sequence": {}})
        self.assertEqual(self._ordered_stage_ids(), new_order.ids)
        groups = self.Lead.with_context(read_group_expand=True).formatted_read_group(
            [("type", "=", "opportunity")], ["stage_id"], ["__count"]
        )
        columns = [g["stage_id"][0] for g in groups if g["stage_id"][0] in self.pipeline.ids]
        self.assertEqual(columns, new_order.ids)

    # ------------------------------------------------------------------ predictive lead scoring

    def test_pls_cron_active(self):
        cron = self.env.ref("crm.website_crm_score_cron")
        self.assertTrue(cron.active)
        self.assertEqual(cron.code.strip(), "model._cron_update_automated_probabilities()")
        self.assertEqual((cron.interval_number, cron.interval_type), (1, "days"))

    def test_pls_cron_survives_module_update(self):
        cron = self.env.ref("crm.website_crm_score_cron")
        cron.active = False
        self._load_data("ir_cron_data.xml", mode="update")
        self.assertFalse(cron.active)

    def test_pls_cron_learns_from_won_and_lost(self):
        """The daily run rebuilds frequencies from won/lost history and rescores open leads."""
        Source = self.env["utm.source"]
        good, bad = Source.create([{"name": "Үзэсгэлэн"}, {"name": "Хүйтэн дуудлага"}])
        common = {"type": "opportunity", "team_id": self.team.id, "stage_id": self.stage_new.id}
        # open leads first: they are scored before any history of their source exists
        open_good, open_bad = self.Lead.create(
            [
                {**common, "name": "Нээлттэй - үзэсгэлэн", "source_id": good.id},
                {**common, "name": "Нээлттэй - дуудлага", "source_id": bad.id},
            ]
        )
        self.assertEqual(open_good.automated_probability, open_bad.automated_probability)
        # history: the fair brings deals, cold calls lose them
        history = self.Lead.create(
            [
                {**common, "name": f"Түүх {source.name} {i}", "source_id": source.id}
                for source in (good, bad)
                for i in range(5)
            ]
        )
        fair = history.filtered(lambda lead: lead.source_id == good)
        calls = history - fair
        (fair[:4] | calls[:1]).action_set_won()
        (fair[4:] | calls[1:]).action_set_lost(lost_reason_id=self.env.ref("crm.lost_reason_1").id)
        # nothing rescored the open leads yet: the cron does
        self.assertEqual(open_good.automated_probability, open_bad.automated_probability)
        self.Lead._cron_update_automated_probabilities()
        self.assertGreater(open_good.automated_probability, open_bad.automated_probability)
        # probability followed automated_probability (it was not set by hand)
        self.assertEqual(open_good.probability, open_good.automated_probability)

    # ------------------------------------------------------------------ sales teams

    def test_team_leader_and_members(self):
        members = new_test_user(
            self.env, login="mn_member_1", groups="sales_team.group_sale_salesman"
        )
        members |= new_test_user(
            self.env, login="mn_member_2", groups="sales_team.group_sale_salesman"
        )
        team = self.env["crm.team"].create(
            {
                "name": "Дархан борлуулалтын баг",
                "user_id": self.salesman.id,
                "member_ids": [(6, 0, members.ids)],
            }
        )
        self.assertEqual(team.user_id, self.salesman)
        self.assertEqual(team.member_ids, members)
        self.assertEqual(team.crm_team_member_ids.user_id, members)
        self.assertEqual(members[0].crm_team_ids, team)

    def test_demo_team(self):
        team = self.env.ref(f"{MODULE}.team_mn_ulaanbaatar", raise_if_not_found=False)
        if not team:
            self.skipTest("demo data not installed")
        self.assertEqual(team.name, "Улаанбаатар борлуулалтын баг")
        self.assertEqual(team.user_id, self.env.ref("base.user_demo"))
        self.assertTrue(team.use_leads and team.use_opportunities)
        self.assertEqual(len(team.member_ids), 3)
        for user in team.member_ids:
            self.assertEqual((user.lang, user.tz), ("mn_MN", "Asia/Ulaanbaatar"))
            self.assertTrue(user.has_group("sales_team.group_sale_salesman"))
        self.assertEqual(len(team.crm_team_member_ids), 3)

    def test_demo_leads_cover_the_pipeline(self):
        team = self.env.ref(f"{MODULE}.team_mn_ulaanbaatar", raise_if_not_found=False)
        if not team:
            self.skipTest("demo data not installed")
        deals = self.Lead.with_context(active_test=False).search([("team_id", "=", team.id)])
        opportunities = deals.filtered(lambda lead: lead.type == "opportunity")
        self.assertTrue(deals.filtered(lambda lead: lead.type == "lead"))
        open_stages = opportunities.filtered(lambda lead: lead.won_status == "pending").stage_id
        self.assertEqual(open_stages, self.pipeline - self.stage_won)
        won = opportunities.filtered(lambda lead: lead.won_status == "won")
        self.assertTrue(won)
        self.assertEqual(won.stage_id, self.stage_won)
        lost = deals.filtered(lambda lead: lead.won_status == "lost")
        self.assertGreaterEqual(len(lost), 2)
        self.assertTrue(all(lead.lost_reason_id for lead in lost))
        self.assertTrue(all(lead.phone.startswith("+976") for lead in deals))
        self.assertTrue(all(opp.partner_id.parent_id.is_company for opp in opportunities))
        self.assertEqual(
            self.env.ref(f"{MODULE}.lead_mn_office_furniture").expected_revenue, 2_500_000
        )
