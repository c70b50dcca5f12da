#!/usr/bin/env bash
# The first run from a fresh clone, as the README tells a new user: clone, then the one command
# `dotnet run -c Release --project lib/KzMigration.Cli -- reproduce` (restore, build, reproduce), timed
# as a whole. The clone sits alone in a temporary folder (no ../shared beside it), so the run shows that
# reproduce needs nothing outside the repository. NuGet packages come from the machine's package cache
# when they are there (a machine that has never restored them downloads them first: not counted here).
# Usage: bench/first-run.sh
set -euo pipefail
src=$(cd "$(dirname "$0")/.." && pwd)
branch=$(git -C "$src" rev-parse --abbrev-ref HEAD)
dest=$(mktemp -d)/kzmigration
git clone -q --branch "$branch" "$src" "$dest"
cd "$dest"
echo "first run of $(git log -1 --format='%h %s' | cut -c1-72) in $dest, $(nproc) cores, load average $(cut -d' ' -f1-3 /proc/loadavg)"
/usr/bin/time -f 'wall %e s, CPU %U+%S s, peak RSS %M KB (largest process)' -o "$dest/../time" \
  dotnet run -c Release --project lib/KzMigration.Cli -- reproduce >"$dest/../log" 2>&1 || { tail -20 "$dest/../log"; exit 1; }
cat "$dest/../time"
grep -E 'notebook\(s\) ran|claims:|report:|static images:' "$dest/../log" | sed 's/^/  /'
echo "  out/ $(du -sh out | cut -f1)"
rm -rf "$(dirname "$dest")"
