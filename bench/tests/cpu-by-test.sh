#!/usr/bin/env bash
# Which tests use the CPU, their child processes included (issue 24): runs the suite serially (one test at a time) inside a
# cgroup whose CPU counter is sampled every 0.5 s, then maps each test's start and end (trx) onto the samples
# (bench/tests/cpu_by_test.py). Serially, tests do not overlap; a process a test leaves running (a kept worker, a build
# server) is still counted in the cgroup and lands on later tests. The wall clock is not the suite's.
# Needs root and the cgroup v1 cpuacct controller at /sys/fs/cgroup/cpuacct (as on this machine); build first.
# Usage: bench/tests/cpu-by-test.sh [filter]   e.g. bench/tests/cpu-by-test.sh "FullyQualifiedName~Hardening"
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
cd "$here/../.."
filter=()
if [ $# -gt 0 ]; then filter=(--filter "$1"); fi
group=/sys/fs/cgroup/cpuacct/kzmig-tests-$$
work=$(mktemp -d)
mkdir "$group"
( while true; do echo "$(date +%s.%N) $(cat "$group/cpuacct.usage")"; sleep 0.5; done ) > "$work/samples" &
sampler=$!
cleanup() {
  kill "$sampler" 2>/dev/null || true
  for _ in 1 2 3 4 5 6 7 8 9 10; do rmdir "$group" 2>/dev/null && return; sleep 0.5; done
  echo "cgroup $group left in place: processes still in it ($(tr '\n' ' ' < "$group/tasks"))" >&2
}
trap cleanup EXIT
set +e
( echo "$BASHPID" > "$group/tasks"
  exec dotnet test tests/KzMigration.Tests --no-build "${filter[@]}" --logger "trx;LogFileName=$work/serial.trx" -- xUnit.ParallelizeTestCollections=false ) > "$work/log" 2>&1
status=$?
set -e
kill "$sampler" 2>/dev/null || true
grep -E '(Passed|Failed)!' "$work/log" | tail -n 1 || tail -n 20 "$work/log"
if [ -s "$work/serial.trx" ]; then python3 "$here/cpu_by_test.py" "$work/serial.trx" "$work/samples"; else echo "no trx written (is the test project built?)" >&2; fi
echo "command: bench/tests/cpu-by-test.sh ${1:-}; log, trx and samples in $work"
exit "$status"
