#!/usr/bin/env bash
# Artifacts a user installs, tested as a user would, from the packed artifact and never from the source tree:
#   1. the core crate: `cargo package -p hokensho` builds the crate from its own .crate file (verification), and
#      the .crate holds every rule file of rules/ (core/rules is a symlink to it, so rules/ stays the one place
#      people edit);
#   2. the Python wheel: `maturin build --release` for pyo3's stable ABI (one abi3 wheel for every CPython from
#      $abi3_min on), installed with no index into a fresh virtual environment per interpreter, where
#      tests/package/wheel_smoke.py runs;
#   3. the npm package: bindings-wasm/build.sh, `npm pack` in bindings-wasm/pkg, the tarball installed into an
#      empty folder, imported through its `node` entry in Node and its web entry in Debian's headless Chromium
#      (tests/package/npm_smoke.mjs), holding its README and licences;
#   4. the same tarball in the builds of examples/bundlers/ (tests/package/npm_bundlers.mjs): Vite 6's dev server
#      and build, webpack 5 and an esbuild browser bundle, each loaded in Chromium; an esbuild Node bundle;
#      require() from CommonJS; a Node-only `tsc --strict` project.
# Builds and tools are cached under target/package-tests/ (ignored); the environments and the install folder are
# made anew each run. Ends with `package-tests: N passed, M failed`; exits non-zero on any failure.
set -euo pipefail
cd "$(dirname "$0")/.."
root=$(pwd)
export CARGO_BUILD_JOBS="${CARGO_BUILD_JOBS:-1}"
export CARGO_TARGET_DIR="${CARGO_TARGET_DIR:-$root/target}"
cache="$CARGO_TARGET_DIR/package-tests"
mkdir -p "$cache"
passed=0
failed=0
step() { printf '\n== package-tests: %s\n' "$*"; }
ok() { echo "ok   $*"; passed=$((passed + 1)); }
bad() { echo "FAIL $*"; failed=$((failed + 1)); }
# adds the counts of a runner's closing `...: N passed, M failed` line
count() {
  local line
  line=$(grep -E '[0-9]+ passed, [0-9]+ failed' "$1" | tail -1 || true)
  if [ -z "$line" ]; then bad "$2 printed no result line"; return; fi
  passed=$((passed + $(sed -E 's/.* ([0-9]+) passed.*/\1/' <<<"$line")))
  failed=$((failed + $(sed -E 's/.* ([0-9]+) failed.*/\1/' <<<"$line")))
}

# ---------------------------------------------------------------------------------------------------------
step "1. cargo package -p hokensho (the crate verifies with the rules inside it)"
# --allow-dirty: a developer runs this with uncommitted edits; CI's clean clone is not dirty either way, and
# verification (building the unpacked .crate on its own) is the same
if cargo package -p hokensho --allow-dirty >"$cache/cargo-package.log" 2>&1; then
  grep -E "^\s*(Packaged|Verifying)" "$cache/cargo-package.log" || true
  ok "cargo package -p hokensho verifies"
else
  tail -30 "$cache/cargo-package.log"
  bad "cargo package -p hokensho"
fi
listed=$(cargo package -p hokensho --allow-dirty --list 2>/dev/null | sort)
missing=0
while IFS= read -r f; do
  grep -qx "$f" <<<"$listed" || { echo "not in the crate: $f"; missing=1; }
done < <(find -L core/rules -name '*.toml' | sed 's#^core/##' | sort)
[ "$(find -L core/rules -name '*.toml' | wc -l)" -gt 0 ] && [ $missing = 0 ] \
  && ok "the .crate holds every rule file of rules/ ($(find -L core/rules -name '*.toml' | wc -l) files)" \
  || bad "the .crate lacks rule files"

# ---------------------------------------------------------------------------------------------------------
step "2. the Python wheel (maturin build --release, abi3), installed into fresh environments"
cargo build -q -p hokensho-cli
cli="$CARGO_TARGET_DIR/debug/hokensho"
tools="$cache/tools-venv"
[ -x "$tools/bin/maturin" ] || { python3 -m venv "$tools" && "$tools/bin/python" -m pip install -q --disable-pip-version-check "maturin>=1.5,<2"; }
# The stable ABI's floor: CPython 3.9 (the binding reads frames through the Arrow PyCapsule interface, which the
# limited API has; the buffer-protocol path that needed 3.11 is gone).
abi3_min=3.9
rm -rf "$cache/wheels"
if "$tools/bin/maturin" build --release --features "pyo3/abi3-py${abi3_min/./}" -m bindings-python/Cargo.toml \
  --out "$cache/wheels" >"$cache/maturin.log" 2>&1; then
  tail -1 "$cache/maturin.log"
else
  tail -40 "$cache/maturin.log"
fi
wheel=$(ls "$cache"/wheels/hokensho-*.whl 2>/dev/null | head -1 || true)
if [ -z "$wheel" ]; then
  bad "maturin build produced no wheel"
else
  case "$(basename "$wheel")" in
    *-cp${abi3_min/./}-abi3-*) ok "one abi3 wheel for CPython >= $abi3_min: $(basename "$wheel")" ;;
    *) bad "not an abi3 wheel for CPython >= $abi3_min: $wheel" ;;
  esac
  # the machine's python3, and the oldest and newest CPython of the wheel's range that pyenv has, when present
  pythons=(python3)
  for v in $abi3_min 3.10 3.12 3.13; do
    p=$(ls -d /root/.pyenv/versions/$v.*/bin/python3 2>/dev/null | tail -1 || true)
    if [ -n "$p" ]; then pythons+=("$p"); else echo "note: no CPython $v under pyenv: the wheel is tried with python3 only for it"; fi
  done
  seen=" "
  for py in "${pythons[@]}"; do
    ver=$("$py" -c 'import sys; print("%d.%d" % sys.version_info[:2])')
    case "$seen" in *" $ver "*) continue ;; esac
    seen="$seen$ver "
    venv="$cache/venv-$ver"
    rm -rf "$venv"
    "$py" -m venv "$venv"
    # --no-index: the wheel needs nothing from PyPI (no dependencies)
    if "$venv/bin/python" -m pip install -q --disable-pip-version-check --no-index "$wheel"; then
      (cd "$cache" && "$venv/bin/python" "$root/tests/package/wheel_smoke.py" "$cli" "$root/examples/members.jsonl") \
        2>&1 | tee "$cache/wheel-$ver.log" || true
      count "$cache/wheel-$ver.log" "wheel smoke tests on python $ver"
    else
      bad "pip install of the wheel into python $ver"
    fi
  done
fi

# ---------------------------------------------------------------------------------------------------------
step "3. the npm package (npm pack, installed into an empty folder, node and web entries)"
if [ ! -x /usr/bin/chromium ]; then
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  apt-get install -y -qq chromium fonts-noto-cjk >/dev/null
fi
bash bindings-wasm/build.sh
[ -d bindings-wasm/node_modules/playwright-core ] || (cd bindings-wasm && npm ci --no-audit --no-fund --loglevel=error)
rm -rf "$cache/npm" "$cache/npm-user"
mkdir -p "$cache/npm" "$cache/npm-user"
(cd bindings-wasm/pkg && npm pack --silent --pack-destination "$cache/npm") >/dev/null
tgz=$(ls "$cache"/npm/hokensho-*.tgz | head -1)
echo "packed $(basename "$tgz"): $(tar -tzf "$tgz" | wc -l) files, $(stat -c %s "$tgz") bytes"
(cd "$cache/npm-user" && echo '{"name":"a-user","private":true,"type":"module"}' > package.json \
  && npm install --no-audit --no-fund --loglevel=error --offline "$tgz" >/dev/null)
# the test runs from inside the folder, so `import 'hokensho'` resolves as in a user's project
cp tests/package/npm_smoke.mjs "$cache/npm-user/"
(cd "$cache/npm-user" && node npm_smoke.mjs "$cli" "$root/examples/members.jsonl" \
  "$root/bindings-wasm/node_modules/playwright-core/index.mjs") 2>&1 | tee "$cache/npm.log" || true
count "$cache/npm.log" "npm smoke tests"
# what npm users read and are licensed by travels in the tarball
listing=$(tar -tzf "$tgz")
for f in README.md LICENSE-MIT LICENSE-APACHE index.d.ts index.d.cts types.generated.d.ts types.generated.d.cts node.cjs web/hokensho_wasm_bg.wasm; do
  grep -qx "package/$f" <<<"$listing" && ok "the tarball holds $f" || bad "the tarball lacks $f"
done
[ "$(grep -c '\.wasm$' <<<"$listing")" = 1 ] && ok "the tarball holds one wasm file" || bad "the tarball holds $(grep -c '\.wasm$' <<<"$listing") wasm files"

# ---------------------------------------------------------------------------------------------------------
step "4. the npm package in a web team's builds: Vite 6 (dev server and build), webpack 5, esbuild (browser and Node bundles), require() from CommonJS, a Node-only tsc --strict project"
# each example of examples/bundlers/ is installed from the tarball with its pinned tools (npm, into
# $cache/npm-bundlers/, made anew each run; npm's cache keeps repeat runs fast)
cp tests/package/npm_bundlers.mjs "$cache/npm-user/"
(cd "$cache/npm-user" && node npm_bundlers.mjs "$tgz" "$cache/npm-bundlers" "$root/examples/bundlers" \
  "$root/bindings-wasm/node_modules/playwright-core/index.mjs") 2>&1 | tee "$cache/npm-bundlers.log" || true
count "$cache/npm-bundlers.log" "npm bundler tests"

echo
echo "package-tests: ${passed} passed, ${failed} failed"
[ "$failed" = 0 ]
