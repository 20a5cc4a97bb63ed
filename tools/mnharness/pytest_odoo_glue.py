"""pytest plugin loaded into layer 3's pytest-odoo run (``-p mnharness.pytest_odoo_glue``,
MN_ODOO_RUNNER=pytest): what odoo-bin does around the tests and pytest-odoo 2.3.0 does not.

Kept apart from layers.py: pytest treats every ``pytest_*`` function of a plugin module as
a hook and refuses unknown ones.
"""

import os
import sys
import threading


def pytest_sessionstart(session):
    """Name the main thread's database, as odoo-bin's server does and pytest-odoo does not:
    Odoo code reads ``threading.current_thread().dbname`` (e.g. the suite's pack of code
    translations decides by it whether the suite is installed)."""
    if "odoo" in sys.modules:
        from odoo.tests.common import get_db_name  # noqa: PLC0415

        threading.current_thread().dbname = get_db_name()


def pytest_collection_modifyitems(config, items):
    """Keep only the tests ``odoo-bin --test-tags $MN_PYTEST_TAGS`` would run, judged by
    Odoo's own TagsSelector (e.g. ``-mn_tour``: tours stay with layer 4)."""
    spec = os.environ.get("MN_PYTEST_TAGS")
    if not spec or "odoo" not in sys.modules:
        return
    from odoo.tests.tag_selector import TagsSelector  # noqa: PLC0415

    selector = TagsSelector(spec)
    keep, drop = [], []
    for item in items:
        cls = getattr(item, "cls", None)
        selected = cls is not None and selector.check(cls(item.name))
        (keep if selected else drop).append(item)
    if drop:
        config.hook.pytest_deselected(items=drop)
        items[:] = keep
