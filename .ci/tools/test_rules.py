"""Each rule of rules.py explains what it says and nothing more. (Each also has a request in
tests/fixtures/conformance/rules.postman_collection.json, which .ci/conformance sends through
newman and replay: that shows the rule is needed; these show it is narrow.)

Run: python3 .ci/tools/test_rules.py
"""
import base64
import json
import os
import sys
import unittest

sys.path.insert(0, os.path.dirname(__file__))
import rules  # noqa: E402


def capture(target="/v1/x", headers=(), body=b"", method="GET"):
    return {"method": method, "target": target, "headers": [list(h) for h in headers],
            "body": base64.b64encode(body).decode()}


def item(request):
    return {"request": request}


def explained(theirs, ours, it=None):
    return sorted((d.rule or "unexplained") for d in rules.compare(theirs, ours, it))


JSON = [("Content-Type", "application/json")]


class Rules(unittest.TestCase):
    def test_identical_requests_have_no_difference(self):
        a = capture("/v1/x?a=1", [("User-Agent", "PostmanRuntime/7"), ("Accept", "*/*")])
        b = capture("/v1/x?a=1", [("user-agent", "reqwest")])
        self.assertEqual(explained(a, b), [])

    def test_json_value_is_the_same_value_written_otherwise(self):
        a = capture(headers=JSON, body=b'{ "a" : 1.50 }')
        self.assertEqual(explained(a, capture(headers=JSON, body=b'{"a":1.5}')), ["json-value"])
        self.assertEqual(explained(a, capture(headers=JSON, body=b'{"a":1.6}')), ["unexplained"])

    def test_type_hint_explains_hints_only(self):
        a = capture("/v1/x?limit=%3Cinteger%3E&name=box")
        self.assertEqual(explained(a, capture("/v1/x?name=box")), ["type-hint"])
        self.assertEqual(explained(a, capture("/v1/x?name=bag")), ["unexplained"])
        body = json.dumps({"id": "<uuid>", "name": "a", "meta": {"at": "<dateTime>"}}).encode()
        ours = json.dumps({"name": "a", "meta": {}}).encode()
        self.assertEqual(explained(capture(headers=JSON, body=body), capture(headers=JSON, body=ours)),
                         ["type-hint"])
        path = explained(capture("/v1/items/%3Cinteger%3E"), capture("/v1/items/1"))
        self.assertEqual(path, ["type-hint"])
        self.assertEqual(explained(capture("/v1/items/7"), capture("/v1/items/1")), ["unexplained"])

    def test_one_credential_needs_the_requests_own_auth(self):
        a = capture(headers=[("Authorization", "Bearer mine")])
        b = capture(headers=[("Authorization", "Bearer clients")])
        own = item({"auth": {"type": "bearer", "bearer": [{"key": "token", "value": "mine"}]}})
        self.assertEqual(explained(a, b, own), ["one-credential"])
        self.assertEqual(explained(a, b, item({})), ["unexplained"])

    def test_file_contents_needs_a_file_in_the_collection(self):
        a = capture(body=b"\x89PNG", headers=[("Content-Type", "image/png")], method="PUT")
        b = capture(body=b"", method="PUT")
        self.assertEqual(explained(a, b, item({"body": {"mode": "file", "file": {"src": "a.png"}}})),
                         ["file-contents", "file-contents"])
        self.assertEqual(explained(a, b, item({"body": {"mode": "raw", "raw": "x"}})),
                         ["unexplained", "unexplained"])

    def test_query_key_variable_leaves_other_keys_compared(self):
        it = item({"url": {"query": [{"key": "{{start}}", "value": ""}, {"key": "from", "value": "1"}]}})
        a = capture("/v1/x?1001=&from=1")
        self.assertEqual(explained(a, capture("/v1/x?%7B%7Bstart%7D%7D=&from=1"), it), ["query-key-variable"])
        self.assertEqual(explained(a, capture("/v1/x?%7B%7Bstart%7D%7D=&from=2"), it), ["unexplained"])

    def test_path_object_segments_needs_object_segments(self):
        a, b = capture("/[object%20Object]"), capture("/me")
        self.assertEqual(explained(a, b, item({"url": {"path": [{"value": "me"}]}})), ["path-object-segments"])
        self.assertEqual(explained(a, b, item({"url": {"path": ["me"]}})), ["unexplained"])

    def test_plus_in_query_is_only_the_plus(self):
        a = capture("/v1/q?q=a+b")
        self.assertEqual(explained(a, capture("/v1/q?q=a%2Bb")), ["plus-in-query"])
        self.assertEqual(explained(a, capture("/v1/q?q=a%20b")), ["unexplained"])

    def test_query_escapes_are_escapes_of_the_same_text(self):
        a = capture("/v1/cb?uri=https%3A%2F%2Fa.test%2Fcb&b=%7b%7d")
        self.assertEqual(explained(a, capture("/v1/cb?uri=https://a.test/cb&b={}")), ["query-escapes"])
        self.assertEqual(explained(a, capture("/v1/cb?uri=https://a.test/cc&b={}")), ["unexplained"])
        # A plus is not an escaped plus, and a doubly encoded value is another value.
        a, b = rules.query_escapes(rules.parse(capture("/v1/q?q=a+b")), rules.parse(capture("/v1/q?q=a%2Bb")), {})
        self.assertNotEqual(a["query"], b["query"])
        self.assertEqual(explained(capture("/v1/q?q=a%26b"), capture("/v1/q?q=a%2526b")), ["unexplained"])

    def test_runner_defaults_are_only_newmans(self):
        a = capture(headers=[("Cache-Control", "no-cache")])
        self.assertEqual(explained(a, capture()), [])
        self.assertEqual(explained(capture(), capture(headers=[("Cache-Control", "no-cache")])),
                         ["unexplained"])


if __name__ == "__main__":
    unittest.main()
