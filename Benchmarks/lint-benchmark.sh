#!/usr/bin/env bash
# Times `specsmith lint` (release build) on a large generated spec against a bare libyaml
# parse and openapi-spec-validator on the same file, in one run, and prints the ratios.
# usage: bash Benchmarks/lint-benchmark.sh [COPIES]   (default 50 copies of the paths: about 4 MB)
set -euo pipefail
cd "$(dirname "$0")/.."
copies=${1:-50}
work=.build/benchmark
mkdir -p "$work"

echo "== tools"
if ! [ -f /usr/include/yaml.h ]; then
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq && apt-get install -y -qq libyaml-dev > /dev/null
fi
gcc -O2 -o "$work/yaml_parse" Benchmarks/yaml_parse.c -lyaml
venv=.build/ci-venv
if [ ! -x "$venv/bin/openapi-spec-validator" ]; then
  python3 -m venv "$venv"
  "$venv/bin/pip" install --quiet --disable-pip-version-check openapi-spec-validator pyyaml
fi
swift build -c release --product specsmith 2>&1 | tail -1
specsmith=$(swift build -c release --show-bin-path)/specsmith

echo "== input"
spec="$work/large.yaml"
"$venv/bin/python" Benchmarks/make_large_spec.py spec/customers.v3.yaml "$copies" "$spec"
size=$(stat -c %s "$spec")
echo "$spec: $((size / 1024)) KiB, $(grep -c 'operationId:' "$spec") operations"

source Benchmarks/best-of-five.sh

echo "== timings (best of 5)"
libyaml=$(best "$work/yaml_parse" "$spec")
lint=$(best "$specsmith" lint "$spec")
validator=$(best "$venv/bin/openapi-spec-validator" "$spec")
"$specsmith" lint "$spec" | tail -1
python3 - "$libyaml" "$lint" "$validator" "$size" <<'PY'
import sys
libyaml, lint, validator, size = map(float, sys.argv[1:])
mb = size / 1e6
print(f"libyaml parse          {libyaml:8.3f} s  ({mb / libyaml:6.1f} MB/s)")
print(f"specsmith lint         {lint:8.3f} s  ({mb / lint:6.1f} MB/s)")
print(f"openapi-spec-validator {validator:8.3f} s  ({mb / validator:6.1f} MB/s)")
print(f"lint / libyaml parse:          {lint / libyaml:6.1f}x   (target: at most 3x)")
print(f"openapi-spec-validator / lint: {validator / lint:6.1f}x   (target: at least 10x)")
PY
