"""Every context key the addons read is listed, and none of the suite's is read as plain JSON.

A caller sends the whole context as JSON. ``addons/mn_crm_sales/tools/context_keys.py``
lists the suite's internal flags (Python objects a JSON body cannot carry) and the core
keys the suite reads with the reason each is safe. This test reads the addons' code and
fails on any other context read, and on any suite key (``mn_*``) read or set by name.
"""

import ast
import importlib.util
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
ADDONS = ROOT / "addons"


def _load_registry():
    path = ADDONS / "mn_crm_sales" / "tools" / "context_keys.py"
    spec = importlib.util.spec_from_file_location("mn_context_keys", path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


REGISTRY = _load_registry()


def _code_files():
    return sorted(
        path
        for path in ADDONS.glob("*/**/*.py")
        if "tests" not in path.relative_to(ADDONS).parts and path.name != "context_keys.py"
    )


def _is_context(node):
    """``...context`` (``self.env.context``, ``self._context``, a local ``context``)."""
    if isinstance(node, ast.Attribute):
        return node.attr in ("context", "_context")
    return isinstance(node, ast.Name) and node.id == "context"


def _constants(tree):
    """Module-level ``NAME = "text"`` assignments: keys are often named constants."""
    constants = {}
    for node in tree.body:
        if (
            isinstance(node, ast.Assign)
            and isinstance(node.value, ast.Constant)
            and isinstance(node.value.value, str)
        ):
            for target in node.targets:
                if isinstance(target, ast.Name):
                    constants[target.id] = node.value.value
    return constants


def _key(node, constants):
    if isinstance(node, ast.Constant):
        return node.value
    if isinstance(node, ast.Name):
        return constants.get(node.id, f"<variable {node.id}>")
    return "<expression>"


def _context_reads(tree):
    """(line, key) of every key read from a context (literal, constant or variable)."""
    constants = _constants(tree)
    for node in ast.walk(tree):
        key = None
        if (
            isinstance(node, ast.Call)
            and isinstance(node.func, ast.Attribute)
            and node.func.attr == "get"
            and _is_context(node.func.value)
            and node.args
        ):
            key = _key(node.args[0], constants)
        elif isinstance(node, ast.Subscript) and _is_context(node.value):
            key = _key(node.slice, constants)
        elif (
            isinstance(node, ast.Compare)
            and any(isinstance(op, ast.In | ast.NotIn) for op in node.ops)
            and any(_is_context(comparator) for comparator in node.comparators)
        ):
            key = _key(node.left, constants)
        if isinstance(key, str):
            yield node.lineno, key


def _suite_keys_set_by_name(tree):
    """(line, key) of ``with_context(mn_x=...)`` and ``with_context(**{"mn_x": ...})``."""
    constants = _constants(tree)
    for node in ast.walk(tree):
        if not (
            isinstance(node, ast.Call)
            and isinstance(node.func, ast.Attribute)
            and node.func.attr == "with_context"
        ):
            continue
        for keyword in node.keywords:
            if keyword.arg and keyword.arg.startswith("mn_"):
                yield node.lineno, keyword.arg
            if keyword.arg is None and isinstance(keyword.value, ast.Dict):
                for key in keyword.value.keys:
                    name = _key(key, constants) if key is not None else ""
                    if str(name).startswith("mn_"):
                        yield node.lineno, name


@pytest.mark.parametrize("path", _code_files(), ids=lambda path: str(path.relative_to(ADDONS)))
def test_context_reads_are_listed(path):
    tree = ast.parse(path.read_text(encoding="utf-8"))
    problems = []
    for line, key in _context_reads(tree):
        if key.startswith("mn_") or key in REGISTRY.SUITE_KEYS:
            problems.append(f"line {line}: suite key {key!r} read by name (use its Flag object)")
        elif key not in REGISTRY.CORE_KEYS:
            problems.append(f"line {line}: context key {key!r} is not listed in CORE_KEYS")
    for line, key in _suite_keys_set_by_name(tree):
        problems.append(f"line {line}: suite key {key!r} set by name (use its Flag object)")
    assert not problems, "\n".join(problems)


def test_every_listed_key_has_a_reason_and_a_reader():
    sources = "\n".join(path.read_text(encoding="utf-8") for path in _code_files())
    for key, item in REGISTRY.SUITE_KEYS.items():
        assert item.why.strip(), key
        name = next(name for name, value in vars(REGISTRY).items() if value is item)
        assert name in sources, f"{name} ({key}) is listed but never used"
    for key, why in REGISTRY.CORE_KEYS.items():
        assert why.strip(), key


def test_a_json_value_never_turns_a_flag_on():
    """The very check the addons use: JSON values under the key are ignored."""

    class FakeEnv:
        def __init__(self, context):
            self.context = context

    for key, item in REGISTRY.SUITE_KEYS.items():
        for value in (True, 1, "1", key, {"a": 1}, [1], None):
            env = FakeEnv({key: value})
            if isinstance(item, REGISTRY.Flag):
                assert not item.is_on(env), (key, value)
            else:
                assert item.get(env, "absent") == "absent", (key, value)
