"""Reading an Odoo log: test counts, failures, and lines that must not be there.

Odoo's exit code says whether tests failed, but not whether any ran (``-i`` on an
installed module runs none and exits 0), nor whether the run logged errors outside
tests. This module reads what the log says so the harness can judge all three.
"""

import re
from dataclasses import dataclass, field
from pathlib import Path

LINE = re.compile(
    r"^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d,\d+ \d+ (?P<level>[A-Z]+) (?P<db>\S+) "
    r"(?P<logger>[\w.]+): (?P<msg>.*)$"
)
STATS = re.compile(r"^(?P<module>\w+): (?P<count>\d+) tests ")
RESULT = re.compile(r"(?P<failed>\d+) failed, (?P<errors>\d+) error\(s\) of (?P<run>\d+) tests")
ALLOWLIST_FILE = Path(__file__).with_name("log_allowlist.txt")
# Tours that Odoo skips instead of failing when the browser stack is missing.
SKIPPED_TOUR_MARKERS = (
    "websocket-client module is not installed",
    "Chrome executable not found",
    "chrome not found",
)


def load_allowlist():
    patterns = []
    for raw in ALLOWLIST_FILE.read_text(encoding="utf-8").splitlines():
        raw = raw.strip()
        if raw and not raw.startswith("#"):
            patterns.append(re.compile(raw))
    return patterns


@dataclass
class OdooRunReport:
    per_module: dict = field(default_factory=dict)
    tests_run: int = 0
    failed: int = 0
    errors: int = 0
    unexpected: list = field(default_factory=list)
    failed_tests: list = field(default_factory=list)
    skipped_tours: list = field(default_factory=list)

    @property
    def problems(self):
        return self.failed + self.errors


def read_log(path, allowlist=None):
    """Parse an odoo-bin log file into an :class:`OdooRunReport`."""
    allowlist = load_allowlist() if allowlist is None else allowlist
    report = OdooRunReport()
    for raw in Path(path).read_text(encoding="utf-8", errors="replace").splitlines():
        match = LINE.match(raw)
        if not match:
            continue
        level, logger, msg = match["level"], match["logger"], match["msg"]
        if logger == "odoo.tests.stats" and (stats := STATS.match(msg)):
            report.per_module[stats["module"]] = int(stats["count"])
        elif logger == "odoo.tests.result" and (result := RESULT.search(msg)):
            # The last summary line is cumulative for the process.
            report.failed = int(result["failed"])
            report.errors = int(result["errors"])
            report.tests_run = int(result["run"])
        if any(marker in msg for marker in SKIPPED_TOUR_MARKERS):
            report.skipped_tours.append(raw)
        if level in ("ERROR", "CRITICAL"):
            if msg.startswith(("FAIL:", "ERROR:")):
                report.failed_tests.append(msg)
            if not any(p.search(raw) for p in allowlist):
                report.unexpected.append(raw)
        elif level == "WARNING" and not any(p.search(raw) for p in allowlist):
            report.unexpected.append(raw)
    return report
