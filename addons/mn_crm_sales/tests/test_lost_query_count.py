"""Marking many opportunities lost costs core's queries plus one, whatever their number.

With every lost rule on, the rules read what they need with the records core reads
anyway: the leads (their stored ``mn_has_confirmed_order`` flag, so that rule 8 reads
orders only for leads that have a confirmed one) and the companies. The one query more
than core is the lost reason itself (its note, competitor and team flags, and the
category that ``mn_lost_category_id`` stores), read once for all the leads.

Measured against the same operation with every rule switched off (core's behaviour, the
suite's hooks returning early), each on leads not lost yet, cold caches.
"""

import logging

from odoo.tests import tagged

from .common import MnCrmCommon

_logger = logging.getLogger(__name__)

SMALL, BIG = 5, 30
# Queries the rules may add to core's, whatever the number of leads: the lost reason.
EXTRA_ALLOWED = 1


@tagged("post_install", "-at_install")
class TestLostQueryCount(MnCrmCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        # A reason as most are: open to every team, no note, no competitor, no follow-up.
        cls.reason = cls.env["crm.lost.reason"].create({"name": "MN Үнэ өндөр"})
        cls.leads = {
            size: cls.env["crm.lead"].create(
                [
                    {
                        "name": f"MN Боломж {size}-{index}",
                        "type": "opportunity",
                        "team_id": cls.team_a.id,
                        "user_id": cls.salesman.id,
                        "partner_id": cls.partner.id,
                        "probability": 30,
                    }
                    for index in range(size)
                ]
            )
            for size in (SMALL, BIG)
        }

    def _count(self, path, size):
        """Queries of marking the ``size`` leads lost through ``path``, cold caches.

        In a savepoint rolled back afterwards: every measure starts from the same data
        (core's lead scoring reads and writes its frequency table on each loss).
        """
        leads = self.leads[size].with_user(self.salesman)
        self.env.flush_all()
        self.env.invalidate_all()
        with self.cr.savepoint() as savepoint:
            start = self.cr.sql_log_count
            if path == "wizard":
                wizard = (
                    self.env["crm.lead.lost"]
                    .with_user(self.salesman)
                    .create(
                        {
                            "lead_ids": leads.ids,
                            "lost_reason_id": self.reason.id,
                            "lost_feedback": "<p>MN Үнэ өндөр</p>",
                        }
                    )
                )
                wizard.action_lost_reason_apply()
            else:
                leads.action_set_lost(lost_reason_id=self.reason.id)
            self.env.flush_all()
            count = self.cr.sql_log_count - start
            leads.invalidate_recordset()
            statuses = set(leads.with_context(active_test=False).mapped("won_status"))
            self.assertEqual(statuses, {"lost"})
            savepoint.rollback()
        self.env.invalidate_all()
        return count

    def _check(self, path):
        self._count(path, SMALL)  # warm-up: registry caches
        on = [self._count(path, size) for size in (SMALL, BIG)]
        self.company._mn_switch_off_rules()
        self._count(path, SMALL)  # warm-up: writing the company cleared registry caches
        off = [self._count(path, size) for size in (SMALL, BIG)]
        _logger.info(
            "%s, %d / %d leads: %s queries with the lost rules on, %s with them off",
            path,
            SMALL,
            BIG,
            on,
            off,
        )
        self.assertEqual(on[0], on[1], f"{path}: a query per lead with the rules on")
        for with_rules, core in zip(on, off, strict=True):
            self.assertLessEqual(with_rules - core, EXTRA_ALLOWED, f"{path}: on {on}, off {off}")

    def test_action_set_lost_query_count(self):
        self._check("action_set_lost")

    def test_wizard_query_count(self):
        self._check("wizard")
