"""Many Python threads sharing tokenizers and the catalog get the same answers as one thread."""

from __future__ import annotations

import threading
import time
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


def test_long_counts_release_the_gil() -> None:
    """While one thread counts a long text, another runs Python code: the count holds no GIL.
    (With the GIL held, the main thread could not run between the call's first few
    milliseconds and its return.)"""
    tok = tokenmeter.Tokenizer("o200k_base")
    text = "The quick brown fox jumps over the lazy dog. " * 20_000
    while True:  # make one count last at least 0.3 s on this machine
        t0 = time.perf_counter()
        tok.count(text)
        if time.perf_counter() - t0 >= 0.3:
            break
        text += text
    span: list[float] = []

    def count() -> None:
        span.append(time.perf_counter())
        tok.count(text)
        span.append(time.perf_counter())

    worker = threading.Thread(target=count)
    ticks: list[float] = []
    worker.start()
    while worker.is_alive():
        ticks.append(time.perf_counter())
        time.sleep(0.001)
    worker.join()
    start, end = span
    inside = [t for t in ticks if start + 0.05 < t < end]
    assert inside, f"the main thread never ran during a {end - start:.2f} s count"
