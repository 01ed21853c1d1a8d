#!/usr/bin/env bash
# postgen against progenitor on one API (issue 22): Oxide's Nexus, 193 operations, as OpenAPI
# for progenitor and as Postman's conversion of it for postgen (../shared/perf/). Installs
# cargo-progenitor (a pinned version, into target/tools), generates both clients (progenitor's
# default interface, positional, and its runtime in the progenitor-client dependency), builds
# their dependencies once (each in its own target directory), then times whole, not
# incremental, `cargo check` and `cargo build` of each client's own crate (src/lib.rs
# touched), the two sides alternately, five times each, and prints the medians, the three ratios postgen/progenitor and code lines
# per endpoint. Code lines: not blank, not a comment or doc line. The library is compared; the
# generated tests and replay example are counted apart (progenitor makes neither). Each side's
# runtime is a crate the client depends on (postgen's `runtime/`, progenitor's
# progenitor-client), so it is a dependency in the main figures, and the script also times and
# counts each client with its runtime crate compiled again (`cargo clean -p` of it).
# This machine is shared and its speed drifts: only ratios from one run of this script compare.
# Usage: benches/progenitor.sh [WORK_DIR]   (default /tmp/postgen-progenitor)
set -euo pipefail
cd "$(dirname "$0")/.."
root=$(pwd)
work=${1:-/tmp/postgen-progenitor}
perf=$root/../shared/perf
version=0.15.1
tools=$root/target/tools
runs=5

[ -f "$perf/nexus.openapi.json" ] || { echo "needs $perf (../shared/perf beside the project)" >&2; exit 1; }
if ! "$tools/bin/cargo-progenitor" --version 2>/dev/null | grep -q "$version"; then
  cargo install cargo-progenitor --version "$version" --locked --root "$tools" --quiet
fi
cargo build --release --quiet --bin postgen
rm -rf "$work" && mkdir -p "$work"

"$tools/bin/cargo-progenitor" progenitor -i "$perf/nexus.openapi.json" -o "$work/progenitor" \
  -n nexus-progenitor -v 0.1.0 > /dev/null
"$root/target/release/postgen" generate "$perf/nexus.postman.json" --out "$work/postgen" \
  --name nexus-postgen --quiet

# Code lines of the Rust files given.
code_lines() { cat "$@" | grep -v '^\s*$' | grep -cv '^\s*//' || true; }

# Whole compiles of each crate: with incremental compilation, touching src/lib.rs would time
# rustc finding its own previous work (1.3 s against a whole check's 3-4 s).
export CARGO_INCREMENTAL=0
# The dependencies, once per side and per command (check keeps its own metadata), outside
# the timings.
for side in postgen progenitor; do
  (cd "$work/$side" && CARGO_TARGET_DIR=$work/target-$side cargo check --quiet --lib \
    && CARGO_TARGET_DIR=$work/target-$side cargo build --quiet --lib)
done

# Seconds of `cargo COMMAND` of SIDE's own crate.
timed() {
  local side=$1 command=$2 start end
  touch "$work/$side/src/lib.rs"
  start=$(date +%s.%N)
  (cd "$work/$side" && CARGO_TARGET_DIR=$work/target-$side cargo "$command" --quiet --lib)
  end=$(date +%s.%N)
  awk -v s="$start" -v e="$end" 'BEGIN { printf "%.3f\n", e - s }'
}
# The runtime crate of SIDE.
runtime_of() { if [ "$1" = postgen ]; then echo nexus-postgen-runtime; else echo progenitor-client; fi; }
# Seconds of `cargo COMMAND` of SIDE's own crate and its runtime crate.
timed_with_runtime() {
  local side=$1 command=$2
  (cd "$work/$side" && CARGO_TARGET_DIR=$work/target-$side cargo clean --quiet -p "$(runtime_of "$side")" 2> /dev/null)
  timed "$side" "$command"
}
for command in check build; do
  for _ in $(seq "$runs"); do
    for side in postgen progenitor; do
      timed "$side" "$command" >> "$work/$command-$side"
      timed_with_runtime "$side" "$command" >> "$work/$command-$side-with-runtime"
    done
  done
done
median() { sort -n "$1" | sed -n "$(((runs + 1) / 2))p"; }

endpoints=$(grep -om1 '^[0-9]* request' "$work/postgen/README.md" | cut -d' ' -f1)
operations=$(grep -o '"operationId"' "$perf/nexus.openapi.json" | wc -l)
postgen_lines=$(code_lines "$work"/postgen/src/*.rs)
progenitor_lines=$(code_lines "$work"/progenitor/src/*.rs)
runtime=$(code_lines "$work"/postgen/runtime/src/*.rs)
progenitor_client=$(cd "$work/progenitor" && cargo metadata --format-version 1 --quiet \
  | python3 -c 'import json, sys; print(next(p["manifest_path"] for p in json.load(sys.stdin)["packages"] if p["name"] == "progenitor-client"))')
progenitor_runtime=$(code_lines "$(dirname "$progenitor_client")"/src/*.rs)
extra=$(code_lines "$work"/postgen/tests/*.rs "$work"/postgen/examples/*.rs)

printf 'side\tendpoints\tcode lines\tlines/endpoint\tcheck s\tbuild s\n'
printf 'postgen\t%d\t%d\t%.1f\t%s\t%s\n' "$endpoints" "$postgen_lines" \
  "$(awk -v l="$postgen_lines" -v n="$endpoints" 'BEGIN { print l / n }')" \
  "$(median "$work/check-postgen")" "$(median "$work/build-postgen")"
printf 'progenitor\t%d\t%d\t%.1f\t%s\t%s\n' "$operations" "$progenitor_lines" \
  "$(awk -v l="$progenitor_lines" -v n="$operations" 'BEGIN { print l / n }')" \
  "$(median "$work/check-progenitor")" "$(median "$work/build-progenitor")"
awk -v a="$(median "$work/check-postgen")" -v b="$(median "$work/check-progenitor")" \
  -v c="$(median "$work/build-postgen")" -v d="$(median "$work/build-progenitor")" \
  -v e="$postgen_lines" -v f="$progenitor_lines" 'BEGIN {
  printf "ratios postgen/progenitor: cargo check %.2fx, cargo build %.2fx, code lines %.2fx (target: each at most 0.50x)\n", a / b, c / d, e / f }'
echo "runtime crates (dependencies above): postgen's $runtime code lines, progenitor-client's $progenitor_runtime"
awk -v a="$(median "$work/check-postgen-with-runtime")" -v b="$(median "$work/check-progenitor-with-runtime")" \
  -v c="$(median "$work/build-postgen-with-runtime")" -v d="$(median "$work/build-progenitor-with-runtime")" \
  -v e="$((postgen_lines + runtime))" -v f="$((progenitor_lines + progenitor_runtime))" 'BEGIN {
  printf "with each runtime crate compiled too: cargo check %.2f s / %.2f s = %.2fx, cargo build %.2f s / %.2f s = %.2fx, code lines %d / %d = %.2fx\n", a, b, a / b, c, d, c / d, e, f, e / f }'
echo "postgen's generated tests and replay example: $extra code lines (not compared)"

# Where the compiler spends its time on each client's own crate: rustc's passes (nightly
# `-Z time-passes`), for `cargo check` (front end) and `cargo build` (with code generation),
# the slowest passes first. Needs the nightly toolchain; skipped without it.
if rustup toolchain list 2>/dev/null | grep -q '^nightly'; then
  for side in postgen progenitor; do
    for mode in check build; do
      touch "$work/$side/src/lib.rs"
      flags=()
      [ "$mode" = check ] && flags=(--profile=check)
      (cd "$work/$side" && CARGO_TARGET_DIR=$work/target-$side-nightly \
        cargo +nightly rustc --quiet --lib "${flags[@]}" -- -Z time-passes 2> "$work/passes-$side-$mode" > /dev/null) || true
      echo "$side, cargo $mode: slowest passes (seconds)"
      grep -E '^time:' "$work/passes-$side-$mode" \
        | awk '{ for (i = 1; i <= NF; i++) if ($i ~ /^[0-9.]+;?$/) { t = $i; sub(";", "", t); break } print t "\t" $NF }' \
        | sort -rn | head -12 | sed 's/^/  /'
    done
  done
fi

# What code generation instantiates (cargo-llvm-lines, pinned, into target/tools): the LLVM IR
# lines of each client's own crate by function, the largest first. Generic runtime functions
# appear once per type they are instantiated with.
llvm_lines=0.4.48
if ! "$tools/bin/cargo-llvm-lines" llvm-lines --version 2>/dev/null | grep -q "$llvm_lines"; then
  cargo install cargo-llvm-lines --version "$llvm_lines" --locked --root "$tools" --quiet || true
fi
if [ -x "$tools/bin/cargo-llvm-lines" ]; then
  for side in postgen progenitor; do
    echo "$side, cargo llvm-lines: total, then the largest functions (lines, copies)"
    (cd "$work/$side" && CARGO_TARGET_DIR=$work/target-$side-llvm \
      "$tools/bin/cargo-llvm-lines" llvm-lines --lib 2> /dev/null | head -14 | sed 's/^/  /') || true
  done
fi
