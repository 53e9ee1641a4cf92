#!/usr/bin/env python3
"""An example checker independent of Specsmith's own validator.

Every example in an OpenAPI 3.0/3.1 document (media types, parameters, headers, schemas, in
paths and webhooks) is validated against its schema by the `jsonschema` and
`openapi-schema-validator` packages, so that Specsmith is not the only judge of its own
output. Request examples may not carry readOnly properties; response examples may not carry
writeOnly ones. A webhook's body is sent by the API, so it is judged as a response is.

usage: check_examples.py SPEC [SPEC ...] [--require-examples]

  --require-examples  also fail when a JSON request body or a 2xx JSON response has no
                      example.

Exit status: 0 every example valid, 1 an invalid or missing example, 2 unusable input.
"""
import sys

import yaml
from jsonschema import ValidationError
from jsonschema.validators import extend
from openapi_schema_validator import OAS30Validator, OAS31Validator
from referencing import Registry, Resource
from referencing.jsonschema import DRAFT4, DRAFT202012

BASE_URI = "urn:document"
OPERATIONS = ("get", "put", "post", "delete", "patch", "head", "options", "trace")


class Loader(getattr(yaml, "CSafeLoader", yaml.SafeLoader)):
    """YAML as JSON sees it: a timestamp stays the string it is written as."""


Loader.add_constructor("tag:yaml.org,2002:timestamp", lambda loader, node: loader.construct_scalar(node))


def escape(step):
    return str(step).replace("~", "~0").replace("/", "~1")


def pointer(steps):
    return "#/" + "/".join(escape(step) for step in steps)


def steps_of(ref):
    if not ref.startswith("#/"):
        raise ValueError(f"only local $refs are followed, not {ref}")
    return [part.replace("~1", "/").replace("~0", "~") for part in ref[2:].split("/")]


def refuse(message):
    def keyword(validator, flagged, instance, schema):
        if flagged:
            yield ValidationError(message)
    return keyword


class Document:
    """One OpenAPI document and what was found in it."""

    def __init__(self, tree):
        self.tree = tree
        version = str(tree.get("openapi", ""))
        if version.startswith(("3.1", "3.2")):
            validator, draft = OAS31Validator, DRAFT202012
        elif version.startswith("3.0"):
            validator, draft = OAS30Validator, DRAFT4
        else:
            raise ValueError(f"not an OpenAPI 3 document (openapi: {version!r})")
        self.registry = Registry().with_resource(BASE_URI, Resource(contents=tree, specification=draft))
        self.validators = {
            "request": extend(validator, {"readOnly": refuse("is readOnly, so a request must not send it")}),
            "response": extend(validator, {"writeOnly": refuse("is writeOnly, so a response must not send it")}),
            "any": validator,
        }
        self.count = 0
        self.invalid = []
        self.missing = []

    def at(self, steps):
        node = self.tree
        for step in steps:
            node = node[step]
        return node

    def resolve(self, node, steps):
        """Follows $refs on a non-schema object; returns the object and where it is written."""
        for _ in range(32):
            if not (isinstance(node, dict) and "$ref" in node):
                return node, steps
            steps = steps_of(node["$ref"])
            node = self.at(steps)
        raise ValueError(f"$ref chain too long at {pointer(steps)}")

    def check(self, schema_steps, value, context, where):
        self.count += 1
        validator = self.validators[context]({"$ref": BASE_URI + pointer(schema_steps)}, registry=self.registry)
        for error in sorted(validator.iter_errors(value), key=lambda e: [str(p) for p in e.absolute_path]):
            field = "".join(f"[{p}]" if isinstance(p, int) else f".{p}" for p in error.absolute_path) or "(root)"
            self.invalid.append(f"{pointer(where)}: {field}: {error.message}")

    def examples_of(self, holder, steps):
        """(value, pointer steps) of an object's `example` and `examples` map."""
        if "example" in holder:
            yield holder["example"], steps + ["example"]
        for name, entry in (holder.get("examples") or {}).items():
            entry, entry_steps = self.resolve(entry, steps + ["examples", name])
            if isinstance(entry, dict) and "value" in entry:
                yield entry["value"], entry_steps + ["value"]

    def content(self, content, steps, context, require):
        for media, entry in (content or {}).items():
            if not isinstance(entry, dict) or "schema" not in entry:
                continue
            found = False
            for value, where in self.examples_of(entry, steps + [media]):
                found = True
                self.check(steps + [media, "schema"], value, context, where)
            if require and not found and "json" in media:
                self.missing.append(pointer(steps + [media]))

    def parameters(self, parameters, steps):
        for index, parameter in enumerate(parameters or []):
            parameter, where = self.resolve(parameter, steps + [index])
            if "schema" in parameter:
                for value, at in self.examples_of(parameter, where):
                    self.check(where + ["schema"], value, "request", at)
            self.content(parameter.get("content"), where + ["content"], "request", False)

    def headers(self, headers, steps):
        for name, header in (headers or {}).items():
            header, where = self.resolve(header, steps + [name])
            if "schema" in header:
                for value, at in self.examples_of(header, where):
                    self.check(where + ["schema"], value, "response", at)

    def operation(self, operation, steps, require, webhook=False):
        # A webhook's request is sent by the API, as a response is, and its answer by the subscriber.
        sent, answered = ("response", "request") if webhook else ("request", "response")
        self.parameters(operation.get("parameters"), steps + ["parameters"])
        if "requestBody" in operation:
            body, where = self.resolve(operation["requestBody"], steps + ["requestBody"])
            self.content(body.get("content"), where + ["content"], sent, require)
        for status, response in (operation.get("responses") or {}).items():
            response, where = self.resolve(response, steps + ["responses", str(status)])
            self.headers(response.get("headers"), where + ["headers"])
            self.content(response.get("content"), where + ["content"], answered, require and str(status).startswith("2"))

    def run(self, require):
        for section in ("paths", "webhooks"):
            for route, item in (self.tree.get(section) or {}).items():
                item, where = self.resolve(item, [section, route])
                self.parameters(item.get("parameters"), where + ["parameters"])
                for method in OPERATIONS:
                    if isinstance(item.get(method), dict):
                        self.operation(item[method], where + [method], require, webhook=section == "webhooks")
        for name, schema in ((self.tree.get("components") or {}).get("schemas") or {}).items():
            if not isinstance(schema, dict):
                continue
            steps = ["components", "schemas", name]
            if "example" in schema:
                self.check(steps, schema["example"], "any", steps + ["example"])
            if isinstance(schema.get("examples"), list):
                for index, value in enumerate(schema["examples"]):
                    self.check(steps, value, "any", steps + ["examples", index])


def main(arguments):
    require = "--require-examples" in arguments
    files = [argument for argument in arguments if not argument.startswith("--")]
    if not files:
        print(__doc__.strip(), file=sys.stderr)
        return 2
    status = 0
    for file in files:
        try:
            with open(file, encoding="utf-8") as handle:
                document = Document(yaml.load(handle, Loader=Loader))
            document.run(require)
        except (OSError, ValueError, KeyError, IndexError, TypeError, yaml.YAMLError) as error:
            print(f"{file}: cannot check: {error}")
            return 2
        for line in document.invalid:
            print(f"{file}: invalid example {line}")
        for line in document.missing:
            print(f"{file}: no example for {line}")
        print(f"{file}: {document.count} examples checked, {len(document.invalid)} invalid, {len(document.missing)} missing")
        if document.invalid or document.missing:
            status = 1
    return status


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
