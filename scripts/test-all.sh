#!/usr/bin/env bash
# Runs every test of the project: Rust (workspace, doctests), and, as they land, the Python,
# Node and uniffi bindings. This is the README's test command and what .ci/run calls.
set -euo pipefail
cd "$(dirname "$0")/.."

section() { printf '\n=== %s ===\n' "$*"; }

section "rust: build and test the workspace"
cargo test --workspace --all-targets
cargo test --workspace --doc

section "rust: an encoding left out by cargo features is a clear error"
cargo test -p tokenmeter --lib --no-default-features --features o200k

section "pricing: properties with more cases (lines add up, monotone cost, price(0) = 0)"
PROPTEST_CASES="${PROPTEST_CASES:-2000}" cargo test -p tokenmeter --test pricing_properties

section "fitting: savings table on tests/data/savings (docs/fitting.md)"
cargo run -q -p tokenmeter --example savings

section "uniffi: Swift generation, Python and Kotlin conformance over the cdylib"
bash bindings/uniffi/tests/run.sh
