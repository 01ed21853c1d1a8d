#!/usr/bin/env bash
# Large-input limits of the generator: time and peak memory (GNU time's %M) of the release binary
# on synthetic collections: 50,000 requests in one folder, 10,000 requests of one name, and a
# ~100 MB collection of huge descriptions and example bodies. Not part of CI (minutes, GBs).
# Usage: benches/limits.sh [WORK_DIR]   (default /tmp/postgen-limits)
set -euo pipefail
cd "$(dirname "$0")/.."
work=${1:-/tmp/postgen-limits}
rm -rf "$work" && mkdir -p "$work"
cargo build --release --quiet
python3 - "$work" <<'PY'
import json, sys
work = sys.argv[1]
S = "https://schema.getpostman.com/json/collection/v2.1.0/collection.json"
def write(name, collection):
    with open(f"{work}/{name}.json", "w") as f:
        json.dump(collection, f)
items = [{"name": f"Get thing {i}", "request": {"method": "GET", "url": f"https://x.io/things/{i}?limit={i}"},
          "response": [{"name": "ok", "code": 200, "header": [{"key": "Content-Type", "value": "application/json"}],
                        "body": json.dumps({"id": i, "name": "x"})}]} for i in range(50000)]
write("requests-50000", {"info": {"name": "Many", "schema": S}, "item": [{"name": "Things", "item": items}]})
items = [{"name": "Get thing", "request": {"method": "GET", "url": "https://x.io/things"}} for _ in range(10000)]
write("duplicates-10000", {"info": {"name": "Dups", "schema": S}, "item": items})
big = "lorem ipsum " * (8 * 1024 * 1024 // 12)
items = [{"name": f"r{i}", "request": {"method": "GET", "url": "https://x.io/a", "description": big},
          "response": [{"name": "ok", "code": 200, "header": [], "body": big}]} for i in range(6)]
write("size-100mb", {"info": {"name": "Big", "schema": S, "description": big}, "item": items})
PY
printf 'input\tMB\tseconds\tpeak MB\texit\n'
for input in "$work"/*.json; do
  name=$(basename "$input" .json)
  size=$(( $(stat -c %s "$input") / 1000000 ))
  set +e
  /usr/bin/time -f '%e %M' -o "$work/$name.time" target/release/postgen generate "$input" --out "$work/$name" > /dev/null 2> "$work/$name.log"
  code=$?
  set -e
  read -r seconds kb < "$work/$name.time"
  printf '%s\t%s\t%s\t%s\t%s\n' "$name" "$size" "$seconds" "$(( kb / 1024 ))" "$code"
done
