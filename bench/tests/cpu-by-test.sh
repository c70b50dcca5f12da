#!/usr/bin/env bash
# Which tests use the CPU, their child processes included (issue 24): runs the suite serially (one test at a time) inside a
# cgroup whose CPU counter is sampled every 0.5 s, then maps each test's start and end (trx) onto the samples
# (bench/tests/cpu_by_test.py). Serially, the per-test figures do not overlap; the wall clock is not the suite's.
# Needs root and the cgroup v1 cpuacct controller at /sys/fs/cgroup/cpuacct (as on this machine); build first.
# Usage: bench/tests/cpu-by-test.sh [filter]
set -euo pipefail
cd "$(dirname "$0")/../.."
group=/sys/fs/cgroup/cpuacct/kzmig-tests-$$
mkdir "$group"
work=$(mktemp -d)
filter=${1:+--filter $1}
( while true; do echo "$(date +%s.%N) $(cat "$group/cpuacct.usage")"; sleep 0.5; done ) > "$work/samples" &
sampler=$!
set +e
( echo "$BASHPID" > "$group/tasks"
  exec dotnet test tests/KzMigration.Tests --no-build $filter --logger "trx;LogFileName=$work/serial.trx" -- xUnit.ParallelizeTestCollections=false ) > "$work/log" 2>&1
status=$?
set -e
kill "$sampler"
grep -E '(Passed|Failed)!' "$work/log" | tail -n 1 || tail -n 20 "$work/log"
python3 "$(dirname "$0")/cpu_by_test.py" "$work/serial.trx" "$work/samples"
for _ in 1 2 3 4 5 6 7 8 9 10; do rmdir "$group" 2>/dev/null && break; sleep 0.5; done
echo "command: bench/tests/cpu-by-test.sh ${1:-}; log, trx and samples in $work"
exit "$status"
