#!/usr/bin/env bash
# tokenmeter's main job on the example data bundled in the repo: before a model call, count the
# request, check it fits and what it costs at best and worst, compare models, and make a long
# document fit a budget. Every command here is the CLI users script against.
set -euo pipefail
cd "$(dirname "$0")/.."
cargo build -q --release -p tokenmeter-cli
tm=target/release/tokenmeter
[ -x "$tm" ] || tm="target/$(rustc -vV | sed -n 's/^host: //p')/release/tokenmeter"

step() { printf '\n$ tokenmeter %s\n' "$*"; "$tm" "$@"; }

step count --model gpt-4o --chat examples/chat.json --json
step preflight --model gpt-4o --chat examples/chat.json --max-output 500
step preflight --model claude-sonnet-4-5 --chat examples/chat.json --max-output 500
step compare --chat examples/chat.json --models gpt-4o,gpt-4o-mini,claude-sonnet-4-5,gemini-2.5-flash,deepseek-chat --output-tokens 300
step cost --model claude-sonnet-4-5 --usage examples/anthropic-usage.json
step count tests/data/savings/regex-readme.md
step prune --passes markdown,dedupe,whitespace --json tests/data/savings/regex-readme.md | head -c 400; echo
step fit --budget 60 --keep both tests/data/savings/regex-readme.md
