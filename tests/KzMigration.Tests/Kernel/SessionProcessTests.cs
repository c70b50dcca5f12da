using System.Text.Json.Nodes;
using KzMigration.Kernel;
using KzMigration.Notebooks;

namespace KzMigration.Tests.Kernel;

/// <summary>
/// The kernel's decision after an interrupt (<see cref="SessionProcess"/>), against a stand-in session process that speaks
/// <see cref="SessionServer"/>'s protocol: the session is kept only when the probe says "ok"; any other answer restarts it,
/// and the cell's reply says its state was lost.
/// </summary>
public class SessionProcessTests
{
    // A session whose cell never ends by itself: it says it started, is reported interrupted when asked, and answers the
    // probe with the given reply.
    private static WorkerLaunch StandIn(string name, string probeReply)
    {
        var script = Path.Combine(TestPaths.TempFolder("session-" + name), "session.sh");
        File.WriteAllText(script, """
            while IFS= read -r line; do
              id=$(printf '%s' "$line" | sed -n 's/.*"id":\([0-9]*\).*/\1/p')
              case "$line" in
                *'"kind":"execute"'*) cell=$id; printf '{"id":%s,"output":{"type":"stream","content":{"name":"stdout","text":"started"}}}\n' "$cell" ;;
                *'"kind":"interrupt"'*) printf '{"id":%s,"reply":{"status":"error","ename":"Interrupted","evalue":"the cell was interrupted","traceback":[]}}\n' "$cell" ;;
                *'"kind":"probe"'*) printf '{"id":%s,"reply":%s}\n' "$id" 'PROBE_REPLY' ;;
              esac
            done
            """.Replace("\r\n", "\n").Replace("PROBE_REPLY", probeReply));
        return new WorkerLaunch("bash", [script]);
    }

    private static async Task<(JsonObject Reply, int Started)> InterruptedCell(WorkerLaunch launch)
    {
        await using var session = new SessionProcess(launch, TimeSpan.FromSeconds(5), TextWriter.Null);
        var started = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var reply = session.ExecuteAsync("while (true) { }", null, (type, _) => { if (type == "stream") started.TrySetResult(); });
        await started.Task.WaitAsync(TimeSpan.FromSeconds(30));
        session.Interrupt();
        return (await reply.WaitAsync(TimeSpan.FromSeconds(30)), session.Started);
    }

    [Fact]
    public async Task A_probe_that_answers_ok_keeps_the_session()
    {
        var (reply, started) = await InterruptedCell(StandIn("ok", """{"status":"ok"}"""));
        Assert.Equal("Interrupted", reply["ename"]!.GetValue<string>());
        Assert.Equal("the cell was interrupted", reply["evalue"]!.GetValue<string>());
        Assert.Equal(1, started);
    }

    [Theory]
    [InlineData("""{"status":"error","ename":"InvalidOperationException","evalue":"the scheduler failed","traceback":[]}""")]
    [InlineData("""{"status":"error","ename":"ProbeNotRun","evalue":"the probe submission did not run","traceback":[]}""")]
    public async Task A_probe_that_answers_with_an_error_restarts_the_session_and_says_its_state_was_lost(string probeReply)
    {
        var (reply, started) = await InterruptedCell(StandIn("error", probeReply));
        Assert.Equal("Interrupted", reply["ename"]!.GetValue<string>());
        Assert.Contains("state was lost", reply["evalue"]!.GetValue<string>());
        Assert.Equal(2, started);
    }
}
