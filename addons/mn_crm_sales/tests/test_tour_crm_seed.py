from odoo.tests import HttpCase, new_test_user, tagged

CUSTOMER = "Хангай Тавилга ХХК"  # unlike any demo partner: the test counts it
EMAIL = "info@tenger-trade.example.com"
OPPORTUNITY = "Тэнгэр Трейд - тавилгын гэрээ"
NOTE = "Харилцагч өөр нийлүүлэгчийн хямд үнийн саналыг сонгосон."


@tagged("post_install", "-at_install", "mn_tour")
class TestCrmSeedTour(HttpCase):
    """The seed's CRM path in the browser, in Mongolian (static/tests/tours/mn_crm_seed_tour.js)."""

    # At phone size the pipeline's cards and columns cannot be dragged: the tour moves the
    # opportunity from its form and leaves the columns as they are
    mn_phone = False

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env["res.lang"]._activate_lang("mn_MN")
        cls.manager = new_test_user(
            cls.env,
            login="mn_crm_seed",
            name="Батын Тулга",
            lang="mn_MN",
            tz="Asia/Ulaanbaatar",
            groups="sales_team.group_sale_manager,base.group_partner_manager",
        )
        cls.stages = cls.env["crm.stage"].search([("team_ids", "=", False)])
        # the customer's open opportunity, known by its email before the customer record exists
        cls.opportunity = cls.env["crm.lead"].create(
            {
                "name": OPPORTUNITY,
                "type": "opportunity",
                "partner_name": CUSTOMER,
                "email_from": EMAIL,
                "user_id": cls.manager.id,
                "stage_id": cls.stages[0].id,
                "expected_revenue": 2_500_000,
            }
        )

    def test_mn_crm_seed_tour(self):
        negotiation = self.env.ref("mn_crm_sales.stage_mn_negotiation")
        proposition = self.env.ref("crm.stage_lead3")
        # the pipeline the tour finds (column indexes of the tour)
        self.assertEqual(
            self.stages.ids[:5],
            [
                self.env.ref("crm.stage_lead1").id,
                self.env.ref("crm.stage_lead2").id,
                proposition.id,
                negotiation.id,
                self.env.ref("crm.stage_lead4").id,
            ],
        )
        self.assertTrue(self.manager.has_group("crm.group_use_lead"))

        self.start_tour("/odoo", "mn_crm_seed_tour", login="mn_crm_seed")

        customer = self.env["res.partner"].search(
            [("name", "=", CUSTOMER), ("is_company", "=", True)]
        )
        self.assertEqual(len(customer), 1)
        self.assertEqual(customer.email, EMAIL)
        # the lead was merged into the existing opportunity, which kept its identity
        leads = (
            self.env["crm.lead"]
            .with_context(active_test=False)
            .search([("email_from", "=", EMAIL)])
        )
        self.assertEqual(leads, self.opportunity)
        self.assertEqual(self.opportunity.type, "opportunity")
        self.assertEqual(self.opportunity.partner_id, customer)
        bodies = " ".join(message.body or "" for message in self.opportunity.message_ids)
        self.assertIn("оффисын тавилга", bodies, "the merge is logged in the chatter")
        # dragged to the next stage, then lost with a reason and a note in the chatter
        self.assertEqual(self.opportunity.stage_id, self.stages[1])
        self.assertEqual(self.opportunity.won_status, "lost")
        self.assertFalse(self.opportunity.active)
        self.assertTrue(self.opportunity.lost_reason_id)
        bodies = " ".join(message.body or "" for message in self.opportunity.message_ids)
        self.assertIn(NOTE, bodies, "the closing note is posted in the chatter")
        if self.mn_phone:
            self.assertGreater(negotiation.sequence, proposition.sequence, "columns untouched")
        else:
            # the negotiation column was moved before the proposition one
            self.assertLess(negotiation.sequence, proposition.sequence)


@tagged("post_install", "-at_install", "mn_tour")
class TestCrmSeedTourPhone(TestCrmSeedTour):
    """The same tour on a phone (the Odoo mobile app shows this web client at phone size,
    with touch): menus from the sidebar, stage from the form, every screen checked against
    the phone's width."""

    browser_size = "390x844"
    touch_enabled = True
    mn_phone = True

    # Odoo's test loader runs only the methods a class defines itself; pytest-odoo (the
    # harness) also runs the inherited ones: hide the desktop test so the phone runs once
    test_mn_crm_seed_tour = None

    def test_mn_crm_seed_tour_phone(self):
        TestCrmSeedTour.test_mn_crm_seed_tour(self)
