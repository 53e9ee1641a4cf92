"""The names an OpenAPI document uses, operation by operation, read from the document itself: the
published Customers V3 reference's inventory is extracted with this, committed as facts
(.ci/published-names.json, with the commit it came from), and CI compares the spec with it, so
that no name can be missed by hand.

Per operation: its query parameters; the fields of its request body (an item's, for a list);
and of its success answer, the envelope's members (`data`, `meta`, `errors`), the fields of the
record it holds (an item's, for a list), and every member under `meta` as a dotted path
(`cursor_pagination.links.next`). `allOf` members are merged; `oneOf` and `anyOf` alternatives
are united.

  published_inventory.py extract PUBLISHED.yml COMMIT > .ci/published-names.json
  published_inventory.py compare SPEC INVENTORY DIFFERENCES_PAGE

`compare` prints how many of the published names the spec has, each missing one, and fails when
a missing name is not named on the differences page (an undeclared difference is a defect).
"""
import json
import re
import sys

import yaml

METHODS = ("get", "put", "post", "delete", "patch")


class Document:
    def __init__(self, tree):
        self.tree = tree

    def resolve(self, node, depth=0):
        while isinstance(node, dict) and "$ref" in node and depth < 32:
            ref = node["$ref"]
            if not ref.startswith("#/"):
                return {}
            node = self.tree
            for token in ref[2:].split("/"):
                node = node.get(token.replace("~1", "/").replace("~0", "~"), {}) if isinstance(node, dict) else {}
            depth += 1
        return node if isinstance(node, dict) else {}

    def members(self, schema, depth=0):
        """The properties of an object schema, in order: allOf merged, oneOf/anyOf united."""
        schema = self.resolve(schema)
        found = {}
        if depth > 16:
            return found
        for key in ("allOf", "oneOf", "anyOf"):
            for part in schema.get(key) or []:
                for name, value in self.members(part, depth + 1).items():
                    found.setdefault(name, value)
        for name, value in (schema.get("properties") or {}).items():
            found.setdefault(name, value)
        return found

    def record(self, schema):
        """The fields of what a schema holds: an item's for a list."""
        schema = self.resolve(schema)
        if schema.get("type") == "array" or "items" in schema:
            return list(self.members(schema.get("items") or {}))
        for key in ("allOf", "oneOf", "anyOf"):
            for part in schema.get(key) or []:
                part = self.resolve(part)
                if part.get("type") == "array" or "items" in part:
                    return list(self.members(part.get("items") or {}))
        return list(self.members(schema))

    def dotted(self, schema, prefix="", depth=0):
        names = []
        if depth > 4:
            return names
        for name, value in self.members(schema).items():
            names.append(prefix + name)
            names += self.dotted(value, prefix + name + ".", depth + 1)
        return names

    @staticmethod
    def json_schema(body):
        content = (body or {}).get("content") or {}
        for media in ("application/json", *sorted(content)):
            if media in content and "schema" in content[media]:
                return content[media]["schema"]
        return None

    def operation(self, path_item, operation):
        parameters = [self.resolve(p) for p in (path_item.get("parameters") or []) + (operation.get("parameters") or [])]
        query = []
        for parameter in parameters:
            if parameter.get("in") == "query" and parameter.get("name") not in query:
                query.append(parameter.get("name"))
        request = []
        if "requestBody" in operation:
            schema = self.json_schema(self.resolve(operation["requestBody"]))
            if schema is not None:
                request = self.record(schema)
        envelope, record, meta = [], [], []
        successes = sorted(str(code) for code in (operation.get("responses") or {}) if str(code).startswith("2"))
        if successes:
            answer = self.resolve(operation["responses"][successes[0]] if successes[0] in operation["responses"]
                                  else operation["responses"][int(successes[0])])
            schema = self.json_schema(answer)
            if schema is not None:
                members = self.members(schema)
                if "data" in members:
                    envelope = list(members)
                    record = self.record(members["data"])
                    if "meta" in members:
                        meta = self.dotted(members["meta"])
                else:
                    record = self.record(schema)
        return {"query": query, "request": request, "envelope": envelope, "record": record, "meta": meta}

    def inventory(self):
        operations = {}
        for path, item in (self.tree.get("paths") or {}).items():
            item = self.resolve(item)
            for method in METHODS:
                if method in item:
                    operations[f"{method.upper()} {path}"] = self.operation(item, item[method])
        return operations


def shape(key):
    """An operation's method and path with its parameters' names left out: `GET /customers/{}`."""
    return re.sub(r"\{[^}]*\}", "{}", key)


def extract(published, commit):
    tree = yaml.safe_load(open(published))
    facts = {
        "source": {"repository": "bigcommerce/docs", "path": "reference/customers.v3.yml", "commit": commit},
        "operations": Document(tree).inventory(),
    }
    print(json.dumps(facts, indent=1, sort_keys=True))


PATH = re.compile(r"/customers[A-Za-z0-9_\-/{}]*")


def declares(section, paths, key, name, operation_missing):
    """Whether a section of the differences page declares that `name` of operation `key` is
    missing: it names the operation when the whole operation is missing; else it names the name,
    one of its dotted prefixes (`pagination` for `pagination.links.next`) or its last part, and
    the operation's path, unless the section names no path at all (a difference of every
    operation, such as `limit`'s type)."""
    path = key.split(" ", 1)[1]
    if operation_missing:
        return path in paths
    parts = name.split(".")
    named = any(f"`{'.'.join(parts[:end])}`" in section for end in range(1, len(parts) + 1)) or f"`{parts[-1]}`" in section
    return named and (not paths or path in paths)


def compare(spec_path, inventory_path, page_path):
    published = json.load(open(inventory_path))
    mine = {shape(key): value for key, value in Document(yaml.safe_load(open(spec_path))).inventory().items()}
    total = matched = 0
    missing = []
    for key, names in sorted(published["operations"].items()):
        ours = mine.get(shape(key))
        for kind in ("query", "request", "envelope", "record", "meta"):
            for name in names[kind]:
                total += 1
                if ours is not None and name in ours[kind]:
                    matched += 1
                else:
                    missing.append((key, kind, name, ours is None))
    source = published["source"]
    present = sum(1 for key in published["operations"] if shape(key) in mine)
    print(f"published reference: {source['repository']} {source['path']} at {source['commit'][:12]}")
    print(f"published operations in the spec: {present}/{len(published['operations'])}; "
          f"published names: {matched}/{total} ({100 * matched / total:.1f}%)")
    sections = [(section, set(PATH.findall(section))) for section in open(page_path).read().split("\n## ")]
    undeclared = 0
    for key, kind, name, operation_missing in missing:
        declared = any(declares(section, paths, key, name, operation_missing) for section, paths in sections)
        undeclared += not declared
        print(f"  {'declared:  ' if declared else 'UNDECLARED:'} {key} {kind}: {name}")
    if undeclared:
        print(f"{undeclared} names of the published reference are missing from {spec_path} and not on {page_path}")
        sys.exit(1)


if __name__ == "__main__":
    if len(sys.argv) == 4 and sys.argv[1] == "extract":
        extract(sys.argv[2], sys.argv[3])
    elif len(sys.argv) == 5 and sys.argv[1] == "compare":
        compare(sys.argv[2], sys.argv[3], sys.argv[4])
    else:
        sys.exit(__doc__)
