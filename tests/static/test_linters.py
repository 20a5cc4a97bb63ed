"""The OCA template's checks (.pre-commit-config.yaml) pass on the whole repository.

One run of `pre-commit run --all-files`: ruff and ruff-format, pylint-odoo (mandatory checks
blocking, optional ones reported), prettier with plugin-xml, eslint, oca-checks-odoo-module,
oca-checks-po, the generated README.rst, whool and the whitespace hooks. The hooks' tools come
from PyPI and npm, installed once into pre-commit's cache (~/.cache/pre-commit).

Like any pre-commit run, fixing hooks rewrite what they would fix (`make fmt` runs only
those); the test fails then, the output names the files (`git diff` shows the changes).
"""

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def test_pre_commit_all_files():
    # As OCA's CI: the hooks run in their own environments, without Odoo on the path.
    env = {key: value for key, value in os.environ.items() if key != "PYTHONPATH"}
    proc = subprocess.run(
        [
            sys.executable,
            "-m",
            "pre_commit",
            "run",
            "--all-files",
            "--color=never",
        ],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
    )
    code, output = proc.returncode, proc.stdout + proc.stderr
    assert code == 0, f"pre-commit run --all-files exited {code}:\n{output}"
