#!/usr/bin/env bash
# Times the analyst's loop of issue 24: a what-if run of notebook 05, whole process, as a user runs it
# (`kzmig run notebooks/05-what-if-and-sensitivity.ipynb --param …`), target ≤ 4 s. One untimed run first (the build is
# current, the OS caches are warm and out/ holds a previous scenario's outputs, as in the loop), then RUNS timed runs
# that alternate between two scenarios, so every timed run changes the what-if against the outputs it replaces (the
# figures that depend on it are drawn again; the others are reused). Prints each run's wall clock, its CPU time (the
# run's processes: the CLI, a worker it started, Chromium; not a worker an earlier run kept warm, which is not its
# child), which worker it used ("kept": one an earlier run left warm, KZMIG_KEEP_WARM; "started": its own), and the
# load, then the medians and the command. KZMIG_KEEP_WARM=0 in the environment times runs that keep no worker.
# With a fourth argument `dotnet-run`, each run is the README's command form (`dotnet run -c CONFIG --project lib/KzMigration.Cli --
# run …`: its build check included) instead of `dotnet lib/KzMigration.Cli/bin/CONFIG/net10.0/kzmig.dll run …`.
# Usage: bench/run-notebook.sh [runs] [Release|Debug] [other checkout, built, to interleave with (e.g. the commit before)|''] [dll|dotnet-run]
set -euo pipefail
cd "$(dirname "$0")/.."
runs=${1:-5}
config=${2:-Release}
other=${3:-}
mode=${4:-dll}
# KZ_BUILD_ARGS: extra build properties for both builds (bench/checkouts.sh).
source bench/checkouts.sh
if [ "$mode" = dotnet-run ]; then kzmig=(dotnet run -c "$config" "${build_args[@]}" --project lib/KzMigration.Cli --); else kzmig=(dotnet "lib/KzMigration.Cli/bin/$config/net10.0/kzmig.dll"); fi
notebook=notebooks/05-what-if-and-sensitivity.ipynb
scenario_a=(--param "edits=turkestan:avg_monthly_wage*1.2" --param reference=median --param invert=unemployment_rate)
scenario_b=(--param "edits=turkestan:avg_monthly_wage*1.1" --param reference=national)

build_checkouts "$config" "$other"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
echo "kzmig run $notebook, $config, $runs timed run(s) per checkout, $(nproc) cores, $(date -u +%FT%TZ), load average $(cut -d' ' -f1-3 /proc/loadavg)"

one_run() { # checkout, out folder, scenario name → wall seconds and CPU seconds (all processes) on stdout
  local dir=$1 out=$2 name=$3
  local -n params="scenario_$name"
  (cd "$dir" && /usr/bin/time -f '%e %U %S' -o "$work/time" "${kzmig[@]}" run "$notebook" "${params[@]}" --out "$out" >"$work/log" 2>&1) \
    || { echo "run failed in $dir:" >&2; tail -20 "$work/log" >&2; exit 1; }
  local worker=started
  if grep -q 'notebook worker: kept warm by an earlier run' "$work/log"; then worker=kept; fi
  awk -v worker="$worker" '{printf "%s %.2f %s\n", $1, $2 + $3, worker}' "$work/time"
}

declare -A times cpus
for c in "${!checkouts[@]}"; do one_run "${checkouts[$c]}" "$work/out-$c" b >/dev/null; done
for i in $(seq 1 "$runs"); do
  name=$([ $((i % 2)) -eq 1 ] && echo a || echo b)
  for c in "${!checkouts[@]}"; do # interleaved: each checkout's run i back to back, under the same load
    load=$(cut -d' ' -f1 /proc/loadavg)
    read -r t cpu worker < <(one_run "${checkouts[$c]}" "$work/out-$c" "$name")
    times[$c]="${times[$c]:-} $t"
    cpus[$c]="${cpus[$c]:-} $cpu"
    printf '  %-40s run %d (scenario %s): %6.2f s wall, %6.2f s CPU, worker %s  (load %s)\n' "${checkouts[$c]}" "$i" "$name" "$t" "$cpu" "$worker" "$load"
  done
done
for c in "${!checkouts[@]}"; do
  median=$(echo "${times[$c]}" | tr ' ' '\n' | grep . | sort -n | awk '{a[NR]=$1} END {print (NR % 2) ? a[(NR+1)/2] : (a[NR/2] + a[NR/2+1]) / 2}')
  cpu=$(echo "${cpus[$c]}" | tr ' ' '\n' | grep . | sort -n | awk '{a[NR]=$1} END {print (NR % 2) ? a[(NR+1)/2] : (a[NR/2] + a[NR/2+1]) / 2}')
  printf '%s: median %.2f s wall, %.2f s CPU of %d runs (target ≤ 4 s wall)\n' "${checkouts[$c]}" "$median" "$cpu" "$runs"
done
echo "command: ${kzmig[*]} run $notebook ${scenario_a[*]}  (alternating with ${scenario_b[*]})"
