#!/usr/bin/env python3
"""Builds the compact rank tables that tokenmeter embeds, from OpenAI's `.tiktoken` files.

Source files: the `.tiktoken` files that OpenAI publishes at
https://openaipublic.blob.core.windows.net/encodings/<name>.tiktoken, which the `tiktoken-rs`
crate ships byte-for-byte in its `assets/` folder. This script reads them from the local cargo
registry (nothing is downloaded) and refuses any file whose SHA-256 differs from the
`expected_hash` that OpenAI's `tiktoken` publishes in `tiktoken_ext/openai_public.py`.

Output format (`<name>.bin`, little-endian), chosen so that loading is a single pass with no
base64 decoding and no per-token allocation:

    b"TMRANKS1"            magic
    u32 n                  one past the highest rank
    u8  len[n]             byte length of the token with rank i (1..=255); 0 marks a rank that
                           is not a mergeable token (p50k_base skips 50256, its <|endoftext|>)
    u8  bytes[sum(len)]    the token bytes, concatenated in rank order

Usage: python3 crates/tokenmeter/data/ranks/build.py [ASSETS_DIR]
"""

import base64
import glob
import hashlib
import os
import struct
import sys

# tiktoken 0.14.0, tiktoken_ext/openai_public.py, `expected_hash=` of each load_tiktoken_bpe call.
EXPECTED_SHA256 = {
    "r50k_base": "306cd27f03c1a714eca7108e03d66b7dc042abe8c258b44c199a7ed9838dd930",
    "p50k_base": "94b5ca7dff4d00767bc256fdd1b27e5b17361d7b8a5f968547f9f23eb70d2069",
    "cl100k_base": "223921b76ee99bde995b7ff738513eef100fb51d18c93597a113bcffe865b2a7",
    "o200k_base": "446a9538cb6c348e3516120d7c08b09f57c36495e2acfffe59a5bf8b0cfb1a2d",
}


def find_assets() -> str:
    if len(sys.argv) > 1:
        return sys.argv[1]
    home = os.path.expanduser("~/.cargo/registry/src")
    found = sorted(glob.glob(os.path.join(home, "*", "tiktoken-rs-0.12*", "assets")))
    if not found:
        sys.exit("build.py: no tiktoken-rs-0.12 assets in ~/.cargo/registry; run `cargo fetch` first")
    return found[-1]


def convert(assets: str, name: str, out_dir: str) -> None:
    path = os.path.join(assets, f"{name}.tiktoken")
    with open(path, "rb") as f:
        raw = f.read()
    digest = hashlib.sha256(raw).hexdigest()
    if digest != EXPECTED_SHA256[name]:
        sys.exit(f"build.py: {path}: sha256 {digest} != tiktoken's expected {EXPECTED_SHA256[name]}")
    tokens = []
    seen = set()
    for number, line in enumerate(raw.splitlines()):
        if not line:
            continue
        token_b64, rank_text = line.split()
        rank = int(rank_text)
        if rank < len(tokens):
            sys.exit(f"build.py: {path}:{number + 1}: rank {rank} is not increasing")
        token = base64.b64decode(token_b64)
        if not 1 <= len(token) <= 255:
            sys.exit(f"build.py: {path}:{number + 1}: token length {len(token)} out of 1..=255")
        if token in seen:
            sys.exit(f"build.py: {path}:{number + 1}: duplicate token")
        seen.add(token)
        tokens.extend([b""] * (rank - len(tokens)))
        tokens.append(token)
    out = os.path.join(out_dir, f"{name}.bin")
    with open(out, "wb") as f:
        f.write(b"TMRANKS1")
        f.write(struct.pack("<I", len(tokens)))
        f.write(bytes(len(t) for t in tokens))
        f.write(b"".join(tokens))
    print(f"{out}: {len(seen)} tokens, ranks 0..{len(tokens)}, sha256 of source ok, {os.path.getsize(out)} bytes")


def main() -> None:
    assets = find_assets()
    out_dir = os.path.dirname(os.path.abspath(__file__))
    for name in EXPECTED_SHA256:
        convert(assets, name, out_dir)


if __name__ == "__main__":
    main()
