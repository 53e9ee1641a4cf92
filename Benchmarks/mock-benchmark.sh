#!/usr/bin/env bash
# Measures the mock (release build) with wrk on loopback, 2 threads: id:in lookups with an
# include on a store of 10,000 customers, a name:like list, POST batches of 10, and — in the
# same run, on the same server — a trivial route (GET /_mock/health), the framework's ceiling
# on this machine. Then id:in lookups on 1,000 and on 100,000 customers (the scaling ratio),
# memory at 100,000, and a soak of mixed reads and writes that must give no 5xx.
# usage: bash Benchmarks/mock-benchmark.sh [SECONDS per run, default 10] [SOAK SECONDS, default 60]
set -euo pipefail
cd "$(dirname "$0")/.."
seconds=${1:-10}
soak=${2:-60}
work=.build/benchmark
mkdir -p "$work"

if ! command -v wrk > /dev/null; then
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq && apt-get install -y -qq wrk > /dev/null
fi
swift build -c release --product specsmith 2>&1 | tail -1
specsmith=$(swift build -c release --show-bin-path)/specsmith

pid=""
stop() { if [ -n "$pid" ]; then kill "$pid" 2> /dev/null || true; wait "$pid" 2> /dev/null || true; pid=""; fi; }
trap stop EXIT

# start RECORDS: a release mock with RECORDS generated records per resource on a free port.
start() {
  "$specsmith" mock --port 0 --records "$1" --log-level warning > "$work/mock.out" 2> "$work/mock.err" &
  pid=$!
  for _ in $(seq 1 600); do
    grep -q "listening on" "$work/mock.out" 2> /dev/null && break
    sleep 0.1
  done
  base=$(sed -n 's/.*listening on \(http:\/\/[^/]*\).*/\1/p' "$work/mock.out")
  [ -n "$base" ] || { cat "$work/mock.err"; exit 1; }
}

rss() { awk '/VmRSS/ {print $2}' "/proc/$pid/status"; }

# run NAME CONNECTIONS PATH [SCRIPT]: wrk for $seconds s; prints requests/s, p50, p99.
run() {
  local name=$1 connections=$2 path=$3 script=${4:-}
  local out
  out=$(wrk -t2 -c"$connections" -d"${seconds}s" --latency ${script:+-s "$script"} "$base$path")
  python3 - "$name" "$connections" "$out" <<'PY'
import re, sys
name, connections, out = sys.argv[1], sys.argv[2], sys.argv[3]
rate = float(re.search(r"Requests/sec:\s+([\d.]+)", out).group(1))
def ms(label):
    value, unit = re.search(label + r"\s+([\d.]+)(us|ms|s)\b", out).groups()
    return float(value) * {"us": 0.001, "ms": 1.0, "s": 1000.0}[unit]
bad = re.search(r"Non-2xx or 3xx responses: (\d+)", out)
errors = re.search(r"Socket errors: (.*)", out)
note = (f"  non-2xx: {bad.group(1)}" if bad else "") + (f"  socket errors: {errors.group(1)}" if errors else "")
print(f"{name:<34} c={connections:<3} {rate:>9.0f} req/s   p50 {ms('50%'):6.2f} ms   p99 {ms('99%'):6.2f} ms{note}")
with open(".build/benchmark/rates", "a") as f:
    f.write(f"{name} {connections} {rate}\n")
PY
}

: > "$work/rates"
ids10="17,1017,2017,3017,4017,5017,6017,7017,8017,9017"
echo "== a store of 10,000 customers (and 10,000 records of every other resource the generator can fill), wrk -t2, ${seconds}s per run"
start 10000
curl -s "$base/stores/bench/v3/customers?limit=1" > /dev/null
for connections in 2 32; do
  run "trivial route (GET /_mock/health)" "$connections" "/_mock/health"
  run "id:in (10 ids) & include=attributes" "$connections" "/stores/bench/v3/customers?id:in=$ids10&include=attributes"
done
run "name:like list (limit 50)" 2 "/stores/bench/v3/customers?name:like=an&limit=50"
run "POST batches of 10" 2 "/stores/bench/v3/customers" Benchmarks/wrk/post-batch.lua
stop

echo "== scaling: the same id:in lookup on 1,000 and on 100,000 customers"
start 1000
run "id:in on 1,000 customers" 2 "/stores/bench/v3/customers?id:in=17,117,217,317,417,517,617,717,817,917&include=attributes"
stop
start 100000
run "id:in on 100,000 customers" 2 "/stores/bench/v3/customers?id:in=17,10017,20017,30017,40017,50017,60017,70017,80017,90017&include=attributes"
big_rss=$(rss)
stop
start 0
small_rss=$(rss)
stop

python3 - "$big_rss" "$small_rss" <<'PY'
import sys
rates = {}
for line in open(".build/benchmark/rates"):
    *name, connections, rate = line.split()
    rates[(" ".join(name), int(connections))] = float(rate)
for c in (2, 32):
    ratio = rates[("id:in (10 ids) & include=attributes", c)] / rates[("trivial route (GET /_mock/health)", c)]
    print(f"id:in / trivial route at c={c}: {ratio:5.0%}   (target: at least 50%)")
scale = rates[("id:in on 1,000 customers", 2)] / rates[("id:in on 100,000 customers", 2)]
print(f"cost on 100,000 / cost on 1,000 customers: {scale:.2f}   (target: at most 1.5)")
big, small = int(sys.argv[1]), int(sys.argv[2])
print(f"memory: {big / 1024:.0f} MiB with 100,000 records per resource, {small / 1024:.0f} MiB with none: "
      f"{(big - small) / 1024:.0f} MiB for 100,000 records of each resource")
PY

echo "== soak: ${soak}s of mixed reads and writes on 1,000 customers, wrk -t2 -c8"
start 1000
# A short warm-up first, so the baseline includes the connections' buffers and the
# allocator's arenas rather than counting them as growth.
wrk -t2 -c8 -d5s -s Benchmarks/wrk/mixed.lua "$base" -- 1000 warmup > /dev/null
before=$(rss)
exported_before=$(curl -s "$base/_mock/stores/soak" | wc -c)
wrk -t2 -c8 -d"${soak}s" -s Benchmarks/wrk/mixed.lua "$base" -- 1000 soak | grep -E "Requests/sec|Latency|5xx|Non-2xx|Socket"
after=$(rss)
exported_after=$(curl -s "$base/_mock/stores/soak" | wc -c)
curl -sf "$base/_mock/health" > /dev/null && echo "still healthy after the soak"
# Reads alone must not grow memory at all: what grows under the mix is the data written.
reads_before=$(rss)
wrk -t2 -c8 -d"$((soak / 2))s" "$base/stores/soak/v3/customers?id:in=1,2,3,500,999&include=attributes,addresses" | grep "Requests/sec"
reads_after=$(rss)
echo "reads only for $((soak / 2))s: memory $((reads_before / 1024)) MiB -> $((reads_after / 1024)) MiB"
python3 - "$before" "$after" "$exported_before" "$exported_after" <<'PY'
import sys
before, after, data_before, data_after = map(int, sys.argv[1:])
grown = (after - before) * 1024
written = data_after - data_before
print(f"memory {before / 1024:.0f} MiB -> {after / 1024:.0f} MiB (+{grown / 2**20:.1f} MiB); "
      f"the store's JSON grew by {written / 2**20:.1f} MiB; memory growth / data growth: {grown / max(written, 1):.1f}x")
PY
stop
