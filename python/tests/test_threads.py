"""Many Python threads sharing tokenizers and the catalog get the same answers as one thread."""

from __future__ import annotations

from concurrent.futures import ThreadPoolExecutor

import tokenmeter

TEXTS = [f"thread stress text {i}: " + "lorem ipsum dolor sit amet, " * (i % 50) for i in range(200)]
LONG = "The quick brown fox jumps over the lazy dog. " * 2_000  # above the GIL-release size


def test_shared_tokenizer_from_many_threads() -> None:
    tok = tokenmeter.Tokenizer("o200k_base")
    expected = [tok.count(t) for t in TEXTS]
    long_count = tok.count(LONG)

    def work(i: int) -> tuple[int, list[int], int, int]:
        mine = tokenmeter.Tokenizer("cl100k_base") if i % 2 else tok
        batch = tok.count_batch(TEXTS)
        model = tokenmeter.Catalog.bundled().get("gpt-4o")
        return tok.count(LONG), batch, mine.count(TEXTS[i % len(TEXTS)]), model.context_window

    with ThreadPoolExecutor(max_workers=16) as pool:
        results = list(pool.map(work, range(64)))
    for i, (count_long, batch, one, window) in enumerate(results):
        assert count_long == long_count
        assert batch == expected
        ref = tokenmeter.Tokenizer("cl100k_base") if i % 2 else tok
        assert one == ref.count(TEXTS[i % len(TEXTS)])
        assert window == 128_000


def test_errors_from_many_threads() -> None:
    def work(i: int) -> str:
        try:
            tokenmeter.Tokenizer("o200k_base").decode([10**9 + i])
        except tokenmeter.InvalidInputError as err:
            return err.code
        return "no error"

    with ThreadPoolExecutor(max_workers=8) as pool:
        assert set(pool.map(work, range(100))) == {"INVALID_INPUT"}
