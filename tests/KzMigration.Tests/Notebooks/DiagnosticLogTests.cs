using KzMigration.Notebooks;

namespace KzMigration.Tests.Notebooks;

/// <summary>The run's diagnostic logs (KZMIG_STEPLOG, KZMIG_MEMLOG) write only when their variable names a file, and only append.</summary>
public class DiagnosticLogTests
{
    [Fact]
    public void A_log_whose_variable_is_unset_writes_nothing_and_a_named_file_is_appended_to()
    {
        var variable = "KZMIG_TEST_LOG_" + Guid.NewGuid().ToString("N");
        var off = new DiagnosticLog(variable);
        Assert.False(off.Enabled);
        off.Append("nothing\n"); // no file, no error

        var file = Path.Combine(TestPaths.TempFolder("diagnostic-log"), "steps.log");
        File.WriteAllText(file, "earlier\n");
        Environment.SetEnvironmentVariable(variable, file);
        try
        {
            var on = new DiagnosticLog(variable);
            Assert.True(on.Enabled);
            on.Append("a\n");
            on.Append("b\n");
            Assert.Equal("earlier\na\nb\n", File.ReadAllText(file));
        }
        finally { Environment.SetEnvironmentVariable(variable, null); }
    }
}
