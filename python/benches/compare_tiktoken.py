"""tokenmeter vs OpenAI's tiktoken (PyPI), side by side in one run on one corpus.

Measures, for o200k_base and cl100k_base:
  * large text: count throughput (MB/s) of ``Tokenizer.count`` vs ``len(tiktoken.encode)``
    on the 1.24 MB benchmark corpus of ``benches/corpus.py`` (English prose, Python and C
    source, and Japanese, Chinese, Korean, Russian, Arabic, Hindi, Greek, Hebrew and Thai
    translations from a Debian machine), one thread;
  * short strings: per-call time on 50-200 character chat messages;
  * cold start: ``import`` plus the first o200k count, each in a fresh interpreter.
Counts are checked equal before anything is timed. Best of N repeats after a warm-up;
tokenmeter's per-thread cache of merged pieces is emptied before each timed repeat.

Run (release wheel, offline tiktoken):
    python3 benches/corpus.py
    python python/benches/compare_tiktoken.py
It builds nothing; install a release wheel first (see docs/python.md).
"""

from __future__ import annotations

import os
import platform
import random
import statistics
import subprocess
import sys
import tempfile
import time
from importlib.metadata import version
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "tests"))
from tiktoken_cache import offline_tiktoken_cache  # noqa: E402

import tiktoken  # noqa: E402

import tokenmeter  # noqa: E402

ENCODINGS = ["o200k_base", "cl100k_base"]
REPEATS = int(os.environ.get("BENCH_REPEATS", "5"))


ROOT = Path(__file__).resolve().parents[2]
CORPUS = Path(os.environ.get("TOKENMETER_CORPUS", ROOT / "target" / "bench-corpus"))


def corpus() -> str:
    """The benchmark corpus that ``benches/corpus.py`` builds (the one the Rust and Node
    comparisons use): real text nobody on this project wrote, from files of a stock Debian
    machine: English licence prose, Python and C sources, and translations in nine scripts."""
    files = sorted(p for p in CORPUS.glob("*.txt") if p.name != "MANIFEST.txt")
    if not files:
        sys.exit(f"no corpus in {CORPUS}: run `python3 benches/corpus.py` first")
    return "\n".join(p.read_text(encoding="utf-8") for p in files)


def messages(n: int = 2000) -> list[str]:
    """Chat-sized snippets: 50-200 characters from random places in the corpus."""
    rng = random.Random(7)
    base = corpus()
    out = []
    for _ in range(n):
        start = rng.randrange(len(base) - 300)
        out.append(base[start:start + rng.randint(50, 200)])
    return out


def best(fn, repeats: int = REPEATS, setup=lambda: None) -> float:  # type: ignore[no-untyped-def]
    fn()  # warm-up
    times = []
    for _ in range(repeats):
        setup()
        t0 = time.perf_counter()
        fn()
        times.append(time.perf_counter() - t0)
    return min(times)


def cold_start(code: str) -> float:
    """Median wall time of `python -c code` in fresh interpreters."""
    times = []
    for _ in range(5):
        t0 = time.perf_counter()
        subprocess.run([sys.executable, "-c", code], check=True, env=os.environ.copy())
        times.append(time.perf_counter() - t0)
    return statistics.median(times)


def main() -> None:
    os.environ["TIKTOKEN_CACHE_DIR"] = str(offline_tiktoken_cache(Path(tempfile.mkdtemp()) / "tiktoken"))
    text = corpus()
    mb = len(text.encode()) / 1e6
    short = messages()
    print(f"# tokenmeter {tokenmeter.__version__} vs tiktoken {version('tiktoken')}; "
          f"Python {platform.python_version()}, {platform.machine()}, {os.cpu_count()} cores; "
          f"corpus {mb:.2f} MB; best of {REPEATS}")
    print("| encoding | large text: tokenmeter MB/s | tiktoken MB/s | ratio | short: tokenmeter µs/call | tiktoken µs/call | ratio |")
    print("|---|---|---|---|---|---|---|")
    for name in ENCODINGS:
        tm = tokenmeter.Tokenizer(name)
        tk = tiktoken.get_encoding(name)
        assert tm.count(text) == len(tk.encode(text, disallowed_special=())), f"{name}: counts differ"
        assert all(tm.count(s) == len(tk.encode(s, disallowed_special=())) for s in short)
        # tokenmeter cold: its per-thread piece cache emptied before each timed round (tiktoken
        # keeps no cache), so repeating one corpus does not time cache hits.
        cold = tokenmeter.Tokenizer.clear_thread_cache
        t_tm = best(lambda: tm.count(text), setup=cold)
        t_tk = best(lambda: tk.encode(text, disallowed_special=()))
        s_tm = best(lambda: [tm.count(s) for s in short], setup=cold)
        s_tk = best(lambda: [tk.encode(s, disallowed_special=()) for s in short])
        per = 1e6 / len(short)
        print(f"| {name} | {mb / t_tm:.1f} | {mb / t_tk:.1f} | {t_tk / t_tm:.2f}x "
              f"| {s_tm * per:.2f} | {s_tk * per:.2f} | {s_tk / s_tm:.2f}x |")
    cold_tm = cold_start("import tokenmeter; tokenmeter.Tokenizer('o200k_base').count('hello world')")
    cold_tk = cold_start("import tiktoken; len(tiktoken.get_encoding('o200k_base').encode('hello world'))")
    print(f"\nimport + first o200k count (median of 5 fresh interpreters): tokenmeter {cold_tm * 1e3:.0f} ms, "
          f"tiktoken {cold_tk * 1e3:.0f} ms ({cold_tk / cold_tm:.2f}x)")


if __name__ == "__main__":
    main()
