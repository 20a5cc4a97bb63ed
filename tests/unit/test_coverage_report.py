"""Coverage figures per addon and the floor check (tools/mnharness/coverage_report.py)."""

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "tools"))

from mnharness import coverage_report as cr  # noqa: E402
from mnharness import layers  # noqa: E402

CHECKOUT = Path("/src/checkout")
ADDONS = CHECKOUT / "addons"


def summary(covered, statements):
    return {"summary": {"covered_lines": covered, "num_statements": statements}}


REPORT = {
    "files": {
        "addons/mn_a/models/lead.py": summary(80, 100),
        "addons/mn_a/wizard/lost.py": summary(10, 20),
        "/src/checkout/addons/mn_b/report/funnel.py": summary(45, 50),
        "/elsewhere/addons/mn_c/x.py": summary(0, 10),
        "tools/other.py": summary(0, 5),
    },
    "totals": {"covered_lines": 135, "num_statements": 185},
}


def test_addon_of_relative_absolute_and_outside():
    assert cr.addon_of("addons/mn_a/models/lead.py", ADDONS, CHECKOUT) == "mn_a"
    assert cr.addon_of("/src/checkout/addons/mn_b/__init__.py", ADDONS, CHECKOUT) == "mn_b"
    assert cr.addon_of("/elsewhere/addons/mn_c/x.py", ADDONS, CHECKOUT) is None
    assert cr.addon_of("tools/other.py", ADDONS, CHECKOUT) is None
    assert cr.addon_of("addons/loose.py", ADDONS, CHECKOUT) is None


def test_per_addon_sums_lines_of_each_addon():
    figures = cr.per_addon(REPORT, ADDONS, CHECKOUT)
    assert list(figures) == ["mn_a", "mn_b"]
    assert (figures["mn_a"].covered, figures["mn_a"].statements) == (90, 120)
    assert figures["mn_a"].percent == 75.0
    assert figures["mn_b"].percent == 90.0


def test_shown_percent_is_rounded_down():
    assert cr.AddonCoverage("x", 8996, 10000).shown() == "89.9 %"
    assert cr.AddonCoverage("x", 0, 0).shown() == "100.0 %"


RC = """
[run]
source = addons

[mnharness:coverage]
default = 90
mn_a = 75
"""


def test_read_floors_per_addon_and_default():
    assert cr.read_floors(RC, environ={}) == ({"mn_a": 75.0}, 90.0)
    assert cr.read_floors("[run]\nsource = addons\n", environ={}) == ({}, 0.0)


def test_env_override_replaces_every_floor():
    assert cr.read_floors(RC, environ={"MN_COVERAGE_FLOOR": "99.5"}) == ({}, 99.5)


def test_floor_holds_at_the_measured_figure():
    figures = cr.per_addon(REPORT, ADDONS, CHECKOUT)
    floors, default = cr.read_floors(RC, environ={})
    assert cr.check_floors(figures, floors, default) == []


def test_floor_above_the_measured_figure_fails():
    figures = cr.per_addon(REPORT, ADDONS, CHECKOUT)
    floors, default = cr.read_floors(RC, environ={"MN_COVERAGE_FLOOR": "76"})
    failures = cr.check_floors(figures, floors, default)
    assert failures == ["FAIL: mn_a 75.0 % of lines < floor 76 % (90/120 lines)"]
    floors, default = cr.read_floors(RC.replace("mn_a = 75", "mn_a = 75.1"), environ={})
    assert len(cr.check_floors(figures, floors, default)) == 1


def test_addon_without_own_floor_gets_the_default():
    figures = {"mn_new": cr.AddonCoverage("mn_new", 89, 100)}
    assert cr.check_floors(figures, {"mn_a": 50.0}, 90.0) == [
        "FAIL: mn_new 89.0 % of lines < floor 90 % (89/100 lines)"
    ]


def test_summary_text_names_each_addon_and_floor():
    figures = cr.per_addon(REPORT, ADDONS, CHECKOUT)
    assert cr.summary_text(figures, {"mn_a": 75.0}, 90.0, checked=True) == (
        "lines: mn_a 75.0 % (floor 75 %), mn_b 90.0 % (floor 90 %)"
    )
    assert "floor not checked" in cr.summary_text(figures, {}, 90.0, checked=False)


def test_enabled_switch():
    assert cr.enabled({})
    assert cr.enabled({"MN_COVERAGE": "1"})
    assert not cr.enabled({"MN_COVERAGE": "0"})
    assert not cr.enabled({"MN_COVERAGE": "off"})


def test_coverage_layer_fails_below_the_floor(monkeypatch):
    figures = {"mn_a": cr.AddonCoverage("mn_a", 80, 100)}
    monkeypatch.setattr(cr, "measure", lambda: (figures, ""))
    monkeypatch.setattr(cr, "floors_of_checkout", lambda: ({"mn_a": 81.0}, 90.0))
    result = layers.coverage_layer(floor_checked=True)
    assert result.failed == 1
    assert "mn_a 80.0 % (floor 81 %)" in result.line()
    assert "FAIL: mn_a 80.0 % of lines < floor 81 %" in result.line()
    # A narrowed run (MN_TEST_TAGS) prints the figures without judging them.
    assert layers.coverage_layer(floor_checked=False).failed == 0


def test_coverage_layer_without_data(monkeypatch):
    monkeypatch.setattr(cr, "measure", lambda: ({}, "no coverage data in .run/coverage"))
    assert layers.coverage_layer(floor_checked=True).failed == 1
    assert layers.coverage_layer(floor_checked=False).failed == 0


def test_odoo_cmd_runs_under_the_prefix_only_inside_wrapped():
    from mnharness import odoo_cli

    plain = odoo_cli.odoo_cmd("-d", "db")
    assert plain[0] == sys.executable and plain[1].endswith("odoo-bin")
    with odoo_cli.wrapped(["py", "-m", "coverage", "run", "-p"]):
        wrapped = odoo_cli.odoo_cmd("-d", "db")
    assert wrapped[:5] == ["py", "-m", "coverage", "run", "-p"]
    assert wrapped[5].endswith("odoo-bin") and wrapped[-2:] == ["-d", "db"]
    assert odoo_cli.odoo_cmd("-d", "db") == plain
