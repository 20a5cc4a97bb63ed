"""A rehearsal of the next version bump of one of the suite's addons (docs/migrations.md).

:func:`bump_addon` copies an addon to a temporary addons folder, raises the last number of
its manifest version and drops in ``migrations/<new version>/pre-``, ``post-`` and ``end-``
scripts that record, in ``ir_config_parameter``, that they ran: the version Odoo gave them,
the addon's ``latest_version`` in ``ir_module_module`` and whether a column that the new
version adds (a probe field, also dropped in) exists yet. :func:`update` runs ``odoo-bin -u``
with the copy first in the addons path; :func:`recorded` reads back what the scripts wrote.
The real addons never hold these scripts: the copy is thrown away with its folder.
"""

import ast
import json
import shutil
from pathlib import Path

from . import pgcluster
from .odoo_cli import run_odoo
from .paths import ADDONS_DIR, LOG_DIR, odoo_path

PHASES = ("pre", "post", "end")
RECORD_KEY = "mn_migration_rehearsal.{phase}"
#: The column the bumped version adds (on res.partner, through the probe model file).
PROBE_TABLE = "res_partner"
PROBE_COLUMN = "mn_migration_probe"

SCRIPT = '''"""The rehearsal's {phase} script: records that it ran (mnharness/migration.py)."""

import json


def migrate(cr, version):
    cr.execute(
        "SELECT latest_version FROM ir_module_module WHERE name = %s", [{addon!r}]
    )
    latest_version = cr.fetchone()[0]
    cr.execute(
        "SELECT 1 FROM information_schema.columns WHERE table_name = %s AND column_name = %s",
        [{table!r}, {column!r}],
    )
    record = {{
        "version": version,
        "latest_version": latest_version,
        "probe_column": bool(cr.fetchone()),
    }}
    cr.execute(
        "SELECT count(*) FROM ir_config_parameter WHERE key LIKE %s", ["mn_migration_rehearsal.%"]
    )
    record["order"] = cr.fetchone()[0]
    # Appended, never replaced: a script that ran twice leaves two records.
    cr.execute(
        """
        INSERT INTO ir_config_parameter (key, value, create_uid, write_uid, create_date, write_date)
        VALUES (%s, %s, 1, 1, now(), now())
        ON CONFLICT (key) DO UPDATE SET value = ir_config_parameter.value || ';' || EXCLUDED.value
        """,
        [{key!r}, json.dumps(record)],
    )
'''

PROBE_MODEL = """from odoo import fields, models


class ResPartner(models.Model):
    _inherit = "res.partner"

    {column} = fields.Char()
"""


def manifest_version(addon_dir):
    manifest = ast.literal_eval((Path(addon_dir) / "__manifest__.py").read_text("utf-8"))
    return manifest["version"]


def next_version(version):
    """``19.0.1.0.0`` -> ``19.0.1.0.1``: the bump of a fix release."""
    parts = version.split(".")
    parts[-1] = str(int(parts[-1]) + 1)
    return ".".join(parts)


def bump_addon(addon, dest_root):
    """Copy ``addon`` into ``dest_root``, bumped, with the rehearsal's scripts and probe.

    Returns ``(old_version, new_version)``."""
    source = ADDONS_DIR / addon
    target = Path(dest_root) / addon
    shutil.copytree(source, target, ignore=shutil.ignore_patterns("__pycache__", "*.pyc"))
    old = manifest_version(source)
    new = next_version(old)
    manifest = target / "__manifest__.py"
    text = manifest.read_text("utf-8")
    assert text.count(f'"{old}"') == 1, f"{manifest}: the version {old} is not found once"
    manifest.write_text(text.replace(f'"{old}"', f'"{new}"'), "utf-8")
    folder = target / "migrations" / new
    folder.mkdir(parents=True)
    for phase in PHASES:
        (folder / f"{phase}-mn_rehearsal.py").write_text(
            SCRIPT.format(
                phase=phase,
                addon=addon,
                table=PROBE_TABLE,
                column=PROBE_COLUMN,
                key=RECORD_KEY.format(phase=phase),
            ),
            "utf-8",
        )
    # The new version adds a column, as most version bumps do: ``pre`` runs before the
    # module's models are loaded (no column yet), ``post`` and ``end`` after.
    (target / "models" / "mn_migration_probe.py").write_text(
        PROBE_MODEL.format(column=PROBE_COLUMN), "utf-8"
    )
    with open(target / "models" / "__init__.py", "a", encoding="utf-8") as init:
        init.write("from . import mn_migration_probe\n")
    return old, new


def update(db, addon, addons_root, log_name="e2e_migration_update.log"):
    """``odoo-bin -u addon`` on ``db``, the bumped copies of ``addons_root`` first in the
    addons path; returns (exit code, log file)."""
    log_file = LOG_DIR / log_name
    addons_path = ",".join((str(addons_root), str(odoo_path() / "addons"), str(ADDONS_DIR)))
    rc = run_odoo(
        ["-d", db, "-u", addon, "--addons-path", addons_path, "--stop-after-init", "--no-http"],
        log_file=log_file,
        quiet=True,
        check=False,
    )
    return rc, log_file


def recorded(db):
    """``{phase: [record, ...]}``: what each rehearsal script wrote, once per run."""
    out = pgcluster.psql(
        "SELECT key, value FROM ir_config_parameter WHERE key LIKE 'mn_migration_rehearsal.%'",
        dbname=db,
    )
    records = {phase: [] for phase in PHASES}
    for line in out.splitlines():
        key, __, value = line.partition("|")
        records[key.rsplit(".", 1)[1]] = [json.loads(part) for part in value.split(";")]
    return records
