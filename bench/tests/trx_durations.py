#!/usr/bin/env python3
"""Per-class and per-test durations of a `dotnet test` trx file, and the run's wall clock.

Usage: bench/tests/trx_durations.py RESULTS.trx [more.trx …]
Prints, per file: outcomes, wall clock (the trx's start to finish), the sum of test durations, the
slowest classes (seconds, tests) and the slowest tests. Collection fixtures (the shared reproduce, the
explorer's build) are not in any test's duration: the wall clock holds them.
"""
import collections
import datetime
import sys
import xml.etree.ElementTree as ET

NS = "{http://microsoft.com/schemas/VisualStudio/TeamTest/2010}"


def seconds(text):
    h, m, s = text.split(":")
    return int(h) * 3600 + int(m) * 60 + float(s)


def instant(text):
    # trx writes 7 fractional digits; Python reads at most 6.
    date, _, rest = text.partition(".")
    digits = "".join(c for c in rest if c.isdigit())[:6] if rest else "0"
    zone = text[-6:] if text[-6] in "+-" else "+00:00"
    return datetime.datetime.fromisoformat(f"{date}.{digits:0<6}{zone}")


def main(paths):
    for path in paths:
        root = ET.parse(path).getroot()
        classes = {t.get("id"): t.find(NS + "TestMethod").get("className").rsplit(".", 1)[-1] for t in root.iter(NS + "UnitTest")}
        per_class, count, outcomes, tests = collections.Counter(), collections.Counter(), collections.Counter(), []
        for result in root.iter(NS + "UnitTestResult"):
            name = classes.get(result.get("testId"), "?")
            duration = seconds(result.get("duration", "0:0:0"))
            per_class[name] += duration
            count[name] += 1
            outcomes[result.get("outcome")] += 1
            tests.append((duration, result.get("testName")))
        times = root.find(NS + "Times")
        wall = (instant(times.get("finish")) - instant(times.get("start"))).total_seconds()
        print(f"{path}: {sum(count.values())} results {dict(outcomes)}; wall clock {wall:.0f} s; sum of test durations {sum(per_class.values()):.0f} s")
        print("  seconds  tests  class")
        for name, total in per_class.most_common(25):
            print(f"  {total:7.1f}  {count[name]:5d}  {name}")
        print("  slowest tests:")
        for duration, name in sorted(tests, reverse=True)[:15]:
            print(f"  {duration:7.1f}  {name[:160]}")


if __name__ == "__main__":
    main(sys.argv[1:])
