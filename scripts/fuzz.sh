#!/usr/bin/env bash
# Runs every cargo-fuzz target (fuzz/fuzz_targets/) for SECONDS each (default 60) and prints,
# per target, the executions and the crash files found (fuzz/artifacts/TARGET/). The corpus of
# parse_synth starts from the examples and the conformance cases. Needs a nightly toolchain and
# cargo-fuzz (`rustup toolchain install nightly; cargo install cargo-fuzz`). Exits 1 when a
# target crashed: the crash file reproduces it (`cargo +nightly fuzz run TARGET FILE`) and
# becomes a regression test.
set -euo pipefail
cd "$(dirname "$0")/.."
seconds="${1:-60}"
status=0
mkdir -p fuzz/corpus/parse_synth
for f in examples/*.apigw.yaml tests/conformance/*/apigw.yaml; do
  cp "$f" "fuzz/corpus/parse_synth/seed-$(echo "$f" | tr '/' '_')"
done
cargo +nightly fuzz build >/dev/null 2>&1 || cargo +nightly fuzz build
for target in parse_synth document_edits transport; do
  mkdir -p "fuzz/corpus/$target"
  log="$(mktemp)"
  if cargo +nightly fuzz run "$target" -- -max_total_time="$seconds" -print_final_stats=1 \
    -max_len=65536 >"$log" 2>&1; then
    result=ok
  else
    result=CRASHED
    status=1
  fi
  execs=$(grep -o 'stat::number_of_executed_units: *[0-9]*' "$log" | grep -o '[0-9]*$' || echo 0)
  crashes=$(find "fuzz/artifacts/$target" -type f 2>/dev/null | wc -l)
  printf '%-15s %s: %s executions in %s s, %s crash files\n' "$target" "$result" "$execs" \
    "$seconds" "$crashes"
  if [ "$result" != ok ]; then
    tail -40 "$log"
  fi
  rm -f "$log"
done
exit "$status"
