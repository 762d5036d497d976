#!/usr/bin/env bash
# Every test of the project: Rust (fmt, clippy, unit, conformance, properties, doc tests, CLI), then the
# bindings' suites when their folders exist. Installs what a fresh machine lacks, idempotently.
set -euo pipefail
cd "$(dirname "$0")/.."
export CARGO_TERM_COLOR=never

step() { printf '\n== %s\n' "$*"; }
# logs of this run only: worktrees of the same repository run this script side by side on one machine
logs=$(mktemp -d /tmp/hokensho-test.XXXXXX)
trap 'rm -rf "$logs"' EXIT

step "rust toolchain components"
rustup component add rustfmt clippy >/dev/null 2>&1 || true

step "cargo fmt --check"
cargo fmt --all -- --check

step "cargo clippy -D warnings"
cargo clippy --workspace --all-targets -q -- -D warnings

step "cargo test (unit, conformance corpus, properties, errors, doc tests)"
cargo test --workspace -q 2>&1 | tee "$logs/cargo-test.log"
grep -q "test result: FAILED" "$logs/cargo-test.log" && exit 1

step "the JSON Schemas in schema/ are those of the Rust types (core feature \`schema\`)"
cargo clippy -p hokensho --features schema --all-targets -q -- -D warnings
cargo test -p hokensho --features schema --test schema -q 2>&1 | tee -a "$logs/cargo-test.log"
grep -q "test result: FAILED" "$logs/cargo-test.log" && exit 1

step "cli: the README's main command, streaming one line per input line"
lines_in=$(wc -l < examples/members.jsonl)
lines_out=$(cargo run -q -p hokensho-cli -- assess examples/members.jsonl --on 2025-12-02 | wc -l)
if [ "$lines_in" != "$lines_out" ]; then echo "cli wrote $lines_out lines for $lines_in input lines"; exit 1; fi
echo "cli: $lines_out lines for $lines_in members"

rust=$(grep -o "ok\. [0-9]* passed" "$logs/cargo-test.log" | awk '{s += $2} END {print s + 0}')
total=$rust
for suite in bindings-python/test.sh bindings-wasm/test.sh; do
  if [ -f "$suite" ]; then
    step "$suite"
    bash "$suite" 2>&1 | tee "$logs/suite.log"
    n=$(grep -oE "^(node: )?[0-9]+ passed" "$logs/suite.log" | grep -oE "[0-9]+" | tail -1)
    total=$((total + ${n:-0}))
  fi
done
step "scripts/package-tests.sh (the crate, the wheel and the npm package, installed as a user installs them)"
bash scripts/package-tests.sh 2>&1 | tee "$logs/package-tests.log"
n=$(grep -oE "^package-tests: [0-9]+ passed" "$logs/package-tests.log" | grep -oE "[0-9]+" | tail -1)
total=$((total + ${n:-0}))
step "all tests passed (rust ${rust}; total over rust, python, node and the packages below)"
echo "tests: ${total} passed, 0 failed"
