#!/usr/bin/env python3
"""A stand-in for the API an OpenAPI document describes: it answers every request with the
first 2xx response the document gives its operation, the body made from the schema.

Usage: respond.py SPEC.json MODE PORT LOG
  MODE  minimal: objects carry their required properties only (required nullable ones as
        null, maps empty); full: every property, maps with one entry.
  LOG   one line per request served: METHOD PATH STATUS json|empty, then a tab and the body

Values are what the schema allows: the first enum value, the first `oneOf`/`anyOf`
alternative, `allOf` merged, formats honoured (date-time, uuid, ip), integers 7, numbers 1.5.
"""
import json
import re
import sys
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

spec_path, mode, port, log_path = sys.argv[1], sys.argv[2], int(sys.argv[3]), sys.argv[4]
spec = json.load(open(spec_path, encoding="utf-8"))
assert mode in ("minimal", "full"), mode
full = mode == "full"


def resolve(schema):
    while isinstance(schema, dict) and "$ref" in schema:
        node = spec
        for part in schema["$ref"].lstrip("#/").split("/"):
            node = node[part]
        schema = node
    return schema or {}


def value(schema, depth=0):
    schema = resolve(schema)
    if depth > 12:
        return None
    if "allOf" in schema:
        merged = {"type": "object", "properties": {}, "required": []}
        for part in schema["allOf"]:
            part = resolve(part)
            if "properties" not in part and ("oneOf" in part or "anyOf" in part or "enum" in part or part.get("type") not in (None, "object")):
                return value(part, depth + 1)
            merged["properties"].update(part.get("properties", {}))
            merged["required"] += part.get("required", [])
        return value(merged, depth + 1)
    for key in ("oneOf", "anyOf"):
        if key in schema:
            return value(schema[key][0], depth + 1)
    if "enum" in schema:
        return schema["enum"][0]
    kind = schema.get("type")
    if isinstance(kind, list):
        kind = next((k for k in kind if k != "null"), "null")
    if kind == "object" or "properties" in schema or "additionalProperties" in schema:
        out = {}
        required = set(schema.get("required", []))
        for name, prop in schema.get("properties", {}).items():
            if name in required:
                prop_schema = resolve(prop)
                nullable = prop_schema.get("nullable") or "null" in (prop_schema.get("type") or [])
                out[name] = None if (nullable and not full) else value(prop, depth + 1)
            elif full:
                out[name] = value(prop, depth + 1)
        extra = schema.get("additionalProperties")
        if full and isinstance(extra, dict):
            out["key"] = value(extra, depth + 1)
        return out
    if kind == "array":
        return [value(schema.get("items", {}), depth + 1)]
    if kind == "integer":
        return max(7, schema.get("minimum", 0))
    if kind == "number":
        return 1.5
    if kind == "boolean":
        return True
    if kind == "string":
        fmt = schema.get("format", "")
        if fmt == "date-time":
            return "2024-01-02T03:04:05Z"
        if fmt == "date":
            return "2024-01-02"
        if fmt == "uuid":
            return "0c7d7a3e-5b1f-4a63-9d5e-2f1e3c4b5a69"
        if fmt in ("ip", "ipv4"):
            return "10.0.0.1"
        if fmt == "ipv6":
            return "fd00::1"
        return "text"
    return None if kind == "null" else {}


operations = []
for template, item in spec.get("paths", {}).items():
    pattern = "^" + re.sub(r"\\\{[^}]*\\\}", "[^/]+", re.escape(template)) + "/?$"
    literal = len([s for s in template.split("/") if s and not s.startswith("{")])
    for method, op in item.items():
        if method.lower() not in ("get", "put", "post", "delete", "patch", "head", "options"):
            continue
        operations.append((literal, method.upper(), re.compile(pattern), op))
operations.sort(key=lambda o: -o[0])


def answer(method, path):
    for _, op_method, pattern, op in operations:
        if op_method == method and pattern.match(path):
            for code, response in sorted(op.get("responses", {}).items()):
                if code.startswith("2"):
                    schema = (resolve(response).get("content", {}).get("application/json") or {}).get("schema")
                    if schema is None or code in ("204", "205"):
                        return int(code), None
                    return int(code), json.dumps(value(schema))
            return 200, None
    return 404, None


log = open(log_path, "a", encoding="utf-8")


class Handler(BaseHTTPRequestHandler):
    def handle_one(self):
        length = int(self.headers.get("Content-Length") or 0)
        if length:
            self.rfile.read(length)
        path = self.path.split("?", 1)[0]
        code, body = answer(self.command, path)
        data = (body or "").encode()
        # Logged before the answer: the client may end, and the check stop this server, as
        # soon as it has it.
        log.write(f"{self.command} {path} {code} {'json' if body is not None else 'empty'}\t{body or ''}\n")
        log.flush()
        self.send_response(code)
        if body is not None:
            self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(data)

    do_GET = do_POST = do_PUT = do_DELETE = do_PATCH = do_HEAD = do_OPTIONS = handle_one

    def log_message(self, *args):
        pass


ThreadingHTTPServer(("127.0.0.1", port), Handler).serve_forever()
