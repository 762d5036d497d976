#!/usr/bin/env bash
# Builds the npm package folder bindings-wasm/pkg/ (entries `web`, `node` as an ES module and `require`), with its
# README and licences, installing what it needs:
# the wasm32 target and wasm-bindgen-cli at exactly the version the crate pins. Idempotent.
set -euo pipefail
cd "$(dirname "$0")/.."
pin=$(sed -n 's/^wasm-bindgen = "=\([0-9.]*\)"/\1/p' bindings-wasm/Cargo.toml)
[ -n "$pin" ] || { echo "bindings-wasm/Cargo.toml does not pin wasm-bindgen exactly"; exit 1; }
rustup target list --installed | grep -q '^wasm32-unknown-unknown$' || rustup target add wasm32-unknown-unknown
if ! wasm-bindgen --version 2>/dev/null | grep -q " $pin\$\| $pin "; then
  cargo install wasm-bindgen-cli --version "=$pin"
fi
cargo build -q -p hokensho-wasm --target wasm32-unknown-unknown --profile wasm-release
wasm=target/wasm32-unknown-unknown/wasm-release/hokensho_wasm.wasm
out=bindings-wasm/pkg
rm -rf "$out"
mkdir -p "$out/web" "$out/node"
wasm-bindgen "$wasm" --target web --out-dir "$out/web" --no-typescript --remove-name-section --remove-producers-section
wasm-bindgen "$wasm" --target nodejs --out-dir "$out/node" --no-typescript --remove-name-section --remove-producers-section
# the nodejs build (CommonJS, for `require`) reads the same wasm file as the web build: keep one copy
cmp -s "$out/web/hokensho_wasm_bg.wasm" "$out/node/hokensho_wasm_bg.wasm" || { echo "web and nodejs wasm files differ"; exit 1; }
rm "$out/node/hokensho_wasm_bg.wasm"
sed -i 's#^const wasmPath = `${__dirname}/hokensho_wasm_bg.wasm`;$#const wasmPath = require("path").join(__dirname, "..", "web", "hokensho_wasm_bg.wasm");#' "$out/node/hokensho_wasm.js"
grep -q '"web", "hokensho_wasm_bg.wasm"' "$out/node/hokensho_wasm.js" || { echo "the nodejs glue's wasm path was not found (wasm-bindgen changed?)"; exit 1; }
echo '{"type":"commonjs"}' > "$out/node/package.json"
js=bindings-wasm/js
cp "$js/wrapper.js" "$js/web.js" "$js/node.mjs" "$js/node.cjs" "$js/package.json" "$js/index.d.ts" "$js/README.md" \
  "$js/LICENSE-MIT" "$js/LICENSE-APACHE" "$out/"
# `require` gets the same declarations (as a CommonJS module) and a CommonJS copy of the wrapper
sed "s#'./types.generated.js'#'./types.generated.cjs'#g" "$js/index.d.ts" > "$out/index.d.cts"
{
  echo "'use strict';"
  sed -e 's/^export class /class /' -e 's/^export function /function /' "$js/wrapper.js"
  echo 'module.exports = { HokenshoError, makeApi, notLoaded, loadFailed };'
} > "$out/wrapper.cjs"
! grep -n '^export\|^import' "$out/wrapper.cjs" || { echo "wrapper.cjs still has ES module syntax"; exit 1; }
raw=$(stat -c %s "$out/web/hokensho_wasm_bg.wasm")
gz=$(gzip -9 -c "$out/web/hokensho_wasm_bg.wasm" | wc -c)
echo "wasm: $raw bytes, $gz bytes gzipped (gzip -9)"
# the data types generated from the JSON Schema (index.d.ts re-exports them as `schema`)
cp bindings-wasm/js/types.generated.d.ts "$out/"
cp bindings-wasm/js/types.generated.d.ts "$out/types.generated.d.cts"
