"""A project-local PostgreSQL cluster under ``.run/pg``.

The cluster is private to one checkout: initdb on first use, a unix socket in
``.run/pg/socket`` and a loopback TCP port (``MN_PG_PORT``, default 55432).
PostgreSQL refuses to run as root, so when the harness runs as root the server
runs as the ``postgres`` system user (created by Debian's packages).
Odoo connects as the role ``odoo`` (Odoo refuses the role ``postgres``).
"""

import glob
import os
import pwd
import shutil
import socket
import subprocess
import time
from pathlib import Path

from .paths import RUN_DIR

PG_DIR = RUN_DIR / "pg"
DATA_DIR = PG_DIR / "data"
SOCKET_DIR = PG_DIR / "socket"
LOG_FILE = PG_DIR / "server.log"
HOST = "127.0.0.1"
PORT = int(os.environ.get("MN_PG_PORT", "55432"))
ODOO_ROLE = "odoo"
ODOO_PASSWORD = "odoo"
INSTALL_HINT = (
    "No PostgreSQL server binaries (initdb, pg_ctl, postgres) were found.\n"
    "Install them, e.g. on Debian/Ubuntu: apt-get install postgresql\n"
    "or point MN_PG_BINDIR at the folder that holds them."
)


class PgError(RuntimeError):
    pass


def find_bindir():
    """Folder holding initdb/pg_ctl: MN_PG_BINDIR, Debian's newest, pg_config, PATH."""
    candidates = []
    if os.environ.get("MN_PG_BINDIR"):
        candidates.append(os.environ["MN_PG_BINDIR"])
    debian = sorted(
        glob.glob("/usr/lib/postgresql/*/bin"),
        key=lambda p: int(p.split("/")[-2]) if p.split("/")[-2].isdigit() else 0,
        reverse=True,
    )
    candidates += debian
    if shutil.which("pg_config"):
        out = subprocess.run(["pg_config", "--bindir"], capture_output=True, text=True)
        if out.returncode == 0:
            candidates.append(out.stdout.strip())
    if shutil.which("initdb"):
        candidates.append(str(Path(shutil.which("initdb")).parent))
    for cand in candidates:
        if all((Path(cand) / b).exists() for b in ("initdb", "pg_ctl", "postgres")):
            return Path(cand)
    raise PgError(INSTALL_HINT)


def _server_user():
    """System user that owns and runs the cluster (never root)."""
    if os.geteuid() != 0:
        return None
    try:
        pwd.getpwnam("postgres")
    except KeyError as exc:
        raise PgError(
            "Running as root, PostgreSQL needs an unprivileged system user 'postgres'.\n"
            "Create one (useradd --system postgres) or run as a normal user."
        ) from exc
    return "postgres"


def _as_server_user(cmd):
    user = _server_user()
    return ["runuser", "-u", user, "--", *cmd] if user else cmd


def _run(cmd, **kw):
    return subprocess.run(_as_server_user(cmd), check=True, **kw)


def _prepare_dirs():
    PG_DIR.mkdir(parents=True, exist_ok=True)
    SOCKET_DIR.mkdir(parents=True, exist_ok=True)
    user = _server_user()
    if user:
        entry = pwd.getpwnam(user)
        for path in (PG_DIR, SOCKET_DIR):
            os.chown(path, entry.pw_uid, entry.pw_gid)
        # The server user must be able to reach .run/pg through the checkout.
        for parent in [PG_DIR, *PG_DIR.parents]:
            mode = parent.stat().st_mode
            if not mode & 0o001:
                os.chmod(parent, mode | 0o001)
            if parent == Path("/"):
                break


def is_running():
    if not (DATA_DIR / "postmaster.pid").exists():
        return False
    status = subprocess.run(
        _as_server_user([str(find_bindir() / "pg_ctl"), "-D", str(DATA_DIR), "status"]),
        capture_output=True,
    )
    return status.returncode == 0


def _port_free(port):
    with socket.socket() as sock:
        return sock.connect_ex((HOST, port)) != 0


def _initdb(bindir):
    _run(
        [
            str(bindir / "initdb"),
            "-D",
            str(DATA_DIR),
            "-U",
            "postgres",
            "-A",
            "trust",
            "-E",
            "UTF8",
            "--locale=C.UTF-8",
        ],
        stdout=subprocess.DEVNULL,
    )
    with open(DATA_DIR / "postgresql.conf", "a", encoding="utf-8") as conf:
        # A development and test cluster: durability is traded for speed.
        conf.write(
            "\n# mn_crm_sales harness\n"
            f"listen_addresses = '{HOST}'\n"
            f"port = {PORT}\n"
            f"unix_socket_directories = '{SOCKET_DIR}'\n"
            "fsync = off\nsynchronous_commit = off\nfull_page_writes = off\n"
            "max_connections = 200\nshared_buffers = 512MB\n"
        )


# Streaming replication (pgreplica.py) needs WAL for a standby, senders and a replication
# line in pg_hba. PostgreSQL's defaults give them today, but they are passed at every start so
# that a cluster made before, or a postgresql.conf edited for speed (wal_level = minimal),
# still serves a replica after its next start. wal_keep_size keeps enough WAL for a standby
# that falls behind during a test run, without a replication slot that would pin WAL forever.
REPLICATION_SETTINGS = {"wal_level": "replica", "max_wal_senders": "10", "wal_keep_size": "256MB"}
REPLICATION_HBA = "host    replication     all             127.0.0.1/32            trust\n"


def _ensure_replication_hba():
    hba = DATA_DIR / "pg_hba.conf"
    lines = hba.read_text(encoding="utf-8").splitlines()
    if any(line.split()[:2] == ["host", "replication"] for line in lines if line.strip()):
        return
    with open(hba, "a", encoding="utf-8") as out:
        out.write("# mn_crm_sales harness: streaming replica (pgreplica.py)\n" + REPLICATION_HBA)


def psql(sql, dbname="postgres", user="postgres", port=None):
    """Run ``sql`` on the cluster (or the server on ``port``); return its unaligned output."""
    bindir = find_bindir()
    return subprocess.run(
        [
            str(bindir / "psql"),
            "-h",
            HOST,
            "-p",
            str(port or PORT),
            "-U",
            user,
            "-d",
            dbname,
            "-v",
            "ON_ERROR_STOP=1",
            "-qAt",
            "-c",
            sql,
        ],
        check=True,
        capture_output=True,
        text=True,
    ).stdout.strip()


def start():
    """Start the cluster (initdb on first use); return True if this call started it."""
    bindir = find_bindir()
    _prepare_dirs()
    if not (DATA_DIR / "PG_VERSION").exists():
        print(f"[pg] initdb {DATA_DIR} ({bindir})", flush=True)
        _initdb(bindir)
    if is_running():
        return False
    if not _port_free(PORT):
        raise PgError(f"Port {HOST}:{PORT} is taken by another server. Stop it or set MN_PG_PORT.")
    _ensure_replication_hba()
    settings = " ".join(f"-c {key}={value}" for key, value in REPLICATION_SETTINGS.items())
    _run(
        [
            str(bindir / "pg_ctl"),
            "-D",
            str(DATA_DIR),
            "-l",
            str(LOG_FILE),
            # the port is given at each start, not only at initdb: MN_PG_PORT may change
            "-o",
            f"-p {PORT} {settings}",
            "-w",
            "-t",
            "60",
            "start",
        ],
        stdout=subprocess.DEVNULL,
    )
    for _ in range(100):
        if not _port_free(PORT):
            break
        time.sleep(0.1)
    exists = psql(f"SELECT 1 FROM pg_roles WHERE rolname = '{ODOO_ROLE}'")
    if not exists:
        psql(f"CREATE ROLE {ODOO_ROLE} LOGIN CREATEDB PASSWORD '{ODOO_PASSWORD}'")
    print(f"[pg] cluster up on {HOST}:{PORT} (socket {SOCKET_DIR})", flush=True)
    return True


def stop():
    if not is_running():
        return False
    _run(
        [str(find_bindir() / "pg_ctl"), "-D", str(DATA_DIR), "-m", "fast", "-w", "stop"],
        stdout=subprocess.DEVNULL,
    )
    print("[pg] cluster stopped", flush=True)
    return True


def stop_if_started(started):
    """Stop the cluster if this process started it, unless MN_PG_KEEP asks to keep it."""
    if started and not os.environ.get("MN_PG_KEEP"):
        stop()


def database_exists(name):
    return psql(f"SELECT 1 FROM pg_database WHERE datname = '{name}'") == "1"


def list_databases(prefix):
    out = psql(f"SELECT datname FROM pg_database WHERE datname LIKE '{prefix}%'")
    return [line for line in out.splitlines() if line]


def drop_database(name):
    psql(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def clone_database(template, name):
    """Copy ``template`` to ``name`` at file level (fraction of a second)."""
    drop_database(name)
    psql(f'CREATE DATABASE "{name}" WITH TEMPLATE "{template}" OWNER {ODOO_ROLE}')


def rename_database(old, new):
    drop_database(new)
    psql(f'ALTER DATABASE "{old}" RENAME TO "{new}"')
