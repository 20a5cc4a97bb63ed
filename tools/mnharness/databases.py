"""Databases of the harness: a cached Mongolian base template, and clones of it.

The base template holds Odoo's modules the suite depends on (crm, sale_crm,
sale_management, sale_stock and the Mongolian chart l10n_mn), demo data, the
Mongolian language, MNT and Asia/Ulaanbaatar, but not the suite's own addons.
Building it costs a few minutes; it is kept in the embedded cluster under a name
derived from everything that shapes it, so every later run clones it in a second.
"""

import ast
import hashlib
import shutil
import subprocess
import sys

from . import pgcluster
from .odoo_cli import run_odoo
from .paths import ADDONS_DIR, FILESTORE_DIR, LOG_DIR, odoo_path, suite_addons

SETUP_SCRIPT = __file__.replace("databases.py", "mongolian_setup.py")
LOCALISATION = ["l10n_mn"]
TEMPLATE_PREFIX = "mn_tmpl_"
DEV_DB = "mn_crm_sales"


def manifest(addon):
    return ast.literal_eval((ADDONS_DIR / addon / "__manifest__.py").read_text())


def core_dependencies():
    """Odoo modules the suite's addons depend on directly (not the suite's own)."""
    suite = set(suite_addons())
    deps = {d for a in suite for d in manifest(a).get("depends", [])}
    return sorted((deps - suite) | set(LOCALISATION))


def template_name():
    digest = hashlib.sha1()
    for part in (
        (odoo_path() / "odoo" / "release.py").read_bytes(),
        (odoo_path() / "addons" / "account" / "__manifest__.py").read_bytes(),
        open(SETUP_SCRIPT, "rb").read(),
        b"template-v1",  # bump when build_template() changes what the template holds
        ",".join(core_dependencies()).encode(),
    ):
        digest.update(part)
    return TEMPLATE_PREFIX + digest.hexdigest()[:12]


def clone_filestore(source, target):
    src, dst = FILESTORE_DIR / source, FILESTORE_DIR / target
    shutil.rmtree(dst, ignore_errors=True)
    if src.is_dir():
        # Attachments are content-addressed and never rewritten: hard links are safe.
        subprocess.run(["cp", "-al", str(src), str(dst)], check=True)


def drop(name):
    pgcluster.drop_database(name)
    shutil.rmtree(FILESTORE_DIR / name, ignore_errors=True)


def clone(source, target):
    pgcluster.clone_database(source, target)
    clone_filestore(source, target)


def rename(old, new):
    pgcluster.rename_database(old, new)
    shutil.rmtree(FILESTORE_DIR / new, ignore_errors=True)
    if (FILESTORE_DIR / old).exists():
        (FILESTORE_DIR / old).rename(FILESTORE_DIR / new)


def mongolian_setup(db, log_name):
    run_odoo(
        ["-d", db, "--no-http"],
        subcommand="shell",
        stdin=open(SETUP_SCRIPT, encoding="utf-8").read(),
        log_file=LOG_DIR / f"{log_name}.log",
        quiet=True,
    )


def build_template(name):
    """Create the Mongolian base database from scratch (a few minutes)."""
    LOG_DIR.mkdir(parents=True, exist_ok=True)
    building = name + "_building"
    drop(building)
    print(f"[db] building base template {name} (once; a few minutes)", flush=True)
    steps = [
        (
            "init",
            lambda: run_odoo(
                [
                    "init",
                    building,
                    "--with-demo",
                    "--language",
                    "mn_MN",
                    "--country",
                    "MN",
                    "--force",
                ],
                subcommand="db",
                log_file=LOG_DIR / "template_init.log",
                quiet=True,
            ),
        ),
        ("company", lambda: mongolian_setup(building, "template_setup_company")),
        (
            "accounting",
            lambda: run_odoo(
                [
                    "-d",
                    building,
                    "-i",
                    ",".join(LOCALISATION),
                    "--with-demo",
                    "--stop-after-init",
                    "--no-http",
                ],
                log_file=LOG_DIR / "template_accounting.log",
                quiet=True,
            ),
        ),
        ("chart", lambda: mongolian_setup(building, "template_setup_chart")),
        (
            "modules",
            lambda: run_odoo(
                [
                    "-d",
                    building,
                    "-i",
                    ",".join(core_dependencies()),
                    "--with-demo",
                    "--stop-after-init",
                    "--no-http",
                ],
                log_file=LOG_DIR / "template_modules.log",
                quiet=True,
            ),
        ),
        ("users", lambda: mongolian_setup(building, "template_setup_users")),
    ]
    for label, step in steps:
        print(f"[db]   {label}", flush=True)
        try:
            step()
        except subprocess.CalledProcessError:
            sys.exit(f"[db] template step '{label}' failed: see {LOG_DIR}/template_*.log")
    rename(building, name)
    for old in pgcluster.list_databases(TEMPLATE_PREFIX):
        if old not in (name, building):
            drop(old)


def ensure_template():
    name = template_name()
    if not pgcluster.database_exists(name):
        build_template(name)
    return name


def create_suite_database(db, *, log_name, extra_args=()):
    """Clone the base template to ``db`` and install the suite's addons in it."""
    template = ensure_template()
    clone(template, db)
    return run_odoo(
        ["-d", db, "-i", ",".join(suite_addons()), "--with-demo", "--stop-after-init", *extra_args],
        log_file=LOG_DIR / f"{log_name}.log",
        quiet=True,
        check=False,
    )
