#!/usr/bin/env bash
# bench/run.sh — end-to-end proxy benchmark: direct -> plano-mock, nginx -> plano-mock and
# planoai -> plano-mock, measured in one run on 127.0.0.1 and reported as absolute numbers and as
# ratios (see bench/README.md). Bounded: about 2 minutes, about 1 with --quick.
#
#   bench/run.sh [--quick] [--no-build] [--build-dir DIR]
#                [--targets "direct nginx planoai planoai-notrace planoai-routed"] [--keep]
#
# planoai runs with tracing at 100 % (spans exported over OTLP/HTTP to the mock, which accepts and
# discards them), planoai-notrace with tracing off; the report gives the cost of tracing.
#
# Default build: `cmake --preset release && cmake --build --preset release` (build/release/bin).
# --build-dir DIR configures DIR as RelWithDebInfo instead and builds only the bench's binaries.
set -euo pipefail

ROOT=$(cd "$(dirname "$0")/.." && pwd)
QUICK=0
BUILD=1
BUILD_DIR=""
TARGETS="direct nginx planoai planoai-notrace planoai-routed"
KEEP=0
while [[ $# -gt 0 ]]; do
    case "$1" in
        --quick) QUICK=1 ;;
        --no-build) BUILD=0 ;;
        --build-dir) BUILD_DIR=$(realpath -m "$2"); shift ;;
        --targets) TARGETS="$2"; shift ;;
        --keep) KEEP=1 ;;
        -h|--help) sed -n '2,12p' "$0"; exit 0 ;;
        *) echo "run.sh: unknown argument '$1' (try --help)" >&2; exit 2 ;;
    esac
    shift
done

if [[ $QUICK == 1 ]]; then
    LAT_N=2000; STREAM_N=100; TPUT_SECS=3; WARMUP=200; AB_ROUNDS=3; AB_LAT_N=20000
else
    LAT_N=10000; STREAM_N=400; TPUT_SECS=8; WARMUP=500; AB_ROUNDS=5; AB_LAT_N=50000
fi
STREAM_CHUNKS=5
STREAM_CHUNK_DELAY_MS=2

log() { printf '\033[1m[bench]\033[0m %s\n' "$*" >&2; }

# ---------------------------------------------------------------------------------------------
# Build
if [[ $BUILD == 1 ]]; then
    cd "$ROOT"
    if [[ -z $BUILD_DIR ]]; then
        log "building (release preset)"
        cmake --preset release >/dev/null
        if ! cmake --build --preset release; then
            log "full release build failed; building only the bench binaries"
            cmake --build --preset release --target plano-mock gw-loadgen
            cmake --build --preset release --target planoai || log "planoai does not build yet"
        fi
    else
        log "building bench binaries in $BUILD_DIR"
        cmake -S "$ROOT" -B "$BUILD_DIR" -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo \
            "-DCMAKE_CXX_FLAGS_RELWITHDEBINFO=-O2 -g1 -DNDEBUG" -DGW_BUILD_TESTS=OFF \
            -DCMAKE_CXX_COMPILER_LAUNCHER=ccache >/dev/null
        cmake --build "$BUILD_DIR" --target plano-mock gw-loadgen
        cmake --build "$BUILD_DIR" --target planoai 2>/dev/null || log "planoai does not build yet"
    fi
fi
BUILD_DIR=${BUILD_DIR:-$ROOT/build/release}
BIN=$BUILD_DIR/bin
for tool in "$BIN/plano-mock" "$BIN/gw-loadgen"; do
    [[ -x $tool ]] || { echo "run.sh: missing $tool (build first)" >&2; exit 1; }
done
command -v wrk >/dev/null || { echo "run.sh: wrk is not installed (apt-get install wrk)" >&2; exit 1; }

# ---------------------------------------------------------------------------------------------
# Processes: the proxy under test gets core 0; mock and load generators share core 1.
if [[ $(nproc) -ge 2 ]]; then
    PIN_PROXY="taskset -c 0"; PIN_LOAD="taskset -c 1"
else
    log "fewer than 2 cores: running unpinned"
    PIN_PROXY=""; PIN_LOAD=""
fi

TMP=$(mktemp -d /tmp/plano-bench.XXXXXX)
PIDS=()
cleanup() {
    for pid in "${PIDS[@]}"; do kill -TERM "$pid" 2>/dev/null || true; done
    for pid in "${PIDS[@]}"; do wait "$pid" 2>/dev/null || true; done
    if [[ $KEEP == 1 ]]; then log "kept $TMP"; else rm -rf "$TMP"; fi
}
trap cleanup EXIT

free_port() {
    python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'
}

# Polls until `url` answers at all (any status), for at most ~10 s.
wait_http() {
    local url=$1
    for _ in $(seq 1 100); do
        if curl -s -o /dev/null -m 1 "$url"; then return 0; fi
        sleep 0.1
    done
    return 1
}

# utime + stime of a process (all its threads), in clock ticks.
cpu_ticks() { awk '{ print $14 + $15 }' "/proc/$1/stat" 2>/dev/null || echo 0; }

# Sum of a /proc status field (VmRSS, VmHWM; KiB) over a process and its children.
mem_kib() {
    local pid=$1 field=$2 total=0 p v
    for p in $pid $(pgrep -P "$pid" || true); do
        v=$(awk -v f="$field:" '$1 == f { print $2 }' "/proc/$p/status" 2>/dev/null || echo 0)
        total=$((total + ${v:-0}))
    done
    echo "$total"
}

$PIN_LOAD "$BIN/plano-mock" --port 0 --threads 1 --log-level warn >"$TMP/mock.out" 2>&1 &
PIDS+=($!)
MOCK_PORT=""
for _ in $(seq 1 100); do
    MOCK_PORT=$(sed -n 's/^plano-mock listening on http:\/\/[0-9.]*:\([0-9]*\)$/\1/p' "$TMP/mock.out")
    [[ -n $MOCK_PORT ]] && break
    sleep 0.1
done
[[ -n $MOCK_PORT ]] || { echo "run.sh: plano-mock did not start: $(cat "$TMP/mock.out")" >&2; exit 1; }
log "plano-mock on 127.0.0.1:$MOCK_PORT"

# A second plano-mock receives the spans of the traced planoai (it accepts and discards OTLP/HTTP),
# so span uploads never stall the provider mock's event loop.
$PIN_LOAD "$BIN/plano-mock" --port 0 --threads 1 --log-level warn >"$TMP/sink.out" 2>&1 &
PIDS+=($!)
SINK_PORT=""
for _ in $(seq 1 100); do
    SINK_PORT=$(sed -n 's/^plano-mock listening on http:\/\/[0-9.]*:\([0-9]*\)$/\1/p' "$TMP/sink.out")
    [[ -n $SINK_PORT ]] && break
    sleep 0.1
done
[[ -n $SINK_PORT ]] || { echo "run.sh: span sink did not start: $(cat "$TMP/sink.out")" >&2; exit 1; }

cat >"$TMP/chat.json" <<'JSON'
{"model":"gpt-4o-mini","messages":[{"role":"system","content":"You are a helpful assistant."},{"role":"user","content":"Write one sentence about the sea, please."}],"max_tokens":64}
JSON
cat >"$TMP/stream.json" <<'JSON'
{"model":"gpt-4o-mini","stream":true,"messages":[{"role":"user","content":"Write one sentence about the sea, please."}]}
JSON
{
    echo 'wrk.method = "POST"'
    echo 'wrk.headers["Content-Type"] = "application/json"'
    echo "wrk.body = [[$(cat "$TMP/chat.json")]]"
} >"$TMP/post.lua"

# Each start_* sets TARGET_PORT and TARGET_PID, or leaves them empty when the target is unavailable.
TARGET_PORT=""
TARGET_PID=""
start_nginx() {
    command -v nginx >/dev/null || { log "nginx: not installed, skipped"; return; }
    local port prefix=$TMP/nginx
    port=$(free_port)
    mkdir -p "$prefix"
    sed -e "s|@PREFIX@|$prefix|g" -e "s|@PORT@|$port|g" -e "s|@MOCK_PORT@|$MOCK_PORT|g" \
        "$ROOT/bench/nginx.conf.in" >"$prefix/nginx.conf"
    $PIN_PROXY nginx -p "$prefix" -c "$prefix/nginx.conf" -e "$prefix/error.log" \
        >"$prefix/stdout.log" 2>&1 &
    local pid=$!
    PIDS+=($pid)
    if wait_http "http://127.0.0.1:$port/healthz"; then TARGET_PORT=$port; TARGET_PID=$pid; else
        log "nginx: did not start: $(tail -3 "$prefix/error.log" 2>/dev/null)"; fi
}

# start_planoai NAME SAMPLING [ROUTED]: ROUTED=1 adds routing preferences, so every request also
# makes a router-model call (to plano-mock, which answers router prompts).
start_planoai() {
    local name=$1 sampling=$2 routed=${3:-0}
    [[ -x $BIN/planoai ]] || { log "$name: $BIN/planoai not built yet, skipped"; return; }
    local port home=$TMP/plano-home
    port=$(free_port)
    mkdir -p "$home"
    local routing=""
    [[ $routed == 1 ]] && routing="  - model: openai/Plano-Orchestrator
    base_url: http://127.0.0.1:$MOCK_PORT/v1
    access_key: bench-key
routing_preferences:
  - name: code_generation
    description: writing or fixing source code
    models: [openai/gpt-4o-mini]"
    cat >"$TMP/plano.yaml" <<YAML
version: v0.4.0
listeners:
  - name: llm
    type: model
    address: 127.0.0.1
    port: $port
model_providers:
  - model: openai/gpt-4o-mini
    base_url: http://127.0.0.1:$MOCK_PORT/v1
    access_key: bench-key
    default: true
$routing
tracing:
  random_sampling: $sampling
YAML
    # Spans leave over OTLP/HTTP to the sink mock, which accepts and discards them: the full
    # export cost on the proxy's core.
    OTEL_EXPORTER_OTLP_PROTOCOL=http/protobuf \
    OTEL_EXPORTER_OTLP_TRACES_ENDPOINT=http://127.0.0.1:$SINK_PORT/v1/traces \
    PLANO_HOME=$home $PIN_PROXY "$BIN/planoai" up "$TMP/plano.yaml" --foreground \
        >"$TMP/$name.log" 2>&1 &
    local pid=$!
    PIDS+=($pid)
    if wait_http "http://127.0.0.1:$port/healthz" && kill -0 "$pid" 2>/dev/null; then
        TARGET_PORT=$port; TARGET_PID=$pid
    else
        log "$name: did not become ready, skipped; log tail:"
        tail -5 "$TMP/$name.log" >&2 || true
    fi
}

wrk_rps() {
    local url=$1 conns=$2 out
    out=$($PIN_LOAD wrk -t1 -c"$conns" -d"${TPUT_SECS}s" -s "$TMP/post.lua" "$url")
    if grep -q 'Non-2xx' <<<"$out"; then log "warning: non-2xx responses at c=$conns: $url"; fi
    awk '/^Requests\/sec:/ { print $2 }' <<<"$out"
}

# The c=1 latency run: gw-loadgen JSON into $2, $3 requests (default $LAT_N).
latency_run() {
    local url=$1 out=$2 count=${3:-$LAT_N}
    $PIN_LOAD "$BIN/gw-loadgen" --url "$url" --body-file "$TMP/chat.json" -c 1 -n "$count" \
        --warmup "$WARMUP" >"$out"
}

# The c=32 throughput run; prints "RPS CPU_US": requests per second, and the CPU the proxy process
# ($2, or - for none) spent per request meanwhile (user + system, all threads; 0 when unknown).
c32_run() {
    local url=$1 pid=$2 rps before=0 after=0
    [[ $pid != - ]] && before=$(cpu_ticks "$pid")
    rps=$(wrk_rps "$url" 32)
    [[ $pid != - ]] && after=$(cpu_ticks "$pid")
    awk -v r="${rps:-0}" -v t=$((after - before)) -v hz="$(getconf CLK_TCK)" -v s="$TPUT_SECS" \
        'BEGIN { printf "%s %.3f\n", r, (r > 0 && t > 0) ? t / hz * 1e6 / (r * s) : 0 }'
}

# Measures one target and writes $TMP/results/<name>.json.
measure() {
    local name=$1 port=$2 pid=$3
    local url=http://127.0.0.1:$port/v1/chat/completions
    local idle_kib=0 peak_kib=0
    if ! curl -sf -o /dev/null -m 5 -H 'content-type: application/json' -d @"$TMP/chat.json" "$url"; then
        log "$name: POST $url failed, skipped"
        return
    fi
    [[ $pid != - ]] && idle_kib=$(mem_kib "$pid" VmRSS)
    log "$name: latency at c=1 ($LAT_N requests)"
    latency_run "$url" "$TMP/$name.lat.json" || log "$name: errors in the latency run"
    log "$name: streamed TTFB ($STREAM_N requests, $STREAM_CHUNKS chunks, ${STREAM_CHUNK_DELAY_MS} ms apart)"
    $PIN_LOAD "$BIN/gw-loadgen" --url "$url" --body-file "$TMP/stream.json" -c 1 -n "$STREAM_N" \
        --warmup 10 -H "x-mock-chunks: $STREAM_CHUNKS" \
        -H "x-mock-chunk-delay-ms: $STREAM_CHUNK_DELAY_MS" >"$TMP/$name.ttfb.json" ||
        log "$name: errors in the stream run"
    log "$name: throughput at c=32 and c=128 (${TPUT_SECS}s each)"
    local c32 rps128
    c32=$(c32_run "$url" "$pid")
    rps128=$(wrk_rps "$url" 128)
    [[ $pid != - ]] && peak_kib=$(mem_kib "$pid" VmHWM)
    python3 - "$TMP/$name.lat.json" "$TMP/$name.ttfb.json" "$c32" "$rps128" "$idle_kib" \
        "$peak_kib" >"$TMP/results/$name.json" <<'PY'
import json, sys
lat, ttfb = (json.load(open(p)) for p in sys.argv[1:3])
rps32, cpu_us = (float(v) for v in sys.argv[3].split())
print(json.dumps({"latency_us": lat["latency_us"], "ttfb_us": ttfb["ttfb_us"],
                  "stream_total_us": ttfb["latency_us"], "errors": lat["errors"] + ttfb["errors"],
                  "rps_c32": rps32, "rps_c128": float(sys.argv[4] or 0),
                  "idle_rss_kib": int(sys.argv[5]), "peak_rss_kib": int(sys.argv[6]),
                  "cpu_us_per_req_c32": cpu_us}))
PY
}

# One round of the tracing A/B: the c=1 latency run and c=32 throughput run of measure(), without
# TTFB and memory, into $TMP/ab/<name>.<round>.json. The latency run is longer ($AB_LAT_N
# requests): a p99 of a few thousand requests moves by more than the 10 us being judged.
ab_round() {
    local name=$1 round=$2 port=$3 pid=$4
    local url=http://127.0.0.1:$port/v1/chat/completions
    latency_run "$url" "$TMP/ab.lat.json" "$AB_LAT_N" || log "$name: errors in A/B round $round"
    local c32
    c32=$(c32_run "$url" "$pid")
    python3 - "$TMP/ab.lat.json" "$c32" >"$TMP/ab/$name.$round.json" <<'PY'
import json, sys
lat = json.load(open(sys.argv[1]))
rps32, cpu_us = (float(v) for v in sys.argv[2].split())
print(json.dumps({"latency_us": lat["latency_us"], "rps_c32": rps32, "cpu_us_per_req_c32": cpu_us}))
PY
}

# Prints the comparison tables from $1/<target>.json (and the A/B rounds in $1/../ab).
report() {
    python3 - "$1" "$([[ $QUICK == 1 ]] && echo quick || echo full)" <<'PY'
import json, os, sys

d, mode = sys.argv[1], sys.argv[2]
r = {f[:-5]: json.load(open(os.path.join(d, f))) for f in os.listdir(d) if f.endswith(".json")}
order = [t for t in ("direct", "nginx", "planoai", "planoai-notrace", "planoai-routed") if t in r]
if not order:
    sys.exit("no target could be measured")
direct, nginx = r.get("direct"), r.get("nginx")

def added(t, kind, q):
    return r[t][kind][q] - direct[kind][q] if direct else None

def fmt(v, unit=""):
    return "-" if v is None else f"{v:,.1f}{unit}"

def ratio(a, b):
    return "-" if a is None or b is None or b <= 0 else f"{a / b:.2f}x"

def row(cells, widths):
    return "  ".join(str(c).rjust(w) for c, w in zip(cells, widths))

print(f"\nplano bench ({mode}); latency and TTFB in microseconds at c=1; "
      "'added' = target - direct; 'vs nginx' = added(target) / added(nginx)\n")
head = ["target", "p50", "p99", "added p50", "added p99", "p50 vs nginx", "p99 vs nginx",
        "TTFB p50", "added TTFB", "TTFB vs nginx"]
w = [15, 8, 8, 10, 10, 12, 12, 9, 10, 13]
print(row(head, w))
for t in order:
    a50, a99, at = added(t, "latency_us", "p50"), added(t, "latency_us", "p99"), added(t, "ttfb_us", "p50")
    n50 = added("nginx", "latency_us", "p50") if nginx else None
    n99 = added("nginx", "latency_us", "p99") if nginx else None
    nt = added("nginx", "ttfb_us", "p50") if nginx else None
    rel = t not in ("direct", "nginx")
    print(row([t, fmt(r[t]["latency_us"]["p50"]), fmt(r[t]["latency_us"]["p99"]),
               fmt(a50) if t != "direct" else "-", fmt(a99) if t != "direct" else "-",
               ratio(a50, n50) if rel else "-", ratio(a99, n99) if rel else "-",
               fmt(r[t]["ttfb_us"]["p50"]), fmt(at) if t != "direct" else "-",
               ratio(at, nt) if rel else "-"], w))

print("\nthroughput (req/s, proxy pinned to one core) and proxy memory (MiB)\n")
head = ["target", "c=32", "c=128", "c32 vs direct", "c32 vs nginx", "c128 vs nginx",
        "idle RSS", "peak RSS"]
w = [15, 10, 10, 13, 12, 13, 9, 9]
print(row(head, w))
for t in order:
    x = r[t]
    mib = lambda k: "-" if x[k] == 0 else f"{x[k] / 1024:.1f}"
    print(row([t, f"{x['rps_c32']:,.0f}", f"{x['rps_c128']:,.0f}",
               ratio(x["rps_c32"], direct["rps_c32"]) if direct else "-",
               ratio(x["rps_c32"], nginx["rps_c32"]) if nginx and t != "nginx" else "-",
               ratio(x["rps_c128"], nginx["rps_c128"]) if nginx and t != "nginx" else "-",
               mib("idle_rss_kib"), mib("peak_rss_kib")], w))

# The tracing A/B rounds alternate the two configurations, so drift in the machine's speed lands
# on both; medians over the rounds are what the cost and its target are judged on.
ab_dir = os.path.join(d, "..", "ab")
ab = {}
for f in sorted(os.listdir(ab_dir)) if os.path.isdir(ab_dir) else []:
    name = f.split(".")[0]
    ab.setdefault(name, []).append(json.load(open(os.path.join(ab_dir, f))))
tracing_cost = tracing_p99 = tracing_loss = None
if "planoai" in ab and "planoai-notrace" in ab:
    import statistics
    med = lambda t, get: statistics.median(get(x) for x in ab[t])
    rounds = min(len(ab["planoai"]), len(ab["planoai-notrace"]))
    print(f"\ncost of tracing at 100 % (planoai vs planoai-notrace, medians of {rounds} "
          "alternating rounds)\n")
    for q in ("p50", "p99"):
        on_q = med("planoai", lambda x: x["latency_us"][q])
        off_q = med("planoai-notrace", lambda x: x["latency_us"][q])
        print(f"  c=1 latency {q}: {on_q:.1f} vs {off_q:.1f} us ({on_q - off_q:+.1f} us)")
        if q == "p99":
            tracing_p99 = on_q - off_q
    on_r, off_r = med("planoai", lambda x: x["rps_c32"]), med("planoai-notrace", lambda x: x["rps_c32"])
    loss = 1 - on_r / off_r if off_r > 0 else 0
    tracing_loss = loss
    print(f"  throughput c32: {on_r:,.0f} vs {off_r:,.0f} req/s ({loss:+.1%} lost)")
    con = med("planoai", lambda x: x["cpu_us_per_req_c32"])
    coff = med("planoai-notrace", lambda x: x["cpu_us_per_req_c32"])
    if con > 0 and coff > 0:
        tracing_cost = (con, coff)
        print(f"  proxy CPU per request at c=32: {con:.1f} vs {coff:.1f} us ({con / coff - 1:+.1%})")
        print("  (throughput also pays for the span sink, which shares the load generator's core;"
              " CPU per request is the proxy's own cost)")

if "planoai-routed" in r and "planoai" in r and direct:
    routed, plain = r["planoai-routed"], r["planoai"]
    print("\ncost of preference routing (planoai-routed vs planoai, both tracing at 100 %)\n")
    for q in ("p50", "p99"):
        extra = routed["latency_us"][q] - plain["latency_us"][q]
        own = extra - direct["latency_us"][q]
        print(f"  c=1 {q}: +{extra:.1f} us per request, of which the router model's own answer "
              f"(a direct call) is {direct['latency_us'][q]:.1f} us: routing adds {own:+.1f} us")

errors = {t: r[t]["errors"] for t in order if r[t]["errors"]}
if errors:
    print(f"\nWARNING: request errors during the latency/TTFB runs: {errors}")
if "planoai" in r and nginx and direct:
    p = r["planoai"]
    def check(name, ok):
        print(f"  {'PASS' if ok else 'FAIL'}  {name}")
    print("\nspec §5 targets (planoai vs nginx, same run):")
    check("added p50 <= 1.25x nginx", added("planoai", "latency_us", "p50") <= 1.25 * added("nginx", "latency_us", "p50"))
    check("added p99 <= 1.5x nginx", added("planoai", "latency_us", "p99") <= 1.5 * added("nginx", "latency_us", "p99"))
    check("added TTFB <= nginx", added("planoai", "ttfb_us", "p50") <= added("nginx", "ttfb_us", "p50"))
    check("throughput c=32 >= 0.8x nginx", p["rps_c32"] >= 0.8 * nginx["rps_c32"])
    check("throughput c=128 >= 0.8x nginx", p["rps_c128"] >= 0.8 * nginx["rps_c128"])
    check("idle RSS <= 15 MiB", 0 < p["idle_rss_kib"] <= 15 * 1024)
    if tracing_p99 is not None:
        check("tracing at 100 % adds <= 10 us c=1 p99 (median)", tracing_p99 <= 10)
        check("tracing at 100 % costs <= 10 % throughput c=32 (median)", tracing_loss <= 0.10)
    if tracing_cost:
        check("tracing at 100 % costs <= 10 % proxy CPU per request (c=32, median)",
              tracing_cost[0] <= 1.1 * tracing_cost[1])
PY
}

mkdir -p "$TMP/results"
for target in $TARGETS; do
    TARGET_PORT=""; TARGET_PID=""
    case "$target" in
        direct) TARGET_PORT=$MOCK_PORT; TARGET_PID=- ;;
        nginx) start_nginx ;;
        planoai) start_planoai planoai 100 ;;
        planoai-notrace) start_planoai planoai-notrace 0 ;;
        planoai-routed) start_planoai planoai-routed 100 1 ;;
        *) log "unknown target '$target', skipped" ;;
    esac
    [[ -n $TARGET_PORT ]] || continue
    measure "$target" "$TARGET_PORT" "$TARGET_PID"
    # Stop the proxy now so it does not compete with the next target.
    if [[ $TARGET_PID != - ]]; then kill -TERM "$TARGET_PID" 2>/dev/null || true; wait "$TARGET_PID" 2>/dev/null || true; fi
done

# Tracing A/B: alternate the traced and untraced proxy for a few rounds (see report()).
mkdir -p "$TMP/ab"
if [[ " $TARGETS " == *" planoai "* && " $TARGETS " == *" planoai-notrace "* ]]; then
    for round in $(seq 1 "$AB_ROUNDS"); do
        log "tracing A/B round $round of $AB_ROUNDS"
        for variant in planoai planoai-notrace; do
            TARGET_PORT=""; TARGET_PID=""
            start_planoai "$variant" "$([[ $variant == planoai ]] && echo 100 || echo 0)"
            [[ -n $TARGET_PORT ]] || continue
            ab_round "$variant" "$round" "$TARGET_PORT" "$TARGET_PID"
            kill -TERM "$TARGET_PID" 2>/dev/null || true; wait "$TARGET_PID" 2>/dev/null || true
        done
    done
fi

report "$TMP/results"
mkdir -p "$BUILD_DIR/bench"
RESULT="$BUILD_DIR/bench/results-$(date +%Y%m%d-%H%M%S).json"
python3 - "$TMP/results" "$TMP/ab" >"$RESULT" <<'PY'
import json, os, sys
load = lambda d, f: json.load(open(os.path.join(d, f)))
out = {f[:-5]: load(sys.argv[1], f) for f in sorted(os.listdir(sys.argv[1]))}
for f in sorted(os.listdir(sys.argv[2])):
    out.setdefault("tracing_ab", {}).setdefault(f.split(".")[0], []).append(load(sys.argv[2], f))
print(json.dumps(out, indent=1))
PY
log "raw results: $RESULT"
