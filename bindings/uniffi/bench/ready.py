"""Mobile budget: time and memory to ready a tokenizer through the uniffi bindings.

Loads uniffi's generated Python module over a cdylib (build it with the size-optimized
profile for figures that match a mobile build), then, in a fresh process per run, measures
the wall time of `Tokenizer.from_encoding(name)` plus a first `count` (which loads the
encoding's tables) and the resident memory that adds. Usage (see docs/uniffi.md):

    python3 bindings/uniffi/bench/ready.py <dir with tokenmeter_uniffi.py and the .so> \
        [encoding] [runs]

Prints the median and worst of the runs. Figures are for this machine (Linux x86_64); a
phone's cores are slower, its memory behaviour the same.
"""

import json
import statistics
import subprocess
import sys

CHILD = r"""
import json, resource, sys, time
sys.path.insert(0, sys.argv[1])
import tokenmeter_uniffi as tm

def rss_kib():
    with open("/proc/self/status") as f:
        for line in f:
            if line.startswith("VmRSS:"):
                return int(line.split()[1])
    raise RuntimeError("no VmRSS")

before = rss_kib()
start = time.perf_counter()
tok = tm.Tokenizer.from_encoding(sys.argv[2])
n = tok.count("hello world")
ready = time.perf_counter() - start
after = rss_kib()
peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
print(json.dumps({"ready_ms": ready * 1000, "rss_added_kib": after - before,
                  "peak_rss_kib": peak, "count": n}))
"""


def main():
    libdir = sys.argv[1]
    encoding = sys.argv[2] if len(sys.argv) > 2 else "o200k_base"
    runs = int(sys.argv[3]) if len(sys.argv) > 3 else 5
    results = []
    for _ in range(runs):
        out = subprocess.run([sys.executable, "-c", CHILD, libdir, encoding],
                             check=True, capture_output=True, text=True).stdout
        results.append(json.loads(out))
    if any(r["count"] != 2 for r in results):
        sys.exit(f"wrong count of 'hello world' for {encoding}: {results}")
    ready = [r["ready_ms"] for r in results]
    added = [r["rss_added_kib"] / 1024 for r in results]
    peak = [r["peak_rss_kib"] / 1024 for r in results]
    print(f"{encoding}: ready (construct + first count) median {statistics.median(ready):.1f} ms, "
          f"worst {max(ready):.1f} ms; RSS added median {statistics.median(added):.1f} MiB; "
          f"process peak RSS median {statistics.median(peak):.1f} MiB ({runs} runs)")


if __name__ == "__main__":
    main()
