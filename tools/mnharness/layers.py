"""The five test layers of ``make test`` and the core regression net of ``make test-core``.

1 static     pytest tests/static  (manifests, XML, CSV, .po, ruff, pylint-odoo)
2 unit       pytest tests/unit    (pure-Python logic of the addons, no Odoo)
3 odoo       odoo-bin tests of addons/*/tests, on a clone of the base template
4 tours      odoo-bin tests tagged ``mn_tour`` (HttpCase.start_tour, headless Chromium)
5 e2e        pytest tests/e2e     (a live Odoo server over XML-RPC and JSON-2)
"""

import importlib.util
import os
import shutil
import subprocess
import time
import xml.etree.ElementTree as ET
from dataclasses import dataclass, field

from . import coverage_report, databases, odoo_fetch, odoo_log, pgcluster
from .odoo_cli import free_port, odoo_env, python_cmd, run_odoo
from .paths import (
    ADDONS_DIR,
    LOG_DIR,
    ODOO_CONF,
    REPORT_DIR,
    ROOT,
    suite_addons,
    tagged_db,
)

TEST_DB = tagged_db("mn_test")
TOUR_TAG = "mn_tour"
CHROME_NAMES = ("google-chrome", "chromium", "chromium-browser")
CHROME_HINT = (
    "Browser tours need Chromium: apt-get install chromium "
    "(and the Python package websocket-client from requirements.txt)."
)
CORE_MODULES = ["crm", "sale", "sale_crm", "sale_management", "sale_stock"]


@dataclass
class LayerResult:
    name: str
    passed: int = 0
    failed: int = 0
    not_run_reason: str = ""
    notes: list = field(default_factory=list)
    text: str = ""  # replaces "N passed, N failed" (the coverage line)

    @property
    def ran(self):
        return not self.not_run_reason

    def line(self):
        if not self.ran:
            state = "FAILED, not run" if self.failed else "not run"
            text = f"  {self.name:<8} {state}: {self.not_run_reason}"
        elif self.text:
            text = f"  {self.name:<8} {self.text}"
        else:
            text = f"  {self.name:<8} {self.passed} passed, {self.failed} failed"
        return text + "".join(f"\n             {note}" for note in self.notes)


def banner(text):
    print(f"\n==== {text} ====", flush=True)


# --- pytest layers -------------------------------------------------------------------------


def run_pytest(name, target, extra_env=None, extra_args=()):
    """Run pytest on ``target`` (a path of the checkout, or a list of them), judged by its
    JUnit report ``.run/reports/<name>.xml``. Inside coverage_report.measuring() it runs
    under coverage like odoo-bin."""
    reports = REPORT_DIR
    reports.mkdir(parents=True, exist_ok=True)
    junit = reports / f"{name}.xml"
    junit.unlink(missing_ok=True)
    env = odoo_env()
    env.update(extra_env or {})
    targets = [target] if isinstance(target, str) else list(target)
    proc = subprocess.run(
        [
            *python_cmd(),
            "-m",
            "pytest",
            *(str(ROOT / t) for t in targets),
            "-q",
            "-p",
            "no:cacheprovider",
            f"--junitxml={junit}",
            *extra_args,
        ],
        cwd=ROOT,
        env=env,
    )
    result = LayerResult(name)
    if not junit.exists():
        result.failed = 1
        result.notes.append(f"pytest exited {proc.returncode} without a report")
        return result
    suites = ET.parse(junit).getroot()
    for suite in suites.iter("testsuite"):
        total = int(suite.get("tests", 0))
        bad = int(suite.get("failures", 0)) + int(suite.get("errors", 0))
        skipped = int(suite.get("skipped", 0))
        result.passed += total - bad - skipped
        result.failed += bad
        if skipped:
            result.notes.append(f"{skipped} skipped")
    if proc.returncode not in (0, 5) and not result.failed:
        result.failed = 1
        result.notes.append(f"pytest exited {proc.returncode}")
    if result.passed + result.failed == 0:
        result.failed = 1
        result.notes.append("no test collected")
    return result


# --- Odoo layers ---------------------------------------------------------------------------


def addons_with_tests():
    return [a for a in suite_addons() if list((ADDONS_DIR / a / "tests").glob("test_*.py"))]


def addons_whose_tests_mention(text):
    """Suite addons with a ``tests/test_*.py`` file containing ``text``."""
    return [
        addon
        for addon in addons_with_tests()
        if any(
            text in path.read_text(encoding="utf-8")
            for path in (ADDONS_DIR / addon / "tests").glob("test_*.py")
        )
    ]


def suite_has_tours():
    return bool(addons_whose_tests_mention("start_tour"))


def chrome_missing():
    if not any(shutil.which(name) for name in CHROME_NAMES):
        return "no Chromium/Chrome executable on PATH"
    if importlib.util.find_spec("websocket") is None:
        return "the Python package websocket-client is missing"
    return ""


def judge_odoo_run(result, rc, log_file, expected_modules, require_each=True):
    report = odoo_log.read_log(log_file)
    result.passed = max(report.tests_run - report.problems, 0)
    result.failed = report.problems
    for module in expected_modules:
        count = report.per_module.get(module, 0)
        result.notes.append(f"{module}: {count} test entries (subtests included)")
        if count == 0 and require_each:
            result.failed += 1
            result.notes.append(f"FAIL: Odoo ran 0 tests of {module}, which has tests")
    for test in report.failed_tests:
        result.notes.append(test[:200])
    if report.skipped_tours:
        result.failed += 1
        result.notes.append(f"FAIL: tours were skipped: {report.skipped_tours[0][-160:]}")
    if report.unexpected:
        result.failed += 1
        result.notes.append(
            f"FAIL: {len(report.unexpected)} unexpected ERROR/WARNING log line(s), first:"
        )
        result.notes.extend(line[:300] for line in report.unexpected[:5])
    if report.tests_run == 0:
        result.failed += 1
        result.notes.append("FAIL: Odoo reported 0 tests")
    if rc != 0 and not result.failed:
        result.failed = 1
        result.notes.append(f"odoo-bin exited {rc}")
    result.notes.append(f"log: {log_file.relative_to(ROOT)}")
    return result


def odoo_layer():
    """Install the suite on a clone of the template, running its non-tour tests.

    The tests of the addons in MN_PYTEST_ADDONS (all by default) run through pytest-odoo
    on the installed database afterwards (pytest_odoo_run); MN_ODOO_RUNNER=odoo-bin runs
    them inside odoo-bin's install instead."""
    result = LayerResult("odoo")
    modules = addons_with_tests()
    by_pytest = pytest_odoo_addons(modules)
    by_odoo = [m for m in modules if m not in by_pytest]
    # MN_TEST_TAGS narrows a run while developing, e.g. "/mn_crm_sales:TestLostReasonRules".
    tags = os.environ.get("MN_TEST_TAGS") or ",".join(f"/{m}" for m in by_odoo) + f",-{TOUR_TAG}"
    tags += "".join(f",-/{m}" for m in by_pytest)  # theirs run through pytest-odoo
    log_file = LOG_DIR / "test_odoo.log"
    databases.drop(TEST_DB)
    test_args = ["--test-tags", tags] if by_odoo else []  # none: install only
    rc = databases.create_suite_database(
        TEST_DB,
        log_name="test_odoo",
        extra_args=[*test_args, "--http-port", str(free_port())],
    )
    if not by_pytest:
        return judge_odoo_run(result, rc, log_file, by_odoo)
    if by_odoo:
        judge_odoo_run(result, rc, log_file, by_odoo)
    elif rc != 0:
        result.failed += 1
        result.notes.append(f"FAIL: installing the suite failed (odoo-bin exited {rc})")
        result.notes.append(f"log: {log_file.relative_to(ROOT)}")
        return result
    part = pytest_odoo_run(by_pytest)
    result.passed += part.passed
    result.failed += part.failed
    result.notes.extend(part.notes)
    return result


# --- layer 3 through pytest-odoo (the default; MN_ODOO_RUNNER=odoo-bin to go back) -------


def pytest_odoo_addons(modules, environ=None):
    """The addons whose layer-3 tests run through pytest-odoo: those of MN_PYTEST_ADDONS
    (comma-separated, default "all"), none with MN_ODOO_RUNNER=odoo-bin.

    odoo-bin still installs the suite (pytest-odoo installs nothing) and runs the tours
    (layer 4: its Chromium handling and tour timeouts are odoo-bin's)."""
    environ = os.environ if environ is None else environ
    if environ.get("MN_ODOO_RUNNER", "pytest") != "pytest":
        return []
    wanted = environ.get("MN_PYTEST_ADDONS") or "all"
    if wanted.strip() == "all":
        return list(modules)
    names = {name.strip() for name in wanted.split(",")}
    return [m for m in modules if m in names]


def junit_tests_per_addon(junit, addons):
    """{addon: test cases in a pytest JUnit report} (classname ``addons.<addon>.tests...``)."""
    counts = dict.fromkeys(addons, 0)
    for case in ET.parse(junit).getroot().iter("testcase"):
        parts = case.get("classname", "").split(".")
        if len(parts) > 1 and parts[0] == "addons" and parts[1] in counts:
            counts[parts[1]] += 1
    return counts


def pytest_odoo_run(addons, spec=None, name="odoo_pytest", log_name="test_odoo_pytest.log"):
    """The post-install tests of ``addons`` through pytest-odoo on TEST_DB (the suite
    installed), with the checks odoo-bin's run gets: tests per addon > 0, no unexpected
    ERROR/WARNING in the Odoo log. ``spec`` selects as ``--test-tags`` does (default: the
    addons' tests but the tours, which layer 4 runs the same way with its own spec)."""
    log_file = LOG_DIR / log_name
    log_file.unlink(missing_ok=True)
    if spec is None:
        spec = os.environ.get("MN_TEST_TAGS") or (
            ",".join(f"/{a}" for a in addons) + f",-{TOUR_TAG}"
        )
    env = {
        "PYTHONPATH": os.pathsep.join([str(ROOT / "tools"), odoo_env()["PYTHONPATH"]]),
        "MN_PYTEST_TAGS": spec,
    }
    part = run_pytest(
        name,
        [f"addons/{a}" for a in addons],
        extra_env=env,
        extra_args=[
            "-p",
            "odoo",
            "-p",
            "mnharness.pytest_odoo_glue",
            f"--odoo-config={ODOO_CONF}",
            f"--odoo-database={TEST_DB}",
            "--odoo-http",
            "--odoo-log-level=info",
            f"--odoo-extra=logfile={log_file}",
            "-rfE",
        ],
    )
    junit = REPORT_DIR / f"{name}.xml"
    counts = junit_tests_per_addon(junit, addons) if junit.exists() else dict.fromkeys(addons, 0)
    for addon, count in counts.items():
        part.notes.append(f"{addon}: {count} tests through pytest-odoo")
        if count == 0 and not os.environ.get("MN_TEST_TAGS") and not os.environ.get("MN_TOUR_TAGS"):
            part.failed += 1
            part.notes.append(f"FAIL: pytest-odoo ran 0 tests of {addon}, which has tests")
    if log_file.exists():
        report = odoo_log.read_log(log_file)
        if report.unexpected:
            part.failed += 1
            part.notes.append(
                f"FAIL: {len(report.unexpected)} unexpected ERROR/WARNING log line(s), first:"
            )
            part.notes.extend(line[:300] for line in report.unexpected[:5])
        part.notes.append(f"log: {log_file.relative_to(ROOT)}")
    return part


def tour_layer(db_ready):
    result = LayerResult("tours")
    if not suite_has_tours():
        result.not_run_reason = "the suite has no tours yet"
        return result
    if missing := chrome_missing():
        result.failed = 1
        result.notes.append(f"FAIL: {missing}. {CHROME_HINT}")
        return result
    if not db_ready:
        result.not_run_reason = "the odoo layer could not install the suite"
        return result
    report_modules = addons_whose_tests_mention(TOUR_TAG)
    if pytest_odoo_addons(report_modules):
        # the same runner as layer 3: Chromium is driven by HttpCase itself
        part = pytest_odoo_run(
            report_modules,
            spec=os.environ.get("MN_TOUR_TAGS") or TOUR_TAG,
            name="tours_pytest",
            log_name="test_tours_pytest.log",
        )
        result.passed, result.failed, result.notes = part.passed, part.failed, part.notes
        return result
    log_file = LOG_DIR / "test_tours.log"
    rc = run_odoo(
        [
            "-d",
            TEST_DB,
            "--test-tags",
            os.environ.get("MN_TOUR_TAGS") or TOUR_TAG,
            "--stop-after-init",
            "--http-port",
            str(free_port()),
        ],
        log_file=log_file,
        quiet=True,
        check=False,
    )
    return judge_odoo_run(result, rc, log_file, report_modules)


def coverage_layer(floor_checked):
    """Percent of lines per addon run by the Odoo layers, held against the floors when
    ``floor_checked`` (layer 3 ran in full: a narrowed run measures less)."""
    result = LayerResult("coverage")
    figures, error = coverage_report.measure()
    if error:
        # Layer 3 in full always leaves data: none there means the measure itself broke.
        result.failed = 1 if floor_checked else 0
        result.not_run_reason = error
        return result
    floors, default = coverage_report.floors_of_checkout()
    result.text = coverage_report.summary_text(figures, floors, default, floor_checked)
    if floor_checked:
        failures = coverage_report.check_floors(figures, floors, default)
        result.failed = len(failures)
        result.notes.extend(failures)
    result.notes.append(coverage_report.missing_lines_hint())
    return result


def suite_installed(db):
    try:
        states = pgcluster.psql(
            "SELECT state FROM ir_module_module WHERE name IN (%s)"
            % ",".join(f"'{m}'" for m in suite_addons()),
            dbname=db,
        )
    except subprocess.CalledProcessError:
        return False
    return states.split() == ["installed"] * len(suite_addons())


def odoo_gate(odoo_layers):
    """Failed results for ``odoo_layers`` when no Odoo tree is found nor can be fetched,
    else [] (the tree is then in place): a run asking for them must not pass without them."""
    if not odoo_layers:
        return []
    try:
        odoo_fetch.ensure_odoo()
    except odoo_fetch.OdooFetchError as exc:
        print(f"\n{exc}", flush=True)
        reason = "no Odoo 19 tree found and the fetch failed"
        blocked = [LayerResult(name, failed=1, not_run_reason=reason) for name in odoo_layers]
        blocked[-1].notes += str(exc).splitlines()
        return blocked
    return []


# --- entry points --------------------------------------------------------------------------


def print_summary(results):
    banner("summary")
    for result in results:
        print(result.line())
    passed = sum(r.passed for r in results)
    failed = sum(r.failed for r in results)
    print(f"\n{passed} passed, {failed} failed", flush=True)
    return 1 if failed else 0


# The seed's flows over both protocols, and the reports, run a second time against a real
# streaming replica of the embedded cluster: test_streaming_replica.py collects the tests of
# test_examples.py and test_sale_flow_rpc.py with an Odoo whose db_replica_host/port point at
# a hot standby (pgreplica.py), then proves the standby served the reads. It replaces the
# run on Odoo's simulated replica (--dev=replica): a standby refuses writes the same way,
# and one run costs only the base backup more, where a second run would cost a server.
REPLICA_E2E = ("test_streaming_replica.py",)


def run_all(layers=("static", "unit", "odoo", "tours", "e2e")):
    results = []
    odoo_layers = [name for name in ("odoo", "tours", "e2e") if name in layers]
    blocked = odoo_gate(odoo_layers)  # first: a fetched tree serves the static checks too
    if "static" in layers:
        banner("layer 1: static checks")
        results.append(run_pytest("static", "tests/static"))
    if "unit" in layers:
        banner("layer 2: pure-Python unit tests")
        results.append(run_pytest("unit", "tests/unit"))
    if blocked:
        return print_summary(results + blocked)
    if odoo_layers:
        started = pgcluster.start()
        measured = coverage_report.enabled() and ("odoo" in layers or "tours" in layers)
        try:
            databases.ensure_template()
            coverage_report.erase()
            db_ready = False
            if "odoo" in layers:
                banner("layer 3: Odoo tests of the addons")
                started_at = time.monotonic()
                with coverage_report.measuring():
                    results.append(odoo_layer())
                took = time.monotonic() - started_at
                results[-1].notes.append(
                    f"took {took:.0f}s" + (" (coverage measured)" if measured else "")
                )
                print(results[-1].line(), flush=True)
                db_ready = suite_installed(TEST_DB)
            else:
                databases.drop(TEST_DB)
                databases.create_suite_database(TEST_DB, log_name="test_install")
                db_ready = suite_installed(TEST_DB)
            if "tours" in layers:
                banner("layer 4: browser tours (headless Chromium)")
                started_at = time.monotonic()
                with coverage_report.measuring():
                    results.append(tour_layer(db_ready))
                if results[-1].ran:
                    took = time.monotonic() - started_at
                    results[-1].notes.append(
                        f"took {took:.0f}s" + (" (coverage measured)" if measured else "")
                    )
                print(results[-1].line(), flush=True)
            if measured:
                full_odoo_layer = "odoo" in layers and not os.environ.get("MN_TEST_TAGS")
                results.append(coverage_layer(floor_checked=full_odoo_layer))
                print(results[-1].line(), flush=True)
            if "e2e" in layers:
                banner("layer 5: end-to-end over HTTP (XML-RPC, JSON-2)")
                if db_ready:
                    results.append(
                        run_pytest("e2e", "tests/e2e", extra_env={"MN_E2E_SOURCE_DB": TEST_DB})
                    )
                    # The seed's flows once more with read-only calls served by a streaming
                    # replica (docs/scale_out.md): a read path that writes is caught here.
                    results.append(
                        run_pytest(
                            "e2e_replica",
                            [f"tests/e2e/{name}" for name in REPLICA_E2E],
                            extra_env={"MN_E2E_SOURCE_DB": TEST_DB, "MN_E2E_STREAMING": "1"},
                        )
                    )
                else:
                    results.append(
                        LayerResult("e2e", not_run_reason="the suite could not be installed")
                    )
        finally:
            pgcluster.stop_if_started(started)
    return print_summary(results)


def run_core():
    """Odoo's own tests of crm/sale*, with the suite installed and its rules off."""
    try:
        odoo_fetch.ensure_odoo()
    except odoo_fetch.OdooFetchError as exc:
        print(f"{exc}\ntest-core: FAILED, not run: no Odoo 19 tree.", flush=True)
        return 1
    started = pgcluster.start()
    db = tagged_db("mn_test_core")
    results = []
    try:
        databases.drop(db)
        LOG_DIR.mkdir(parents=True, exist_ok=True)
        modules = CORE_MODULES + suite_addons()
        banner("test-core 1/2: new database, core at_install tests while installing")
        log1 = LOG_DIR / "test_core_install.log"
        rc = run_odoo(
            [
                "-d",
                db,
                "-i",
                ",".join(modules),
                "--stop-after-init",
                "--test-tags",
                ",".join(f"at_install/{m}" for m in CORE_MODULES),
                "--http-port",
                str(free_port()),
            ],
            log_file=log1,
            quiet=True,
            check=False,
        )
        results.append(
            judge_odoo_run(LayerResult("at_install"), rc, log1, CORE_MODULES, require_each=False)
        )
        print(results[-1].line(), flush=True)
        run_odoo(
            ["-d", db, "--no-http"],
            subcommand="shell",
            stdin=(ROOT / "tools" / "mnharness" / "rules_off.py").read_text(),
            log_file=LOG_DIR / "test_core_rules_off.log",
            quiet=True,
        )
        banner("test-core 2/2: core post_install tests, suite installed, its rules off")
        log2 = LOG_DIR / "test_core_post.log"
        rc = run_odoo(
            [
                "-d",
                db,
                "--stop-after-init",
                "--test-tags",
                ",".join(f"post_install/{m}" for m in CORE_MODULES),
                "--http-port",
                str(free_port()),
            ],
            log_file=log2,
            quiet=True,
            check=False,
        )
        results.append(
            judge_odoo_run(LayerResult("post_inst"), rc, log2, CORE_MODULES, require_each=False)
        )
    finally:
        pgcluster.stop_if_started(started)
    return print_summary(results)
