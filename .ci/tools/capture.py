#!/usr/bin/env python3
"""A loopback server that records every request it receives and answers it with an empty
body, so that two runners (newman and a generated client's `replay`) can be compared on what
they sent. The status tells the runner which request it was: 200 + its index (since the last
take) modulo 100, which both runners report.

With --json, each answer has a JSON body too, {"token": "tok-N", "id": "id-N", "seq": N,
"ref": "code=R-N&tag=tN"} for the N-th request: what a chained collection's scripts read a
token and an id from, and a text in Adyen's `a=1&b=2` form that they take apart.

Usage: capture.py PORT [--json]
  GET /__capture__/take   answers the requests recorded since the last take, as a JSON list,
                          and forgets them. Each one: method, target (path and query as sent),
                          headers ([name, value] in order) and body (base64).
"""
import base64
import json
import sys
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

recorded = []
lock = threading.Lock()


class Capture(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"

    def body(self):
        if "chunked" in self.headers.get("Transfer-Encoding", "").lower():
            data = b""
            while True:
                size = int(self.rfile.readline().split(b";")[0].strip() or b"0", 16)
                if size == 0:
                    # Trailers end with an empty line.
                    while self.rfile.readline().strip():
                        pass
                    return data
                data += self.rfile.read(size)
                self.rfile.readline()
        length = int(self.headers.get("Content-Length") or 0)
        return self.rfile.read(length) if length else b""

    def answer(self, status, payload=b""):
        self.send_response(status)
        self.send_header("Content-Length", str(len(payload)))
        if payload:
            self.send_header("Content-Type", "application/json")
        self.end_headers()
        if payload and self.command != "HEAD":
            self.wfile.write(payload)

    def handle_any(self):
        body = self.body()
        if self.command == "GET" and self.path == "/__capture__/take":
            with lock:
                taken = list(recorded)
                recorded.clear()
            return self.answer(200, json.dumps(taken).encode())
        with lock:
            seq = len(recorded)
            status = 200 + seq % 100
            recorded.append(
                {
                    "method": self.command,
                    "target": self.path,
                    "headers": [[k, v] for k, v in self.headers.items()],
                    "body": base64.b64encode(body).decode(),
                }
            )
        answer = {"token": f"tok-{seq}", "id": f"id-{seq}", "seq": seq, "ref": f"code=R-{seq}&tag=t{seq}"}
        payload = json.dumps(answer).encode() if JSON else b""
        self.answer(status, payload)

    def __getattr__(self, name):
        # do_GET, do_POST, do_PROPFIND, ...: every method is recorded the same way.
        if name.startswith("do_"):
            return self.handle_any
        raise AttributeError(name)

    def log_message(self, *args):
        pass


JSON = "--json" in sys.argv[2:]
ThreadingHTTPServer(("127.0.0.1", int(sys.argv[1])), Capture).serve_forever()
