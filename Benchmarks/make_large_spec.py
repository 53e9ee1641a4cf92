#!/usr/bin/env python3
"""Write a large OpenAPI document for benchmarks: the Customers spec's paths repeated.

usage: make_large_spec.py SPEC COPIES OUT
Each copy of every path gets a `/vN` prefix and operationIds (and the links naming them) get an
`N` suffix, so the result is a valid, lint-clean document with COPIES times the operations.
"""
import copy
import sys

import yaml


METHODS = {"get", "put", "post", "delete", "options", "head", "patch", "trace"}


def main(spec, copies, out):
    with open(spec, encoding="utf-8") as handle:
        document = yaml.load(handle, Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))
    paths = document["paths"]
    large = {}
    for n in range(int(copies)):
        for path, item in paths.items():
            clone = {}
            for method, operation in item.items():
                # Deep copies: shared objects would be written as YAML anchors and aliases.
                operation = copy.deepcopy(operation)
                if not isinstance(operation, dict) or method not in METHODS:
                    clone[method] = operation  # path-level parameters, summary, servers
                    continue
                if "operationId" in operation:
                    operation["operationId"] = f"{operation['operationId']}{n}"
                # Links name operations by id: point them at this copy's.
                for response in operation.get("responses", {}).values():
                    for link in response.get("links", {}).values():
                        if "operationId" in link:
                            link["operationId"] = f"{link['operationId']}{n}"
                clone[method] = operation
            large[f"/v{n}{path}"] = clone
    document["paths"] = large
    with open(out, "w", encoding="utf-8") as handle:
        yaml.dump(document, handle, Dumper=getattr(yaml, "CSafeDumper", yaml.SafeDumper), sort_keys=False, width=10_000)


if __name__ == "__main__":
    if len(sys.argv) != 4:
        print(__doc__.strip(), file=sys.stderr)
        sys.exit(2)
    main(*sys.argv[1:])
