#!/usr/bin/env bash
# The wasm binding's tests: builds the npm package, checks the TypeScript declarations with tsc --strict (with the
# DOM lib, and with neither DOM nor @types/node), runs the Node tests (the shared conformance corpus, errors, dates,
# order, the package's entries) and the browser tests (examples/web/ in Debian's headless Chromium, installed here
# when missing, at 1280 and 390 px with axe-core; screenshots in bindings-wasm/test-output/). Idempotent.
set -euo pipefail
cd "$(dirname "$0")/.."
command -v node >/dev/null || { echo "node is required"; exit 1; }
if [ ! -x /usr/bin/chromium ] || ! fc-list 2>/dev/null | grep -qi "noto sans cjk"; then
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  apt-get install -y -qq chromium fonts-noto-cjk >/dev/null
fi
bash bindings-wasm/build.sh
cargo build -q -p hokensho-cli   # the Node tests compare answers with the CLI's, byte for byte
(cd bindings-wasm && npm ci --no-audit --no-fund --loglevel=error)
(cd bindings-wasm && ./node_modules/.bin/tsc -p tsconfig.json && ./node_modules/.bin/tsc -p tsconfig.nodom.json)
echo "tsc --strict: declarations check against tests/types-*.ts, with the DOM lib and with neither DOM nor @types/node"
# the log is a fresh file per run, so parallel runs (other worktrees, CI jobs) cannot read each other's results
log=$(mktemp -t hokensho-node-test.XXXXXX.log)
trap 'rm -f "$log"' EXIT
node --test --test-reporter=spec bindings-wasm/tests/ 2>&1 | tee "$log" | grep -E "^ℹ|^✖|failing tests" || true
grep -q "^ℹ fail 0" "$log" || { grep -B2 -A20 "✖" "$log" | head -80; exit 1; }
pass=$(sed -n 's/^ℹ pass \([0-9]*\)/\1/p' "$log")
echo "node: ${pass} passed, 0 failed"
