#!/usr/bin/env bash
# Webhook deliveries under load (release build): wrk POSTs one new customer per request for
# SECONDS, first with no subscriber, then with only a subscriber that takes SLOW_MS per delivery
# (/slow), then with it and one that acknowledges at once (/fast), on a loopback receiver. Reports, in one run, the
# trivial route (the framework's ceiling), the write rate without and with subscribers (delivery
# must not slow the requests), the events delivered per second to the fast subscriber while the
# slow one is present, its delivery latency (commit to acknowledgement, from the delivery log's
# last 1,000 entries), and what the slow one received and had dropped by its bounded queue.
# usage: bash Benchmarks/webhook-benchmark.sh [SECONDS, default 10] [SLOW_MS, default 200]
set -euo pipefail
cd "$(dirname "$0")/.."
seconds=${1:-10}
slow_ms=${2:-200}
work=.build/benchmark
mkdir -p "$work"

if ! command -v wrk > /dev/null; then
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq && apt-get install -y -qq wrk > /dev/null
fi
swift build -c release --product specsmith 2>&1 | tail -1
specsmith=$(swift build -c release --show-bin-path)/specsmith

pid=""
receiver=""
stop() { if [ -n "$pid" ]; then kill "$pid" 2> /dev/null || true; wait "$pid" 2> /dev/null || true; pid=""; fi; }
trap 'stop; [ -z "$receiver" ] || kill "$receiver" 2> /dev/null || true' EXIT

python3 Benchmarks/webhook_receiver.py "$slow_ms" > "$work/receiver.out" &
receiver=$!
for _ in $(seq 1 50); do [ -s "$work/receiver.out" ] && break; sleep 0.1; done
hooks="http://127.0.0.1:$(head -1 "$work/receiver.out")"

start() {
  "$specsmith" mock --port 0 --empty --log-level error "$@" > "$work/mock.out" 2> "$work/mock.err" &
  pid=$!
  for _ in $(seq 1 600); do
    grep -q "listening on" "$work/mock.out" 2> /dev/null && break
    sleep 0.1
  done
  base=$(sed -n 's/.*listening on \(http:\/\/[^/]*\).*/\1/p' "$work/mock.out")
  [ -n "$base" ] || { cat "$work/mock.err"; exit 1; }
}

rate() { wrk -t2 -c"$1" -d"${seconds}s" --latency ${3:+-s "$3"} "$base$2" | sed -n 's/Requests\/sec:[[:space:]]*\([0-9.]*\)/\1/p'; }

start
trivial=$(rate 2 /_mock/health)
plain=$(rate 2 /stores/bench/v3/customers Benchmarks/wrk/post-one.lua)
stop

# The slow subscriber alone: its queue fills at once, and the requests must not notice.
start --webhook "$hooks/slow" --webhook-secret whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw
slowonly=$(rate 2 /stores/bench/v3/customers Benchmarks/wrk/post-one.lua)
stop

start --webhook "$hooks/fast" --webhook "$hooks/slow" --webhook-secret whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw
hooked=$(rate 2 /stores/bench/v3/customers Benchmarks/wrk/post-one.lua)
# Let the fast subscriber drain what is queued for it (the slow one may take much longer).
for _ in $(seq 1 600); do
  pending=$(curl -s "$base/_mock/webhooks" | python3 -c 'import json,sys; print(next(h["deliveries"]["pending"] for h in json.load(sys.stdin)["data"] if h["url"].endswith("/fast")))')
  [ "$pending" = "0" ] && break
  sleep 0.1
done
curl -s "$base/_mock/webhooks" > "$work/hooks.json"
fast_id=$(python3 -c 'import json; print(next(h["id"] for h in json.load(open(".build/benchmark/hooks.json"))["data"] if h["url"].endswith("/fast")))')
curl -s "$base/_mock/webhooks/$fast_id/deliveries" > "$work/fast-log.json"
curl -s "$hooks/stats" > "$work/receiver.json"
stop

python3 - "$trivial" "$plain" "$slowonly" "$hooked" "$seconds" "$slow_ms" <<'PY'
import json, statistics, sys
trivial, plain, slowonly, hooked, seconds, slow_ms = map(float, sys.argv[1:])
hooks = {h["url"].rsplit("/", 1)[1]: h["deliveries"] for h in json.load(open(".build/benchmark/hooks.json"))["data"]}
received = json.load(open(".build/benchmark/receiver.json"))
log = json.load(open(".build/benchmark/fast-log.json"))["data"]
latencies = sorted(d["latency_ms"] for d in log if "latency_ms" in d)
fast = received.get("/fast", {"count": 0, "first": 0, "last": 0})
window = max(fast["last"] - fast["first"], 1e-9)
raised = sum(hooks["fast"].values())
print(f"trivial route (GET /_mock/health), c=2     {trivial:9.0f} req/s")
print(f"POST one customer, no subscriber, c=2       {plain:9.0f} req/s  ({plain / trivial:.0%} of the trivial route)")
print(f"POST one customer, slow subscriber, c=2     {slowonly:9.0f} req/s  ({slowonly / plain:.0%} of the rate without)")
print(f"POST one customer, fast and slow, c=2       {hooked:9.0f} req/s  ({hooked / plain:.0%} of the rate without)")
print(f"events raised for each subscriber           {raised:9.0f}")
print(f"fast subscriber: delivered {hooks['fast']['delivered']}, dropped {hooks['fast']['dropped']}, failed {hooks['fast']['failed']}; "
      f"{fast['count'] / window:.0f} deliveries/s over {window:.1f} s")
if latencies:
    q = lambda p: latencies[min(len(latencies) - 1, int(p * len(latencies)))]
    print(f"fast subscriber latency, last {len(latencies)} deliveries: p50 {q(0.5):.1f} ms, p99 {q(0.99):.1f} ms")
print(f"slow subscriber ({slow_ms:.0f} ms each), beside the fast one: delivered {hooks['slow']['delivered']}, "
      f"dropped {hooks['slow']['dropped']}, still pending {hooks['slow']['pending']}")
PY
