#!/usr/bin/env python3
"""Latency of the workbench's Jupyter kernel as a front-end sees it, through jupyter_client.

    dotnet build lib/KzMigration.Cli -c Release
    dotnet lib/KzMigration.Cli/bin/Release/net10.0/kzmig.dll jupyter install --prefix /tmp/kzbench
    JUPYTER_PATH=/tmp/kzbench/share/jupyter /usr/bin/python3 bench/kernel/kernel_bench.py

Measures (medians; targets from issue 13, and issue 24 for the cell and completion): kernel start to
first idle (warm: the first start of the run warms the disk cache and is reported apart), a trivial
cell's round trip, a completion, and rescoring Figure 3 with a changed threshold including the chart's
display message. The last line (``summary``) repeats the figures as key=value in milliseconds, for
bench/kernel/compare.sh, which runs two builds interleaved and takes the median of the runs.
"""
import os
import statistics
import sys
import time

from jupyter_client.manager import KernelManager

KERNEL = "kzmigration-csharp"
ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
TIMEOUT = 300


def execute(kc, code, until="idle"):
    """Sends code; returns seconds until the reply and the idle status (or the first execute_result/display_data)."""
    start = time.perf_counter()
    msg_id = kc.execute(code)
    got_reply = got_idle = False
    first_output = None
    while not got_idle:
        msg = kc.get_iopub_msg(timeout=TIMEOUT)
        if msg["parent_header"].get("msg_id") != msg_id:
            continue
        if msg["msg_type"] in ("execute_result", "display_data") and first_output is None:
            first_output = time.perf_counter() - start
        if msg["msg_type"] == "error":
            raise RuntimeError("\n".join(msg["content"]["traceback"]))
        if msg["msg_type"] == "status" and msg["content"]["execution_state"] == "idle":
            got_idle = True
    reply = shell_reply(kc, msg_id)
    assert reply["content"]["status"] == "ok", reply["content"]
    elapsed = time.perf_counter() - start
    return elapsed, first_output


def shell_reply(kc, msg_id):
    """The reply to msg_id (wait_for_ready may leave extra kernel_info replies in the queue)."""
    while True:
        reply = kc.get_shell_msg(timeout=TIMEOUT)
        if reply["parent_header"].get("msg_id") == msg_id:
            return reply


def start_kernel():
    start = time.perf_counter()
    km = KernelManager(kernel_name=KERNEL)
    km.start_kernel(cwd=os.path.join(ROOT, "notebooks"))
    kc = km.client()
    kc.start_channels()
    kc.wait_for_ready(timeout=TIMEOUT)
    return km, kc, time.perf_counter() - start


def stop(km, kc):
    kc.stop_channels()
    km.shutdown_kernel()


def ms(seconds):
    return f"{seconds * 1000:.1f} ms"


def main():
    from jupyter_client.kernelspec import KernelSpecManager
    spec = KernelSpecManager().get_kernel_spec(KERNEL)
    print(f"command: JUPYTER_PATH={os.environ.get('JUPYTER_PATH', '')} {sys.executable} {' '.join(sys.argv)}")
    print(f"kernel: {' '.join(spec.argv)}")
    starts = []
    for _ in range(4):
        km, kc, seconds = start_kernel()
        starts.append(seconds)
        stop(km, kc)
    print(f"kernel start to first idle: cold {starts[0]:.2f} s, warm median {statistics.median(starts[1:]):.2f} s (target <= 3 s)")

    km, kc, _ = start_kernel()
    try:
        execute(kc, "1")
        info = []
        for _ in range(50):
            start = time.perf_counter()
            shell_reply(kc, kc.kernel_info())
            info.append(time.perf_counter() - start)
        print(f"kernel_info round trip (the protocol alone, no C#): median {ms(statistics.median(info))}")
        trivial = [execute(kc, "1 + 1")[0] for _ in range(50)]
        print(f"trivial cell round trip: median {ms(statistics.median(trivial))} (target <= 20 ms), p90 {ms(sorted(trivial)[44])}")

        execute(kc, "using KzMigration.Scoring;")
        completions = []
        for i in range(21):
            # A different line each time (as while typing), so no answer can come from a cache of earlier texts.
            code = f"var card{i} = Scorecard."
            start = time.perf_counter()
            reply = shell_reply(kc, kc.complete(code, len(code)))
            completions.append(time.perf_counter() - start)
            assert "Score" in reply["content"]["matches"], reply["content"]
        print(f"completion inside Scorecard.: first {ms(completions[0])}, median {ms(statistics.median(completions[1:]))} (target <= 150 ms)")

        execute(kc, """
using KzMigration.Study;
using KzMigration.Charts;
var study = SocioEconomicScoring.Load();
var labels = study.Labels("en");
""")
        rescoring = []
        to_chart = []
        for i in range(22):
            low = 65 + i % 10  # a different lowest threshold each time
            # The study specification's parser, as notebook 04 and `kzmig run --param` use it.
            elapsed, first = execute(kc, f"""
var spec = KzMigration.Specification.SpecificationParser.Parse(new Dictionary<string, string?>
{{
    ["thresholds"] = "{low},95,105,150", ["points"] = "-2,-1,0.5,1,2", ["boundary"] = "lower", ["reference"] = "published", ["invert"] = "none",
}}, study.Specification).Scoring;
var result = Scorecard.Score(study.Panel, spec);
ScoringCharts.BandHeatmap(result, 2022, labels, study.IndicatorLabels, "Figure 3, lowest threshold {low} %", "bench")
""")
            if i >= 2:
                rescoring.append(elapsed)
                to_chart.append(first)
        print(f"rescoring Figure 3 with a changed threshold, chart displayed: median {ms(statistics.median(rescoring))} to idle, "
              f"{ms(statistics.median(to_chart))} to the display message (target <= 100 ms)")
        figures = {
            "start_ms": statistics.median(starts[1:]), "kernel_info_ms": statistics.median(info),
            "trivial_ms": statistics.median(trivial), "trivial_p90_ms": sorted(trivial)[44],
            "completion_first_ms": completions[0], "completion_ms": statistics.median(completions[1:]),
            "rescoring_ms": statistics.median(rescoring), "rescoring_display_ms": statistics.median(to_chart),
        }
        print("summary " + " ".join(f"{k}={v * 1000:.1f}" for k, v in figures.items()))
    finally:
        stop(km, kc)


if __name__ == "__main__":
    sys.exit(main())
