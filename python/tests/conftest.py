"""Shared fixtures: the repository's conformance vectors, and OpenAI's ``tiktoken`` made to work
offline as the reference tokenizer."""

from __future__ import annotations

import hashlib
import json
import os
import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

REPO = Path(__file__).resolve().parents[2]
VECTORS = REPO / "tests" / "vectors"

# The URLs tiktoken downloads its rank files from (tiktoken_ext/openai_public.py); tiktoken
# looks for each in TIKTOKEN_CACHE_DIR under the SHA-1 of its URL (tiktoken/load.py).
_RANK_FILES = {
    "https://openaipublic.blob.core.windows.net/encodings/o200k_base.tiktoken": "o200k_base.tiktoken",
    "https://openaipublic.blob.core.windows.net/encodings/cl100k_base.tiktoken": "cl100k_base.tiktoken",
    "https://openaipublic.blob.core.windows.net/encodings/p50k_base.tiktoken": "p50k_base.tiktoken",
    "https://openaipublic.blob.core.windows.net/encodings/r50k_base.tiktoken": "r50k_base.tiktoken",
}


def load_vectors(op: str) -> list[Any]:
    """The cases of ``tests/vectors/<op>.json`` as pytest params with their ids. A file that has
    not landed on this branch yet gives no cases (pytest reports the test as skipped)."""
    path = VECTORS / f"{op}.json"
    if not path.exists():
        return []
    data = json.loads(path.read_text(encoding="utf-8"))
    assert data["op"] == op, f"{path} says op {data['op']!r}"
    return [pytest.param(case, id=case["id"]) for case in data["cases"]]


def tiktoken_assets() -> Path:
    """tiktoken-rs's bundled copies of OpenAI's rank files, in the cargo registry."""
    cargo_home = Path(os.environ.get("CARGO_HOME", Path.home() / ".cargo"))
    found = sorted((cargo_home / "registry" / "src").glob("*/tiktoken-rs-*/assets"))
    if not found:
        raise RuntimeError(
            f"no tiktoken-rs assets under {cargo_home}/registry/src; run `cargo fetch` first"
        )
    return found[-1]


def offline_tiktoken_cache(cache_dir: Path) -> Path:
    """Fills ``cache_dir`` with the rank files under the names tiktoken looks for."""
    cache_dir.mkdir(parents=True, exist_ok=True)
    assets = tiktoken_assets()
    for url, name in _RANK_FILES.items():
        target = cache_dir / hashlib.sha1(url.encode()).hexdigest()
        if not target.exists():
            shutil.copyfile(assets / name, target)
    return cache_dir


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
