#!/usr/bin/env bash
# Builds the npm package folder bindings-wasm/pkg/ (entries `web` and `nodejs`), installing what it needs:
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
cp bindings-wasm/js/wrapper.js bindings-wasm/js/web.js bindings-wasm/js/node.mjs bindings-wasm/js/package.json bindings-wasm/js/index.d.ts "$out/"
echo '{"type":"commonjs"}' > "$out/node/package.json"
raw=$(stat -c %s "$out/web/hokensho_wasm_bg.wasm")
gz=$(gzip -9 -c "$out/web/hokensho_wasm_bg.wasm" | wc -c)
echo "wasm: $raw bytes, $gz bytes gzipped (gzip -9)"
# the data types generated from the JSON Schema (index.d.ts re-exports them as `schema`)
cp bindings-wasm/js/types.generated.d.ts "$out/"
