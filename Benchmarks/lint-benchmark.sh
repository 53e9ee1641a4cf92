#!/usr/bin/env bash
# Times `specsmith lint` (release build) on real public specs against a bare libyaml parse of the
# same files, in one run, and prints the ratios against the targets:
# - every large real document (Stripe's 4 MB spec as published, as PyYAML writes it, as JSON;
#   GitHub's example-heavy description) within 3x of parsing it with libyaml, with Specsmith's
#   own rules and with Spectral's (`extends: spectral:oas`); a generated spec (examples on every
#   operation) is timed beside them;
# - a reference folder of 74 specs (Stripe split by area, 4 MB) in under 0.3 s;
# - files of 512 KB to 1 MiB no slower per MB than the large ones.
# usage: bash Benchmarks/lint-benchmark.sh [COPIES]   (copies of the Customers paths in the generated spec; default 25: about 4 MB)
set -euo pipefail
cd "$(dirname "$0")/.."
copies=${1:-25}
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
  "$venv/bin/pip" install --quiet --disable-pip-version-check -r .ci/requirements.txt
fi
swift build -c release --product specsmith 2>&1 | tail -1
specsmith=$(swift build -c release --show-bin-path)/specsmith

echo "== inputs"
stripe=corpus/stripe-spec3.2023-08-16.yaml
corpus="$work/corpus"
if [ ! -d "$corpus/reference" ]; then "$venv/bin/python" Benchmarks/make_corpus.py "$stripe" "$corpus"; fi
"$venv/bin/python" Benchmarks/make_large_spec.py spec/customers.v3.yaml "$copies" "$work/large.yaml"
# GitHub's REST description (2.9 MB, about 2,900 examples): the example-heavy case.
large=("$stripe" corpus/stripe-spec3.2022-11-15.yaml "$corpus/large/stripe-pyyaml.yaml" "$corpus/large/stripe.json" "$work/large.yaml"
  corpus/github-api.1.1.4.yaml)
mid=("$corpus"/mid/*.yaml)
reference=("$corpus"/reference/*.yaml)
echo "reference folder: ${#reference[@]} files, $(du -cb "${reference[@]}" | tail -1 | cut -f1) bytes"

source Benchmarks/best-of-five.sh

echo "== timings (best of 5)"
rows="$work/rows.txt"
: > "$rows"
spectral="$work/oas.spectral.yaml"
echo "extends: spectral:oas" > "$spectral"
for file in "${large[@]}" "${mid[@]}"; do
  kind=large
  case "$file" in */mid/*) kind=mid ;; esac
  echo "$kind $(stat -c %s "$file") $(best "$work/yaml_parse" "$file") $(best "$specsmith" lint "$file") $(best "$specsmith" lint "$file" --ruleset "$spectral") $file" >> "$rows"
done
folder_libyaml=$(best "$work/yaml_parse" "${reference[@]}")
# The process's own start, which a small file pays as much as a large one: linting a 300-byte spec.
startup=$(best "$specsmith" lint Tests/SpecLintTests/Fixtures/small.json)
folder_lint=$(best "$specsmith" lint "$corpus/reference/*.yaml")
validator=$(best "$venv/bin/openapi-spec-validator" "$stripe")
stripe_lint=$(awk -v f="$stripe" '$6 == f { print $4 }' "$rows")
"$specsmith" lint "$corpus/reference/*.yaml" | tail -1
python3 - "$rows" "$folder_libyaml" "$folder_lint" "$validator" "$stripe_lint" "$startup" <<'PY'
import os, sys
rows, folder_libyaml, folder_lint, validator, stripe_lint, startup = sys.argv[1], *map(float, sys.argv[2:])
entries = [line.strip().split(maxsplit=5) for line in open(rows)]
print(f"{'file':44} {'MB':>5} {'libyaml s':>9} {'lint s':>7} {'ratio':>6} {'spectral:oas s':>14} {'ratio':>6}")
per_mb = {"large": [], "mid": []}
work_per_mb = {"large": [], "mid": []}
worst = worst_spectral = 0
# The target is for real documents; the generated one is reported beside them.
worst_real = worst_real_spectral = 0
for kind, size, libyaml, lint, spectral, path in entries:
    mb, libyaml, lint, spectral = int(size) / 1e6, float(libyaml), float(lint), float(spectral)
    ratio = lint / libyaml
    per_mb[kind].append(lint / mb)
    work_per_mb[kind].append((lint - startup) / mb)
    if kind == "large":
        worst = max(worst, ratio)
        worst_spectral = max(worst_spectral, spectral / libyaml)
        if not path.endswith("benchmark/large.yaml"):
            worst_real = max(worst_real, ratio)
            worst_real_spectral = max(worst_real_spectral, spectral / libyaml)
    print(f"{kind + ' ' + os.path.basename(path):44} {mb:5.2f} {libyaml:9.3f} {lint:7.3f} {ratio:5.1f}x {spectral:14.3f} {spectral / libyaml:5.1f}x")
large, mid = sum(per_mb["large"]) / len(per_mb["large"]), sum(per_mb["mid"]) / len(per_mb["mid"])
print(f"worst large file / libyaml parse:     {worst:5.2f}x")
print(f"  the same with spectral:oas:          {worst_spectral:5.2f}x")
print(f"worst real document / libyaml parse:   {worst_real:5.2f}x   (target: at most 3x)")
print(f"  the same with spectral:oas:          {worst_real_spectral:5.2f}x   (target: at most 3x)")
print(f"reference folder: lint {folder_lint:.3f} s, libyaml {folder_libyaml:.3f} s ({folder_lint / folder_libyaml:.1f}x)   (target: under 0.3 s)")
work_large = sum(work_per_mb["large"]) / len(work_per_mb["large"])
work_mid = sum(work_per_mb["mid"]) / len(work_per_mb["mid"])
print(f"512 KB-1 MiB files, s per MB / large: {mid / large:5.2f}    (target: at most 1)")
print(f"  the same less the process start ({startup * 1000:.0f} ms, linting a 300-byte spec): {work_mid / work_large:5.2f}")
print(f"openapi-spec-validator on Stripe:     {validator:.3f} s, {validator / stripe_lint:.0f}x specsmith lint")
PY
