#!/usr/bin/env bash
# Times the README's test command, `dotnet test`, as a developer or CI runs it: the whole command (build included),
# wall clock and CPU time (user + system of the command and the processes it waited for: test host, kzmig children,
# Chromium, Jupyter; far less sensitive than the wall clock to other jobs on the machine), with a trx of every test's
# duration, the machine's load before and after, and the per-class breakdown (bench/tests/trx_durations.py).
# Target (issue 24): ≤ 5 min wall clock on 2 cores, quiet machine.
# Usage: bench/tests/run.sh [filter]   e.g. bench/tests/run.sh "FullyQualifiedName~BrowserTests"
#        (with a filter: the test project alone, for the heavy classes' durations before and after a change).
# Do not run the whole suite while others build on the same cores: the figure would measure them, not the suite.
set -euo pipefail
cd "$(dirname "$0")/../.."
filter=${1:-}
results=$(mktemp -d)
if [ -n "$filter" ]; then
  command=(dotnet test tests/KzMigration.Tests --filter "$filter" --logger "trx;LogFileName=$results/tests.trx")
else
  command=(dotnet test --logger "trx;LogFileName=$results/tests.trx")
fi
echo "command: ${command[*]}"
echo "$(nproc) cores, $(date -u +%FT%TZ), load average before $(cut -d' ' -f1-3 /proc/loadavg)"
start=$(date +%s.%N)
set +e
/usr/bin/time -f '%U %S' -o "$results/cpu" "${command[@]}" >"$results/log" 2>&1
status=$?
set -e
end=$(date +%s.%N)
echo "load average after $(cut -d' ' -f1-3 /proc/loadavg)"
grep -E '(Passed|Failed)!' "$results/log" | tail -n 1 || tail -n 20 "$results/log"
read -r user system < <(tail -n 1 "$results/cpu")
awk -v s="$start" -v e="$end" -v u="$user" -v y="$system" -v x="$status" -v r="$results" \
  'BEGIN { printf "dotnet test: %.0f s wall clock, %.0f s CPU (user %.0f + system %.0f) (exit %d); log and trx in %s\n", e - s, u + y, u, y, x, r }' 
trx=$(find "$results" -name 'tests*.trx' | head -n 1)
[ -n "$trx" ] && python3 "$(dirname "$0")/trx_durations.py" "$trx"
exit "$status"
