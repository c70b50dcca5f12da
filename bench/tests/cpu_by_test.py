#!/usr/bin/env python3
"""CPU-seconds per test and per class, child processes included, from a serial run's trx and the CPU samples of the
cgroup it ran in (bench/tests/cpu-by-test.sh writes both): each test's start and end are mapped onto the samples,
interpolated between them. The CPU between tests (class and collection fixtures: the shared reproduce, the explorer's
build) is listed apart.

Usage: bench/tests/cpu_by_test.py SERIAL.trx SAMPLES   (SAMPLES: lines «unix-seconds cpu-nanoseconds»)
"""
import bisect
import collections
import sys
import xml.etree.ElementTree as ET

from trx_durations import NS, instant


def main(trx, samples_path):
    samples = [tuple(map(float, line.split())) for line in open(samples_path) if len(line.split()) == 2]
    times = [s[0] for s in samples]

    def cpu_at(t):
        i = bisect.bisect_left(times, t)
        if i <= 0:
            return samples[0][1]
        if i >= len(samples):
            return samples[-1][1]
        (t0, c0), (t1, c1) = samples[i - 1], samples[i]
        return c0 + (c1 - c0) * (t - t0) / (t1 - t0)

    root = ET.parse(trx).getroot()
    classes = {t.get("id"): t.find(NS + "TestMethod").get("className").rsplit(".", 1)[-1] for t in root.iter(NS + "UnitTest")}
    runs = sorted((instant(r.get("startTime")).timestamp(), instant(r.get("endTime")).timestamp(), classes.get(r.get("testId"), "?"), r.get("testName"))
                  for r in root.iter(NS + "UnitTestResult") if r.get("startTime"))
    per_class = collections.defaultdict(lambda: [0.0, 0.0, 0])
    per_test = []
    for start, end, name, test in runs:
        cpu = (cpu_at(end) - cpu_at(start)) / 1e9
        per_class[name][0] += cpu
        per_class[name][1] += end - start
        per_class[name][2] += 1
        per_test.append((cpu, end - start, test))
    total = (samples[-1][1] - samples[0][1]) / 1e9
    inside = sum(t[0] for t in per_test)
    print(f"total cpu {total:.0f} s over {times[-1] - times[0]:.0f} s wall; in tests {inside:.0f} s; outside tests (build, fixtures, host) {total - inside:.0f} s")
    print(" cpu s  wall s  tests  class")
    for name, (cpu, wall, count) in sorted(per_class.items(), key=lambda x: -x[1][0])[:40]:
        print(f"{cpu:6.1f} {wall:7.1f} {count:6d}  {name}")
    print("slowest tests by cpu:")
    for cpu, wall, test in sorted(per_test, reverse=True)[:30]:
        print(f"{cpu:6.1f} {wall:7.1f}  {test[:150]}")
    # Between tests: what no test's own interval holds (fixtures), after the test that ended last.
    gaps, covered, previous = [], times[0], "start"
    for start, end, name, _ in runs:
        if start > covered:
            gaps.append(((cpu_at(start) - cpu_at(covered)) / 1e9, start - covered, previous, name))
        if end > covered:
            covered, previous = end, name
    gaps.append(((cpu_at(times[-1]) - cpu_at(covered)) / 1e9, times[-1] - covered, previous, "end"))
    print("largest CPU between tests (fixtures):")
    for cpu, wall, after, before in [g for g in sorted(gaps, reverse=True) if g[0] >= 0.5][:12]:
        print(f"{cpu:6.1f} cpu s {wall:6.1f} wall s  after {after} before {before}")


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2])
