#!/usr/bin/env bash
# Measures the published seminar explorer in the machine's Chromium (performance.now() in the page): first load,
# control change → redrawn heatmap, download size as served, Monte Carlo button. Builds the explorer first if needed
# (as `kzmig explore` does, cached). Numbers go to bench/explorer/last.txt and the terminal.
set -euo pipefail
cd "$(dirname "$0")/../.."
out="$(pwd)/bench/explorer/last.txt"
KZMIG_EXPLORER_BENCH="$out" dotnet test tests/KzMigration.Tests --filter "FullyQualifiedName~KzMigration.Tests.Explorer.ExplorerBench" --logger "console;verbosity=minimal"
site=lib/KzMigration.Explorer/bin/explorer-site
{
  echo "published folder: $(du -sb "$site" | cut -f1) bytes on disk (uncompressed and .br/.gz twins)"
  echo "compressed download (.br of every file the app loads, + plotly.js gzip): $(find "$site" -name '*.br' -printf '%s\n' | awk '{s+=$1} END {printf "%.2f MB", s/1e6}') + $(gzip -9c "$site"/plotly-2.28.0.min.js | wc -c | awk '{printf "%.2f MB", $1/1e6}')"
} >> "$out"
cat "$out"
