"""The Python snippets of the docs run as written (docs/python.md feeds the README)."""

from __future__ import annotations

import re

import pytest

from conftest import REPO

DOC = REPO / "docs" / "python.md"
SNIPPETS = re.findall(r"```python\n(.*?)```", DOC.read_text(encoding="utf-8"), re.S)


def test_the_doc_has_snippets() -> None:
    assert SNIPPETS, f"no ```python blocks in {DOC}"


@pytest.mark.parametrize("code", SNIPPETS, ids=[f"snippet-{i}" for i in range(len(SNIPPETS))])
def test_snippet_runs(code: str) -> None:
    exec(compile(code, str(DOC), "exec"), {"__name__": "docs_snippet"})
