#!/usr/bin/env python3
"""Run the quick start of site/index.md against a running mock, as a reader would paste it.

usage: quick_start.py BASE_URL SITE_INDEX     e.g. http://127.0.0.1:4321 site/index.md

Takes every shell block of the page that calls curl, joins its continued lines, points the
mock's default address (http://127.0.0.1:4010) at BASE_URL, runs each command with bash, and
checks that it exits 0 and prints a JSON answer that is not an error.
Exit status: 0 all ran, 1 a command failed.
"""
import json
import re
import subprocess
import sys

DEFAULT = "http://127.0.0.1:4010"


def commands(markdown):
    found, block, language = [], None, None
    for line in markdown.split("\n"):
        if line.startswith("```"):
            if block is None:
                block, language = [], line[3:].split(" ")[0]
            else:
                if language in ("sh", "bash", "shell") and any("curl " in item for item in block):
                    text = "\n".join(block).replace("\\\n", " ")
                    found += [command for command in text.split("\n") if command.strip().startswith("curl ")]
                block = None
        elif block is not None:
            block.append(line)
    return found


def main(argv):
    if len(argv) != 2:
        print(__doc__.strip(), file=sys.stderr)
        return 2
    base, index = argv[0].rstrip("/"), argv[1]
    with open(index, encoding="utf-8") as handle:
        found = commands(handle.read())
    if not found:
        print(f"{index}: no curl commands found")
        return 1
    failures = 0
    for command in found:
        command = command.replace(DEFAULT, base)
        run = subprocess.run(["bash", "-c", command], capture_output=True, text=True, timeout=30)
        try:
            answer = json.loads(run.stdout)
        except ValueError:
            answer = None
        ok = run.returncode == 0 and isinstance(answer, dict) and not (isinstance(answer.get("status"), int) and answer["status"] >= 400)
        print(("ok   " if ok else "FAIL ") + re.sub(r"\s+", " ", command)[:110])
        if not ok:
            failures += 1
            print(f"     exit {run.returncode}: {run.stdout[:300]}{run.stderr[:300]}")
    print(f"{len(found)} quick-start commands, {failures} failed")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
