#!/usr/bin/env bash
# Times the README's test command, `dotnet test`, as a developer or CI runs it: the whole command (build included),
# wall clock, with a trx of every test's duration, the machine's load before and after, and the per-class breakdown
# (bench/tests/trx_durations.py). No CPU time: /usr/bin/time around `dotnet test` counted 30 s for a run whose test
# host and children clearly used many minutes (they are not all waited-for children of the command).
# Target (issue 24): ≤ 5 min wall clock on 2 cores, quiet machine.
# Usage: bench/tests/run.sh [filter]   e.g. bench/tests/run.sh "FullyQualifiedName~BrowserTests"
#        (with a filter: the test project alone, for the heavy classes' durations before and after a change).
# Do not run the whole suite while others build on the same cores: the figure would measure them, not the suite.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
cd "$here/../.."
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
"${command[@]}" >"$results/log" 2>&1
status=$?
set -e
end=$(date +%s.%N)
echo "load average after $(cut -d' ' -f1-3 /proc/loadavg)"
grep -E '(Passed|Failed)!' "$results/log" | tail -n 1 || tail -n 20 "$results/log"
awk -v s="$start" -v e="$end" -v x="$status" -v r="$results" 'BEGIN { printf "dotnet test: %.0f s wall clock (exit %d); log and trx in %s\n", e - s, x, r }' 
trx=$(find "$results" -name 'tests*.trx' | head -n 1)
[ -n "$trx" ] && python3 "$here/trx_durations.py" "$trx"
exit "$status"
