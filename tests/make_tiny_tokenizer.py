#!/usr/bin/env python3
"""Trains the small byte-level BPE tokenizer shipped as tests/data/tiny-bpe.tokenizer.json.

The training text is a fixed list of modules from the Python 3.11 standard library of a Debian
machine (/usr/lib/python3.11, PSF License 2.0, which allows derived works). Only the learned
vocabulary and merges are shipped, not the text. The tokenizer exists to exercise tokenmeter's
tokenizer.json backend (normalizer, byte-level pre-tokenizer, BPE merges, added special tokens)
against Hugging Face `tokenizers`; it is not meant to be a good tokenizer.

Usage: python tests/make_tiny_tokenizer.py   (needs tests/requirements.txt)
"""

from __future__ import annotations

import pathlib

from tokenizers import Tokenizer, decoders, models, normalizers, pre_tokenizers, trainers

ROOT = pathlib.Path(__file__).resolve().parent
OUT = ROOT / "data" / "tiny-bpe.tokenizer.json"
STDLIB = pathlib.Path("/usr/lib/python3.11")
SOURCES = ["textwrap.py", "string.py", "json/decoder.py", "json/encoder.py", "this.py", "difflib.py"]
SPECIALS = ["<|endoftext|>", "<|pad|>", "<|sep|>"]


def main() -> None:
    files = [str(STDLIB / s) for s in SOURCES]
    tok = Tokenizer(models.BPE())
    # NFC so that the vectors exercise a normalizer; byte-level so that any text encodes.
    tok.normalizer = normalizers.NFC()
    tok.pre_tokenizer = pre_tokenizers.ByteLevel(add_prefix_space=False)
    tok.decoder = decoders.ByteLevel()
    trainer = trainers.BpeTrainer(
        vocab_size=1200,
        min_frequency=2,
        special_tokens=SPECIALS,
        initial_alphabet=pre_tokenizers.ByteLevel.alphabet(),
        show_progress=False,
    )
    tok.train(files, trainer)
    OUT.parent.mkdir(parents=True, exist_ok=True)
    tok.save(str(OUT), pretty=False)
    print(f"wrote {OUT} ({OUT.stat().st_size} bytes, vocab {tok.get_vocab_size()})")


if __name__ == "__main__":
    main()
