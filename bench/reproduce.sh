#!/usr/bin/env bash
# Times `kzmig reproduce` as a user runs it: the whole process, warm (after one build), several runs,
# under /usr/bin/time -v (wall clock, peak memory), with the size of out/ and the runner's own breakdown
# (seconds per notebook, image export, report size). Usage: bench/reproduce.sh [runs] [Release|Debug]
set -euo pipefail
cd "$(dirname "$0")/.."
runs=${1:-3}
config=${2:-Release}
dotnet build lib/KzMigration.Cli -c "$config" -nologo -v q >/dev/null
dll=lib/KzMigration.Cli/bin/$config/net10.0/kzmig.dll
echo "kzmig reproduce, $config, $runs run(s), $(nproc) cores, $(date -u +%FT%TZ)"
for i in $(seq 1 "$runs"); do
  work=$(mktemp -d)
  /usr/bin/time -v -o "$work/time" dotnet "$dll" reproduce --out "$work/out" >"$work/log" 2>&1 || { echo "run $i failed:"; tail -20 "$work/log"; exit 1; }
  wall=$(grep 'Elapsed (wall clock)' "$work/time" | awk '{print $NF}')
  rss=$(grep 'Maximum resident set size' "$work/time" | awk '{print $NF}')
  cpu=$(grep 'Percent of CPU' "$work/time" | awk '{print $NF}')
  size=$(du -sh "$work/out" | cut -f1)
  echo "run $i: wall $wall, peak RSS $((rss / 1024)) MB, CPU $cpu, out/ $size"
  grep -E '^│ [0-9]' "$work/log" | awk -F'│' '{gsub(/ /,"",$2); gsub(/ /,"",$5); printf "  %-42s %6s s\n", $2, $5}'
  grep -E '^(static images|report):' "$work/log" | sed 's/^/  /'
  rm -rf "$work"
done
