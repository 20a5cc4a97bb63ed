"""Find the Odoo 19 tree, or fetch Odoo 19.0 at a pinned commit into the project's ``.odoo/``.

``make run`` and ``make test`` call :func:`ensure_odoo`. It takes the first folder holding
``odoo-bin`` among ODOO_PATH, ``/opt/odoo`` and the project's ``.odoo/``
(:func:`mnharness.paths.odoo_candidates`); when none does, it fetches Odoo into ``.odoo/``
(ignored by git) with a shallow git fetch of one commit, says so on stdout and returns the
tree. When the fetch fails (offline), :class:`OdooFetchError` carries the exact command to
run by hand.

The source is the official repository at a pinned commit; ``MN_ODOO_GIT_URL``,
``MN_ODOO_COMMIT`` (and ``MN_ODOO_BRANCH``) override it. A full 40-hex commit is fetched
alone (``git init`` + ``git fetch --depth 1 origin <commit>``: GitHub serves any commit
this way). A shorter prefix cannot be fetched by name: then the branch tip is cloned with
``--depth 1`` and must match the prefix, otherwise the fetch fails and asks for a full hash.
"""

import os
import re
import shlex
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from . import paths

UPSTREAM_URL = "https://github.com/odoo/odoo.git"
UPSTREAM_BRANCH = "19.0"
# odoo/odoo, branch 19.0, 2025-11-14: "[FIX] hr_expense: do not depend on chart template for
# outstanding account creation". The commit CONVENTIONS.md facts were checked against.
PINNED_COMMIT = "f1e68e16fbba124fd0b7fab4721b4ce8e61acb7b"


class OdooFetchError(RuntimeError):
    """No Odoo tree was found and none could be fetched; the message says what to run."""


def source(environ=None):
    """(url, commit, branch) to fetch, after the MN_ODOO_* overrides."""
    environ = os.environ if environ is None else environ
    return (
        environ.get("MN_ODOO_GIT_URL") or UPSTREAM_URL,
        (environ.get("MN_ODOO_COMMIT") or PINNED_COMMIT).strip().lower(),
        environ.get("MN_ODOO_BRANCH") or UPSTREAM_BRANCH,
    )


def is_full_hash(commit):
    return bool(re.fullmatch(r"[0-9a-f]{40}", commit))


def fetch_steps(url, commit, branch, dest):
    """The git commands that put ``commit`` of ``url`` into ``dest`` (absent or empty)."""
    dest = str(dest)
    if is_full_hash(commit):
        return [
            ["git", "init", "-q", dest],
            ["git", "-C", dest, "remote", "add", "origin", url],
            ["git", "-C", dest, "fetch", "--depth", "1", "origin", commit],
            ["git", "-C", dest, "checkout", "-q", "--detach", "FETCH_HEAD"],
        ]
    return [
        ["git", "clone", "--depth", "1", "--branch", branch, url, dest],
        ["git", "-C", dest, "checkout", "-q", "--detach", commit],
    ]


def manual_command(url, commit, branch, dest):
    """One shell line doing the fetch by hand."""
    return " && ".join(shlex.join(step) for step in fetch_steps(url, commit, branch, dest))


def _failure(reason, url, commit, branch, dest):
    return OdooFetchError(
        f"[odoo] {reason}\n"
        f"[odoo] Fetch Odoo {branch} by hand (when online), then run make again:\n"
        f"    {manual_command(url, commit, branch, dest)}\n"
        "[odoo] or set ODOO_PATH to an Odoo 19 tree (the folder holding odoo-bin); "
        "see README.md, 'Getting Odoo 19'."
    )


def fetch(url, commit, branch, dest, out=None):
    """Fetch ``commit`` into ``dest`` through a temporary sibling folder, renamed on success,
    so an interrupted or failed fetch never leaves a half tree at ``dest``."""
    out = out or sys.stdout
    dest = Path(dest)
    if not shutil.which("git"):
        raise _failure("git is not installed (apt-get install git).", url, commit, branch, dest)
    if dest.exists() and not paths.is_odoo_tree(dest):
        print(f"[odoo] removing {dest}: it holds no odoo-bin (an interrupted fetch?)", file=out)
        if dest.is_dir() and not dest.is_symlink():
            shutil.rmtree(dest)
        else:
            dest.unlink()
    try:
        dest.parent.mkdir(parents=True, exist_ok=True)
        tmp = Path(tempfile.mkdtemp(prefix=f"{dest.name}.fetch-", dir=dest.parent))
    except OSError as exc:
        raise _failure(f"cannot create {dest}: {exc}", url, commit, branch, dest) from exc
    env = dict(os.environ, GIT_TERMINAL_PROMPT="0")  # a wrong URL must fail, not ask a password
    try:
        for step in fetch_steps(url, commit, branch, tmp):
            out.flush()
            rc = subprocess.run(step, stdout=subprocess.DEVNULL, env=env, check=False).returncode
            if rc != 0:
                git_command = step[3] if step[1] == "-C" else step[1]
                hint = "offline, or a wrong URL or commit?"
                if git_command == "checkout" and not is_full_hash(commit):
                    hint = f"a short commit must be the tip of {branch}: give the full hash"
                raise _failure(
                    f"could not fetch Odoo {branch} at {commit} from {url}: "
                    f"`git {git_command}` exited {rc} ({hint}).",
                    url,
                    commit,
                    branch,
                    dest,
                )
        head = subprocess.run(
            ["git", "-C", str(tmp), "rev-parse", "HEAD"], capture_output=True, text=True
        ).stdout.strip()
        if not head.startswith(commit) or not paths.is_odoo_tree(tmp):
            raise _failure(
                f"{url} at {commit} gave commit {head or '?'} without odoo-bin.",
                url,
                commit,
                branch,
                dest,
            )
        try:
            tmp.rename(dest)
        except OSError as exc:
            if not paths.is_odoo_tree(dest):  # else another run fetched it meanwhile
                reason = f"cannot move the tree to {dest}: {exc}"
                raise _failure(reason, url, commit, branch, dest) from exc
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    return dest


def ensure_odoo(environ=None, out=None):
    """The Odoo tree to use, fetched into the project's ``.odoo/`` when none is found."""
    environ = os.environ if environ is None else environ
    out = out or sys.stdout
    explicit = environ.get("ODOO_PATH")
    candidates = paths.odoo_candidates(environ)
    for path in candidates:
        if paths.is_odoo_tree(path):
            if explicit and Path(explicit).resolve() != path:
                print(f"[odoo] ODOO_PATH={explicit} holds no odoo-bin: using {path}", file=out)
            return path
    dest = Path(paths.ODOO_FETCH_DIR).resolve()
    url, commit, branch = source(environ)
    print(
        f"[odoo] no Odoo 19 tree (odoo-bin) at {', '.join(map(str, candidates))}.\n"
        f"[odoo] fetching Odoo {branch} at commit {commit} from {url}\n"
        f"[odoo] into {dest} (shallow, only this commit; a few minutes) ...",
        file=out,
        flush=True,
    )
    started = time.time()
    fetch(url, commit, branch, dest, out=out)
    print(f"[odoo] Odoo fetched into {dest} in {time.time() - started:.0f}s", file=out, flush=True)
    return dest
