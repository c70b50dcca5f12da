#!/usr/bin/env bash
# Times `kzmig reproduce` as a user runs it: the whole process, warm (after one build), several runs.
# Per run it prints: wall clock, CPU time (all processes: CLI, notebook workers, Chromium), peak memory as
# the largest single process (/usr/bin/time -v) and as the whole process tree (sampled every 0.2 s), the size
# of out/, the machine's load, and a breakdown read from the run's own output, each line stamped with the
# seconds since the process started: runner start (to the first cell), each notebook (its own seconds),
# image export (busy time, beside the notebooks), report and the end.
# Usage: bench/reproduce.sh [runs] [Release|Debug]
set -euo pipefail
cd "$(dirname "$0")/.."
runs=${1:-3}
config=${2:-Release}
dotnet build lib/KzMigration.Cli -c "$config" -nologo -v q >/dev/null
dll=lib/KzMigration.Cli/bin/$config/net10.0/kzmig.dll
echo "kzmig reproduce, $config, $runs run(s), $(nproc) cores, $(date -u +%FT%TZ), load average $(cut -d' ' -f1-3 /proc/loadavg)"

# Memory of a process and all its descendants, in KB: the sum of their proportional set sizes (PSS: a page
# shared by n processes counts 1/n in each, so Chromium's shared pages are not counted once per process).
tree_pss() {
  local pids
  pids=$(ps -e -o pid=,ppid= | awk -v root="$1" '
    { parent[$1] = $2 }
    END { for (p in parent) { q = p; while (q != "" && q != 0 && q != root) q = parent[q]; if (q == root) print p } }')
  for p in $pids; do awk '/^Pss:/ {print $2}' "/proc/$p/smaps_rollup" 2>/dev/null || true; done | awk '{s += $1} END {print s + 0}'
}

for i in $(seq 1 "$runs"); do
  work=$(mktemp -d)
  load=$(cut -d' ' -f1 /proc/loadavg)
  export T0
  T0=$(perl -MTime::HiRes=time -e 'printf "%.3f", time')
  /usr/bin/time -v -o "$work/time" dotnet "$dll" reproduce --out "$work/out" 2>&1 \
    | perl -MTime::HiRes=time -ne '$|=1; printf "%7.2f %s", time - $ENV{T0}, $_' >"$work/log" &
  pipeline=$!
  sleep 0.2
  timer=$(pgrep -f -- "-o $work/time" | head -1 || true)
  peak=0
  while kill -0 "$pipeline" 2>/dev/null; do
    if [ -n "$timer" ]; then now=$(tree_pss "$timer"); [ "$now" -gt "$peak" ] && peak=$now; fi
    sleep 0.2
  done
  wait "$pipeline" || true
  if ! grep -q 'Exit status: 0' "$work/time"; then echo "run $i failed:"; tail -20 "$work/log"; exit 1; fi
  wall=$(grep 'Elapsed (wall clock)' "$work/time" | awk '{print $NF}')
  rss=$(grep 'Maximum resident set size' "$work/time" | awk '{print $NF}')
  cpu=$(grep -E '(User|System) time' "$work/time" | awk '{s += $NF} END {printf "%.1f", s}')
  size=$(du -sh "$work/out" | cut -f1)
  echo "run $i: wall $wall, CPU ${cpu} s, peak RSS $((rss / 1024)) MB (largest process), $((peak / 1024)) MB (process tree, PSS), out/ $size, load average at start $load"
  awk '/ cell [0-9]+\/[0-9]+ running/ && !started { printf "  runner start (first cell at)                 %6.1f s\n", $1; started = 1 }' "$work/log"
  grep -E '^ *[0-9.]+ │ [0-9]' "$work/log" | awk -F'│' '{gsub(/ /,"",$2); gsub(/ /,"",$5); printf "  %-44s %6s s\n", $2, $5}'
  awk '/ notebook\(s\) ran/ { printf "  notebooks done at                            %6.1f s\n", $1 }
       / claims: / { printf "  claims evaluated at                          %6.1f s\n", $1 }
       / report: / { t = $1; $1 = ""; printf "  report written at                            %6.1f s  (%s)\n", t, substr($0, 2) }
       / static images: / { t = $1; $1 = ""; printf "  images done at                               %6.1f s  (%s)\n", t, substr($0, 2) }' "$work/log"
  rm -rf "$work"
done
