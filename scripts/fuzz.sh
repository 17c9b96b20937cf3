#!/usr/bin/env bash
# Builds the `fuzz` preset (clang++, libFuzzer, ASan + UBSan) and runs every fuzz target of
# tests/fuzz for GW_FUZZ_SECONDS seconds each (default 30) on a copy of its seed corpus in a
# temporary directory (the repository's corpus is never written). Prints one line per target and
# fails when any target crashes, leaks, times out or runs out of memory; the reproducer is kept
# in build/fuzz/artifacts/<target>/ (rerun it with build/fuzz/bin/<target>_fuzz <file>).
# Usage: scripts/fuzz.sh [target ...]   (default: all; a target is e.g. sse_scanner)
set -euo pipefail
cd "$(dirname "$0")/.."
seconds="${GW_FUZZ_SECONDS:-30}"

# name:max_len (bytes). Bodies and streams of a few KiB reach every branch of these parsers;
# longer inputs only make each run slower.
all_targets=(
  sse_scanner:4096
  request_scan:4096
  translate_request:4096
  translate_response:4096
  translate_stream:8192
  stream_fast_path:4096
  json_cursor:4096
  router_answer:4096
  event_stream:4096
  otlp_decode:4096
  otlp_encode:4096
  config:4096
)
if (($# > 0)); then
  targets=()
  for want in "$@"; do
    found=""
    for entry in "${all_targets[@]}"; do [[ "${entry%%:*}" == "$want" ]] && found="$entry"; done
    [[ -n "$found" ]] || { echo "fuzz: unknown target '$want'" >&2; exit 2; }
    targets+=("$found")
  done
else
  targets=("${all_targets[@]}")
fi

scripts/build.sh fuzz

work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
export ASAN_OPTIONS="detect_leaks=1:abort_on_error=1:symbolize=1"
export UBSAN_OPTIONS="print_stacktrace=1:halt_on_error=1"
failed=()
for entry in "${targets[@]}"; do
  name="${entry%%:*}"
  max_len="${entry##*:}"
  bin="build/fuzz/bin/${name}_fuzz"
  mkdir -p "$work/$name/corpus" "$work/$name/artifacts"
  cp tests/fuzz/corpus/"$name"/* "$work/$name/corpus/"
  rc=0
  "$bin" -max_total_time="$seconds" -max_len="$max_len" -timeout=10 -rss_limit_mb=2048 \
    -print_final_stats=1 -artifact_prefix="$work/$name/artifacts/" "$work/$name/corpus" \
    >"$work/$name/log" 2>&1 || rc=$?
  log="$work/$name/log"
  execs="$(sed -n 's/^stat::number_of_executed_units: *//p' "$log" | tail -1)"
  rate="$(sed -n 's/^stat::average_exec_per_sec: *//p' "$log" | tail -1)"
  # The last status line of the run: "#N  DONE  cov: C ft: F corp: K/..."
  status="$(grep -E '^#[0-9]+' "$log" | tail -1 || true)"
  cov="$(sed -nE 's/.* cov: ([0-9]+).*/\1/p' <<<"$status")"
  ft="$(sed -nE 's/.* ft: ([0-9]+).*/\1/p' <<<"$status")"
  corp="$(sed -nE 's/.* corp: ([0-9]+).*/\1/p' <<<"$status")"
  if ((rc == 0)); then
    printf 'fuzz: %-18s ok     %10s execs %7s/s  cov %5s  ft %5s  corpus %4s  (%ss)\n' \
      "$name" "${execs:-?}" "${rate:-?}" "${cov:-?}" "${ft:-?}" "${corp:-?}" "$seconds"
  else
    printf 'fuzz: %-18s FAILED (exit %s) after %s execs\n' "$name" "$rc" "${execs:-?}"
    tail -n 60 "$log" | sed 's/^/  | /'
    keep="build/fuzz/artifacts/$name"
    mkdir -p "$keep"
    cp "$work/$name/artifacts/"* "$keep/" 2>/dev/null || true
    echo "  reproducer(s) in $keep/: build/fuzz/bin/${name}_fuzz $keep/<file>"
    failed+=("$name")
  fi
done
if ((${#failed[@]} > 0)); then
  echo "fuzz: FAILED: ${failed[*]}"
  exit 1
fi
echo "fuzz: all ${#targets[@]} targets clean"
