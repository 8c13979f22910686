#!/usr/bin/env bash
# Wall time of `marsad ingest` against `marsad code` on the same corpus with
# the same --workers (issue 11: ingest ≤ 2× code), alternating runs so that
# both see the same load; prints the best and the mean of each.
# usage: scripts/ingest-vs-code.sh [MARSAD_BINARY] [RUNS] [CORPUS] [WORKERS]
set -euo pipefail
bin="${1:-marsad}"; runs="${2:-5}"; corpus="${3:-../shared/data/corpus/ant.jsonl}"; workers="${4:-2}"
tmp="$(mktemp -d)"; trap 'rm -rf "$tmp"' EXIT
for _ in $(seq "$runs"); do
  rm -f "$tmp"/s.db*
  /usr/bin/time -f "%e %U %S" -a -o "$tmp/code" "$bin" code --workers "$workers" --input jsonl "$corpus" >/dev/null
  /usr/bin/time -f "%e %U %S" -a -o "$tmp/ingest" "$bin" ingest --workers "$workers" --quiet --db "$tmp/s.db" --input jsonl "$corpus" >/dev/null
done
for w in code ingest; do
  sort -n "$tmp/$w" | awk -v w="$w" 'NR == 1 { best = $0 } { s += $1 } END { printf "%-6s best %s (wall user system), mean %.2f s\n", w, best, s / NR }'
done
