#!/usr/bin/env python3
"""Create API keys for the demo users of ``make run``'s database (run in the checkout).

Odoo 19 creates API keys only in two ways: the user's own Preferences > Account Security >
New API Key (which asks for the user's password again), or server-side code calling the
private ``res.users.apikeys._generate``. No external call can make a key for another user:
``_generate`` is private and the wizard's ``make_key`` checks the identity of an HTTP
session. The demo salespeople of the suite have no password, so this script runs
``odoo-bin shell`` on the database (through the project's harness: same Odoo tree, same
``odoo.conf``, same PostgreSQL cluster as ``make run``) and prints one key per user:

    .venv/bin/python examples/make_api_keys.py                  # mn_crm_sales database
    .venv/bin/python examples/make_api_keys.py --db mydb --login demo --allow-doc

Default users: ``mn_sales_ganbaatar`` (salesperson of "Улаанбаатар борлуулалтын баг"),
``demo`` (that team's leader) and ``admin`` (sales manager, inventory and accounting).
``--all-documents LOGIN`` gives a team leader "Sales: User: All Documents", without which
it cannot even read the salesperson's quotation it is asked to approve (examples/03); the
demo data already gives it to ``demo``. ``--allow-doc`` also puts
them in "Technical Documentation" (``api_doc.group_allow_doc``), which odoo-client-lib
needs for JSON-2 calls with positional arguments (docs/api.md).
Output lines ``MN_API_KEY <login> <key>``; keep the keys secret. ``--print-script``
prints the odoo-bin shell script instead, for a deployment of your own:
``odoo-bin shell -c your.conf -d yourdb < script.py``.
"""

import argparse
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
DEFAULT_LOGINS = ("mn_sales_ganbaatar", "demo", "admin")

SHELL_SCRIPT = """
import datetime
logins = {logins!r}
days = {days!r}
allow_doc = {allow_doc!r}
all_documents = {all_documents!r}
expiration = datetime.datetime.now() + datetime.timedelta(days=days) if days else None
for login in logins:
    user = env["res.users"].search([("login", "=", login)])
    if not user:
        print("MN_API_KEY_MISSING", login)
        continue
    key = env["res.users.apikeys"].with_user(user).sudo()._generate(None, {name!r}, expiration)
    if allow_doc:
        user.sudo().write({{"group_ids": [(4, env.ref("api_doc.group_allow_doc").id)]}})
    print("MN_API_KEY", login, key)
for login in all_documents:
    user = env["res.users"].search([("login", "=", login)])
    group = env.ref("sales_team.group_sale_salesman_all_leads")
    user.sudo().write({{"group_ids": [(4, group.id)]}})
    print("MN_ALL_DOCUMENTS", login, bool(user))
env.cr.commit()
# tell a running server (make run) that rights changed: it clears its caches
env.registry.signal_changes()
"""


def shell_script(
    logins, days=0, allow_doc=False, all_documents=(), name="examples (make_api_keys.py)"
):
    return SHELL_SCRIPT.format(
        logins=list(logins),
        days=days,
        allow_doc=allow_doc,
        all_documents=list(all_documents),
        name=name,
    )


def create_keys(db, logins, days=0, allow_doc=False, all_documents=()):
    """{login: key} for ``logins`` in ``db``, made by odoo-bin shell through the harness."""
    sys.path.insert(0, str(ROOT / "tools"))
    from mnharness import pgcluster  # noqa: PLC0415
    from mnharness.odoo_cli import odoo_cmd, odoo_env  # noqa: PLC0415

    started = pgcluster.start()
    try:
        out = subprocess.run(
            odoo_cmd("-d", db, "--no-http", "--log-level", "warn", subcommand="shell"),
            input=shell_script(logins, days, allow_doc, all_documents),
            capture_output=True,
            text=True,
            cwd=ROOT,
            env=odoo_env(),
            check=False,
        )
    finally:
        pgcluster.stop_if_started(started)
    keys, missing = {}, []
    for line in out.stdout.splitlines():
        parts = line.split()
        if len(parts) == 3 and parts[0] == "MN_API_KEY":
            keys[parts[1]] = parts[2]
        elif len(parts) == 2 and parts[0] == "MN_API_KEY_MISSING":
            missing.append(parts[1])
    if out.returncode != 0 or (not keys and not missing):
        sys.stderr.write(out.stderr[-4000:])
        raise SystemExit(f"АЛДАА: odoo-bin shell {out.returncode} кодоор дууслаа ({db}).")
    for login in missing:
        print(f"Анхааруулга: '{login}' хэрэглэгч {db} санд алга.", file=sys.stderr)
    return keys


def main():
    parser = argparse.ArgumentParser(description="make run-ы санд API түлхүүр үүсгэнэ")
    parser.add_argument("--db", default="mn_crm_sales", help="өгөгдлийн сан (mn_crm_sales)")
    parser.add_argument(
        "--login",
        action="append",
        help="хэрэглэгч (давтаж болно); анхдагч: " + ", ".join(DEFAULT_LOGINS),
    )
    parser.add_argument(
        "--days", type=int, default=0, help="хүчинтэй хоног (0: хугацаагүй, анхдагч)"
    )
    parser.add_argument(
        "--allow-doc",
        action="store_true",
        help="api_doc.group_allow_doc бүлэгт нэмэх (odoo-client-lib, байрлалын аргумент)",
    )
    parser.add_argument(
        "--all-documents",
        action="append",
        default=[],
        metavar="LOGIN",
        help="хэрэглэгчид 'Бүх баримт' эрх өгөх (багийн ахлагч гишүүдийнхээ үнийн саналыг "
        "харж зөвшөөрөхөд хэрэгтэй), ж.нь --all-documents demo",
    )
    parser.add_argument(
        "--print-script", action="store_true", help="odoo-bin shell-ийн скриптийг хэвлэх"
    )
    args = parser.parse_args()
    logins = args.login or list(DEFAULT_LOGINS)
    if args.print_script:
        print(shell_script(logins, args.days, args.allow_doc, args.all_documents))
        return
    keys = create_keys(args.db, logins, args.days, args.allow_doc, args.all_documents)
    for login, key in keys.items():
        print(f"MN_API_KEY {login} {key}")
    print(f"{len(keys)} API түлхүүр үүсгэлээ ({args.db}). Нууцаар хадгална уу.", file=sys.stderr)


if __name__ == "__main__":
    main()
