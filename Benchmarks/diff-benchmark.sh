#!/usr/bin/env bash
# Times `specsmith diff` (release build) on two versions of Stripe's public spec (4 MB each,
# corpus/) against a bare libyaml parse of both files, in one run, and prints the
# ratio; then a document diffed with itself, which must report nothing.
# usage: bash Benchmarks/diff-benchmark.sh
set -euo pipefail
cd "$(dirname "$0")/.."
work=.build/benchmark
mkdir -p "$work"
old=corpus/stripe-spec3.2022-11-15.yaml
new=corpus/stripe-spec3.2023-08-16.yaml

if ! [ -f /usr/include/yaml.h ]; then
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq && apt-get install -y -qq libyaml-dev > /dev/null
fi
gcc -O2 -o "$work/yaml_parse" Benchmarks/yaml_parse.c -lyaml
swift build -c release --product specsmith 2>&1 | tail -1
specsmith=$(swift build -c release --show-bin-path)/specsmith

source Benchmarks/best-of-five.sh

parse_both() { "$work/yaml_parse" "$old" && "$work/yaml_parse" "$new"; }
libyaml=$(best parse_both)
diff=$(best "$specsmith" diff "$old" "$new" --date 2026-01-01)
("$specsmith" diff "$old" "$new" --date 2026-01-01 || true) | tail -1
echo "self-diff: $("$specsmith" diff "$old" "$old" --date 2026-01-01 | tail -1)"
python3 - "$libyaml" "$diff" <<'PY'
import sys
libyaml, diff = map(float, sys.argv[1:])
print(f"libyaml parse of both {libyaml:8.3f} s")
print(f"specsmith diff        {diff:8.3f} s")
print(f"diff / parsing both:  {diff / libyaml:6.1f}x   (target: at most 3x)")
PY
