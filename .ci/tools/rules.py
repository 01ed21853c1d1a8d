"""How a request newman sent and one `replay` sent are compared, and the written rules that
explain the differences postgen keeps on purpose. Each rule has a name (the conformance table
counts them), a test in test_rules.py and a paragraph in docs/conformance.md.

A capture is what capture.py recorded: method, target, headers ([name, value]) and body
(base64). It is compared as a Request: method, path, query pairs, headers and the body parsed
by its media type. The rules are transformations applied to both sides in order; a rule
explains a difference when the requests differ before it and that part agrees after it.
"""
import base64
import copy
import json
import re
import urllib.parse
from dataclasses import dataclass

# Headers a runner adds by itself, whatever the collection says: not part of the request the
# collection describes. newman sends User-Agent PostmanRuntime/x, a random Postman-Token,
# Cache-Control: no-cache, Accept: */* and Accept-Encoding; both send Host, Connection and a
# length. Content-Type is compared as a media type and parameters (a multipart boundary is
# random on both sides).
RUNNER_HEADERS = {"user-agent", "postman-token", "accept-encoding", "connection", "host", "content-length",
                  "transfer-encoding"}
RUNNER_DEFAULTS = {"cache-control": "no-cache", "accept": "*/*"}

# A converter's type hint standing for a value: `<integer>`, `<string>`, `<dateTime>`.
TYPE_HINT = re.compile(r"^<[A-Za-z][A-Za-z0-9 _,\-\[\]]*>$")


@dataclass
class Difference:
    text: str
    rule: str = ""  # empty: not explained


def parse(capture):
    """A capture as comparable parts."""
    path, _, query = capture["target"].partition("?")
    headers = {}
    for name, value in capture["headers"]:
        name = name.lower()
        headers[name] = f"{headers[name]}, {value}" if name in headers else value
    for name in RUNNER_HEADERS:
        headers.pop(name, None)
    body = base64.b64decode(capture["body"])
    content_type = headers.get("content-type", "")
    kind = content_type.split(";")[0].strip().lower()
    if kind == "multipart/form-data":
        parts = multipart_parts(body, content_type)
        if parts is not None:
            headers["content-type"] = "multipart/form-data"
            body = ("multipart", parts)
    elif kind == "application/x-www-form-urlencoded":
        body = ("form", pairs(body.decode("latin-1")))
    return {
        "method": capture["method"],
        "path": path,
        "query": pairs(query),
        "headers": headers,
        "body": body,
    }


def pairs(text):
    return [tuple(part.split("=", 1)) if "=" in part else (part, None) for part in text.split("&") if part]


def multipart_parts(body, content_type):
    boundary = None
    for param in content_type.split(";")[1:]:
        key, _, value = param.strip().partition("=")
        if key.lower() == "boundary":
            boundary = value.strip('"')
    if not boundary:
        return None
    parts = []
    for chunk in body.split(b"--" + boundary.encode())[1:]:
        if chunk.startswith(b"--"):
            break
        head, _, content = chunk[2:].partition(b"\r\n\r\n")
        headers = {}
        for line in head.decode("latin-1").split("\r\n"):
            key, _, value = line.partition(":")
            headers[key.strip().lower()] = value.strip()
        parts.append((headers.get("content-disposition", ""), headers.get("content-type"),
                      content[:-2] if content.endswith(b"\r\n") else content))
    return parts


def differing(a, b):
    """The names of the parts in which requests `a` and `b` differ."""
    out = [key for key in ("method", "path", "query", "body") if a[key] != b[key]]
    for name in sorted(set(a["headers"]) | set(b["headers"])):
        x, y = a["headers"].get(name), b["headers"].get(name)
        if x != y and not (y is None and RUNNER_DEFAULTS.get(name) == x):
            out.append("header " + name)
    return out


def json_paths(x, y, path=""):
    """Where two JSON values differ: `path: theirs != ours`, a line each."""
    if isinstance(x, dict) and isinstance(y, dict):
        return [line for key in sorted(set(x) | set(y))
                for line in json_paths(x.get(key, "<absent>"), y.get(key, "<absent>"), f"{path}.{key}")]
    if isinstance(x, list) and isinstance(y, list) and len(x) == len(y):
        return [line for i, (u, v) in enumerate(zip(x, y)) for line in json_paths(u, v, f"{path}[{i}]")]
    return [] if x == y else [f"{path or '.'}: {json.dumps(x)[:80]} != {json.dumps(y)[:80]}"]


def describe(part, a, b):
    x, y = a.get(part), b.get(part)
    if part == "body" and isinstance(x, tuple) and isinstance(y, tuple) and x[0] == y[0] == "json":
        return "JSON body: " + "; ".join(json_paths(x[1], y[1])[:4])
    if part.startswith("header "):
        name = part[len("header "):]
        return f"{part}: {a['headers'].get(name)!r} != {b['headers'].get(name)!r}"
    return f"{part}: {a[part]!r:.300} != {b[part]!r:.300}"


# The rules, in the order they are applied. Each takes newman's request, replay's and the
# collection's item (its JSON), and returns the two requests as that rule compares them.

def json_value(theirs, ours, item):
    """json-value: a JSON body is compared as a value. Postman sends the raw text as written;
    the typed client serializes the value it was given, so spacing and number spelling differ
    (`1.50` is sent `1.5`)."""
    for request in (theirs, ours):
        body = request["body"]
        if isinstance(body, bytes) and body.strip()[:1] in (b"{", b"["):
            try:
                request["body"] = ("json", json.loads(body))
            except ValueError:
                pass
    return theirs, ours


def without_hints(value):
    """`value` without what stands only for type hints (empty objects too); `None` when
    nothing else is left."""
    if isinstance(value, str):
        return None if TYPE_HINT.match(value) else value
    if isinstance(value, dict):
        kept = {k: v for k, v in ((k, without_hints(v)) for k, v in value.items()) if v is not None}
        return kept or None
    if isinstance(value, list):
        kept = [v for v in (without_hints(v) for v in value) if v is not None]
        return kept if kept or not value else None
    return value


def is_hint(text):
    return text is not None and bool(TYPE_HINT.match(urllib.parse.unquote_plus(text)))


def type_hint(theirs, ours, item):
    """type-hint: a converter's type hint (`<integer>`, `<uuid>`) given as the value of a typed
    field, query parameter, form part or path parameter is left out, or for a path parameter
    replaced by a value of its type. Postman sends the hint's text, which no API accepts as a
    value of that type and a typed field cannot hold."""
    segments = theirs["path"].split("/")
    for request in (theirs, ours):
        request["query"] = [(k, v) for k, v in request["query"] if not is_hint(v)]
        body = request["body"]
        if isinstance(body, tuple) and body[0] == "form":
            request["body"] = ("form", [(k, v) for k, v in body[1] if not is_hint(v)])
        elif isinstance(body, tuple) and body[0] == "multipart":
            request["body"] = ("multipart", [p for p in body[1] if not is_hint(p[2].decode("latin-1"))])
        elif isinstance(body, tuple) and body[0] == "json":
            request["body"] = ("json", without_hints(body[1]))
        if request["body"] in (("multipart", []), ("json", None), ("form", [])):
            # Nothing is left to send: no body, and so no content type.
            request["body"] = b""
            request["headers"].pop("content-type", None)
        mine = request["path"].split("/")
        if len(mine) == len(segments):
            request["path"] = "/".join("<hint>" if is_hint(t) else m for t, m in zip(segments, mine))
    return theirs, ours


def request_of(item):
    """The collection item's request object (`{}` when it is a bare URL string or absent)."""
    request = item.get("request")
    return request if isinstance(request, dict) else {}


def url_of(item):
    """The request's URL object (`{}` when it is a string)."""
    url = request_of(item).get("url")
    return url if isinstance(url, dict) else {}


def auth_type(item):
    auth = request_of(item).get("auth")
    return auth.get("type") if isinstance(auth, dict) else None


def one_credential(theirs, ours, item):
    """one-credential: a client holds one credential of each scheme, which every request of
    that scheme sends. A request whose own auth block gives another token (or none) is sent
    with the client's: a per-request secret is a call's business, not a generated constant."""
    if auth_type(item) in ("bearer", "oauth2", "apikey", "basic"):
        for request in (theirs, ours):
            request["headers"].pop("authorization", None)
    return theirs, ours


def part_name(disposition):
    match = re.search(r'name="([^"]*)"', disposition)
    return match.group(1) if match else None


def file_parts(item):
    body = request_of(item).get("body") or {}
    if body.get("mode") == "file":
        return True
    return any(isinstance(p, dict) and p.get("type") == "file" for p in body.get("formdata") or [])


def file_contents(theirs, ours, item):
    """file-contents: a file (a form part or a whole body) is the bytes of a path on the
    machine where the collection was made. Postman sends the part only when it can read that
    path, and an empty one when the collection names no file; the client is given the bytes by
    its caller, and replay sends example bytes. File parts and file bodies are left out of the
    comparison."""
    if not file_parts(item):
        return theirs, ours
    names = {p.get("key") for p in (request_of(item).get("body") or {}).get("formdata") or []
             if isinstance(p, dict) and p.get("type") == "file"}
    for request in (theirs, ours):
        body = request["body"]
        if isinstance(body, tuple) and body[0] == "multipart":
            parts = [p for p in body[1] if part_name(p[0]) not in names and "filename=" not in p[0]]
            request["body"] = ("multipart", parts) if parts else b"<file>"
            if not parts:
                request["headers"].pop("content-type", None)
        elif isinstance(body, bytes):
            request["body"] = b"<file>"
            request["headers"].pop("content-type", None)
    return theirs, ours


def query_key_variable(theirs, ours, item):
    """query-key-variable: a query key made of a variable (`{{historyStart}}=`) is sent as
    written. Keys are the fields of a typed query struct, fixed when the client is generated;
    a key that changes with a variable's value would be a map, which no collection has needed."""
    query = url_of(item).get("query")
    keys = [q.get("key") or "" for q in query or [] if isinstance(q, dict)]
    if any("{{" in key for key in keys):
        for request in (theirs, ours):
            request["query"] = [(k, v) for k, v in request["query"] if "{{" not in urllib.parse.unquote(k)]
        named = {urllib.parse.quote(k) for k in keys if "{{" not in k} | {k for k in keys if "{{" not in k}
        theirs["query"] = [(k, v) for k, v in theirs["query"] if k in named]
    return theirs, ours


def path_object_segments(theirs, ours, item):
    """path-object-segments: the collection format allows a path segment written as an object
    (`{"type": "string", "value": "files"}`); newman sends such a segment as
    `[object Object]`, postgen sends its value. newman is wrong here."""
    path = url_of(item).get("path")
    if isinstance(path, list) and any(isinstance(p, dict) for p in path) and "[object%20Object]" in theirs["path"]:
        theirs["path"] = ours["path"]
    return theirs, ours


def plus_in_query(theirs, ours, item):
    """plus-in-query: a `+` in a query value is sent as `%2B`. The client percent-encodes the
    values it is given, so a `+` stays a plus; Postman sends the collection's text as written,
    where most servers read `+` as a space. A caller who means a space writes one."""
    for request in (theirs, ours):
        request["query"] = [(k, v.replace("%2B", "+") if v is not None else v) for k, v in request["query"]]
    return theirs, ours


def query_escapes(theirs, ours, item):
    """query-escapes: a query written with escapes it needs none for (`https%3A%2F%2Fa.test`,
    `%7B`) is sent with those characters as they are (`https://a.test`, `{`). The client reads
    the collection's query text into the values it means and encodes them again, escaping
    only what would change the query and what Postman's runner always escapes; every server
    decodes both to the same value. An escape that means something (`%26`, `%20`) is kept."""
    def decoded(text):
        # `%2B` is not `+`, which servers read as a space: that is plus-in-query's to explain.
        return None if text is None else urllib.parse.unquote(re.sub("%2[Bb]", "%252B", text))

    for request in (theirs, ours):
        request["query"] = [(decoded(k), decoded(v)) for k, v in request["query"]]
    return theirs, ours


RULES = [
    ("json-value", json_value),
    ("type-hint", type_hint),
    ("one-credential", one_credential),
    ("file-contents", file_contents),
    ("query-key-variable", query_key_variable),
    ("path-object-segments", path_object_segments),
    ("plus-in-query", plus_in_query),
    ("query-escapes", query_escapes),
]


def compare(theirs, ours, item=None):
    """The differences between newman's capture `theirs` and replay's `ours` of the
    collection's `item`: each explained by the first rule after which that part agrees, or
    unexplained."""
    item = item or {}
    a, b = parse(theirs), parse(ours)
    before = differing(a, b)
    if not before:
        return []
    explained = {}
    for name, rule in RULES:
        a, b = rule(copy.deepcopy(a), copy.deepcopy(b), item)
        now = differing(a, b)
        for part in before:
            if part not in now and part not in explained:
                explained[part] = name
        if not now:
            break
    out = [Difference(f"{part} differs", explained[part]) for part in before if part in explained]
    out += [Difference(describe(part, a, b)) for part in differing(a, b)]
    return out
