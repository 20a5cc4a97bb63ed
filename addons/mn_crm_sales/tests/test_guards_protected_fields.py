"""Every protected field of every model refuses a salesperson's value (generic).

Each model of the registry that defines ``_mn_protected_fields`` names the fields a caller
may not write (derived values the rules and reports trust). With every rule switch of the
company on, a salesperson (all leads) writing a plausible bogus value to each of them, or
creating a record with one, is refused, and re-reading shows the value unchanged.
"""

from odoo import Command, fields
from odoo.exceptions import AccessError, UserError
from odoo.tests import TransactionCase, new_test_user, tagged

from odoo.addons.mn_crm_sales.models.rules.protected_fields import derived_field_names

# Models that define _mn_protected_fields but that this test cannot build a record of,
# with the reason. Keep it empty unless a model really cannot be built here.
SKIPPED_MODELS = {}


@tagged("post_install", "-at_install")
class TestProtectedFields(TransactionCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.company = cls.env.company
        switches = cls.company._mn_rule_switches()
        cls.company.write(dict.fromkeys(switches, True))
        cls.salesman = new_test_user(
            cls.env,
            login="mn_protected_salesman",
            groups="sales_team.group_sale_salesman_all_leads",
        )
        cls.partner = cls.env["res.partner"].create(
            {"name": "MN Protected Customer", "is_company": True, "mn_register_number": "2011223"}
        )
        cls.product = cls.env["product.product"].create(
            {"name": "MN Protected Service", "type": "service", "list_price": 100}
        )

    # ------------------------------------------------------------------
    # records of each model, built as an administrator
    # ------------------------------------------------------------------

    def _lead(self):
        return self.env["crm.lead"].create(
            {
                "name": "MN Protected Opportunity",
                "type": "opportunity",
                "user_id": self.salesman.id,
                "partner_id": self.partner.id,
                "probability": 30,
            }
        )

    def _restore_log(self):
        lead = self._lead()
        reason = self.env["crm.lost.reason"].create({"name": "MN Protected Reason"})
        lead.action_set_lost(lost_reason_id=reason.id)
        lead.action_restore(reason="test")
        return lead.mn_restore_log_ids

    def _order(self):
        return self.env["sale.order"].create(
            {
                "partner_id": self.partner.id,
                "user_id": self.salesman.id,
                "order_line": [Command.create({"product_id": self.product.id})],
            }
        )

    def _factories(self):
        """{model: (build a record, values for a minimal create or None)}."""
        return {
            "crm.lead": (self._lead, {"name": "MN Protected new", "type": "opportunity"}),
            "res.partner": (lambda: self.partner, {"name": "MN Protected new partner"}),
            "mn.lead.restore.log": (self._restore_log, None),
            "sale.order": (self._order, {"partner_id": self.partner.id}),
            "sale.order.line": (lambda: self._order().order_line[:1], None),
        }

    # ------------------------------------------------------------------
    # bogus values
    # ------------------------------------------------------------------

    def _bogus(self, record, fname):
        """A plausible value differing from the record's, or None when there is none."""
        field = record._fields[fname]
        current = record[fname]
        if field.type == "many2one":
            other = (
                self.env[field.comodel_name].sudo().search([("id", "not in", current.ids)], limit=1)
            )
            return other.id or None
        if field.type in ("many2many", "one2many"):
            if current:
                return [Command.clear()]
            other = self.env[field.comodel_name].sudo().search([], limit=1)
            return [Command.set(other.ids)] if other else None
        if field.type == "selection":
            values = [value for value in field.get_values(self.env) if value != current]
            return values[0] if values else None
        if field.type == "boolean":
            return not current
        if field.type in ("integer", "float", "monetary"):
            return (current or 0) + 7
        if field.type == "date":
            return "2000-01-01" if current != fields.Date.to_date("2000-01-01") else "2001-01-01"
        if field.type == "datetime":
            return "2000-01-01 00:00:00"
        if field.type == "html":
            return "<p>bogus</p>"
        if field.type in ("char", "text"):
            return f"bogus {current or ''}".strip()
        return None

    def _assert_refused(self, fname, method, values):
        with self.assertRaises(UserError) as caught:
            method(values)
        if not isinstance(caught.exception, AccessError):
            self.assertIn(fname, str(caught.exception))

    # ------------------------------------------------------------------
    # the test
    # ------------------------------------------------------------------

    def _models(self):
        return sorted(
            name
            for name in self.env.registry
            if hasattr(self.env[name], "_mn_protected_fields") and not self.env[name]._abstract
        )

    def test_every_protected_field_is_refused(self):
        factories = self._factories()
        models = self._models()
        for expected in ("crm.lead", "res.partner", "mn.lead.restore.log"):
            self.assertIn(expected, models)
        checked = 0
        for model in models:
            if model in SKIPPED_MODELS:
                continue
            self.assertIn(model, factories, f"add a factory for {model} (or skip it, with why)")
            build, create_vals = factories[model]
            record = build()
            self.assertTrue(record, model)
            protected = record._mn_protected_fields()
            if model in ("crm.lead", "res.partner", "mn.lead.restore.log"):
                self.assertTrue(derived_field_names(record) <= protected, model)
            if model == "crm.lead":
                self.assertIn("won_status", protected)
            for fname in sorted(protected):
                bogus = self._bogus(record, fname)
                if bogus is None:
                    continue
                with self.subTest(model=model, field=fname, path="write"):
                    record.invalidate_recordset()
                    before = record.sudo()[fname]
                    self._assert_refused(
                        fname, record.with_user(self.salesman).write, {fname: bogus}
                    )
                    record.invalidate_recordset()
                    self.assertEqual(record.sudo()[fname], before)
                    checked += 1
                if create_vals is None:
                    continue
                with self.subTest(model=model, field=fname, path="create"):
                    Model = self.env[model].with_user(self.salesman)
                    count = Model.sudo().with_context(active_test=False).search_count([])
                    self._assert_refused(fname, Model.create, {**create_vals, fname: bogus})
                    self.assertEqual(
                        Model.sudo().with_context(active_test=False).search_count([]), count
                    )
        self.assertGreater(checked, 5)
