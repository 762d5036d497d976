#!/usr/bin/env bash
# Load (not part of the test command): the release CLI on generated JSON Lines members with 1 % bad rows, for
# each size given (default 1,000,000 and 10,000,000), with full answers (trace and texts) and with codes only
# (--no-trace --no-messages). For each run it reports the rows in and out (must be equal), the bad rows
# reported as error envelopes (must equal the bad rows generated), rows per second (wall clock of the CLI) and
# the CLI's peak memory (maximum resident set size, /usr/bin/time -v), so 1M can be set against 10M: memory must
# stay flat as the input grows. Inputs are generated once into $LOAD_DIR (default /tmp/hokensho-load, never
# committed) by scripts/load-gen.py in bounded memory; answers are counted as they stream, never stored.
#   bash scripts/load.sh                  # 1M and 10M
#   bash scripts/load.sh 100000           # a quick look
set -euo pipefail
cd "$(dirname "$0")/.."
export CARGO_BUILD_JOBS="${CARGO_BUILD_JOBS:-1}"
dir="${LOAD_DIR:-/tmp/hokensho-load}"
sizes=("$@")
[ ${#sizes[@]} -gt 0 ] || sizes=(1000000 10000000)
on=2025-12-02
[ -x /usr/bin/time ] || { export DEBIAN_FRONTEND=noninteractive; apt-get update -qq; apt-get install -y -qq time >/dev/null; }

# Reads the CLI's /usr/bin/time report ($1) and adds a report line: label, rows in ($3), rows out, bad rows
# reported and expected, seconds, rows/s, peak memory, and whether every row came out and every bad one was reported.
record() {
  local label=$1 t=$2 n=$3 rows=$4 bad=$5 want_bad=$6 wall secs rss rate verdict=ok
  wall=$(sed -nE 's/.*Elapsed \(wall clock\) time \(h:mm:ss or m:ss\): (.*)/\1/p' "$t")
  secs=$(awk -F: '{s = 0; for (i = 1; i <= NF; i++) s = s * 60 + $i; print s}' <<<"$wall")
  rss=$(sed -nE 's/.*Maximum resident set size \(kbytes\): ([0-9]+)/\1/p' "$t")
  rate=$(awk -v n="$n" -v s="$secs" 'BEGIN {printf "%.0f", (s > 0 ? n / s : 0)}')
  if [ "$rows" != "$n" ] || [ "$bad" != "$want_bad" ]; then verdict=FAIL; status=1; fi
  report+=("$(printf '%-7s %9d rows in  %9d out  %7d bad (want %7d)  %8s s  %9d rows/s  peak RSS %7d KiB  %s' \
    "$label" "$n" "$rows" "$bad" "$want_bad" "$secs" "$rate" "$rss" "$verdict")")
}

cargo build --release -q -p hokensho-cli
cli="${CARGO_TARGET_DIR:-target}/release/hokensho"
mkdir -p "$dir"
status=0
report=()
for n in "${sizes[@]}"; do
  input="$dir/members-$n.jsonl"
  if [ ! -f "$input" ] || [ "$(wc -l <"$input")" != "$n" ]; then
    echo "load: generating $n members into $input"
    python3 scripts/load-gen.py "$n" >"$input"
  fi
  want_bad=$((n / 100))
  for variant in full codes; do
    flags=()
    [ $variant = codes ] && flags=(--no-trace --no-messages)
    echo "load: $n rows, $variant answers"
    t="$dir/time-$n-$variant.txt"
    # the CLI alone is timed; tee feeds one counter of all lines and one of the error envelopes
    /usr/bin/time -v -o "$t" "$cli" assess "$input" --on "$on" "${flags[@]}" \
      | tee >(LC_ALL=C grep -c '^{"ok":false' >"$dir/bad-$n-$variant.txt") \
      | LC_ALL=C wc -l >"$dir/rows-$n-$variant.txt"
    sleep 1 # the error counter finishes after wc
    rows=$(cat "$dir/rows-$n-$variant.txt")
    bad=$(cat "$dir/bad-$n-$variant.txt")
    record "$variant" "$t" "$n" "$rows" "$bad" "$want_bad"
  done
done

# CSV (Shift_JIS) and Parquet rosters of the same members, with the same 1 % of bad rows (bad cells here), in
# summary form (`--summary`): every row in must come out, and the bad ones as error rows
py=python3
[ -x bindings-python/.venv/bin/python ] && py=bindings-python/.venv/bin/python
for n in "${sizes[@]}"; do
  for fmt in csv parquet; do
    input="$dir/members-$n.$fmt"
    if [ ! -f "$input" ]; then
      echo "load: generating $n members into $input"
      if ! "$py" scripts/load-gen-flat.py "$n" "$fmt" "$input"; then
        report+=("$fmt   $n: not measured: the generator failed (Parquet needs pyarrow: run bindings-python/test.sh once)")
        status=1
        continue
      fi
    fi
    out="$dir/out-$n.csv"
    echo "load: $n rows, $fmt roster, summary"
    t="$dir/time-$n-$fmt.txt"
    /usr/bin/time -v -o "$t" "$cli" assess "$input" --on "$on" --summary -o "$out"
    rows=$(($(LC_ALL=C wc -l <"$out") - 1))
    # a bad row is an error row: its `error_code` cell is set
    bad=$("$py" -c 'import csv,sys; r=csv.DictReader(open(sys.argv[1], encoding="utf-8-sig")); print(sum(1 for x in r if x["error_code"]))' "$out")
    record "$fmt" "$t" "$n" "$rows" "$bad" "$((n / 100))"
  done
done
printf '\nload summary (%s, on %s, %s)\n' "$(basename "$cli")" "$on" "$(nproc) cores"
printf '%s\n' "${report[@]}"
exit $status
