using System.Text.Json.Nodes;
using KzMigration.Kernel;
using KzMigration.Publishing;

namespace KzMigration.Tests.Kernel;

public class KernelSpecTests
{
    [Fact]
    public async Task Install_writes_a_spec_starting_this_build_and_remove_undoes_it()
    {
        var prefix = TestPaths.TempFolder("spec");
        Assert.Equal(0, await Cli.Cli.InvokeAsync(["jupyter", "install", "--prefix", prefix]));
        var folder = Path.Combine(prefix, "share", "jupyter", "kernels", KernelSpec.Name);
        var spec = JsonNode.Parse(File.ReadAllText(Path.Combine(folder, "kernel.json")))!.AsObject();
        Assert.Equal("C# (KzMigration)", (string?)spec["display_name"]);
        Assert.Equal("csharp", (string?)spec["language"]);
        Assert.Equal("message", (string?)spec["interrupt_mode"]);
        var argv = spec["argv"]!.AsArray().Select(a => (string)a!).ToList();
        Assert.EndsWith("kzmig.dll", argv[1]);
        Assert.True(File.Exists(argv[1]), argv[1]);
        Assert.Equal(["kernel", "--connection-file", "{connection_file}"], argv[2..]);
        var logo = PngImage.Read(Path.Combine(folder, "logo-64x64.png"));
        Assert.Equal((64, 64), (logo.Width, logo.Height));
        Assert.True(logo.DistinctColours() >= 2);

        // Installing again replaces it; remove takes it away; removing twice is not an error.
        Assert.Equal(0, await Cli.Cli.InvokeAsync(["jupyter", "install", "--prefix", prefix]));
        Assert.Equal(0, await Cli.Cli.InvokeAsync(["jupyter", "remove", "--prefix", prefix]));
        Assert.False(Directory.Exists(folder));
        Assert.Empty(Directory.EnumerateFileSystemEntries(Path.GetDirectoryName(folder)!));
        Assert.Equal(0, await Cli.Cli.InvokeAsync(["jupyter", "remove", "--prefix", prefix]));
    }

    [Fact]
    public async Task Install_records_the_run_context_given_on_the_command_line()
    {
        var prefix = TestPaths.TempFolder("spec-env");
        var output = TestPaths.TempFolder("spec-out");
        Assert.Equal(0, await Cli.Cli.InvokeAsync(["jupyter", "install", "--prefix", prefix, "--data", TestPaths.Data, "--out", output]));
        var spec = JsonNode.Parse(File.ReadAllText(Path.Combine(KernelSpec.PrefixKernelsDirectory(prefix), KernelSpec.Name, "kernel.json")))!;
        // On the kernel's command line, which makes them the session's run context at start-up; no environment.
        var argv = spec["argv"]!.AsArray().Select(a => (string?)a).ToList();
        Assert.Equal(["--data", TestPaths.Data, "--out", output], argv[^4..]);
        Assert.Empty(spec["env"]!.AsObject());
        Assert.Equal(2, await Cli.Cli.InvokeAsync(["jupyter", "install", "--prefix", prefix, "--data", Path.Combine(prefix, "missing")]));
        Assert.Equal(2, await Cli.Cli.InvokeAsync(["jupyter", "install", "--user", "--prefix", prefix]));
    }

    [Fact]
    public async Task Kernel_refuses_a_bad_connection_file_with_its_name_and_field()
    {
        var dir = TestPaths.TempFolder("conn");
        var file = Path.Combine(dir, "kernel.json");
        File.WriteAllText(file, """{"transport":"tcp","ip":"127.0.0.1","shell_port":"x","iopub_port":1,"stdin_port":2,"control_port":3,"hb_port":4,"key":"k","signature_scheme":"hmac-sha256"}""");
        var e = Assert.Throws<ConnectionFileException>(() => ConnectionFile.Load(file));
        Assert.Contains(file, e.Message);
        Assert.Contains("shell_port", e.Message);
        Assert.Equal(2, await Cli.Cli.InvokeAsync(["kernel", "--connection-file", file]));
        File.WriteAllText(file, """{"transport":"ipc","ip":"k","shell_port":1,"iopub_port":1,"stdin_port":2,"control_port":3,"hb_port":4,"key":"k"}""");
        Assert.Contains("transport", Assert.Throws<ConnectionFileException>(() => ConnectionFile.Load(file)).Message);
    }

    [Theory]
    [InlineData("")]
    [InlineData(",\"key\":\"\"")]
    public async Task A_connection_file_without_a_key_is_refused_unless_unsigned_is_allowed_and_then_said_loudly(string key)
    {
        var dir = TestPaths.TempFolder("conn-unsigned");
        var file = Path.Combine(dir, "kernel.json");
        // Port numbers no one binds on an address that cannot be bound: the kernel stops right after its start-up checks.
        File.WriteAllText(file, $$"""{"transport":"tcp","ip":"192.0.2.1","shell_port":1,"iopub_port":2,"stdin_port":3,"control_port":4,"hb_port":5{{key}}}""");
        Assert.False(ConnectionFile.Load(file).Signed);

        var refused = await Hardening.KzmigProcess.RunAsync(dir, new Dictionary<string, string?>(), "kernel", "--connection-file", file);
        Assert.Equal(2, refused.ExitCode);
        Assert.Contains("field 'key': missing or empty", refused.Error);
        Assert.Contains("--allow-unsigned", refused.Error);
        Assert.DoesNotContain("cannot bind", refused.Error);

        var allowed = await Hardening.KzmigProcess.RunAsync(dir, new Dictionary<string, string?>(), "kernel", "--connection-file", file, "--allow-unsigned");
        Assert.Contains("WARNING", allowed.Error);
        Assert.Contains("NOT signed", allowed.Error);
        Assert.Contains("cannot bind", allowed.Error); // it went on to start
    }

    [Fact]
    public void A_key_of_another_json_type_is_a_broken_connection_file()
    {
        var file = Path.Combine(TestPaths.TempFolder("conn-key"), "kernel.json");
        File.WriteAllText(file, """{"transport":"tcp","ip":"127.0.0.1","shell_port":1,"iopub_port":2,"stdin_port":3,"control_port":4,"hb_port":5,"key":12345}""");
        Assert.Contains("field 'key'", Assert.Throws<ConnectionFileException>(() => ConnectionFile.Load(file)).Message);
    }

    [Fact]
    public void Every_notebook_names_the_workbench_kernel()
    {
        foreach (var path in Directory.EnumerateFiles(TestPaths.Notebooks, "*.ipynb"))
        {
            var metadata = JsonNode.Parse(File.ReadAllText(path))!["metadata"]!;
            Assert.True(KernelSpec.Name == (string?)metadata["kernelspec"]?["name"], $"{Path.GetFileName(path)}: metadata.kernelspec.name is not {KernelSpec.Name}");
            Assert.Equal(KernelSpec.DisplayName, (string?)metadata["kernelspec"]!["display_name"]);
            Assert.Equal(KernelSpec.Language, (string?)metadata["kernelspec"]!["language"]);
            Assert.Equal("C#", (string?)metadata["language_info"]?["name"]);
        }
    }
}
