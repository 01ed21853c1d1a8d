#!/usr/bin/env bash
# Whole-command figures of the release binary, and the compile cost of what it generates:
#  1. `postgen generate` on collections/zoom.json and synthetic collections of 100, 1,000 and
#     10,000 requests (benches/support/synthetic.rs): wall time, requests/s, peak memory (GNU
#     time's %M) against the collection's size, the run of median time out of five;
#  2. lines of generated client code per endpoint (src/api.rs, without doc lines);
#  3. `cargo check` and `cargo build` of the generated 1,000-request client after its
#     dependencies are built (deps built once, then src/lib.rs touched and the crate rebuilt);
#  4. when ../shared/corpus is beside the project: generation of every v2.x collection in it.
# Phase by phase (parse, lower, render, format) figures come from `cargo bench --bench phases`.
# Not part of CI: it takes a few minutes. Usage: benches/generate.sh [WORK_DIR]
set -euo pipefail
cd "$(dirname "$0")/.."
root=$(pwd)
work=${1:-/tmp/postgen-bench}
rm -rf "$work" && mkdir -p "$work"
cargo build --release --quiet --bin postgen --example synthetic
postgen=$root/target/release/postgen

inputs=("$root/collections/zoom.json")
for n in 100 1000 10000; do
  "$root/target/release/examples/synthetic" "$n" > "$work/synthetic-$n.json"
  inputs+=("$work/synthetic-$n.json")
done

printf 'collection\trequests\tinput MB\tseconds\trequests/s\tpeak MB\tpeak/input\tcode lines/endpoint\tdoc lines/endpoint\tshared runtime lines\n'
for input in "${inputs[@]}"; do
  name=$(basename "$input" .json)
  out=$work/$name
  # Five runs: this machine's timings vary by a third from run to run; the median is reported.
  for run in 1 2 3 4 5; do
    /usr/bin/time -f '%e %M' -a -o "$work/time-$name" "$postgen" generate "$input" --out "$out" --name "$name" > /dev/null 2>&1
  done
  read -r seconds peak_kb < <(sort -n "$work/time-$name" | sed -n 3p)
  requests=$(grep -om1 '^[0-9]* request' "$out/README.md" | cut -d' ' -f1)
  bytes=$(stat -c %s "$input")
  code=$(grep -cv '^\s*//[/!]' "$out/src/api.rs" || true)
  docs=$(grep -c '^\s*//[/!]' "$out/src/api.rs" || true)
  # The runtime crate is emitted once per client: counted apart, not per endpoint.
  runtime=$(grep -cv '^\s*//[/!]' "$out/runtime/src/lib.rs" || true)
  awk -v n="$name" -v r="$requests" -v b="$bytes" -v s="$seconds" -v k="$peak_kb" -v c="$code" -v d="$docs" -v t="$runtime" 'BEGIN {
    printf "%s\t%d\t%.1f\t%.2f\t%.0f\t%.0f\t%.1f\t%.1f\t%.1f\t%d\n", n, r, b / 1e6, s, r / (s > 0 ? s : 0.01), k / 1024, k * 1024 / b, c / r, d / r, t }'
done

# Compile cost of the 1,000-request client, in its own target directory.
crate=$work/synthetic-1000
export CARGO_TARGET_DIR=$work/target
(cd "$crate" && cargo check --quiet && cargo build --quiet)
for command in check build; do
  touch "$crate/src/lib.rs"
  start=$(date +%s.%N)
  (cd "$crate" && cargo "$command" --quiet)
  end=$(date +%s.%N)
  awk -v c="$command" -v s="$start" -v e="$end" 'BEGIN { printf "cargo %s of the 1,000-request client (deps built): %.1f s\n", c, e - s }'
done
unset CARGO_TARGET_DIR

corpus=../shared/corpus
if [ -d "$corpus" ]; then
  count=0 requests=0 start=$(date +%s.%N)
  while IFS= read -r file; do
    "$postgen" generate "$corpus/$file" --out "$work/corpus/c$count" --name "c$count" > /dev/null 2>&1 || echo "failed: $file" >&2
    n=$(grep -om1 '^[0-9]* request' "$work/corpus/c$count/README.md" | cut -d' ' -f1 || true)
    requests=$((requests + ${n:-0}))
    count=$((count + 1))
  done < <(awk -F'\t' 'NR > 1 && $6 ~ /^v2/ { print $1 }' "$corpus/MANIFEST.tsv")
  end=$(date +%s.%N)
  awk -v c="$count" -v r="$requests" -v s="$start" -v e="$end" 'BEGIN {
    printf "corpus: %d collections, %d requests generated in %.1f s (%.0f requests/s, one process per collection)\n", c, r, e - s, r / (e - s) }'
fi
