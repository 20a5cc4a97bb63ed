"""Choosing layer 3's runner per addon (pytest-odoo unless MN_ODOO_RUNNER=odoo-bin) and
reading pytest-odoo's JUnit report (tools/mnharness/layers.py), no Odoo needed."""

import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "tools"))

from mnharness import layers  # noqa: E402

ADDONS = ["mn_crm_sales", "mn_crm_sales_reports"]


def test_pytest_odoo_runs_every_addon_by_default():
    assert layers.pytest_odoo_addons(ADDONS, environ={}) == ADDONS
    assert layers.pytest_odoo_addons(ADDONS, environ={"MN_PYTEST_ADDONS": "all"}) == ADDONS


def test_odoo_bin_runner_takes_none():
    env = {"MN_ODOO_RUNNER": "odoo-bin", "MN_PYTEST_ADDONS": "all"}
    assert layers.pytest_odoo_addons(ADDONS, environ=env) == []


def test_pytest_runner_takes_the_addons_named():
    env = {"MN_ODOO_RUNNER": "pytest", "MN_PYTEST_ADDONS": "mn_crm_sales, unknown_addon"}
    assert layers.pytest_odoo_addons(ADDONS, environ=env) == ["mn_crm_sales"]
    env["MN_PYTEST_ADDONS"] = "all"
    assert layers.pytest_odoo_addons(ADDONS, environ=env) == ADDONS


def test_junit_tests_per_addon(tmp_path):
    junit = tmp_path / "odoo_pytest.xml"
    junit.write_text(
        '<testsuites><testsuite name="pytest" tests="3">'
        '<testcase classname="addons.mn_crm_sales_reports.tests.test_funnel.TestFunnel" '
        'name="test_a"/>'
        '<testcase classname="addons.mn_crm_sales_reports.tests.test_funnel.TestFunnel" '
        'name="test_b"/>'
        '<testcase classname="addons.other.tests.test_x.TestX" name="test_c"/>'
        "</testsuite></testsuites>",
        encoding="utf-8",
    )
    assert layers.junit_tests_per_addon(junit, ADDONS) == {
        "mn_crm_sales": 0,
        "mn_crm_sales_reports": 2,
    }


def test_i18n_sync_limited_to_named_addons():
    from mnharness import i18n  # noqa: PLC0415

    everything = i18n.addons_to_sync(environ={})
    assert "mn_crm_sales" in everything and "mn_crm_sales_reports" in everything
    only = i18n.addons_to_sync(environ={"MN_I18N_ADDONS": " mn_crm_sales_reports "})
    assert only == ["mn_crm_sales_reports"]
    with pytest.raises(SystemExit):
        i18n.addons_to_sync(environ={"MN_I18N_ADDONS": "no_such_addon"})
