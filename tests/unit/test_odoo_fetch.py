"""Finding or fetching the Odoo tree (tools/mnharness/odoo_fetch.py), no Odoo needed.

A local git repository with a fake ``odoo-bin`` stands in for upstream odoo/odoo; /opt/odoo
and the project's ``.odoo/`` are redirected to a temporary folder.
"""

import io
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "tools"))

from mnharness import layers, odoo_fetch, paths  # noqa: E402


def git(*args, cwd=None):
    return subprocess.run(
        ["git", "-c", "user.name=test", "-c", "user.email=test@example.com", *args],
        cwd=cwd,
        check=True,
        capture_output=True,
        text=True,
    ).stdout.strip()


@pytest.fixture
def upstream(tmp_path):
    """A repository with branch 19.0: the pinned commit holds odoo-bin, a later one the tip."""
    repo = tmp_path / "upstream"
    git("init", "-q", "-b", "19.0", str(repo))
    (repo / "odoo-bin").write_text("#!/usr/bin/env python3\n")
    (repo / "odoo").mkdir()
    (repo / "odoo" / "release.py").write_text("version_info = (19, 0, 0, 'final', 0, '')\n")
    git("add", ".", cwd=repo)
    git("commit", "-q", "-m", "Odoo 19.0", cwd=repo)
    pinned = git("rev-parse", "HEAD", cwd=repo)
    (repo / "later.txt").write_text("a later commit\n")
    git("add", ".", cwd=repo)
    git("commit", "-q", "-m", "later", cwd=repo)
    return {"url": repo.as_uri(), "commit": pinned, "tip": git("rev-parse", "HEAD", cwd=repo)}


@pytest.fixture
def project(tmp_path, monkeypatch):
    """No Odoo anywhere: ODOO_PATH unset, /opt/odoo and .odoo/ moved into tmp_path."""
    for name in ("ODOO_PATH", "MN_ODOO_GIT_URL", "MN_ODOO_COMMIT", "MN_ODOO_BRANCH"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setattr(paths, "DEFAULT_ODOO_PATH", str(tmp_path / "opt-odoo"))
    monkeypatch.setattr(paths, "ODOO_FETCH_DIR", tmp_path / "checkout" / ".odoo")
    return tmp_path / "checkout" / ".odoo"


def fake_tree(path):
    path.mkdir(parents=True)
    (path / "odoo-bin").write_text("")
    return path.resolve()


def leftovers(dest):
    return sorted(p.name for p in dest.parent.glob(".odoo.fetch-*")) if dest.parent.exists() else []


def test_pinned_source_is_upstream_19_at_a_full_hash():
    url, commit, branch = odoo_fetch.source({})
    assert url == "https://github.com/odoo/odoo.git"
    assert branch == "19.0"
    assert odoo_fetch.is_full_hash(commit) and commit.startswith("f1e68e16")
    env = {"MN_ODOO_GIT_URL": "file:///srv/odoo", "MN_ODOO_COMMIT": "ABC123", "MN_ODOO_BRANCH": "x"}
    assert odoo_fetch.source(env) == ("file:///srv/odoo", "abc123", "x")


def test_fetch_pinned_commit_then_reuse(project, upstream, monkeypatch):
    monkeypatch.setenv("MN_ODOO_GIT_URL", upstream["url"])
    monkeypatch.setenv("MN_ODOO_COMMIT", upstream["commit"])
    out = io.StringIO()
    tree = odoo_fetch.ensure_odoo(out=out)
    assert tree == project.resolve()
    assert (tree / "odoo-bin").is_file()
    assert git("-C", str(tree), "rev-parse", "HEAD") == upstream["commit"]
    assert not (tree / "later.txt").exists()  # the pinned commit, not the branch tip
    assert git("-C", str(tree), "rev-parse", "--is-shallow-repository") == "true"
    assert "fetching Odoo 19.0 at commit " + upstream["commit"] in out.getvalue()
    assert "Odoo fetched into" in out.getvalue()
    assert leftovers(project) == []
    assert paths.odoo_path() == tree and paths.odoo_available()

    # Second call: the tree is there, nothing is fetched (an unreachable source is not asked).
    monkeypatch.setenv("MN_ODOO_GIT_URL", (project.parent / "nowhere").as_uri())
    out = io.StringIO()
    assert odoo_fetch.ensure_odoo(out=out) == tree
    assert out.getvalue() == ""


def test_fetch_by_prefix_clones_the_branch_tip(project, upstream, monkeypatch):
    monkeypatch.setenv("MN_ODOO_GIT_URL", upstream["url"])
    monkeypatch.setenv("MN_ODOO_COMMIT", upstream["tip"][:8])
    tree = odoo_fetch.ensure_odoo(out=io.StringIO())
    assert git("-C", str(tree), "rev-parse", "HEAD") == upstream["tip"]


def test_prefix_not_at_the_branch_tip_fails(project, upstream, monkeypatch):
    monkeypatch.setenv("MN_ODOO_GIT_URL", upstream["url"])
    monkeypatch.setenv("MN_ODOO_COMMIT", upstream["commit"][:8])
    with pytest.raises(odoo_fetch.OdooFetchError, match="must be the tip of 19.0"):
        odoo_fetch.ensure_odoo(out=io.StringIO())
    assert not project.exists() and leftovers(project) == []


def test_wrong_url_fails_naming_the_exact_command(project, upstream, monkeypatch):
    bad_url = (project.parent / "no-such-repo").as_uri()
    commit = upstream["commit"]
    monkeypatch.setenv("MN_ODOO_GIT_URL", bad_url)
    monkeypatch.setenv("MN_ODOO_COMMIT", commit)
    with pytest.raises(odoo_fetch.OdooFetchError) as failure:
        odoo_fetch.ensure_odoo(out=io.StringIO())
    dest = project.resolve()
    command = (
        f"git init -q {dest} && git -C {dest} remote add origin {bad_url}"
        f" && git -C {dest} fetch --depth 1 origin {commit}"
        f" && git -C {dest} checkout -q --detach FETCH_HEAD"
    )
    message = str(failure.value)
    assert "could not fetch Odoo 19.0" in message and "`git fetch` exited" in message
    assert f"\n    {command}\n" in message
    assert "ODOO_PATH" in message
    assert not project.exists() and leftovers(project) == []

    # The command given, run by hand against a reachable source, puts the tree in place.
    by_hand = odoo_fetch.manual_command(upstream["url"], commit, "19.0", dest)
    assert by_hand == command.replace(bad_url, upstream["url"])
    subprocess.run(by_hand, shell=True, check=True, capture_output=True)
    out = io.StringIO()
    assert odoo_fetch.ensure_odoo(out=out) == dest and out.getvalue() == ""


def test_resolution_order(project, tmp_path, monkeypatch):
    assert paths.odoo_path() == project.resolve()  # nothing yet: where the fetch goes
    assert not paths.odoo_available()
    fetched = fake_tree(project)
    assert paths.odoo_path() == fetched
    default = fake_tree(tmp_path / "opt-odoo")
    assert paths.odoo_path() == default  # /opt/odoo before .odoo/
    explicit = fake_tree(tmp_path / "mine")
    monkeypatch.setenv("ODOO_PATH", str(explicit))
    assert paths.odoo_path() == explicit  # ODOO_PATH first
    monkeypatch.setenv("ODOO_PATH", str(tmp_path / "typo"))
    out = io.StringIO()
    assert odoo_fetch.ensure_odoo(out=out) == default  # an empty ODOO_PATH is passed over
    assert "holds no odoo-bin" in out.getvalue()


def test_broken_fetch_dir_is_replaced(project, upstream, monkeypatch):
    (project / "odoo").mkdir(parents=True)  # e.g. an interrupted manual clone
    monkeypatch.setenv("MN_ODOO_GIT_URL", upstream["url"])
    monkeypatch.setenv("MN_ODOO_COMMIT", upstream["commit"])
    assert (odoo_fetch.ensure_odoo(out=io.StringIO()) / "odoo-bin").is_file()


def test_make_test_fails_when_odoo_is_unreachable(project, upstream, monkeypatch, capsys):
    monkeypatch.setenv("MN_ODOO_GIT_URL", (project.parent / "offline").as_uri())
    monkeypatch.setenv("MN_ODOO_COMMIT", upstream["commit"])

    def no_cluster():
        raise AssertionError("the Odoo layers must not start without Odoo")

    monkeypatch.setattr(layers.pgcluster, "start", no_cluster)
    assert layers.odoo_gate([]) == []  # test-static / test-unit need no Odoo
    blocked = layers.odoo_gate(["odoo", "tours", "e2e"])
    assert [(r.name, r.failed, r.ran) for r in blocked] == [
        ("odoo", 1, False),
        ("tours", 1, False),
        ("e2e", 1, False),
    ]
    capsys.readouterr()

    assert layers.run_all(("odoo", "tours", "e2e")) == 1
    summary = capsys.readouterr().out.split("==== summary ====")[-1]
    assert "FAILED, not run" in summary
    assert f"fetch --depth 1 origin {upstream['commit']}" in summary
    assert "0 passed, 3 failed" in summary
    assert layers.run_core() == 1


def test_odoo_gate_lets_a_present_tree_through(project, tmp_path, monkeypatch, capsys):
    monkeypatch.setenv("ODOO_PATH", str(fake_tree(tmp_path / "odoo19")))
    monkeypatch.setenv("MN_ODOO_GIT_URL", (tmp_path / "offline").as_uri())
    assert layers.odoo_gate(["odoo", "tours", "e2e"]) == []
    assert capsys.readouterr().out == ""
