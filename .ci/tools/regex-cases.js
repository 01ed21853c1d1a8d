#!/usr/bin/env node
// regex-cases.js: JavaScript's own answers for regular expressions scripts use, the oracle of
// postgen's translation of them to regex-lite (src/lower/scripts/regex.rs, test
// `agrees_with_javascript`). Prints a JSON list of {p, f, s, r}: pattern, flags, text, and
// whether `new RegExp(p, f).test(s)` (or "error" when JavaScript refuses the pattern).
// Usage: node .ci/tools/regex-cases.js > FILE   (no packages: node alone)
const patterns = [
  ["a.b", ""], ["a.b", "s"], ["^\\s+$", ""], ["^\\S+$", ""], ["\\w+", ""], ["\\bfoo\\b", ""],
  ["^[^]$", ""], ["^[\\s\\S]$", ""], ["^b$", "m"], ["b$", ""], ["é", "i"], ["É", "i"],
  ["straße", "i"], ["{\"id\":\\d+}", ""], ["a{2}", ""], ["a{2,}", ""], ["a{,2}", ""],
  ["\\/x", ""], ["[\\]]", ""], ["\\cJ", ""], ["\\0", ""], ["\\x41", ""], ["\\u00e9", ""],
  ["\\u00e9", "i"], ["\\u{1F600}", "u"], ["(?<n>a)b", ""], ["[a-z&&[aeiou]]", ""], ["[~]", ""],
  ["[[]", ""], ["a|", ""], ["(|a)", ""], ["\\B", ""], ["[\\b]", ""], ["\\-", ""], ["^.$", "u"],
  ["^.$", ""], ["[^a]", ""], ["^\\d{3}-\\d{4}$", ""], ["ok.", "i"], ["^$", ""], ["x*", ""],
  ["[\\d.]+", ""], ["\\.", ""], ["a\\sb", ""], ["[^\\s]+", ""], ["^[A-Z]+$", "i"], ["k", "i"],
  ["s", "i"], ["\\u212A", "i"], ["\\W", ""], ["[\\W]", ""], ["\\w", "i"], ["]", ""], ["}", ""],
  ["^.$", "su"], ["s", "iu"], ["k", "iu"], ["\\u212A", "iu"], ["é", "iu"], ["[é-ë]", "i"],
  ["[\\u00e0-\\u00ff]+", "i"], ["\\d+", "g"], ["^\\w+@\\w+\\.com$", "i"], ["(a)|b", ""],
  ["\\$\\d", ""], ["^[\\w.-]+$", ""], ["\\s*,\\s*", ""], ["^(?:a|b)+$", ""], ["[^\\d\\s]", ""],
  ["^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$", ""],
  [".*gzip.*", ""], ["^R-\\d+$", ""], ["^[^a-z]*$", "i"],
];
const texts = [
  "a\nb", "a\rb", "a\u2028b", "axb", " \t", "\u00a0", "\u2003", "foo bar", "\n", "\r",
  "a\nb\nc", "b\n", "É", "é", "STRASSE", "straße", "{\"id\":12}", "aaa", "a{,2}", "/x", "]",
  "\0", "A", "😀", "ab", "a&", "~", "[", "", "-", "\b", "x", "1", "123-4567", "OK!", "ok\n",
  "1.5", "a b", "a\u00a0b", "K", "\u212A", "S", "\u017F", "_", "}", "Ë", "ê", "À", "$5",
  "x@y.com", "X@Y.COM", "a , b", "abab", "a-b.c", "0f8fad5b-d9cb-469f-a165-70867728950e",
  "gzip, deflate", "R-12", "code=R-2",
];
const out = [];
for (const [p, f] of patterns) {
  for (const s of texts) {
    let r;
    try { r = new RegExp(p, f).test(s); } catch (e) { r = "error"; }
    out.push({ p, f, s, r });
  }
}
console.log(JSON.stringify(out));
