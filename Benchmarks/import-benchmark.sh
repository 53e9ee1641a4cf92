#!/usr/bin/env bash
# Serving and importing a document you already have (release build), each against a reference
# measured in the same run:
# - the time from starting `specsmith mock DOCUMENT` to its first answered list request, on
#   Stripe's 4 MB spec and on the Customers spec, against starting the compiled Customers
#   registry mock (`specsmith mock`);
# - a record read under wrk on the mock of the Customers document against the same read on the
#   registry mock, and a record read on the mock of Stripe's document against both;
# - `specsmith import` of Stripe's spec, and building the package it writes (debug, in the
#   shared .build, as a person would after importing).
# usage: bash Benchmarks/import-benchmark.sh [RUNS of each start, default 5] [SECONDS per wrk run, default 5]
set -euo pipefail
cd "$(dirname "$0")/.."
runs=${1:-5}
seconds=${2:-5}
work=.build/benchmark
mkdir -p "$work"
stripe=corpus/stripe-spec3.2023-08-16.yaml

if ! command -v wrk > /dev/null; then
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq && apt-get install -y -qq wrk > /dev/null
fi
swift build -c release --product specsmith 2>&1 | tail -1
specsmith=$(swift build -c release --show-bin-path)/specsmith

pid=""
stop() { if [ -n "$pid" ]; then kill "$pid" 2> /dev/null || true; wait "$pid" 2> /dev/null || true; pid=""; fi; }
trap stop EXIT

now() { date +%s.%N; }

# start ARGS...: a release mock on a free port; sets $base once it listens.
start() {
  "$specsmith" mock --port 0 --log-level warning "$@" > "$work/mock.out" 2> "$work/mock.err" &
  pid=$!
  base=""
  until [ -n "$base" ]; do
    kill -0 "$pid" 2> /dev/null || { cat "$work/mock.err"; exit 1; }
    base=$(sed -n 's/.*listening on \(http:\/\/[^/ ]*\).*/\1/p' "$work/mock.out")
    [ -n "$base" ] || sleep 0.005
  done
}

# first NAME PATH ARGS...: seconds from starting the mock to a 200 for PATH, $runs times.
first() {
  local name=$1 path=$2
  shift 2
  local times=()
  for _ in $(seq 1 "$runs"); do
    local began
    began=$(now)
    start "$@"
    until curl -sf -o /dev/null -H 'Authorization: Bearer bench' "$base$path"; do sleep 0.005; done
    times+=("$(python3 -c "print($(now) - $began)")")
    stop
  done
  python3 - "$name" "${times[@]}" <<'PY'
import statistics, sys
name, times = sys.argv[1], sorted(float(t) for t in sys.argv[2:])
print(f"{name:<44} median {statistics.median(times):6.3f} s   range {times[0]:.3f}–{times[-1]:.3f} s   ({len(times)} runs)")
with open(".build/benchmark/first", "a") as f:
    f.write(f"{name}\t{statistics.median(times)}\n")
PY
}

# rate NAME PATH: requests/s of wrk -t2 -c2 on PATH of the running mock.
rate() {
  local out
  out=$(wrk -t2 -c2 -d"${seconds}s" -H 'Authorization: Bearer bench' "$base$2")
  python3 - "$1" "$out" <<'PY'
import re, sys
name, out = sys.argv[1], sys.argv[2]
rate = float(re.search(r"Requests/sec:\s+([\d.]+)", out).group(1))
bad = re.search(r"Non-2xx or 3xx responses: (\d+)", out)
print(f"{name:<44} {rate:>9.0f} req/s" + (f"   non-2xx: {bad.group(1)}" if bad else ""))
with open(".build/benchmark/rates", "a") as f:
    f.write(f"{name}\t{rate}\n")
PY
}

: > "$work/first"
: > "$work/rates"
echo "== from start to the first answered list, $runs runs each"
first "registry mock (compiled Customers)" "/stores/bench/v3/customers?limit=1"
first "mock spec/customers.v3.yaml" "/stores/bench/v3/customers?limit=1" spec/customers.v3.yaml
first "mock Stripe 2023-08-16 (4.2 MB)" "/v1/customers?limit=1" "$stripe"

echo "== a record read, wrk -t2 -c2, ${seconds}s each"
one='[{"first_name":"Ada","last_name":"Lovelace","email":"ada@example.com"}]'
start
curl -sf -o /dev/null -X POST -H 'Content-Type: application/json' -d "$one" "$base/stores/bench/v3/customers"
rate "registry mock: GET customers?id:in=1" "/stores/bench/v3/customers?id:in=1"
stop
start spec/customers.v3.yaml
curl -sf -o /dev/null -X POST -H 'Content-Type: application/json' -d "$one" "$base/stores/bench/v3/customers"
rate "document mock: GET customers?id:in=1" "/stores/bench/v3/customers?id:in=1"
stop
start "$stripe"
curl -sf -o /dev/null -X POST -H 'Authorization: Bearer bench' -H 'Content-Type: application/json' \
  -d '{"email":"ada@example.com"}' "$base/v1/customers"
rate "Stripe document mock: GET /v1/customers/1" "/v1/customers/1"
stop

echo "== import Stripe's spec, then build the package it writes"
rm -rf "$work/stripe"
began=$(now)
"$specsmith" import "$stripe" --name Stripe --into "$work/stripe" > /dev/null
imported=$(python3 -c "print($(now) - $began)")
lines=$(cat "$work/stripe"/Sources/StripeAPI/*.swift | wc -l)
began=$(now)
swift build --package-path "$work/stripe" --scratch-path .build 2>&1 | tail -1
built=$(python3 -c "print($(now) - $began)")
echo "import: ${imported%.*}.${imported#*.} s, writing $lines lines of Swift; build: $built s"

python3 - <<'PY'
first = dict(line.rstrip("\n").split("\t") for line in open(".build/benchmark/first"))
rates = dict(line.rstrip("\n").split("\t") for line in open(".build/benchmark/rates"))
registry = float(first["registry mock (compiled Customers)"])
for name, value in first.items():
    print(f"first answer, {name}: {float(value) / registry:.2f}x the registry mock's")
reference = float(rates["registry mock: GET customers?id:in=1"])
for name, value in rates.items():
    print(f"{name}: {float(value) / reference:.2f}x the registry mock's rate (1.00 or more: no dearer)")
PY
