namespace KzMigration.Tests.Kernel;

/// <summary>
/// `kzmig kernel` driven by jupyter_client (kernel_protocol_test.py, beside this file): what every
/// Jupyter front-end does with it. The Python script holds the assertions; this test runs it
/// against the kernel spec of this build and shows its report on failure.
/// </summary>
public class KernelProtocolTests
{
    [JupyterFact]
    public async Task Jupyter_client_drives_the_kernel_through_the_protocol()
    {
        var jupyter = await Jupyter.InstanceAsync();
        var scratch = TestPaths.TempFolder("kernel-protocol");
        var script = Path.Combine(TestPaths.RepositoryRoot, "tests", "KzMigration.Tests", "Kernel", "kernel_protocol_test.py");
        var (exit, output) = await jupyter.RunAsync([script], scratch, new Dictionary<string, string> { ["KZMIG_TEST_TMP"] = scratch });
        Assert.True(exit == 0, "kernel_protocol_test.py failed:\n" + output);
        Assert.Contains("OK", output);
    }
}
