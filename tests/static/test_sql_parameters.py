"""No input reaches SQL except through ``odoo.tools.SQL`` parameters.

Every ``execute`` call of the addons passes an ``SQL(...)`` object, and every ``SQL(...)``
is built from a literal template: values and identifiers go in as its arguments
(``SQL.identifier`` for names), never by f-strings, ``%`` formatting, ``.format`` or
concatenation of the template. The one exception is core's ``sale.report`` string API
(``_select_additional_fields``, ``_from_sale``, ``_group_by_sale`` return SQL text): the
reports addon extends it with constant fragments only, which the last test checks.
"""

import ast
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
SOURCES = sorted(p for p in (ROOT / "addons").glob("*/**/*.py") if "/tests/" not in str(p))


def _is_sql_call(node):
    func = getattr(node, "func", None)
    return isinstance(node, ast.Call) and (
        (isinstance(func, ast.Name) and func.id == "SQL")
        or (isinstance(func, ast.Attribute) and func.attr == "SQL")
    )


def _literal(node):
    return isinstance(node, ast.Constant) and isinstance(node.value, str)


def _findings(path):
    tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
    found = []
    for node in ast.walk(tree):
        if not isinstance(node, ast.Call):
            continue
        where = f"{path.relative_to(ROOT)}:{node.lineno}"
        func = node.func
        if isinstance(func, ast.Attribute) and func.attr == "execute" and node.args:
            if not _is_sql_call(node.args[0]):
                found.append(f"{where}: execute() without an SQL(...) object")
        if _is_sql_call(node) and node.args and not _literal(node.args[0]):
            found.append(f"{where}: SQL() template is not a literal string")
    return found


def test_sql_only_through_parameters():
    assert SOURCES
    assert [finding for path in SOURCES for finding in _findings(path)] == []


def test_the_check_catches_string_building(tmp_path):
    bad = tmp_path / "bad.py"
    bad.write_text(
        "def f(cr, name, SQL):\n"
        "    cr.execute(f'SELECT * FROM res_partner WHERE name = {name}')\n"
        "    cr.execute('SELECT 1 WHERE %s' % name)\n"
        "    cr.execute(SQL('SELECT ' + name))\n"
        "    cr.execute(SQL('SELECT %s', name))\n",
        encoding="utf-8",
    )
    global ROOT  # noqa: PLW0603 -- report paths relative to the temporary folder
    saved, ROOT = ROOT, tmp_path
    try:
        findings = _findings(bad)
    finally:
        ROOT = saved
    assert len(findings) == 3, findings


def test_sale_report_fragments_take_no_input():
    """The reports addon's SQL text methods take nothing but ``self`` (constant fragments)."""
    path = ROOT / "addons/mn_crm_sales_reports/report/sale_report.py"
    tree = ast.parse(path.read_text(encoding="utf-8"))
    methods = [
        node
        for node in ast.walk(tree)
        if isinstance(node, ast.FunctionDef)
        and node.name.startswith(("_mn_", "_select", "_from", "_group"))
    ]
    assert methods
    for method in methods:
        params = [a.arg for a in method.args.args]
        if method.name == "_mn_if_product_line" or method.name == "_mn_goods_sum":
            # they wrap fragments built in this file from constants
            assert params == ["self", "expr"], method.name
            continue
        assert params == ["self"], method.name
