"""The naming rule of the addons (``CONTRIBUTING.md``), checked on their code.

On a model of Odoo (``_inherit`` without a new ``_name``) everything the suite adds
carries its prefix, so a reader tells the suite's code from core's at a glance:

* fields ``mn_*``;
* private methods ``_mn_*``, and Odoo's hook prefixes followed by it: ``_compute_mn_*``,
  ``_inverse_mn_*``, ``_search_mn_*``, ``_check_mn_*``, ``_onchange_mn_*``,
  ``_default_mn_*``;
* buttons ``action_mn_*``; public methods for reports and scripts ``get_mn_*``.

A method or field of the same name in Odoo itself is an override and keeps core's name.
The suite's own models are all named ``mn.*`` (QWeb report models excepted: Odoo names
them ``report.<module>.<template>``), and their members follow core's idioms unprefixed.

A payment provider addon follows Odoo's convention for providers instead: the addon is
``payment_<code>`` and its additions carry ``<code>`` where the others carry ``mn``
(``qpay_client_id``, ``_qpay_request``), as ``payment_stripe`` adds ``stripe_*``.
"""

import ast
import re
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
ADDONS = ROOT / "addons"


def _prefix(path):
    """``mn``, or ``<code>`` in a payment provider addon ``payment_<code>``."""
    addon = path.relative_to(ADDONS).parts[0]
    return addon.removeprefix("payment_") if addon.startswith("payment_") else "mn"


def _method_rule(prefix):
    return re.compile(
        rf"^(_{prefix}_|_(compute|inverse|search|check|onchange|default)_{prefix}_"
        rf"|action_{prefix}_|get_{prefix}_|__)"
    )


def _field_rule(prefix):
    return re.compile(rf"^{prefix}_")


def _model_classes():
    for path in sorted(ADDONS.glob("*/**/*.py")):
        if "tests" in path.relative_to(ADDONS).parts:
            continue
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.ClassDef):
                attrs = {
                    target.id: stmt.value
                    for stmt in node.body
                    if isinstance(stmt, ast.Assign)
                    for target in stmt.targets
                    if isinstance(target, ast.Name)
                }
                if "_name" in attrs or "_inherit" in attrs:
                    yield path, node, attrs


def _constant(node):
    return node.value if isinstance(node, ast.Constant) else None


def _inherited(attrs):
    """The names in ``_inherit`` (a string or a list of strings)."""
    node = attrs.get("_inherit")
    if isinstance(node, ast.List | ast.Tuple):
        return {_constant(element) for element in node.elts}
    return {_constant(node)}


def _is_new_model(attrs):
    name = _constant(attrs.get("_name"))
    return bool(name) and name not in _inherited(attrs)


@pytest.fixture(scope="module")
def core_names(odoo_path):
    """Every function and class-level name defined in Odoo's Python code."""
    if odoo_path is None:
        pytest.skip("no Odoo tree: overrides cannot be told from additions")
    names = set()
    pattern = re.compile(r"^\s*(?:def (\w+)\(|(\w+) = fields\.)", re.MULTILINE)
    for path in (odoo_path / "addons").glob("*/**/*.py"):
        for match in pattern.finditer(path.read_text(encoding="utf-8", errors="ignore")):
            names.add(match.group(1) or match.group(2))
    for path in (odoo_path / "odoo").rglob("*.py"):
        for match in pattern.finditer(path.read_text(encoding="utf-8", errors="ignore")):
            names.add(match.group(1) or match.group(2))
    return names


def test_new_models_are_named_mn():
    wrong = []
    for path, node, attrs in _model_classes():
        name = _constant(attrs.get("_name"))
        if _is_new_model(attrs) and not name.startswith(("mn.", "report.")):
            wrong.append(f"{path.relative_to(ROOT)}: {node.name} _name = {name!r}")
    assert not wrong, "new models are named mn.*:\n" + "\n".join(wrong)


def test_additions_to_core_models_carry_the_prefix(core_names):
    wrong = []
    for path, node, attrs in _model_classes():
        if _is_new_model(attrs):
            continue  # the suite's own model
        where = f"{path.relative_to(ROOT)}: {node.name}"
        method_rule, field_rule = _method_rule(_prefix(path)), _field_rule(_prefix(path))
        for stmt in node.body:
            if isinstance(stmt, ast.FunctionDef):
                if stmt.name not in core_names and not method_rule.match(stmt.name):
                    wrong.append(f"{where}.{stmt.name}()")
            elif isinstance(stmt, ast.Assign) and isinstance(stmt.value, ast.Call):
                func = stmt.value.func
                is_field = isinstance(func, ast.Attribute) and (
                    isinstance(func.value, ast.Name) and func.value.id == "fields"
                )
                for target in stmt.targets:
                    if (
                        is_field
                        and isinstance(target, ast.Name)
                        and target.id not in core_names
                        and not field_rule.match(target.id)
                    ):
                        wrong.append(f"{where}.{target.id} (field)")
    assert not wrong, "additions to Odoo's models break the naming rule:\n" + "\n".join(wrong)
