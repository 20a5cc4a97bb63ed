"""docs/ebarimt_payload.md names, for each payload rule, the test that proves it."""

import ast
import re
import unittest
from pathlib import Path

from odoo.tests import BaseCase, tagged

TESTS = Path(__file__).resolve().parent
DOC = TESTS.parents[2] / "docs" / "ebarimt_payload.md"
REFERENCE = re.compile(r"`(test_\w+\.py)::(\w+)::(test_\w+)`")


@tagged("post_install", "-at_install")
class TestEbarimtPayloadDoc(BaseCase):
    def test_every_named_test_exists(self):
        if not DOC.is_file():
            raise unittest.SkipTest("the addon is outside its repository (no docs/)")
        references = set(REFERENCE.findall(DOC.read_text(encoding="utf-8")))
        self.assertGreater(len(references), 20)
        methods = {}
        for file_name in {file_name for file_name, _cls, _method in references}:
            tree = ast.parse((TESTS / file_name).read_text(encoding="utf-8"))
            for node in tree.body:
                if isinstance(node, ast.ClassDef):
                    methods[file_name, node.name] = {
                        item.name for item in node.body if isinstance(item, ast.FunctionDef)
                    }
        missing = sorted(
            "::".join(reference)
            for reference in references
            if reference[2] not in methods.get(reference[:2], ())
        )
        self.assertFalse(missing, "tests named in docs/ebarimt_payload.md that do not exist")
