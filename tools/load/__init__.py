"""``make load``: many users at once on a multi-worker Odoo, then proof that nothing was lost.

N salesperson clients and a team leader call the suite over JSON-2 for a bounded time
(``run.py``), each keeping its own tally (``tally.py``); a checker then proves from the
database that the tallies and the data agree (``checker.py``). The same run on stock Odoo
gives the throughput ratio (``report.py``); ``--faults`` kills a worker, restarts
PostgreSQL and fills the connection slots during the run (``faults.py``). docs/load.md.
"""
