#!/usr/bin/env python3
"""Does a generated client send what Postman sends? Each collection goes through newman
(Postman's runner) and through its generated client's `replay` example, both pointed at one
loopback capture server with the same variable values, and each request is compared: method,
path, query, headers and body. A difference is acceptable only when a rule of rules.py
explains it; the rules are written down in docs/conformance.md.

Usage: conformance.py --postgen BIN --work DIR [--corpus DIR] [--doc FILE [--write-doc]] [COLLECTION...]
  --corpus  also every v2 collection of DIR/MANIFEST.tsv in which a request's host is a variable
  --doc     check (or with --write-doc, write) FILE's generated section: the rules and the table
Exit status 1 when a request differs without a rule, a fixture request is not what its name
says, a runner failed, or the doc's section is not these results.
"""
import base64
import json
import os
import re
import socket
import subprocess
import sys
import time
import urllib.request

sys.path.insert(0, os.path.dirname(__file__))
import rules  # noqa: E402

HERE = os.path.dirname(os.path.abspath(__file__))
VARIABLE = re.compile(r"\{\{([^{}]+?)\}\}")


def free_port():
    s = socket.socket()
    s.bind(("127.0.0.1", 0))
    port = s.getsockname()[1]
    s.close()
    return port


def port_free(port):
    s = socket.socket()
    try:
        s.bind(("127.0.0.1", port))
        return True
    except OSError:
        return False
    finally:
        s.close()


def load(path):
    data = json.load(open(path, encoding="utf-8"))
    if "collection" in data and "item" not in data:
        data = data["collection"]
    return data


def requests_of(items):
    for item in items or []:
        if isinstance(item.get("item"), list):
            yield from requests_of(item["item"])
        elif "request" in item:
            yield item


def raw_url(request):
    if isinstance(request, str):
        return request
    url = request.get("url")
    if isinstance(url, str):
        return url
    if isinstance(url, dict):
        if url.get("raw"):
            return url["raw"]
        host = url.get("host")
        return ".".join(host) if isinstance(host, list) else str(host or "")
    return ""


def host_variable(item):
    """The variable that is the item's whole origin (`{{baseUrl}}/...`), if one is."""
    match = re.match(r"\s*\{\{([^{}]+)\}\}", raw_url(item["request"]))
    return match.group(1) if match else None


def environment(collection, origin):
    """The values both runners get: a variable that is a request's whole origin points at the
    capture server (keeping the path its value has); every variable the collection uses but
    does not define (or defines empty) gets a distinct number, which fits a path, a query, a string and a JSON
    number alike; so do Postman's dynamic variables (`{{$guid}}`), which would otherwise be
    random on both sides."""
    defined = {}
    for v in collection.get("variable") or []:
        if isinstance(v, dict) and v.get("key") is not None and not v.get("disabled"):
            defined[str(v["key"])] = "" if v.get("value") is None else str(v.get("value"))
    hosts = {host_variable(item) for item in requests_of(collection.get("item"))} - {None}
    text = json.dumps(collection)
    used = sorted(set(VARIABLE.findall(text)))
    values = {}
    for name in sorted(hosts):
        value = defined.get(name, "")
        path = re.sub(r"^[a-zA-Z][a-zA-Z0-9+.-]*://[^/]*", "", value) if "://" in value else ""
        values[name] = origin + path
    number = 1000
    for name in used:
        # An empty value is no value: the client takes such a variable as an argument. A
        # dynamic variable (`{{$guid}}`) given a value takes it in newman as in replay.
        if name in values or defined.get(name):
            continue
        number += 1
        values[name] = str(number)
    return values


def take(port):
    with urllib.request.urlopen(f"http://127.0.0.1:{port}/__capture__/take") as response:
        return json.load(response)


def run(command, log, **kwargs):
    with open(log, "w") as out:
        return subprocess.run(command, stdout=out, stderr=subprocess.STDOUT, **kwargs).returncode


def conform(postgen, work, path, port, target):
    """Compares one collection; returns (summary dict, list of unexplained differences). A
    chained collection (`chained` in its file name) runs with its scripts in both runners,
    against a server whose answers carry a token and an id, and each request's checks must
    agree too."""
    chained = "chained" in os.path.basename(path)
    if chained:
        port = port + 1
    name = re.sub(r"[^a-z0-9]+", "_", os.path.splitext(os.path.basename(path))[0].lower()).strip("_")
    name = "c_" + (name or "collection")
    here = os.path.join(work, name)
    os.makedirs(here, exist_ok=True)
    collection = load(path)
    origin = f"http://127.0.0.1:{port}"
    values = environment(collection, origin)
    env_path = os.path.join(here, "environment.json")
    json.dump(
        {"name": "conformance", "values": [{"key": k, "value": v, "enabled": True} for k, v in values.items()]},
        open(env_path, "w"),
        indent=1,
    )
    summary = {"file": path, "requests": 0, "compared": 0, "identical": 0, "rules": {}, "unexplained": 0, "note": ""}

    take(port)
    if run(["node", os.path.join(HERE, "newman-run.js"), path, env_path, os.path.join(here, "newman.json")]
           + (["--scripts"] if chained else []),
           os.path.join(here, "newman.log")) != 0:
        summary["note"] = "newman failed"
        return summary, [f"{path}: newman failed, see {here}/newman.log"]
    newman_items = json.load(open(os.path.join(here, "newman.json")))
    newman_sent = take(port)
    json.dump(newman_sent, open(os.path.join(here, "newman.captures.json"), "w"), indent=1)

    crate = os.path.join(here, "crate")
    if run([postgen, "generate", path, "--out", crate, "--name", name.replace("_", "-")],
           os.path.join(here, "generate.log")) != 0:
        summary["note"] = "postgen failed"
        return summary, [f"{path}: postgen generate failed, see {here}/generate.log"]
    env = dict(os.environ, CARGO_TARGET_DIR=target)
    manifest = os.path.join(crate, "Cargo.toml")
    if run(["cargo", "build", "--quiet", "--manifest-path", manifest, "--example", "replay"],
           os.path.join(here, "build.log"), env=env) != 0:
        summary["note"] = "replay did not build"
        return summary, [f"{path}: replay did not build, see {here}/build.log"]
    replay_log = os.path.join(here, "replay.log")
    # newman runs without the scripts here, and so does replay, but for a chained collection.
    run([os.path.join(target, "debug", "examples", "replay"), "--environment", env_path]
        + ([] if chained else ["--no-scripts"]), replay_log)
    replay_sent = take(port)
    json.dump(replay_sent, open(os.path.join(here, "replay.captures.json"), "w"), indent=1)
    # One line per request: not the decoded bodies or checks under it (indented), nor the summary.
    lines, checks = [], []
    for line in open(replay_log):
        line = line.rstrip("\n")
        if line.startswith(("  \u2713 ", "  \u2717 ")) and checks:
            checks[-1].append({"name": line[4:].split(": ", 1)[0] if line[2] == "\u2717" else line[4:],
                               "passed": line[2] == "\u2713"})
        elif not line.startswith(("  ", "replay: ")):
            lines.append(line)
            checks.append([])

    summary["requests"] = len(newman_items)
    if len(lines) != len(newman_items):
        summary["note"] = f"replay reported {len(lines)} requests, newman {len(newman_items)}"
        return summary, [f"{path}: {summary['note']}"]
    # The capture server answers the n-th request it receives with status 200 + n % 100, and
    # both runners report the status of each request: that pairs each request with its capture,
    # whatever a runner did not send.
    skipped = {"newman": 0, "replay": 0}

    def capture_of(queue, status, runner):
        # A status from elsewhere (a literal host's proxy) matches none of the next 100.
        for n, capture in enumerate(queue[:100]):
            if 200 + capture["seq"] % 100 == status:
                skipped[runner] += n
                del queue[: n + 1]
                return capture
        return None

    for n, capture in enumerate(newman_sent):
        capture["seq"] = n
    for n, capture in enumerate(replay_sent):
        capture["seq"] = n
    newman_queue = list(newman_sent)
    replay_queue = list(replay_sent)
    unexplained = []
    # newman runs the items depth first, as requests_of walks them.
    items = list(requests_of(collection.get("item")))
    if len(items) != len(newman_items):
        items = [{}] * len(newman_items)
    for index, (item, line) in enumerate(zip(newman_items, lines)):
        status = re.match(r"^(2\d\d) ", line)
        theirs = capture_of(newman_queue, item["status"], "newman")
        ours = capture_of(replay_queue, int(status.group(1)) if status else None, "replay")
        if theirs is None and ours is None:
            continue
        summary["compared"] += 1
        where = f"{path}: request {index + 1} ({item.get('name') or ''})"
        if theirs is None:
            unexplained.append(f"{where}: replay sent it, newman did not ({item['error']})")
            continue
        if ours is None:
            if ": not sent: " in line and rules.file_parts(items[index]):
                # replay has no file to send where the collection names none.
                summary["rules"]["file-contents"] = summary["rules"].get("file-contents", 0) + 1
            else:
                unexplained.append(f"{where}: newman sent it, replay did not: {line}")
            continue
        if chained:
            expected = [(a["name"], a["passed"]) for a in item.get("assertions", [])]
            got = [(c["name"], c["passed"]) for c in checks[index]]
            if expected != got:
                unexplained.append(f"{where}: newman's checks {expected}, replay's {got}")
        differences = rules.compare(theirs, ours, items[index])
        unexplained += expectation(where, item.get("name") or "", differences)
        if not differences:
            summary["identical"] += 1
        # A request counts once for each rule that explains some part of it.
        for rule in sorted({d.rule for d in differences if d.rule}):
            summary["rules"][rule] = summary["rules"].get(rule, 0) + 1
        unexplained += [f"{where}: {d.text}" for d in differences if not d.rule]
        if any(not d.rule for d in differences):
            summary["unexplained"] += 1
    skipped["newman"] += len(newman_queue)
    skipped["replay"] += len(replay_queue)
    for runner, count in skipped.items():
        if count:
            unexplained.append(f"{path}: {count} requests {runner} sent are not among those it reported")
    return summary, unexplained


def expectation(where, name, differences):
    """What a fixture request's name says of it, checked: `identical: ...` is sent as newman
    sends it; `rule NAME: ...` differs, and only in what rule NAME explains."""
    expected = re.match(r"^(identical|rule ([a-z-]+)):", name)
    if not expected:
        return []
    used = sorted({d.rule or "unexplained" for d in differences})
    if expected.group(1) == "identical":
        return [] if not differences else [f"{where}: expected identical, differs ({', '.join(used)})"]
    if used != [expected.group(2)]:
        return [f"{where}: expected rule {expected.group(2)} alone, got {', '.join(used) or 'identical'}"]
    return []


def table(summaries, base):
    lines = [
        "| Collection | Requests | Compared | Identical | Explained by rule (requests) | Unexplained |",
        "|---|---:|---:|---:|---|---:|",
    ]
    for s in summaries:
        explained = ", ".join(f"{rule} ({n})" for rule, n in sorted(s["rules"].items())) or "-"
        if s["note"]:
            explained = s["note"]
        lines.append(
            f"| {os.path.relpath(s['file'], base)} | {s['requests']} | {s['compared']} | "
            f"{s['identical']} | {explained} | {s['unexplained']} |"
        )
    compared = sum(s["compared"] for s in summaries)
    identical = sum(s["identical"] for s in summaries)
    lines.append(f"| **{len(summaries)} collections** | {sum(s['requests'] for s in summaries)} | {compared} | "
                 f"{identical} | {compared - identical - sum(s['unexplained'] for s in summaries)} explained | "
                 f"{sum(s['unexplained'] for s in summaries)} |")
    return "\n".join(lines) + "\n"


def rules_text():
    """The rules as docs/conformance.md lists them: their docstrings, so they cannot drift."""
    out = []
    for name, rule in rules.RULES:
        text = " ".join(rule.__doc__.split())
        out.append(f"- **{text.split(':', 1)[0]}**:{text.split(':', 1)[1]}")
    return "\n".join(out) + "\n"


def corpus_files(corpus):
    """The v2.0 and v2.1 collections of MANIFEST.tsv in which some request's host is a
    variable: newman can be pointed at the capture server only through a variable."""
    import csv

    out = []
    with open(os.path.join(corpus, "MANIFEST.tsv"), encoding="utf-8") as manifest:
        for row in csv.DictReader(manifest, delimiter="\t"):
            if row["schema_version"] not in ("v2.0", "v2.1"):
                continue
            path = os.path.join(corpus, row["path"])
            try:
                collection = load(path)
            except (OSError, ValueError):
                continue
            if any(host_variable(item) for item in requests_of(collection.get("item"))):
                out.append(path)
    return out


BEGIN, END = "<!-- conformance:begin -->", "<!-- conformance:end -->"


def main():
    import argparse

    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--postgen", required=True, help="the postgen binary")
    parser.add_argument("--work", required=True, help="a work directory")
    parser.add_argument("--corpus", help="also every collection of this corpus whose host is a variable")
    parser.add_argument("--doc", help="a markdown file whose generated section must be the rules and table")
    parser.add_argument("--write-doc", action="store_true", help="write that section instead of checking it")
    parser.add_argument("files", nargs="*")
    args = parser.parse_args()
    paths = list(args.files) + (corpus_files(args.corpus) if args.corpus else [])
    os.makedirs(args.work, exist_ok=True)
    port = free_port()
    server = subprocess.Popen([sys.executable, os.path.join(HERE, "capture.py"), str(port)])
    # For chained collections, on the next port: answers with a token and an id.
    if not port_free(port + 1):
        sys.exit("conformance: the port after the capture server's is taken")
    json_server = subprocess.Popen([sys.executable, os.path.join(HERE, "capture.py"), str(port + 1), "--json"])
    try:
        for listening in (port, port + 1):
            for _ in range(100):
                try:
                    socket.create_connection(("127.0.0.1", listening)).close()
                    break
                except OSError:
                    time.sleep(0.05)
        summaries, problems = [], []
        target = os.path.join(args.work, "target")
        for path in paths:
            started = time.time()
            summary, unexplained = conform(os.path.abspath(args.postgen), args.work, path, port, target)
            summaries.append(summary)
            problems += unexplained
            print(
                f"conformance: {path}: {summary['compared']} compared, {summary['identical']} identical, "
                f"{summary['unexplained']} unexplained{' (' + summary['note'] + ')' if summary['note'] else ''} "
                f"[{time.time() - started:.0f} s]",
                flush=True,
            )
    finally:
        server.kill()
        json_server.kill()
    base = args.corpus or (os.path.commonpath([os.path.dirname(os.path.abspath(p)) for p in paths]) if paths else ".")
    for problem in problems:
        print(problem, file=sys.stderr)
    compared = sum(s["compared"] for s in summaries)
    identical = sum(s["identical"] for s in summaries)
    print(f"conformance: {len(paths)} collections, {compared} requests compared, {identical} identical, "
          f"{len(problems)} unexplained differences")
    if args.doc:
        section = f"{BEGIN}\n### Rules\n\n{rules_text()}\n### Results\n\n{table(summaries, base)}{END}"
        text = open(args.doc, encoding="utf-8").read()
        start, end = text.index(BEGIN), text.index(END) + len(END)
        if args.write_doc:
            open(args.doc, "w", encoding="utf-8").write(text[:start] + section + text[end:])
        elif text[start:end] != section:
            with open(os.path.join(args.work, "conformance.md"), "w", encoding="utf-8") as out:
                out.write(section + "\n")
            print(f"conformance: {args.doc} does not show these rules and results (they are in "
                  f"{args.work}/conformance.md); run .ci/conformance --write-doc", file=sys.stderr)
            problems.append("doc")
    sys.exit(1 if problems else 0)


if __name__ == "__main__":
    main()
