#!/usr/bin/env bash
# Two builds of the kernel, measured by kernel_bench.py in interleaved runs (before, after, before, …) so that both meet
# the same load; prints each run's summary with the load average at its start, then the median of the runs per figure.
#
#   bash bench/kernel/compare.sh BEFORE/kzmig.dll AFTER/kzmig.dll [runs=5]
#
# A build to compare against: git archive <commit> | tar -x -C /tmp/k-before && dotnet build /tmp/k-before/lib/KzMigration.Cli -c Release
set -euo pipefail
before=$(realpath "$1"); after=$(realpath "$2"); runs=${3:-5}
root=$(cd "$(dirname "$0")/../.." && pwd)
work=$(mktemp -d /tmp/kzmig-kernel-compare.XXXXXX)
trap 'rm -rf "$work"' EXIT
echo "command: bash bench/kernel/compare.sh $1 $2 $runs"
for label in before after; do
  dll=$([ "$label" = before ] && echo "$before" || echo "$after")
  dotnet "$dll" jupyter install --prefix "$work/$label" > /dev/null
done
for i in $(seq 1 "$runs"); do
  for label in before after; do
    load=$(cut -d' ' -f1-3 /proc/loadavg)
    line=$(JUPYTER_PATH="$work/$label/share/jupyter" /usr/bin/python3 "$root/bench/kernel/kernel_bench.py" | grep '^summary ' || echo "summary failed=1")
    echo "$label run $i (load $load): ${line#summary }" | tee -a "$work/runs.txt"
  done
done
/usr/bin/python3 - "$work/runs.txt" <<'PY'
import statistics, sys, collections
values = collections.defaultdict(lambda: collections.defaultdict(list))
for line in open(sys.argv[1]):
    label, rest = line.split(" run ", 1)
    for pair in rest.split("): ", 1)[1].split():
        key, value = pair.split("=")
        values[label][key].append(float(value))
keys = list(values["after"].keys() or values["before"].keys())
print("median of the runs (ms):")
print(f"{'figure':24} {'before':>10} {'after':>10}")
for key in keys:
    row = [statistics.median(values[label][key]) if values[label][key] else float("nan") for label in ("before", "after")]
    print(f"{key:24} {row[0]:10.1f} {row[1]:10.1f}")
PY
