#!/usr/bin/env bash
# Measures the published seminar explorer in the machine's Chromium (performance.now() in the page), browser cache off:
# first meaningful paint (the paper's heatmap visible) and interactive (the app rendered, controls live), median of 5
# loads; then control change → redrawn heatmap, download size as served, Monte Carlo button. Builds the explorer first
# if needed (as `kzmig explore` does, cached). Numbers go to bench/explorer/last.txt and the terminal.
#
#   bench/explorer/run.sh                 # this checkout's explorer
#   bench/explorer/run.sh BEFORE_SITE     # and, interleaved with it (ABBA, same browser and server), another published
#                                         # explorer folder, e.g. an older commit's: git archive C | tar -x -C /tmp/b &&
#                                         # (cd /tmp/b && dotnet run --project lib/KzMigration.Cli -- explore --publish /tmp/b-site)
set -euo pipefail
cd "$(dirname "$0")/../.."
out="$(pwd)/bench/explorer/last.txt"
before="${1:-}"
if [ -n "$before" ]; then before="$(cd "$before" && pwd)"; fi
load_start="$(uptime)"
KZMIG_EXPLORER_BENCH="$out" KZMIG_EXPLORER_BENCH_BEFORE="$before" dotnet test tests/KzMigration.Tests --filter "FullyQualifiedName~KzMigration.Tests.Explorer.ExplorerBench" --logger "console;verbosity=minimal"
site=lib/KzMigration.Explorer/bin/explorer-site
{
  echo "published folder: $(du -sb "$site" | cut -f1) bytes on disk (uncompressed and .br/.gz twins)"
  echo "compressed published folder (.br of every file): $(find "$site" -name '*.br' -printf '%s\n' | awk '{s+=$1} END {printf "%.2f MB", s/1e6}')"
  echo "machine load at start: ${load_start##*load average: }; at end: $(uptime | sed 's/.*load average: //')"
  echo "command: bench/explorer/run.sh${1:+ $1}"
} >> "$out"
cat "$out"
