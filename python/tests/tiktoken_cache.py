"""OpenAI's ``tiktoken`` made to work offline: its rank files come from tiktoken-rs's bundled
copies in the cargo registry (the same files, byte for byte). Shared by the tests and the
benchmark, so it imports nothing but the standard library."""

from __future__ import annotations

import hashlib
import os
import shutil
from pathlib import Path

# The URLs tiktoken downloads its rank files from (tiktoken_ext/openai_public.py); tiktoken
# looks for each in TIKTOKEN_CACHE_DIR under the SHA-1 of its URL (tiktoken/load.py).
_RANK_FILES = {
    "https://openaipublic.blob.core.windows.net/encodings/o200k_base.tiktoken": "o200k_base.tiktoken",
    "https://openaipublic.blob.core.windows.net/encodings/cl100k_base.tiktoken": "cl100k_base.tiktoken",
    "https://openaipublic.blob.core.windows.net/encodings/p50k_base.tiktoken": "p50k_base.tiktoken",
    "https://openaipublic.blob.core.windows.net/encodings/r50k_base.tiktoken": "r50k_base.tiktoken",
}



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
