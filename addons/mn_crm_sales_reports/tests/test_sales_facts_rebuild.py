"""The fact table rebuilds itself after an install, an upgrade or a restore."""

from odoo.tests import tagged

from ..report import mn_crm_funnel_fact, sale_report_fact
from .common import MnReportsCase


@tagged("post_install", "-at_install")
class TestSalesFactsRebuild(MnReportsCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        product = cls._product("MN Rebuild Service", 1000.0, 400.0)
        cls.lead = cls._lead("MN Rebuild Deal")
        cls.order = cls._order(
            cls.customers[0], [(product, 3, 900.0, 10.0)], opportunity_id=cls.lead.id
        )
        cls.env.flush_all()

    def _facts(self):
        self.env.cr.execute(
            "SELECT line_id, state, price_subtotal FROM mn_sale_report_fact"
            " WHERE order_id = %s ORDER BY line_id",
            [self.order.id],
        )
        return self.env.cr.fetchall()

    def _expected(self):
        return [(line.id, "sale", line.price_subtotal) for line in self.order.order_line]

    def _funnel(self):
        self.env.cr.execute(
            "SELECT quotations, orders, order_amount FROM mn_crm_funnel_fact WHERE lead_id = %s",
            [self.lead.id],
        )
        return [(q, o, float(amount)) for q, o, amount in self.env.cr.fetchall()]

    def _funnel_expected(self):
        return [(1, 1, self.order.amount_untaxed)]

    def _sabotage(self):
        """What an old dump or a partial restore leaves: rows missing, one stale, a trigger
        gone or disabled."""
        cr = self.env.cr
        cr.execute("DELETE FROM mn_sale_report_fact WHERE order_id <> %s", [self.order.id])
        cr.execute(
            "UPDATE mn_sale_report_fact SET state = 'draft', price_subtotal = 1"
            " WHERE order_id = %s",
            [self.order.id],
        )
        cr.execute("DROP TRIGGER mn_sale_report_fact_order_upd_trg ON sale_order")
        cr.execute("ALTER TABLE sale_order_line DISABLE TRIGGER mn_sale_report_fact_line_upd_trg")
        self.assertFalse(sale_report_fact.is_current(cr))
        cr.execute("DELETE FROM mn_crm_funnel_fact")
        cr.execute("DROP TRIGGER mn_crm_funnel_fact_move_upd_trg ON account_move")
        self.assertFalse(mn_crm_funnel_fact.is_current(cr))

    def test_install_left_it_current(self):
        self.assertTrue(sale_report_fact.is_current(self.env.cr))
        self.assertTrue(mn_crm_funnel_fact.is_current(self.env.cr))
        self.assertEqual(self._facts(), self._expected())
        self.assertEqual(self._funnel(), self._funnel_expected())

    def test_upgrade_rebuilds(self):
        """``-u`` runs the model's ``init()``: triggers recreated, every row recomputed."""
        self._sabotage()
        self.env["sale.report"].init()
        self.assertTrue(sale_report_fact.is_current(self.env.cr))
        self.assertEqual(self._facts(), self._expected())
        self.assertEqual(self._funnel(), [])  # the funnel's own init() rebuilds it
        self.env["mn.crm.funnel.report"].init()
        self.assertTrue(mn_crm_funnel_fact.is_current(self.env.cr))
        self.assertEqual(self._funnel(), self._funnel_expected())
        self.order.order_line.product_uom_qty = 5
        self.order.team_id = self.team_b
        self.env.flush_all()
        self.assertEqual(self._facts(), self._expected())

    def test_restore_rebuilds_when_the_registry_loads(self):
        """A restored database is checked when its registry loads (``_register_hook``)."""
        self._sabotage()
        self.env["sale.report"]._register_hook()
        self.env["mn.crm.funnel.report"]._register_hook()
        self.assertTrue(sale_report_fact.is_current(self.env.cr))
        self.assertEqual(self._facts(), self._expected())
        self.assertTrue(mn_crm_funnel_fact.is_current(self.env.cr))
        self.assertEqual(self._funnel(), self._funnel_expected())

    def test_current_database_left_alone(self):
        """Loading the registry of a database in step rewrites nothing."""
        self.env.cr.execute("SELECT ctid::text FROM mn_sale_report_fact ORDER BY line_id")
        before = self.env.cr.fetchall()
        self.env["sale.report"]._register_hook()
        self.env.cr.execute("SELECT ctid::text FROM mn_sale_report_fact ORDER BY line_id")
        self.assertEqual(self.env.cr.fetchall(), before)

    def test_older_definition_rebuilt_when_the_registry_loads(self):
        """A dump of an older version (amounts in double precision, a column fewer): rebuilt
        with this code's columns when its registry loads."""
        cr = self.env.cr
        cr.execute("ALTER TABLE mn_sale_report_fact ALTER price_subtotal TYPE double precision")
        cr.execute("ALTER TABLE mn_sale_report_fact DROP COLUMN approval_state")
        self.assertFalse(sale_report_fact.is_current(cr))
        self.env["sale.report"]._register_hook()
        self.assertTrue(sale_report_fact.is_current(cr))
        self.assertEqual(
            sale_report_fact.columns_of_table(cr),
            [
                (name, sql_type.removesuffix(" NOT NULL"))
                for name, sql_type in sale_report_fact.COLUMNS
            ],
        )
        self.assertEqual(self._facts(), self._expected())
