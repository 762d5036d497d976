#!/usr/bin/env bash
# The Python binding's suite: a virtual environment (created once), the pinned tools, the extension built with
# maturin into it (release, in the workspace's shared target dir), then pytest and mypy --strict.
# Idempotent; exits non-zero on any failure. Called by scripts/test.sh when this folder exists.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/.." && pwd)"
cd "$here"

venv="$here/.venv"
py="${PYTHON:-python3}"
if [ ! -x "$venv/bin/python" ]; then
  echo "creating $venv"
  "$py" -m venv "$venv"
fi
vpy="$venv/bin/python"

echo "installing the test tools (pinned major versions)"
"$vpy" -m pip install -q --disable-pip-version-check \
  "maturin>=1.5,<2" "pytest>=9,<10" "numpy>=2,<3" "pandas>=3,<4" "pandas-stubs>=3,<4" \
  "polars>=2,<3" "mypy>=2,<3" "matplotlib>=3.8,<4" \
  "pyarrow>=18" "duckdb>=1" "dask[dataframe]>=2024.1" "pyspark>=3.5" \
  "icalendar>=6,<8" "jsonschema>=4.18,<5"

echo "java for the Spark test (local[2])"
if ! java -version >/dev/null 2>&1; then
  echo "java missing: installing Debian's openjdk-17-jre-headless"
  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq openjdk-17-jre-headless
fi
java -version 2>&1 | head -1
# Spark's Python workers run the venv's interpreter (where hokensho is installed)
export PYSPARK_PYTHON="$venv/bin/python" PYSPARK_DRIVER_PYTHON="$venv/bin/python"
# Spark binds to the loopback interface only
export SPARK_LOCAL_IP=127.0.0.1

echo "headless Chromium and CJK fonts for the screenshots of the views"
if [ ! -x /usr/bin/chromium ] || ! fc-list 2>/dev/null | grep -qi "noto sans cjk"; then
  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium fonts-noto-cjk >/dev/null
fi

echo "building the extension (maturin develop --release)"
export CARGO_TARGET_DIR="${CARGO_TARGET_DIR:-$root/target}"
# maturin develop installs into the environment named by VIRTUAL_ENV
VIRTUAL_ENV="$venv" PATH="$venv/bin:$PATH" "$venv/bin/maturin" develop --release
"$vpy" -c "import hokensho, sys; print('hokensho', hokensho.__version__, 'on Python', sys.version.split()[0])"

echo "building the CLI (the byte-identity test compares with target/debug/hokensho)"
cargo build -q -p hokensho-cli

echo "pytest"
"$vpy" -m pytest -q -ra tests

echo "mypy --strict"
"$vpy" -m mypy --strict "$root/examples/python/assess_members.py" "$here/python/hokensho" "$here/bench/bench.py" \
  "$root/scripts/bench_columnar.py"

echo "bindings-python: all passed"
