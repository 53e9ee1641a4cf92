#!/usr/bin/env python3
"""Write the lint benchmark's corpus of real specs in the styles API teams publish.

usage: make_corpus.py STRIPE_SPEC OUT_DIR

From Stripe's public spec (MIT) it writes:
- large/stripe-pyyaml.yaml: the whole spec as PyYAML writes it (long plain scalars wrapped over
  several lines, sequences not indented under their key): another generator's style;
- large/stripe.json: the whole spec as JSON, one member per line;
- mid/stripe-part-NN-name.yaml: 5 documents of 512 KB to 1 MiB;
- reference/NN-name.yaml: a reference folder of 74 documents.
The split documents share out the paths (by first path segment) and the components between them,
the way a docs team splits one API by area: a reference to a component another file keeps names
that file (`07-customers.yaml#/components/schemas/customer`).
"""
import json
import os
import sys

import yaml

Loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
Dumper = getattr(yaml, "CSafeDumper", yaml.SafeDumper)


def groups_of(spec, count):
    """The paths in `count` groups: by first path segment, the largest split until there are enough."""
    groups = {}
    for path, item in spec["paths"].items():
        segments = [s for s in path.split("/") if s and not s.startswith("{")]
        key = segments[1] if len(segments) > 1 else segments[0]
        groups.setdefault(key, {})[path] = item
    groups = sorted(groups.items())
    while len(groups) < count:
        largest = max(range(len(groups)), key=lambda i: len(groups[i][1]))
        name, paths = groups.pop(largest)
        items = list(paths.items())
        if len(items) < 2:
            groups.insert(largest, (name, paths))
            break
        half = len(items) // 2
        groups[largest:largest] = [(name + "-a", dict(items[:half])), (name + "-b", dict(items[half:]))]
    while len(groups) > count:
        smallest = min(range(len(groups) - 1), key=lambda i: len(groups[i][1]) + len(groups[i + 1][1]))
        name, paths = groups.pop(smallest + 1)
        groups[smallest][1].update(paths)
    return groups


def point(value, home, here):
    """`value` with each `#/components/...` reference to a component kept in another file made
    a reference into that file, as multi-file reference folders write them."""
    if isinstance(value, dict):
        out = {}
        for key, item in value.items():
            if key == "$ref" and isinstance(item, str) and item.startswith("#/components/"):
                owner = home.get(tuple(item[len("#/components/"):].split("/", 1)))
                out[key] = item if owner in (None, here) else owner + item
            else:
                out[key] = point(item, home, here)
        return out
    if isinstance(value, list):
        return [point(item, home, here) for item in value]
    return value


def partition(spec, count, prefix):
    """`count` documents sharing out the paths and the components between them: what a team
    that splits one API by area publishes. Returns (file name, document) pairs."""
    groups = groups_of(spec, count)
    names = [f"{prefix}{index:02d}-{name}.yaml" for index, (name, _) in enumerate(groups)]
    components = [
        (kind, name, value)
        for kind, entries in spec.get("components", {}).items()
        if kind != "securitySchemes"
        for name, value in entries.items()
    ]
    home = {(kind, name): names[index % len(names)] for index, (kind, name, _) in enumerate(components)}
    documents = []
    for index, (name, paths) in enumerate(groups):
        here = names[index]
        kept = {}
        for kind, component, value in components:
            if home[(kind, component)] == here:
                kept.setdefault(kind, {})[component] = point(value, home, here)
        if "securitySchemes" in spec.get("components", {}):
            kept["securitySchemes"] = spec["components"]["securitySchemes"]
        document = {key: value for key, value in spec.items() if key not in ("paths", "components", "webhooks")}
        document["paths"] = point(paths, home, here)
        document["components"] = kept
        documents.append((here, document))
    return documents


def dump(document, path):
    os.makedirs(os.path.dirname(path), exist_ok=True)
    with open(path, "w", encoding="utf-8") as handle:
        yaml.dump(document, handle, Dumper=Dumper, sort_keys=False, allow_unicode=True, width=80)


def main(source, out):
    with open(source, encoding="utf-8") as handle:
        spec = yaml.load(handle, Loader=Loader)
    dump(spec, f"{out}/large/stripe-pyyaml.yaml")
    with open(f"{out}/large/stripe.json", "w", encoding="utf-8") as handle:
        json.dump(spec, handle, indent=1, ensure_ascii=False)
    for name, document in partition(spec, 74, ""):
        dump(document, f"{out}/reference/{name}")
    for name, document in partition(spec, 5, "stripe-part-"):
        dump(document, f"{out}/mid/{name}")


if __name__ == "__main__":
    main(*sys.argv[1:])
