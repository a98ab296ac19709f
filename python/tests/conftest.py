"""Shared fixtures: the repository's conformance vectors, and OpenAI's ``tiktoken`` made to work
offline as the reference tokenizer."""

from __future__ import annotations

import json
import os
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from tiktoken_cache import offline_tiktoken_cache

REPO = Path(__file__).resolve().parents[2]
VECTORS = REPO / "tests" / "vectors"

def load_vectors(op: str) -> list[Any]:
    """The cases of ``tests/vectors/<op>.json`` as pytest params with their ids. A file that has
    not landed on this branch yet gives no cases (pytest reports the test as skipped)."""
    path = VECTORS / f"{op}.json"
    if not path.exists():
        return []
    data = json.loads(path.read_text(encoding="utf-8"))
    assert data["op"] == op, f"{path} says op {data['op']!r}"
    return [pytest.param(case, id=case["id"]) for case in data["cases"]]


@pytest.fixture(scope="session")
def tiktoken_module(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Any]:
    """OpenAI's ``tiktoken`` package, reading rank files from a local cache (never the network)."""
    tiktoken = pytest.importorskip("tiktoken")
    cache = offline_tiktoken_cache(tmp_path_factory.mktemp("tiktoken-cache"))
    old = os.environ.get("TIKTOKEN_CACHE_DIR")
    os.environ["TIKTOKEN_CACHE_DIR"] = str(cache)
    yield tiktoken
    if old is None:
        del os.environ["TIKTOKEN_CACHE_DIR"]
    else:
        os.environ["TIKTOKEN_CACHE_DIR"] = old
