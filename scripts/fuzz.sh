#!/usr/bin/env bash
# Fuzzing (not part of the test command): builds every cargo-fuzz target in fuzz/ with the nightly toolchain,
# then runs each one after the other, one process on one core, for SECONDS (default 60) each, and prints a
# line per target with its executions, crashes and the log file. libFuzzer's new inputs go to
# fuzz/corpus/<target>/ (ignored); the committed seeds in fuzz/seeds/<target>/ are read only; a crash, timeout
# or out-of-memory input is saved under fuzz/artifacts/<target>/ and the run goes on (fork mode with
# -ignore_crashes), so the count covers the whole time. Exits 1 when any target crashed.
#   bash scripts/fuzz.sh 600             # every target, 10 minutes each
#   bash scripts/fuzz.sh 600 dates       # one target
set -euo pipefail
cd "$(dirname "$0")/.."
secs="${1:-60}"
shift || true
export CARGO_BUILD_JOBS="${CARGO_BUILD_JOBS:-1}"

command -v cargo-fuzz >/dev/null || cargo install cargo-fuzz --locked
rustup toolchain list | grep -q '^nightly' || { echo "fuzz.sh: the nightly toolchain is required"; exit 1; }

cd fuzz
cargo +nightly fuzz build
targets=("$@")
[ ${#targets[@]} -gt 0 ] || mapfile -t targets < <(cargo +nightly fuzz list)
mkdir -p artifacts/logs
status=0
summary=()
for t in "${targets[@]}"; do
  mkdir -p "corpus/$t" "seeds/$t" "artifacts/$t"
  log="artifacts/logs/$t.log"
  echo "fuzz.sh: $t for ${secs}s (log $log)"
  # -rss_limit_mb: an input that makes one call take 2 GB is a finding; -timeout: so is 10 s for one input
  cargo +nightly fuzz run "$t" "corpus/$t" "seeds/$t" -- \
    -max_total_time="$secs" -fork=1 -ignore_crashes=1 -ignore_timeouts=1 -ignore_ooms=1 \
    -rss_limit_mb=2048 -timeout=10 -print_final_stats=1 >"$log" 2>&1 || true
  # fork mode's status lines: "#EXECS: cov: … oom/timeout/crash: O/T/C time: …"
  last=$(grep -E '^#[0-9]+: cov:' "$log" | tail -1 || true)
  execs=$(sed -nE 's/^#([0-9]+):.*/\1/p' <<<"$last")
  otc=$(sed -nE 's/.*oom\/timeout\/crash: ([0-9]+\/[0-9]+\/[0-9]+).*/\1/p' <<<"$last")
  saved=$(find "artifacts/$t" -type f \( -name 'crash-*' -o -name 'timeout-*' -o -name 'oom-*' \) | wc -l)
  line="$t: ${execs:-?} executions in ${secs}s, oom/timeout/crash ${otc:-?}, ${saved} saved input(s) in fuzz/artifacts/$t"
  summary+=("$line")
  if [ -z "$execs" ] || [ "$saved" -gt 0 ] || { [ -n "$otc" ] && [ "$otc" != "0/0/0" ]; }; then status=1; fi
done
printf '\nfuzz.sh summary\n'
printf '%s\n' "${summary[@]}"
exit $status
