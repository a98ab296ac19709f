#!/usr/bin/env bash
# Python package: builds the wheel with maturin (from PyPI), installs it into a fresh virtual
# environment, and runs pytest, mypy --strict on the full-API example, and stubtest there.
# Called by scripts/test-all.sh; runnable alone.
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$PWD
: "${CARGO_BUILD_TARGET:=$(rustc -vV | sed -n 's/^host: //p')}"
export CARGO_BUILD_TARGET

VENV=$ROOT/target/python-ci-venv
WHEELS=$ROOT/target/python-ci-wheels
rm -rf "$VENV" "$WHEELS"
python3 -m venv "$VENV"
"$VENV/bin/pip" install --quiet --upgrade pip
"$VENV/bin/pip" install --quiet "maturin>=1.16,<2" "pytest>=8" "mypy>=1.10" tiktoken

# A debug wheel is enough for tests (benchmarks build their own release wheel).
(cd python && "$VENV/bin/maturin" build --quiet --out "$WHEELS")
"$VENV/bin/pip" install --quiet "$WHEELS"/tokenmeter-*.whl

# The tiktoken reference tests read OpenAI's rank files from tiktoken-rs in the cargo registry.
cargo fetch --quiet

# Run from python/tests' parent with the pytest entry point (not `python -m`), so `tokenmeter`
# is the installed wheel, never the source folder.
(cd python && "$VENV/bin/pytest" -q -p no:cacheprovider)
(cd python && "$VENV/bin/mypy" --strict --no-incremental examples/full_api.py)
(cd python && "$VENV/bin/python" examples/full_api.py)
(cd "$ROOT/target" && "$VENV/bin/python" -m mypy.stubtest tokenmeter._native \
    --allowlist "$ROOT/python/stubtest-allowlist.txt")
