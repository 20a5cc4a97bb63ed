"""Line coverage of the suite's addons, measured while layers 3 and 4 run odoo-bin.

Inside :func:`measuring`, odoo-bin runs under ``python -m coverage run --parallel-mode``
with the checkout's ``.coveragerc`` (source ``addons/``, tests and migrations left out);
every process writes its own data file under ``.run/coverage[/MN_RUN_TAG]/``. After the
layers, :func:`measure` combines them and writes ``.run/reports[/MN_RUN_TAG]/coverage.json``;
:func:`per_addon` turns that JSON into a figure per addon, and :func:`check_floors` holds
each figure against its floor (section ``[mnharness:coverage]`` of ``.coveragerc``).

``MN_COVERAGE=0`` switches the measure off; ``MN_COVERAGE_FLOOR=NN`` replaces every floor
for one run.
"""

import configparser
import contextlib
import json
import math
import os
import shutil
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path, PurePosixPath

from . import odoo_cli
from .paths import ADDONS_DIR, REPORT_DIR, ROOT, RUN_DIR, RUN_TAG

RCFILE = ROOT / ".coveragerc"
FLOOR_SECTION = "mnharness:coverage"
DATA_DIR = RUN_DIR / "coverage" / RUN_TAG if RUN_TAG else RUN_DIR / "coverage"
DATA_FILE = DATA_DIR / ".coverage"
JSON_REPORT = REPORT_DIR / "coverage.json"


# --- pure functions ------------------------------------------------------------------------


@dataclass(frozen=True)
class AddonCoverage:
    addon: str
    covered: int
    statements: int

    @property
    def percent(self):
        return 100.0 * self.covered / self.statements if self.statements else 100.0

    def shown(self):
        """The percent with one decimal, rounded down (89.96 shows 89.9, never 90.0)."""
        return f"{math.floor(self.percent * 10) / 10:.1f} %"


def enabled(environ=None):
    environ = os.environ if environ is None else environ
    return environ.get("MN_COVERAGE", "1").strip() not in ("0", "no", "false", "off", "")


def addon_of(filename, addons_dir, root):
    """The addon a measured file belongs to: its first folder under ``addons_dir``.

    ``filename`` is as coverage writes it: relative to ``root`` (the checkout, where odoo-bin
    runs) or absolute. None for a file outside ``addons_dir`` or directly in it."""
    path = PurePosixPath(str(filename).replace(os.sep, "/"))
    if not path.is_absolute():
        path = PurePosixPath(str(root)) / path
    try:
        parts = path.relative_to(PurePosixPath(str(addons_dir))).parts
    except ValueError:
        return None
    return parts[0] if len(parts) > 1 else None


def per_addon(report, addons_dir, root):
    """``{addon: AddonCoverage}`` from a coverage JSON report (``coverage json``)."""
    sums = {}
    for filename, data in report.get("files", {}).items():
        addon = addon_of(filename, addons_dir, root)
        if addon is None:
            continue
        summary = data["summary"]
        covered, statements = sums.get(addon, (0, 0))
        sums[addon] = (covered + summary["covered_lines"], statements + summary["num_statements"])
    return {name: AddonCoverage(name, *sums[name]) for name in sorted(sums)}


def read_floors(rc_text, environ=None):
    """``(floors, default)`` from the ``[mnharness:coverage]`` section of a .coveragerc.

    The section maps addon names to the percent of lines each must reach; ``default``
    applies to an addon without a line of its own. ``MN_COVERAGE_FLOOR`` in ``environ``
    replaces them all."""
    environ = os.environ if environ is None else environ
    parser = configparser.ConfigParser()
    parser.read_string(rc_text)
    values = dict(parser[FLOOR_SECTION]) if parser.has_section(FLOOR_SECTION) else {}
    default = float(values.pop("default", 0))
    floors = {name: float(value) for name, value in values.items()}
    if override := environ.get("MN_COVERAGE_FLOOR", "").strip():
        return {}, float(override)
    return floors, default


def check_floors(figures, floors, default):
    """Messages for each addon whose percent of lines is below its floor ([] when none)."""
    failures = []
    for name, figure in figures.items():
        floor = floors.get(name, default)
        if figure.percent < floor:
            failures.append(
                f"FAIL: {name} {figure.shown()} of lines < floor {floor:g} % "
                f"({figure.covered}/{figure.statements} lines)"
            )
    return failures


def summary_text(figures, floors, default, checked):
    """One summary line: each addon's percent of lines and its floor."""
    parts = []
    for name, figure in figures.items():
        floor = f"floor {floors.get(name, default):g} %" if checked else "floor not checked"
        parts.append(f"{name} {figure.shown()} ({floor})")
    return "lines: " + ", ".join(parts)


# --- running coverage ----------------------------------------------------------------------


def run_prefix():
    """What odoo-bin runs under instead of plain ``python``."""
    return [
        sys.executable,
        "-m",
        "coverage",
        "run",
        "--parallel-mode",
        f"--rcfile={RCFILE}",
        f"--data-file={DATA_FILE}",
    ]


def erase():
    shutil.rmtree(DATA_DIR, ignore_errors=True)
    JSON_REPORT.unlink(missing_ok=True)


@contextlib.contextmanager
def measuring():
    """odoo-bin runs started inside this block are measured (when MN_COVERAGE allows)."""
    if not enabled():
        yield
        return
    DATA_DIR.mkdir(parents=True, exist_ok=True)
    with odoo_cli.wrapped(run_prefix()):
        yield


def _coverage(command, *args):
    """``coverage <command> <options> <args>`` in the checkout; output in ``.stdout``."""
    return subprocess.run(
        [
            sys.executable,
            "-m",
            "coverage",
            command,
            f"--rcfile={RCFILE}",
            f"--data-file={DATA_FILE}",
            *args,
        ],
        cwd=ROOT,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )


def measure():
    """Combine the data files of the runs and read the figures: ``(figures, error)``."""
    if list(DATA_DIR.glob(".coverage.*")):
        DATA_FILE.unlink(missing_ok=True)  # erase() left none from an earlier run
        combined = _coverage("combine", "-q", str(DATA_DIR))
        if combined.returncode != 0:
            return {}, f"coverage combine failed: {combined.stdout.strip()[-300:]}"
    elif not DATA_FILE.exists():  # (already combined: measure() again by hand)
        return {}, f"no coverage data in {DATA_DIR.relative_to(ROOT)}"
    JSON_REPORT.parent.mkdir(parents=True, exist_ok=True)
    reported = _coverage("json", "-q", "-o", str(JSON_REPORT))
    if reported.returncode != 0:
        return {}, f"coverage json failed: {reported.stdout.strip()[-300:]}"
    report = json.loads(JSON_REPORT.read_text(encoding="utf-8"))
    return per_addon(report, ADDONS_DIR, ROOT), ""


def floors_of_checkout():
    return read_floors(RCFILE.read_text(encoding="utf-8") if RCFILE.exists() else "")


def missing_lines_hint():
    rel = Path(os.path.relpath(DATA_FILE, ROOT))
    return f"lines not run: .venv/bin/python -m coverage report -m --data-file={rel}"
