"""CPU-seconds per test and per class from a serial trx and cgroup CPU samples (bench/tests/cpu-by-test.sh)."""
import sys, bisect, datetime, xml.etree.ElementTree as ET, collections
trx, samples = sys.argv[1], sys.argv[2]
S = [tuple(map(float, l.split())) for l in open(samples) if len(l.split()) == 2]
ts = [s[0] for s in S]
def cpu_at(t):
    i = bisect.bisect_left(ts, t)
    if i <= 0: return S[0][1]
    if i >= len(S): return S[-1][1]
    (t0, c0), (t1, c1) = S[i-1], S[i]
    return c0 + (c1 - c0) * (t - t0) / (t1 - t0)
ns = {'t': 'http://microsoft.com/schemas/VisualStudio/TeamTest/2010'}
root = ET.parse(trx).getroot()
defs = {u.get('id'): u.find('t:TestMethod', ns).get('className') for u in root.iter('{%s}UnitTest' % ns['t'])}
def parse(s):
    return datetime.datetime.fromisoformat(s).timestamp()
per_class = collections.defaultdict(lambda: [0.0, 0.0, 0]); per_test = []
covered = 0
for r in root.iter('{%s}UnitTestResult' % ns['t']):
    if not r.get('startTime'): continue
    a, b = parse(r.get('startTime')), parse(r.get('endTime'))
    c = (cpu_at(b) - cpu_at(a)) / 1e9
    cls = defs[r.get('testId')].split('.')[-1]
    per_class[cls][0] += c; per_class[cls][1] += b - a; per_class[cls][2] += 1
    per_test.append((c, b - a, r.get('testName')))
    covered += c
total = (S[-1][1] - S[0][1]) / 1e9
print(f"total cpu {total:.0f} s over {ts[-1]-ts[0]:.0f} s wall; in tests {covered:.0f} s; outside tests (build, fixtures between tests, host) {total-covered:.0f} s")
print(" cpu s  wall s  tests  class")
for cls, (c, w, n) in sorted(per_class.items(), key=lambda x: -x[1][0])[:40]:
    print(f"{c:6.1f} {w:7.1f} {n:6d}  {cls}")
print("slowest tests by cpu:")
for c, w, n in sorted(per_test, reverse=True)[:30]:
    print(f"{c:6.1f} {w:7.1f}  {n[:150]}")
print("largest CPU gaps between tests (fixtures):")
iv = sorted((parse(r.get('startTime')), parse(r.get('endTime')), defs[r.get('testId')].split('.')[-1]) for r in root.iter('{%s}UnitTestResult' % ns['t']) if r.get('startTime'))
gaps = []
end = ts[0]; prev = 'start'
for a, b, cls in iv:
    if a > end: gaps.append(((cpu_at(a) - cpu_at(end)) / 1e9, a - end, prev, cls))
    if b > end: end, prev = b, cls
gaps.append(((cpu_at(ts[-1]) - cpu_at(end)) / 1e9, ts[-1] - end, prev, 'end'))
for g in [g for g in sorted(gaps, reverse=True) if g[0] >= 0.5][:12]:
    print(f"{g[0]:6.1f} cpu s {g[1]:6.1f} wall s  after {g[2]} before {g[3]}")
