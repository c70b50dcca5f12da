"""Drives `kzmig kernel` with jupyter_client, the library every Jupyter front-end uses.

Run by KernelProtocolTests.cs with JUPYTER_PATH pointing at a temporary prefix holding the
kzmigration-csharp kernel spec; KZMIG_TEST_TMP is a scratch folder. Exits non-zero on a failure.
"""
import os
import random
import sys
import time
import unittest
import uuid

from jupyter_client.manager import KernelManager
from jupyter_client.session import Session

KERNEL = "kzmigration-csharp"
TMP = os.environ.get("KZMIG_TEST_TMP", "/tmp")
TIMEOUT = 120
# The kernel's interrupt grace for this session (kzmig kernel --interrupt-grace; the default is 5 s): a cell that ignores
# an interrupt is ended after it. Short, so the two restarts below cost seconds, not tens; long enough that a cell which
# checks its cancellation token (every 50–100 ms) stops within it on a loaded 2-core machine.
GRACE_SECONDS = "2"


def run(kc, code, **kwargs):
    """Executes code; returns (reply content, iopub messages of this request until idle)."""
    msg_id = kc.execute(code, **kwargs)
    reply = kc.get_shell_msg(timeout=TIMEOUT)
    while reply["parent_header"].get("msg_id") != msg_id:
        reply = kc.get_shell_msg(timeout=TIMEOUT)
    return reply["content"], iopub_until_idle(kc, msg_id)


def run_in_cell(kc, code, cell_id):
    """Executes code as JupyterLab and VS Code do, naming the cell in the request's metadata."""
    content = {"code": code, "silent": False, "store_history": True, "user_expressions": {},
               "allow_stdin": False, "stop_on_error": True}
    msg = kc.session.msg("execute_request", content, metadata={"cellId": cell_id})
    kc.shell_channel.send(msg)
    msg_id = msg["header"]["msg_id"]
    reply = kc.get_shell_msg(timeout=TIMEOUT)
    while reply["parent_header"].get("msg_id") != msg_id:
        reply = kc.get_shell_msg(timeout=TIMEOUT)
    return reply["content"], iopub_until_idle(kc, msg_id)


def iopub_until_idle(kc, msg_id):
    messages = []
    while True:
        msg = kc.get_iopub_msg(timeout=TIMEOUT)
        if msg["parent_header"].get("msg_id") != msg_id:
            continue
        messages.append(msg)
        if msg["msg_type"] == "status" and msg["content"]["execution_state"] == "idle":
            return messages


def execute_started(kc, code):
    """Sends a cell that first prints a line, and returns once that line is out: the cell is running (no sleep needed)."""
    msg_id = kc.execute('Console.WriteLine("cell started");\n' + code)
    while True:
        msg = kc.get_iopub_msg(timeout=TIMEOUT)
        if (msg["parent_header"].get("msg_id") == msg_id and msg["msg_type"] == "stream"
                and "cell started" in msg["content"]["text"]):
            return msg_id


def of_type(messages, msg_type):
    return [m["content"] for m in messages if m["msg_type"] == msg_type]


class KernelProtocol(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.stderr_path = os.path.join(TMP, "kernel-stderr.txt")
        cls.stderr = open(cls.stderr_path, "w")
        cls.km = KernelManager(kernel_name=KERNEL)
        cls.km.kernel_spec.argv.extend(["--interrupt-grace", GRACE_SECONDS])
        cls.km.start_kernel(stderr=cls.stderr, cwd=TMP)
        cls.kc = cls.km.client()
        cls.kc.start_channels()
        cls.kc.wait_for_ready(timeout=TIMEOUT)

    @classmethod
    def tearDownClass(cls):
        cls.kc.stop_channels()
        if cls.km.is_alive():
            cls.km.shutdown_kernel(now=True)
        cls.stderr.close()

    def test_01_kernel_info(self):
        self.kc.kernel_info()
        reply = self.kc.get_shell_msg(timeout=TIMEOUT)
        self.assertEqual(reply["msg_type"], "kernel_info_reply")
        content = reply["content"]
        self.assertEqual(content["status"], "ok")
        self.assertEqual(content["protocol_version"], "5.3")
        info = content["language_info"]
        self.assertEqual(info["name"], "C#")
        self.assertEqual(info["mimetype"], "text/x-csharp")
        self.assertEqual(info["file_extension"], ".cs")
        self.assertEqual(info["pygments_lexer"], "csharp")
        self.assertEqual(info["codemirror_mode"], "text/x-csharp")
        self.assertTrue(info["version"])
        self.assertIn("KzMigration", content["banner"])
        self.assertTrue(content["help_links"])
        # The same over the control channel.
        msg = self.kc.session.msg("kernel_info_request")
        self.kc.control_channel.send(msg)
        reply = self.kc.get_control_msg(timeout=TIMEOUT)
        self.assertEqual(reply["msg_type"], "kernel_info_reply")

    def test_02_execute_streams_result_and_counts(self):
        reply, messages = run(self.kc, 'Console.WriteLine("hello from C#"); Console.Error.WriteLine("a warning"); 6 * 7')
        self.assertEqual(reply["status"], "ok", reply)
        count = reply["execution_count"]
        states = [m["content"]["execution_state"] for m in messages if m["msg_type"] == "status"]
        self.assertEqual(states, ["busy", "idle"])
        self.assertEqual(of_type(messages, "execute_input")[0]["execution_count"], count)
        streams = of_type(messages, "stream")
        self.assertIn("hello from C#", "".join(s["text"] for s in streams if s["name"] == "stdout"))
        self.assertIn("a warning", "".join(s["text"] for s in streams if s["name"] == "stderr"))
        result = of_type(messages, "execute_result")[0]
        self.assertEqual(result["execution_count"], count)
        self.assertEqual(result["data"]["text/plain"].strip(), "42")
        # The next stored execution counts one more; a silent one neither counts nor broadcasts.
        reply2, _ = run(self.kc, "1")
        self.assertEqual(reply2["execution_count"], count + 1)
        reply3, messages3 = run(self.kc, 'Console.WriteLine("shh");', silent=True)
        self.assertEqual(reply3["status"], "ok")
        self.assertEqual(of_type(messages3, "stream"), [])
        self.assertEqual(of_type(messages3, "execute_input"), [])
        reply4, _ = run(self.kc, "2", store_history=False)
        self.assertEqual(reply4["execution_count"], count + 1)
        reply5, _ = run(self.kc, "3")
        self.assertEqual(reply5["execution_count"], count + 2)

    def test_03_errors_are_readable(self):
        reply, messages = run(self.kc, 'int notANumber = "text";')
        self.assertEqual(reply["status"], "error")
        self.assertIn("CS0029", reply["evalue"])
        error = of_type(messages, "error")[0]
        self.assertIn("CS0029", "\n".join(error["traceback"]))
        reply, messages = run(self.kc, 'throw new InvalidOperationException("boom");')
        self.assertEqual(reply["status"], "error")
        self.assertEqual(reply["ename"], "InvalidOperationException")
        self.assertIn("boom", reply["evalue"])
        # Still usable.
        reply, messages = run(self.kc, '"still here"')
        self.assertEqual(reply["status"], "ok")

    def test_04_display_and_update(self):
        reply, messages = run(self.kc, 'var shown = display("first"); shown.Update("second");')
        self.assertEqual(reply["status"], "ok", reply)
        display = of_type(messages, "display_data")[0]
        update = of_type(messages, "update_display_data")[0]
        self.assertIn("first", display["data"]["text/plain"])
        self.assertIn("second", update["data"]["text/plain"])
        # .NET Interactive 1.0.0-beta.26120.1 gives the update the DisplayedValue's id, not the
        # first display's (an upstream defect the kernel cannot see through); both are present.
        self.assertTrue(display["transient"]["display_id"])
        self.assertTrue(update["transient"]["display_id"])

    def test_05_chart_and_table(self):
        reply, messages = run_in_cell(self.kc, """
using Plotly.NET.CSharp;
using Microsoft.Data.Analysis;
display(new DataFrame(new StringDataFrameColumn("region", new[] { "Astana", "Almaty" }), new DoubleDataFrameColumn("K", new[] { 1.5, 1.2 })));
Chart.Column<double, string, string>(values: new[] { 1.0, 2.0 }, Keys: new[] { "a", "b" })
""", "cell-a")
        self.assertEqual(reply["status"], "ok", reply)
        table = of_type(messages, "display_data")[0]["data"]
        self.assertIn("<table", table["text/html"])
        self.assertIn("Astana", table["text/plain"])
        chart = of_type(messages, "execute_result")[0]["data"]
        self.assertIsInstance(chart["application/vnd.plotly.v1+json"], dict)
        self.assertEqual(chart["application/vnd.plotly.v1+json"]["data"][0]["type"], "bar")
        self.assertIn("Plotly.newPlot", chart["text/html"])
        # The second chart of the session relies on the page's plotly.js instead of carrying it (0.45 MB) again.
        _, messages2 = run(self.kc, 'Chart.Line<double, double, string>(x: new[] { 1.0, 2.0 }, y: new[] { 3.0, 4.0 })')
        chart2 = of_type(messages2, "execute_result")[0]["data"]
        self.assertLess(len(chart2["text/html"]), len(chart["text/html"]) // 10)
        # Running again the cell whose output carried plotly.js replaces that output: its chart carries it anew,
        # so the saved notebook still draws when reopened.
        _, messages3 = run_in_cell(self.kc, 'Chart.Line<double, double, string>(x: new[] { 1.0, 2.0 }, y: new[] { 3.0, 5.0 })', "cell-a")
        chart3 = of_type(messages3, "execute_result")[0]["data"]
        self.assertGreater(len(chart3["text/html"]), 400_000)
        self.assertIn("plotly.js v", chart3["text/html"])
        _, messages4 = run_in_cell(self.kc, 'Chart.Line<double, double, string>(x: new[] { 1.0, 2.0 }, y: new[] { 3.0, 6.0 })', "cell-b")
        self.assertLess(len(of_type(messages4, "execute_result")[0]["data"]["text/html"]), 100_000)

    def test_06_complete_inside_workbench_type(self):
        reply, _ = run(self.kc, "using KzMigration.Scoring;")
        self.assertEqual(reply["status"], "ok", reply)
        code = "var r = Scorecard."
        self.kc.complete(code, len(code))
        reply = self.kc.get_shell_msg(timeout=TIMEOUT)["content"]
        self.assertEqual(reply["status"], "ok")
        self.assertIn("Score", reply["matches"])
        self.assertEqual(reply["cursor_start"], len(code))
        self.assertEqual(reply["cursor_end"], len(code))
        # Positions are code points: an emoji before the cursor counts once (it is two UTF-16 units).
        code = 'var s = "\U0001F600"; var q = Scorecard.Sc'
        self.kc.complete(code, len(code))
        reply = self.kc.get_shell_msg(timeout=TIMEOUT)["content"]
        self.assertIn("Score", reply["matches"])
        self.assertEqual(reply["cursor_start"], len(code) - 2)
        self.assertEqual(reply["cursor_end"], len(code))

    def test_07_inspect_workbench_type(self):
        code = "KzMigration.Scoring.Scorecard"
        self.kc.inspect(code, len(code))
        reply = self.kc.get_shell_msg(timeout=TIMEOUT)["content"]
        self.assertEqual(reply["status"], "ok")
        self.assertTrue(reply["found"], reply)
        self.assertIn("Scorecard", reply["data"]["text/plain"])

    def test_08_is_complete(self):
        def ask(code):
            self.kc.is_complete(code)
            return self.kc.get_shell_msg(timeout=TIMEOUT)["content"]
        self.assertEqual(ask("var total = new[] { 1, 2,")["status"], "incomplete")
        self.assertEqual(ask("if (true) {")["status"], "incomplete")
        self.assertEqual(ask("var total = 1 + 2;")["status"], "complete")
        self.assertEqual(ask("var x = 1 +;")["status"], "invalid")

    def test_09_comm_info_and_history(self):
        self.kc.comm_info()
        reply = self.kc.get_shell_msg(timeout=TIMEOUT)
        self.assertEqual(reply["msg_type"], "comm_info_reply")
        self.assertEqual(reply["content"]["comms"], {})
        self.kc.history()
        reply = self.kc.get_shell_msg(timeout=TIMEOUT)
        self.assertEqual(reply["msg_type"], "history_reply")
        self.assertEqual(reply["content"]["history"], [])

    def test_10_interrupt_long_cell_then_run_another(self):
        msg_id = execute_started(self.kc, "System.Threading.Thread.Sleep(20_000);")
        started = time.monotonic()
        self.km.interrupt_kernel()  # interrupt_mode "message": an interrupt_request on the control channel
        reply = self.kc.get_shell_msg(timeout=30)
        self.assertEqual(reply["parent_header"]["msg_id"], msg_id)
        self.assertEqual(reply["content"]["status"], "error")
        self.assertEqual(reply["content"]["ename"], "Interrupted")
        self.assertLess(time.monotonic() - started, 15)
        iopub_until_idle(self.kc, msg_id)
        reply, messages = run(self.kc, "40 + 2")
        self.assertEqual(reply["status"], "ok", reply)
        self.assertEqual(of_type(messages, "execute_result")[0]["data"]["text/plain"].strip(), "42")
        # A cell that checks for cancellation stops properly.
        msg_id = execute_started(self.kc, """
var token = Microsoft.DotNet.Interactive.KernelInvocationContext.Current.CancellationToken;
for (var i = 0; i < 600; i++) { token.ThrowIfCancellationRequested(); System.Threading.Thread.Sleep(100); }
""")
        self.km.interrupt_kernel()
        reply = self.kc.get_shell_msg(timeout=30)
        self.assertEqual(reply["content"]["status"], "error")
        iopub_until_idle(self.kc, msg_id)
        reply, _ = run(self.kc, '"usable"')
        self.assertEqual(reply["status"], "ok")

    def test_11_bad_signature_is_not_executed(self):
        marker = os.path.join(TMP, "forged-" + uuid.uuid4().hex)
        code = 'System.IO.File.WriteAllText(@"%s", "forged");' % marker
        forgers = [Session(key=b"not-the-key", username="forger"), Session(key=b"", username="forger")]
        for forger in forgers:
            msg = forger.msg("execute_request", {"code": code, "silent": False, "store_history": True,
                                                 "user_expressions": {}, "allow_stdin": False, "stop_on_error": True})
            forger.send(self.kc.shell_channel.socket, msg)
        # The kernel reads its shell socket in order: the signed request sent after the forged ones is answered after
        # them, so every reply they could have had is in by then. There must be none, and the kernel still answers.
        signed = self.kc.execute('"signed"')
        replies = [self.kc.get_shell_msg(timeout=TIMEOUT)]
        while replies[-1]["parent_header"].get("msg_id") != signed:
            replies.append(self.kc.get_shell_msg(timeout=TIMEOUT))
        self.assertEqual([r["parent_header"].get("msg_id") for r in replies], [signed], "a message with a bad signature was answered")
        self.assertEqual(replies[-1]["content"]["status"], "ok")
        iopub_until_idle(self.kc, signed)
        # And the forged code never ran.
        self.assertFalse(os.path.exists(marker), "a message with a bad signature was executed")
        self.stderr.flush()
        with open(self.stderr_path) as f:
            log = f.read()
        self.assertIn("invalid signature", log)
        self.assertIn("missing signature", log)

    def test_12_run_all_stops_at_the_first_error(self):
        marker = os.path.join(TMP, "after-error-" + uuid.uuid4().hex)
        # The failing cell waits a second first: both requests are sent before it fails (what the kernel aborts is what
        # was sent before the failure, by date), however slowly this process is scheduled on a loaded machine.
        first = self.kc.execute('System.Threading.Thread.Sleep(1000); throw new Exception("stop here");')
        second = self.kc.execute('System.IO.File.WriteAllText(@"%s", "ran");' % marker)
        replies = {}
        while len(replies) < 2:
            reply = self.kc.get_shell_msg(timeout=TIMEOUT)
            replies[reply["parent_header"]["msg_id"]] = reply["content"]["status"]
        self.assertEqual(replies[first], "error")
        self.assertEqual(replies[second], "aborted")
        self.assertFalse(os.path.exists(marker))
        # Without stop_on_error the next cell runs.
        reply, _ = run(self.kc, 'throw new Exception("again");', stop_on_error=False)
        self.assertEqual(reply["status"], "error")
        reply, _ = run(self.kc, '"after"')
        self.assertEqual(reply["status"], "ok")

    def test_13_first_cell_chooses_where_publish_writes(self):
        out = os.path.join(TMP, "session-out-" + uuid.uuid4().hex)
        reply, _ = run(self.kc, """
KzMigration.Runs.Workbench.UseFolders(output: @"%s");
KzMigration.Publishing.Publish.Table("kernel-session-check",
    new Microsoft.Data.Analysis.DataFrame(new Microsoft.Data.Analysis.DoubleDataFrameColumn("x", new[] { 1.0 })),
    new KzMigration.Outputs.TableMetadata("a table written from a Jupyter session"));
KzMigration.Runs.Workbench.OutDirectory
""" % out)
        self.assertEqual(reply["status"], "ok", reply)
        self.assertTrue(os.path.exists(os.path.join(out, "tables", "kernel-session-check.csv")))
        reply, _ = run(self.kc, 'KzMigration.Runs.Workbench.UseFolders(data: @"%s")' % os.path.join(TMP, "no-such-folder"))
        self.assertEqual(reply["status"], "error")
        self.assertIn("no such folder", reply["evalue"])

    def test_14_wrongly_typed_fields_never_stop_the_kernel(self):
        """Correctly signed messages whose header, parent, metadata or content fields have the wrong JSON type (issue 23, 7)."""
        session = self.kc.session
        shell, control = self.kc.shell_channel.socket, self.kc.control_channel.socket

        def send(socket, msg_type, content, header_changes=None, parent=None, metadata=None):
            msg = session.msg(msg_type, content)
            msg["header"].update(header_changes or {})
            if parent is not None:
                msg["parent_header"] = parent
            if metadata is not None:
                msg["metadata"] = metadata
            session.send(socket, msg)
            return msg["header"]["msg_id"]

        # The two cases of the issue: a numeric msg_type on shell and on control is logged and dropped.
        send(shell, "execute_request", {"code": "1"}, {"msg_type": 7})
        send(control, "kernel_info_request", {}, {"msg_type": 7})
        # A wrongly typed content field gets an error reply naming it (shell and control).
        bad_code = send(shell, "execute_request", {"code": 7, "silent": False})
        bad_restart = send(control, "shutdown_request", {"restart": "yes"})
        reply = self.kc.get_shell_msg(timeout=TIMEOUT)
        while reply["parent_header"].get("msg_id") != bad_code:
            reply = self.kc.get_shell_msg(timeout=TIMEOUT)
        self.assertEqual(reply["msg_type"], "execute_reply")
        self.assertEqual(reply["content"]["status"], "error")
        self.assertIn("'code'", reply["content"]["evalue"])
        reply = self.kc.get_control_msg(timeout=TIMEOUT)
        while reply["parent_header"].get("msg_id") != bad_restart:
            reply = self.kc.get_control_msg(timeout=TIMEOUT)
        self.assertEqual(reply["content"]["status"], "error")
        self.assertIn("'restart'", reply["content"]["evalue"])

        # Seeded fuzz: one field of one frame gets a value of another type.
        rng = random.Random(23)
        odd = [7, -1, 1.5, 1e300, True, None, [], ["x"], {}, {"msg_type": 1}, "", "\u0000\u001b[31m"]
        frames = {
            "header": ["msg_id", "msg_type", "session", "username", "date", "version"],
            "parent_header": ["msg_id", "msg_type", "session", "date"],
            "metadata": ["cellId", "deletedCells", "recordTiming"],
            "content": ["code", "silent", "store_history", "user_expressions", "allow_stdin", "stop_on_error", "cursor_pos", "detail_level", "restart", "target_name"],
        }
        # Never a well-formed shutdown_request: the fuzz must not stop the kernel on purpose.
        requests = [("execute_request", {"code": "1", "silent": False, "store_history": False, "user_expressions": {}, "allow_stdin": False, "stop_on_error": False}),
                    ("complete_request", {"code": "Sys", "cursor_pos": 3}), ("inspect_request", {"code": "System", "cursor_pos": 3, "detail_level": 0}),
                    ("is_complete_request", {"code": "1"}), ("kernel_info_request", {}), ("comm_info_request", {}), ("history_request", {}),
                    ("interrupt_request", {})]
        for _ in range(80):
            msg_type, content = rng.choice(requests)
            content = dict(content)
            header, parent, metadata = {}, {}, {}
            frame = rng.choice(list(frames))
            field, value = rng.choice(frames[frame]), rng.choice(odd)
            {"header": header, "parent_header": parent, "metadata": metadata, "content": content}[frame][field] = value
            send(rng.choice([shell, control]), msg_type, content, header, parent, metadata)
        time.sleep(1)

        # Still alive, and both channels still answer; the shell worker still runs code.
        self.assertTrue(self.km.is_alive())
        for channel, get in ((control, self.kc.get_control_msg), (shell, self.kc.get_shell_msg)):
            msg_id = send(channel, "kernel_info_request", {})
            reply = get(timeout=TIMEOUT)
            while reply["parent_header"].get("msg_id") != msg_id:
                reply = get(timeout=TIMEOUT)
            self.assertEqual(reply["content"]["status"], "ok")
        reply, messages = run(self.kc, "6 * 7")
        self.assertEqual(reply["status"], "ok", reply)
        self.assertEqual(of_type(messages, "execute_result")[0]["data"]["text/plain"].strip(), "42")
        self.stderr.flush()
        with open(self.stderr_path) as f:
            self.assertIn("header field 'msg_type' is a number, not a string", f.read())

    def test_15_a_cell_that_ignores_interrupt_gets_its_session_restarted(self):
        """Issue 23, 6: the user gets their session back, and is told plainly that its state was lost."""
        reply, _ = run(self.kc, "var keptBefore = 6;")
        self.assertEqual(reply["status"], "ok", reply)
        msg_id = execute_started(self.kc, "while (true) { System.Threading.Thread.Sleep(50); }")
        started = time.monotonic()
        self.km.interrupt_kernel()
        reply = self.kc.get_shell_msg(timeout=60)
        while reply["parent_header"].get("msg_id") != msg_id:
            reply = self.kc.get_shell_msg(timeout=60)
        self.assertEqual(reply["content"]["status"], "error")
        self.assertEqual(reply["content"]["ename"], "Interrupted")
        self.assertIn("state was lost", reply["content"]["evalue"])
        self.assertLess(time.monotonic() - started, 30)
        messages = iopub_until_idle(self.kc, msg_id)
        said = "".join(s["text"] for s in of_type(messages, "stream") if s["name"] == "stderr")
        self.assertIn("restarted", said)
        self.assertIn("state was lost", said)
        # The next cell answers, in a fresh session: the earlier variable is gone.
        reply, messages = run(self.kc, "6 * 7")
        self.assertEqual(reply["status"], "ok", reply)
        self.assertEqual(of_type(messages, "execute_result")[0]["data"]["text/plain"].strip(), "42")
        reply, _ = run(self.kc, "keptBefore")
        self.assertEqual(reply["status"], "error")
        self.assertIn("CS0103", reply["evalue"])
        # Completion and inspection work in the new session.
        self.kc.complete("KzMigration.Scoring.Scorecard.", len("KzMigration.Scoring.Scorecard."))
        self.assertIn("Score", self.kc.get_shell_msg(timeout=TIMEOUT)["content"]["matches"])
        # A cell that stops when interrupted keeps the session and its state.
        reply, _ = run(self.kc, "var keptAfter = 7;")
        msg_id = execute_started(self.kc, """
var token = Microsoft.DotNet.Interactive.KernelInvocationContext.Current.CancellationToken;
while (true) { token.ThrowIfCancellationRequested(); System.Threading.Thread.Sleep(50); }
""")
        self.km.interrupt_kernel()
        reply = self.kc.get_shell_msg(timeout=60)
        self.assertEqual(reply["content"]["ename"], "Interrupted")
        self.assertNotIn("state was lost", reply["content"]["evalue"])
        iopub_until_idle(self.kc, msg_id)
        reply, messages = run(self.kc, "keptAfter * 6")
        self.assertEqual(reply["status"], "ok", reply)
        self.assertEqual(of_type(messages, "execute_result")[0]["data"]["text/plain"].strip(), "42")

    def test_15b_a_cell_that_awaits_then_ignores_interrupt_gets_its_session_restarted(self):
        """The same when the cell's code goes on in another thread after an await: a submission after it no longer waits for it."""
        reply, _ = run(self.kc, "var keptBefore = 6;")
        self.assertEqual(reply["status"], "ok", reply)
        msg_id = execute_started(self.kc, "await System.Threading.Tasks.Task.Yield(); while (true) { System.Threading.Thread.Sleep(50); }")
        self.km.interrupt_kernel()
        reply = self.kc.get_shell_msg(timeout=60)
        while reply["parent_header"].get("msg_id") != msg_id:
            reply = self.kc.get_shell_msg(timeout=60)
        self.assertEqual(reply["content"]["ename"], "Interrupted")
        self.assertIn("state was lost", reply["content"]["evalue"])
        iopub_until_idle(self.kc, msg_id)
        reply, _ = run(self.kc, "keptBefore")
        self.assertEqual(reply["status"], "error")
        self.assertIn("CS0103", reply["evalue"])

    def test_16_a_cell_that_ends_the_session_process_says_so_and_the_next_runs(self):
        reply, messages = run(self.kc, "System.Environment.Exit(3);")
        self.assertEqual(reply["status"], "error")
        self.assertIn("exit code 3", reply["evalue"])
        self.assertIn("state of earlier cells was lost", reply["evalue"])
        reply, messages = run(self.kc, "6 * 7")
        self.assertEqual(reply["status"], "ok", reply)

    def test_99_shutdown(self):
        self.kc.shutdown()
        reply = self.kc.get_control_msg(timeout=TIMEOUT) if hasattr(self.kc, "get_control_msg") else None
        self.assertEqual(reply["msg_type"], "shutdown_reply")
        deadline = time.monotonic() + 20
        while self.km.is_alive() and time.monotonic() < deadline:
            time.sleep(0.2)
        self.assertFalse(self.km.is_alive(), "the kernel process did not exit after shutdown_request")


if __name__ == "__main__":
    result = unittest.main(exit=False, verbosity=2).result
    sys.exit(0 if result.wasSuccessful() else 1)
