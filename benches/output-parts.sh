#!/usr/bin/env bash
# What each part of the output costs generation (issue 22: 10,000 requests in under 1 s). The
# release binary generates the synthetic 10,000-request collection (benches/support/synthetic.rs)
# with the built-in templates and with `--templates` overrides that leave parts out, one more
# each time:
#   full          the built-in templates;
#   no-tests      without the tests of saved examples (`examples.rs.jinja`'s `test`) and the
#                 replay example's requests (`replay.rs.jinja`'s `send`);
#   no-examples   also without each method's doc example (`endpoint.rs.jinja`'s `example_doc`);
#   no-docs       also without each method's other docs (`e.docs`).
# The four run alternately, five times each; it prints the median wall and CPU (user + system)
# seconds and the bytes written. The overrides are made from the built-in templates at run time,
# so they follow them; a run stops if a template no longer holds the text it removes. The
# differences between rows are what each part costs; the last row is the cost of the code itself
# (methods, types, runtime) with parse and lower.
# Usage: benches/output-parts.sh [WORK_DIR]   (default /tmp/postgen-parts)
set -euo pipefail
cd "$(dirname "$0")/.."
root=$(pwd)
work=${1:-/tmp/postgen-parts}
runs=5
rm -rf "$work" && mkdir -p "$work"
cargo build --release --quiet --bin postgen --example synthetic
"$root/target/release/examples/synthetic" 10000 > "$work/synthetic-10000.json"

# Each variant's override directory: the templates it changes, with `old` text replaced by `new`.
python3 - "$root/templates" "$work" <<'EOF'
import os, re, sys
templates, work = sys.argv[1], sys.argv[2]

def read(name):
    with open(os.path.join(templates, name)) as f:
        return f.read()

def empty_macro(text, head):
    """The template with the body of the macro opening with `head` removed."""
    start = text.index(head)
    end = text.index("{% endmacro %}", start)
    return text[:start] + head + "\n" + text[end:]

def remove(text, part):
    if part not in text:
        sys.exit(f"output-parts.sh: the templates no longer hold {part!r}")
    return text.replace(part, "")

tests = {
    "examples.rs.jinja": empty_macro(read("examples.rs.jinja"), "{% macro test(x, e, m) %}"),
    "replay.rs.jinja": empty_macro(read("replay.rs.jinja"), "{% macro send(b) %}"),
}
endpoint = read("endpoint.rs.jinja")
example = re.search(r"\{\{ e\.call\|example_doc\(.*\)\|doc \}\}", endpoint)
if example is None:
    sys.exit("output-parts.sh: the templates no longer hold the example_doc call")
no_examples = remove(endpoint, example.group(0))
variants = {
    "full": {},
    "no-tests": tests,
    "no-examples": {**tests, "endpoint.rs.jinja": no_examples},
    "no-docs": {**tests, "endpoint.rs.jinja": remove(no_examples, "{{ e.docs|doc }}")},
}
for variant, files in variants.items():
    os.makedirs(os.path.join(work, "templates", variant))
    for name, text in files.items():
        with open(os.path.join(work, "templates", variant, name), "w") as f:
            f.write(text)
EOF

variants=(full no-tests no-examples no-docs)
for _ in $(seq "$runs"); do
  for variant in "${variants[@]}"; do
    rm -rf "$work/out-$variant"
    /usr/bin/time -f '%e %U %S' -a -o "$work/time-$variant" "$root/target/release/postgen" \
      generate "$work/synthetic-10000.json" --out "$work/out-$variant" --quiet \
      --templates "$work/templates/$variant" > /dev/null 2>&1
  done
done
median() { sort -n | sed -n "$(((runs + 1) / 2))p"; }
printf 'variant\twall s\tCPU s\toutput MB\tbytes/request\n'
for variant in "${variants[@]}"; do
  wall=$(awk '{ print $1 }' "$work/time-$variant" | median)
  cpu=$(awk '{ print $2 + $3 }' "$work/time-$variant" | median)
  bytes=$(find "$work/out-$variant" -type f -printf '%s\n' | awk '{ s += $1 } END { print s }')
  awk -v v="$variant" -v w="$wall" -v c="$cpu" -v b="$bytes" \
    'BEGIN { printf "%s\t%.2f\t%.2f\t%.1f\t%.0f\n", v, w, c, b / 1048576, b / 10000 }'
done
