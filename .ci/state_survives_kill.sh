#!/usr/bin/env bash
# An acknowledged write survives SIGKILL: create a customer, kill -9 the mock as soon as
# the response arrives, restart it on the same --state file and read the customer back.
# Then cut the file's last line short: start-up must fail, naming the line and the fix.
# usage: state_survives_kill.sh SPECSMITH SCRATCH_DIR
set -euo pipefail
specsmith=$1
scratch=$2
state="$scratch/state.log"
rm -f "$state"
pid=""
trap '[ -n "$pid" ] && kill -9 "$pid" 2> /dev/null || true' EXIT

start() {
  : > "$scratch/state-mock.out"
  # Started directly, not under `timeout`: $! must be the mock itself, so that kill -9
  # reaches it (a SIGKILLed `timeout` would leave the mock running).
  "$specsmith" mock --port 0 --state "$state" --log-level warning > "$scratch/state-mock.out" 2> "$scratch/state-mock.err" &
  pid=$!
  for _ in $(seq 1 100); do
    base=$(sed -n 's|^Specsmith mock listening on \(http://[^/]*\)/.*|\1|p' "$scratch/state-mock.out")
    [ -n "$base" ] && return 0
    sleep 0.1
  done
  cat "$scratch/state-mock.err"
  exit 1
}

start
for round in 1 2 3; do
  reply=$(curl -sf -X POST -H 'Content-Type: application/json' \
    -d "[{\"email\":\"kill$round@example.com\",\"first_name\":\"Kill\",\"last_name\":\"Nine\"}]" "$base/stores/durable/v3/customers")
  kill -9 "$pid"
  wait "$pid" 2> /dev/null || true
  if kill -0 "$pid" 2> /dev/null; then echo "the mock outlived kill -9"; exit 1; fi
  id=$(echo "$reply" | python3 -c 'import json, sys; print(json.load(sys.stdin)["data"][0]["id"])')
  start
  found=$(curl -sf "$base/stores/durable/v3/customers?id:in=$id" | python3 -c 'import json, sys; print(json.load(sys.stdin)["data"][0]["email"])')
  [ "$found" = "kill$round@example.com" ] || { echo "round $round: customer $id is not back after SIGKILL (found '$found')"; exit 1; }
  echo "round $round: customer $id written, SIGKILL, restarted: still there"
done
kill "$pid"
wait "$pid" 2> /dev/null || true
pid=""

size=$(stat -c %s "$state")
truncate -s $((size - 3)) "$state"
if timeout 60 "$specsmith" mock --port 0 --state "$state" > /dev/null 2> "$scratch/state-refused.err"; then
  echo "the mock started on a cut-short state file"
  exit 1
fi
grep -q "the last line is cut short" "$scratch/state-refused.err" || { cat "$scratch/state-refused.err"; exit 1; }
echo "cut-short file refused: $(cat "$scratch/state-refused.err")"
