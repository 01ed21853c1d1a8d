#!/usr/bin/env bash
# Two postgen binaries side by side, in one period: each runs `generate` on collections/zoom.json
# and the synthetic collections of 1,000 and 10,000 requests (benches/support/synthetic.rs), the
# two alternately, five times each; prints the median wall time and peak memory (GNU time's %M)
# of each, and checks that both wrote the same files. This machine's timings drift between
# periods, so only figures from one run of this script compare.
# Usage: benches/compare.sh OLD_BINARY NEW_BINARY [WORK_DIR]
set -euo pipefail
cd "$(dirname "$0")/.."
root=$(pwd)
old=$(realpath "$1") new=$(realpath "$2")
work=${3:-/tmp/postgen-compare}
rm -rf "$work" && mkdir -p "$work/old" "$work/new"
cargo build --release --quiet --example synthetic
inputs=("$root/collections/zoom.json")
for n in 1000 10000; do
  "$root/target/release/examples/synthetic" "$n" > "$work/synthetic-$n.json"
  inputs+=("$work/synthetic-$n.json")
done
for run in 1 2 3 4 5; do
  for input in "${inputs[@]}"; do
    name=$(basename "$input" .json)
    for side in old new; do
      bin=$old; [ "$side" = new ] && bin=$new
      # The same relative paths on both sides, so the files' headers are the same.
      (cd "$work/$side" && /usr/bin/time -f '%e %M' -a -o "$work/time-$side-$name" \
        "$bin" generate "$input" --out "out-$name" --name "$name" > /dev/null 2>&1)
    done
  done
done
printf 'collection\told s\tnew s\told MB\tnew MB\n'
for input in "${inputs[@]}"; do
  name=$(basename "$input" .json)
  read -r old_s _ < <(sort -n "$work/time-old-$name" | sed -n 3p)
  read -r new_s _ < <(sort -n "$work/time-new-$name" | sed -n 3p)
  old_kb=$(awk '{ print $2 }' "$work/time-old-$name" | sort -n | sed -n 3p)
  new_kb=$(awk '{ print $2 }' "$work/time-new-$name" | sort -n | sed -n 3p)
  awk -v n="$name" -v a="$old_s" -v b="$new_s" -v c="$old_kb" -v d="$new_kb" \
    'BEGIN { printf "%s\t%.2f\t%.2f\t%.0f\t%.0f\n", n, a, b, c / 1024, d / 1024 }'
  diff -r "$work/old/out-$name" "$work/new/out-$name" > /dev/null || echo "  $name: the two binaries wrote different files"
done
