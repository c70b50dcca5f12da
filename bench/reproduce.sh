#!/usr/bin/env bash
# Times `kzmig reproduce` as a user runs it: the whole process, warm (after one build), several runs.
# Per run it prints: wall clock, CPU time (the run's processes: CLI, a notebook worker it started, Chromium; not a worker
# an earlier run kept warm, KZMIG_KEEP_WARM, which is not its child: the run says which it used), peak memory as
# the largest single process (/usr/bin/time -v) and as the whole process tree (sampled every 0.2 s), the size
# of out/, the machine's load, and a breakdown read from the run's own output, each line stamped with the
# seconds since the process started: runner start (to the first cell), each notebook (its own seconds),
# image export (busy time, beside the notebooks), report and the end.
# Warm means what a user's second run is (issue 24's loop «reproduce, warm, whole process, second run», target ≤ 12 s):
# one untimed run fills the output folder first, and every timed run replaces the previous run's outputs in that same
# folder (the images of unchanged figures are reused from it). With a third argument, another checkout (built the same
# way, e.g. `git worktree add /tmp/before <commit>`) runs interleaved with this one, run for run under the same load.
# At the end: the median wall clock of each checkout and the command.
# With a fourth argument `dotnet-run`, each run is the README's command (`dotnet run -c CONFIG --project lib/KzMigration.Cli --
# reproduce`: its build check included) instead of `dotnet lib/KzMigration.Cli/bin/CONFIG/net10.0/kzmig.dll reproduce`.
# Usage: bench/reproduce.sh [runs] [Release|Debug] [other checkout|''] [dll|dotnet-run]
set -euo pipefail
cd "$(dirname "$0")/.."
runs=${1:-3}
config=${2:-Release}
other=${3:-}
mode=${4:-dll}
# KZ_BUILD_ARGS: extra build properties for both builds (bench/checkouts.sh).
source bench/checkouts.sh
build_checkouts "$config" "$other"
dll=lib/KzMigration.Cli/bin/$config/net10.0/kzmig.dll
if [ "$mode" = dotnet-run ]; then kzmig=(dotnet run -c "$config" "${build_args[@]}" --project lib/KzMigration.Cli --); else kzmig=(dotnet "$dll"); fi
outs=$(mktemp -d)
trap 'rm -rf "$outs"' EXIT
echo "kzmig reproduce, $config, $runs run(s), $(nproc) cores, $(date -u +%FT%TZ), load average $(cut -d' ' -f1-3 /proc/loadavg)"
for c in "${!checkouts[@]}"; do
  (cd "${checkouts[$c]}" && "${kzmig[@]}" reproduce --out "$outs/out-$c" >/dev/null 2>&1) || { echo "untimed first run failed in ${checkouts[$c]}"; exit 1; }
done
declare -A walls

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
 for c in "${!checkouts[@]}"; do
  cd "${checkouts[$c]}"
  work=$(mktemp -d)
  load=$(cut -d' ' -f1 /proc/loadavg)
  # Not exported: a variable that changes from run to run would reach another kept worker each time (its key is the environment).
  T0=$(perl -MTime::HiRes=time -e 'printf "%.3f", time')
  /usr/bin/time -v -o "$work/time" "${kzmig[@]}" reproduce --out "$outs/out-$c" 2>&1 \
    | perl -MTime::HiRes=time -sne '$|=1; printf "%7.2f %s", time - $t0, $_' -- -t0="$T0" >"$work/log" &
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
  size=$(du -sh "$outs/out-$c" | cut -f1)
  seconds=$(echo "$wall" | awk -F: '{s = 0; for (k = 1; k <= NF; k++) s = s * 60 + $k; print s}')
  walls[$c]="${walls[$c]:-} $seconds"
  echo "run $i (${checkouts[$c]}): wall $wall, CPU ${cpu} s, peak RSS $((rss / 1024)) MB (largest process), $((peak / 1024)) MB (process tree, PSS), out/ $size, load average at start $load"
  grep -o 'notebook worker: kept warm by an earlier run.*\|notebook worker: started for this run.*' "$work/log" | sed 's/^/  /' || true
  awk '/ cell [0-9]+\/[0-9]+ running/ && !started { printf "  runner start (first cell at)                 %6.1f s\n", $1; started = 1 }' "$work/log"
  grep -E '^ *[0-9.]+ │ [0-9]' "$work/log" | awk -F'│' '{gsub(/ /,"",$2); gsub(/ /,"",$5); printf "  %-44s %6s s\n", $2, $5}'
  awk '/ notebook\(s\) ran/ { printf "  notebooks done at                            %6.1f s\n", $1 }
       / claims: / { printf "  claims evaluated at                          %6.1f s\n", $1 }
       / report: / { t = $1; $1 = ""; printf "  report written at                            %6.1f s  (%s)\n", t, substr($0, 2) }
       / static images: / { t = $1; $1 = ""; printf "  images done at                               %6.1f s  (%s)\n", t, substr($0, 2) }' "$work/log"
  rm -rf "$work"
 done
done
for c in "${!checkouts[@]}"; do
  median=$(echo "${walls[$c]}" | tr ' ' '\n' | grep . | sort -n | awk '{a[NR]=$1} END {print (NR % 2) ? a[(NR+1)/2] : (a[NR/2] + a[NR/2+1]) / 2}')
  printf '%s: median wall %.2f s of %d warm runs (target ≤ 12 s)\n' "${checkouts[$c]}" "$median" "$runs"
done
echo "command: ${kzmig[*]} reproduce --out OUT  (OUT holding the previous run's outputs; the README's command: dotnet run -c $config --project lib/KzMigration.Cli -- reproduce)"
