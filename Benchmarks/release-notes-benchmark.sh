#!/usr/bin/env bash
# Times `specsmith generate` (release build) on the Customers project with and without release
# notes for two releases (`--since a75aa6c --since 62de83f`, as the committed changes page says),
# in a scratch clone, best of five each, and prints what the release notes add.
# usage: bash Benchmarks/release-notes-benchmark.sh
set -euo pipefail
cd "$(dirname "$0")/.."
swift build -c release --product specsmith 2>&1 | tail -1
specsmith=$(swift build -c release --show-bin-path)/specsmith
clone=$(mktemp -d)
trap 'rm -rf "$clone"' EXIT
git clone -q . "$clone"

source Benchmarks/best-of-five.sh

plain() { rm -f "$clone/site/changes.md" && "$specsmith" generate --root "$clone"; }
notes() { "$specsmith" generate --root "$clone" --since a75aa6c --since 62de83f; }
without=$(best plain)
with=$(best notes)
python3 - "$without" "$with" <<'PY'
import sys
without, with_notes = map(float, sys.argv[1:])
print(f"generate                       {without:7.3f} s")
print(f"generate --since (2 releases)  {with_notes:7.3f} s")
print(f"release notes add              {with_notes - without:7.3f} s ({(with_notes / without - 1) * 100:+.0f}%)")
PY
