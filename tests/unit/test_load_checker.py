"""The load tool's own logic without Odoo: tallies, the outcome judgement, the numbers.

The checks that read the database are proven in tests/e2e/test_load_smoke.py, on the
smoke run's database with defects planted by SQL.
"""

import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "tools"))

from load import checker, report, tally  # noqa: E402
from load.api import Failed, Refused  # noqa: E402

SETUP = {
    "suite": True,
    "sellers": [{"id": 10}],
    "leader": {"id": 11},
}


def run_entry(raise_=None, expected="ok"):
    book = tally.Tally("c1")

    def body(entry):
        entry.ids["res.partner"] = [7]
        if raise_:
            raise raise_

    return book.run("customer", expected, body, "LDX-c1-0", register_number="5318402")


def test_tally_classifies_outcomes_and_keeps_what_was_done():
    ok = run_entry()
    refused = run_entry(Refused("ValidationError", "Register number already used", 422))
    error = run_entry(Failed("HTTP502", "Bad gateway", 502))
    assert (ok.outcome, refused.outcome, error.outcome) == ("ok", "refused", "error")
    assert refused.kind == "ValidationError" and error.kind == "HTTP502"
    # what the body did before it failed stays on the entry, for the checker
    assert error.ids == {"res.partner": [7]}
    assert ok.facts == {"register_number": "5318402"} and ok.seconds >= 0


def test_tally_round_trips_through_json_lines(tmp_path):
    entries = [run_entry(), run_entry(Refused("UserError", "нет", 422), expected="refused")]
    tally.dump(entries, tmp_path / "t.jsonl")
    assert tally.load(tmp_path / "t.jsonl") == entries


def judge(entries, faults=False):
    check = checker.Checker(None, entries, SETUP, faults=faults)
    check.outcomes()
    return check.verdict


def test_outcomes_flag_an_accepted_collision_and_a_refused_normal_operation():
    accepted = run_entry(expected="refused")
    refused = run_entry(Refused("UserError", "no", 422))
    verdict = judge([accepted, refused])
    assert verdict.defects == [
        "customer c1#0: ok, expected refused",
        "customer c1#0: refused, expected ok (UserError: no)",
    ]


def test_server_errors_are_defects_unless_faults_were_injected():
    error = run_entry(Failed("HTTP500", "Internal Server Error", 500))
    assert judge([error]).defects == ["customer c1#0: server error HTTP500: Internal Server Error"]
    with_faults = judge([error], faults=True)
    assert with_faults.ok
    assert with_faults.notes == ["1 customer reported HTTP500 to the client"]


def test_expected_refusal_is_green():
    assert judge([run_entry(Refused("ValidationError", "taken", 422), expected="refused")]).ok


@pytest.mark.parametrize(
    ("values", "fraction", "expected"),
    [([], 0.5, 0.0), ([3.0], 0.95, 3.0), ([4, 1, 3, 2], 0.5, 2), (list(range(1, 101)), 0.95, 95)],
)
def test_percentile_is_nearest_rank(values, fraction, expected):
    assert report.percentile(values, fraction) == expected


def test_comparison_ratio_counts_only_operations_both_have():
    def entry(op, outcome="ok"):
        return tally.Entry(client="c1", op=op, seq=0, started=0.0, seconds=0.1, outcome=outcome)

    suite = report.summarize([entry("quote")] * 9 + [entry("approve")] * 50, 10.0)
    stock = report.summarize([entry("quote")] * 10, 10.0)
    text, ratio = report.comparison(suite, 10.0, stock, 10.0)
    assert ratio == pytest.approx(0.9)
    assert "suite 0.90 op/s, stock 1.00 op/s, ratio 0.90" in text
