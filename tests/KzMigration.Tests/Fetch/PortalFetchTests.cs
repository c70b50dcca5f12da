using System.Security.Cryptography;
using System.Text;
using KzMigration.Data;
using KzMigration.Data.Fetch;
using KzMigration.Data.Import;
using KzMigration.Migration;
using KzMigration.Tests.Import;
using static KzMigration.Tests.Fetch.FetchFiles;
using Reply = KzMigration.Tests.Fetch.ReplayServer.Reply;

namespace KzMigration.Tests.Fetch;

/// <summary>
/// <c>kzmig data fetch</c> against a loopback server replaying recorded responses (issue 25): the same readers and import
/// transaction as <c>data import</c>, provenance per value (URL, retrieval time, sha256, the raw response kept and
/// re-verified), and a one-line refusal with exit 2 and nothing written for every way a portal can fail.
/// </summary>
public class PortalFetchTests
{
    private const string NetMigration = "api/iblock/element/6567/csv/file/ru/";
    private const string Tsv = "text/csv; charset=utf-8";

    private static string Sha256(string path) => Convert.ToHexStringLower(SHA256.HashData(File.ReadAllBytes(path)));

    private static string IndexData(string index, string period = "7", string dics = "67") => $"ru/Api/GetIndexData/{index}?period={period}&dics={dics}";

    [Fact]
    public void Fetches_a_real_dynamic_table_through_its_redirect_and_keeps_its_provenance_and_raw_response()
    {
        using var server = new ReplayServer()
            .On(NetMigration, Reply.Redirect("/upload/iblock/6567/migration_balance.csv"))
            .On("upload/iblock/6567/migration_balance.csv", Reply.File(Fixture(MigrationHead), Tsv));
        var data = CopyOfBundle();

        var (exit, output, error) = RunFetch(server, data, "net-migration");
        Assert.True(exit == 0, error);
        var sha = Sha256(Fixture(MigrationHead));
        var raw = $"raw/statgov-6567-{sha[..12]}.tsv";
        var user = Path.Combine(data, WorkbenchData.UserFolder);
        var url = new Uri(server.Root, NetMigration).AbsoluteUri;
        Assert.Contains($"GET {url}", output);
        Assert.Contains($"HTTP 200, ", output);
        Assert.Contains($"sha256 {sha}", output);
        Assert.Contains("answered by " + new Uri(server.Root, "upload/iblock/6567/migration_balance.csv"), output);
        Assert.Contains("(migration all balance)", output);
        // The response is kept byte for byte beside the overlay.
        Assert.Equal(File.ReadAllBytes(Fixture(MigrationHead)), File.ReadAllBytes(Path.Combine(user, raw)));

        // Every value carries the exact URL, the retrieval time (UTC) and the response's hash.
        var loaded = WorkbenchData.Load(data);
        var source = Assert.Single(loaded.Sources.Values, s => s.Import is not null);
        Assert.Equal(url, source.Url);
        Assert.Equal((raw, sha, "StatGovDynamicTable", "6567", "migration all balance"),
            (source.Import!.RawResponse, source.Import.Sha256, source.Import.Format, source.Import.PortalId, source.Import.Target));
        Assert.Equal(TimeSpan.Zero, source.Import.ImportedAt.Offset);
        Assert.Contains("fetched ", source.Note);
        Assert.Contains("answered by ", source.Note);
        Assert.Contains("retrieved at the time in imported_at (UTC)", source.Note);
        // The region-level totals of the real file are the national series 2000–2024, which the bundle holds from the
        // same element: every value is the printed one, and the folder checks clean.
        var printed = RegionTotals.Select(OfficialFileReader.Read(Fixture(MigrationHead)).Values);
        Assert.Equal(25, printed.Count);
        foreach (var v in printed) Assert.Equal(v.Value, loaded.MigrationValue("kazakhstan", v.Year, Flow.All, Measure.Balance));

        var check = Kzmig("data", "check", "--data", data);
        Assert.True(check.Exit == 0, check.Err);
        Assert.Contains("fetched responses: 1 raw responses of 1 fetched sources, each verified against its recorded sha256", check.Out);
        var sources = Kzmig("data", "sources", "--data", data);
        Assert.Contains($"fetched ", sources.Out);
        Assert.Contains($"UTC from {url} (StatGovDynamicTable, portal id 6567) as migration all balance: 25 rows; raw response {raw}, sha256 {sha}", sources.Out);

        // A colleague re-imports the kept response offline with data import: the same values.
        var offline = OfficialFileReader.Read(Path.Combine(user, raw));
        Assert.Equal(printed.Select(v => v.Value), RegionTotals.Select(offline.Values).Select(v => v.Value));

        // The same response again: a no-op, said so, the folder untouched byte for byte.
        var before = State(data);
        var again = RunFetch(server, data, "net-migration");
        Assert.True(again.Exit == 0, again.Err);
        Assert.Contains("Already fetched: this response", again.Out);
        Assert.Contains("nothing changed", again.Out);
        Assert.Equal(before, State(data));
    }

    [Fact]
    public void A_dry_run_says_what_it_would_write_and_writes_nothing()
    {
        using var server = new ReplayServer().On(IndexData("9001"), Reply.File(Fixture(Interregional2019("arrivals"))));
        var data = CopyOfBundle();
        var before = State(data);
        var (exit, output, error) = RunFetch(server, data, "--index", "9001", "--flow", "interregional", "--measure", "arrivals", "--dry-run");
        Assert.True(exit == 0, error);
        Assert.Contains("Dry run: would write 18 rows (migration interregional arrivals) to ", output);
        Assert.Contains("Nothing written.", output);
        Assert.Equal(before, State(data)); // not even a lock file
    }

    [Fact]
    public async Task Transient_failures_are_retried_with_exponential_backoff_and_seeded_jitter()
    {
        using var server = new ReplayServer().On(IndexData("9001"),
            Reply.Error(503), Reply.Error(502), Reply.File(Fixture(Interregional2019("arrivals"))));
        var slept = new List<TimeSpan>();
        var policy = new FetchPolicy
        {
            Retries = 3, FirstDelay = TimeSpan.FromSeconds(1), MaxDelay = TimeSpan.FromSeconds(30), Jitter = new Random(25),
            Sleep = (t, _) => { slept.Add(t); return Task.CompletedTask; },
        };
        using var client = new PortalClient(policy);
        var path = Path.Combine(TestPaths.TempFolder("fetch"), "response");
        var response = await client.DownloadAsync(new IndexDataQuery("9001", "7", "67").Address(server.Root), path);

        Assert.Equal((200, 3), (response.Status, response.Attempts));
        Assert.Equal(3, server.Requests.Count);
        Assert.Equal(File.ReadAllBytes(Fixture(Interregional2019("arrivals"))), File.ReadAllBytes(path));
        // Equal jitter: retry n waits between half and all of 1 s × 2^(n−1); the same seed gives the same waits.
        Assert.Equal(2, slept.Count);
        Assert.InRange(slept[0].TotalSeconds, 0.5, 1.0);
        Assert.InRange(slept[1].TotalSeconds, 1.0, 2.0);
        var replay = policy with { Jitter = new Random(25) };
        Assert.Equal(slept, [replay.DelayBefore(1), replay.DelayBefore(2)]);
    }

    [Fact]
    public void Backoff_doubles_up_to_its_cap_and_honours_a_longer_retry_after()
    {
        var policy = new FetchPolicy { FirstDelay = TimeSpan.FromSeconds(2), MaxDelay = TimeSpan.FromSeconds(10), Jitter = new Random(1) };
        for (var retry = 1; retry <= 6; retry++)
        {
            var full = Math.Min(10, 2 * Math.Pow(2, retry - 1));
            Assert.InRange(policy.DelayBefore(retry).TotalSeconds, full / 2, full);
        }
        Assert.Equal(TimeSpan.FromSeconds(7), policy.DelayBefore(1, retryAfter: TimeSpan.FromSeconds(7)));
        Assert.Equal(TimeSpan.FromSeconds(10), policy.DelayBefore(1, retryAfter: TimeSpan.FromMinutes(5))); // capped
    }

    [Fact]
    public void An_http_error_after_the_retries_is_one_line_and_exit_2_and_writes_nothing()
    {
        using var server = new ReplayServer().On(NetMigration, Reply.Error(503));
        var data = CopyOfBundle();
        var before = State(data);
        var (exit, _, error) = RunFetch(server, data, "net-migration");
        Assert.Equal(2, exit);
        Assert.Single(error.TrimEnd().Split('\n'));
        Assert.Contains("answered HTTP 503 Service Unavailable", error);
        Assert.Contains("(1 attempt over", error);
        Assert.Contains("nothing written", error);
        Assert.Equal(before, State(data));

        // A 404 is not retried, and says what to check.
        using var missing = new ReplayServer();
        var (exit404, _, error404) = RunFetch(missing, data, "--element", "123456", "--flow", "all", "--measure", "balance", "--retries", "3");
        Assert.Equal(2, exit404);
        Assert.Contains("HTTP 404", error404);
        Assert.Contains("check the id", error404);
        Assert.Single(missing.Requests);
    }

    [Fact]
    public async Task A_hung_portal_times_out_within_a_sub_second_budget()
    {
        using var server = new ReplayServer().On(IndexData("9001"), Reply.File(Fixture(Interregional2019("arrivals"))) with { Delay = TimeSpan.FromSeconds(20) });
        using var client = new PortalClient(new FetchPolicy { Timeout = TimeSpan.FromMilliseconds(300), Retries = 1, Sleep = (_, _) => Task.CompletedTask });
        var clock = System.Diagnostics.Stopwatch.StartNew();
        var path = Path.Combine(TestPaths.TempFolder("fetch"), "response");
        var e = await Assert.ThrowsAsync<PortalException>(() => client.DownloadAsync(new IndexDataQuery("9001", "7", "67").Address(server.Root), path));
        Assert.Equal(PortalProblem.Timeout, e.Problem);
        Assert.Contains("within the timeout of 0.3 s (2 attempts over", e.Message);
        Assert.Contains("--timeout SECONDS allows longer", e.Message);
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(20), $"took {clock.Elapsed}: it waited for the reply"); // the server answers after 20 s
        Assert.False(File.Exists(path));
        Assert.False(File.Exists(path + ".part"));

        var data = CopyOfBundle();
        var cli = RunFetch(server, data, "--index", "9001", "--flow", "interregional", "--measure", "arrivals", "--timeout", "0.2");
        Assert.Equal(2, cli.Exit);
        Assert.Contains("within the timeout of 0.2 s", cli.Err);
        Assert.False(Directory.Exists(Path.Combine(data, WorkbenchData.UserFolder)));
    }

    [Fact]
    public void Offline_is_one_line_and_exit_2()
    {
        // A port that nothing listens on: the connection is refused, as when the machine is offline or a proxy is down.
        var listener = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
        listener.Start();
        var port = ((System.Net.IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        var data = CopyOfBundle();
        var (exit, _, error) = Kzmig("data", "fetch", "net-migration", "--portal", $"http://127.0.0.1:{port}/", "--data", data, "--retries", "0");
        Assert.Equal(2, exit);
        Assert.Single(error.TrimEnd().Split('\n'));
        Assert.Contains($"cannot reach 127.0.0.1:{port}", error);
        Assert.Contains("are you offline?", error);
        Assert.False(Directory.Exists(Path.Combine(data, WorkbenchData.UserFolder)));
    }

    // GetSegmentList as public clients document it (FORMATS.md §2.3): dicId, names, termIds and termNames joined with " + ",
    // with the dictionaries and root terms of §2.6.
    private const string Segments =
        "[{\"dicId\":\"67 + 749\",\"dicClassId\":\"213 + 1\",\"names\":\"Регионы + Тип местности \",\"termIds\":\" 741880,741917\",\"termNames\":\" РЕСПУБЛИКА КАЗАХСТАН + Всего \",\"dicCount\":2,\"idx\":0}," +
        "{\"dicId\":\"67\",\"names\":\"Регионы\",\"termIds\":\"741880\",\"termNames\":\"РЕСПУБЛИКА КАЗАХСТАН\",\"dicCount\":1,\"idx\":1}]";

    [Fact]
    public void An_empty_array_says_the_dics_set_is_incomplete_and_lists_the_segments()
    {
        using var server = new ReplayServer()
            .On(IndexData("703831", "7", "749"), Reply.Ok("[]"))
            .On("ru/Api/GetSegmentList?indexId=703831&periodId=7", Reply.Ok(Segments));
        var data = CopyOfBundle();
        var (exit, _, error) = RunFetch(server, data, "--index", "703831", "--dics", "749", "--indicator", "population_end_of_year");
        Assert.Equal(2, exit);
        Assert.Single(error.TrimEnd().Split('\n'));
        Assert.Contains("taldau answered an empty array [] for index 703831 (period 7, dics 749)", error);
        Assert.Contains("not the complete set of dictionaries of one of the index's segments", error);
        Assert.Contains("dics=67,749 (Регионы + Тип местности); dics=67 (Регионы)", error);
        Assert.False(Directory.Exists(Path.Combine(data, WorkbenchData.UserFolder)));

        // When the segments cannot be listed, it says how to list them.
        using var bare = new ReplayServer().On(IndexData("703831", "7", "749"), Reply.Ok("\uFEFF [ ] "));
        var (exit2, _, error2) = RunFetch(bare, data, "--index", "703831", "--dics", "749", "--indicator", "population_end_of_year");
        Assert.Equal(2, exit2);
        Assert.Contains("its segments could not be listed", error2);
        Assert.Contains("kzmig data fetch --segments 703831 --period 7", error2);
    }

    [Fact]
    public void Malformed_json_and_a_changed_shape_are_refused_naming_what_is_wrong()
    {
        var data = CopyOfBundle();
        string Refusal(Reply reply, params string[] args)
        {
            using var server = new ReplayServer().On(IndexData("9001"), reply).On("api/iblock/element/9002/csv/file/ru/", reply);
            var (exit, _, error) = RunFetch(server, data, args);
            Assert.True(exit == 2, $"exit {exit}: {error}");
            Assert.Single(error.TrimEnd().Split('\n'));
            Assert.Contains("nothing written", error);
            Assert.False(Directory.Exists(Path.Combine(data, WorkbenchData.UserFolder)));
            return error;
        }
        string[] taldau = ["--index", "9001", "--flow", "interregional", "--measure", "arrivals"];

        // Cut off mid-way: the reader's JSON error, with the kept file's name and line.
        var truncated = File.ReadAllText(Fixture(Interregional2019("arrivals")))[..300];
        var e = Refusal(Reply.Ok(truncated), taldau);
        Assert.Contains("does not have the shape of a taldau GetIndexData JSON array", e);
        Assert.Matches(@"taldau-9001-p7-d67-[0-9a-f]{12}\.json:\d+: JSON:", e);

        // A value the portal's JSON never has (space-grouped): the line and the field.
        e = Refusal(Reply.File(ImportFiles.Fixture("taldau_malformed.json")), taldau);
        Assert.Matches(@"\.json:7: \[\d+\]\.periods\[\d+\]\.value:", e);

        // The real GetIndexTreeData body where GetIndexData was asked for.
        e = Refusal(Reply.File(Fixture(TreeData)), taldau);
        Assert.Contains("is TaldauIndexTree, not a taldau GetIndexData JSON array of slices", e);

        // An error page served with 200, and a JSON object where an array belongs.
        e = Refusal(Reply.Ok(Encoding.UTF8.GetBytes("<!DOCTYPE html><html><body>Технические работы</body></html>"), "text/html"), taldau);
        Assert.Contains("not an official file format", e);
        e = Refusal(Reply.Ok("{\"data\":[{\"terms\":[741880]}]}"), taldau);
        Assert.Contains("a JSON object", e);

        // A dynamic table whose header changed (VAL renamed): the header is named.
        var changed = File.ReadAllText(Fixture(MigrationHead)).Replace("\"VAL\"", "\"VALUE\"", StringComparison.Ordinal);
        e = Refusal(Reply.Ok(Encoding.UTF8.GetBytes(changed), Tsv), "--element", "9002", "--flow", "all", "--measure", "balance");
        Assert.Contains(":1: header: expected NAM, DAT, PERIOD, dimension pairs, VAL", e);
    }

    [Fact]
    public void A_response_larger_than_the_limit_is_refused_declared_or_streamed()
    {
        var data = CopyOfBundle();
        using var server = new ReplayServer()
            .On(IndexData("9001"), new Reply(200, []) { StreamBytes = 200L * 1024 * 1024 })
            .On(IndexData("9002"), new Reply(200, []) { StreamBytes = 3L * 1024 * 1024, DeclareLength = false });
        string[] target = ["--flow", "interregional", "--measure", "arrivals", "--max-size", "1"];

        var declared = RunFetch(server, data, ["--index", "9001", .. target]);
        Assert.Equal(2, declared.Exit);
        Assert.Contains("is larger than the limit of 1 MB (it declares 209,715,200 bytes)", declared.Err);
        Assert.Contains("--max-size MB raises the limit", declared.Err);

        var streamed = RunFetch(server, data, ["--index", "9002", .. target]);
        Assert.Equal(2, streamed.Exit);
        Assert.Contains("is larger than the limit of 1 MB (more than 1,048,576 bytes arrived)", streamed.Err);
        Assert.False(Directory.Exists(Path.Combine(data, WorkbenchData.UserFolder)));
    }

    [Fact]
    public void A_region_that_cannot_be_matched_stops_the_fetch()
    {
        using var server = new ReplayServer().On(IndexData("9001"), Reply.File(Fixture("taldau-unknown-region.json")));
        var data = CopyOfBundle();
        var (exit, _, error) = RunFetch(server, data, "--index", "9001", "--flow", "interregional", "--measure", "arrivals");
        Assert.Equal(2, exit);
        Assert.Matches(@"taldau-9001-p7-d67-[0-9a-f]{12}\.json:3 \(\[1\]\.periods\[0\]\): region: a region of the portal's answer cannot be matched: 'ТАРБАГАТАЙСКАЯ ОБЛАСТЬ' is not a known region", error);
        Assert.False(Directory.Exists(Path.Combine(data, WorkbenchData.UserFolder)));
    }

    [Fact]
    public void Fetched_official_figures_win_over_a_third_party_compilation_and_check_names_both()
    {
        using var server = new ReplayServer()
            .On("api/iblock/element/6567/csv/file/ru/", Reply.File(Fixture(AlteredRegions2023), Tsv))
            .On(IndexData("9101"), Reply.File(Fixture("taldau-abai-2022-interregional-arrivals-altered.json")))
            .On(IndexData("9102"), Reply.File(Fixture("taldau-abai-2022-interregional-departures-altered.json")));
        var data = CopyOfBundle();
        var bundled = TestData.Data;
        Assert.Equal("datathon-everything", bundled.FindMigration("abai", 2023, Flow.All, Measure.Balance)!.Source.Id);

        Assert.Equal(0, RunFetch(server, data, "net-migration").Exit);
        Assert.Equal(0, RunFetch(server, data, "interregional-arrivals", "--index", "9101").Exit);
        var last = RunFetch(server, data, "interregional-departures", "--index", "9102");
        Assert.True(last.Exit == 0, last.Err);

        var loaded = WorkbenchData.Load(data);
        // Net migration: the official −7,041 is used; the compilation's −7,141 is named beside it.
        var abai = loaded.FindMigration("abai", 2023, Flow.All, Measure.Balance)!;
        Assert.Equal((-7041d, true), (abai.Value, OfficialPrecedence.IsFetchedOfficial(abai.Source)));
        var warning = Assert.Single(loaded.Warnings, w => w.Rule == "official-over-compilation" && w.Message.StartsWith("Abai 2023", StringComparison.Ordinal));
        Assert.Contains("the official -7041", warning.Message);
        Assert.Contains("datathon-everything", warning.Message);
        Assert.Contains("gives -7141", warning.Message);
        // Where the two agree, the official figure is used and nothing is reported.
        Assert.True(OfficialPrecedence.IsFetchedOfficial(loaded.FindMigration("akmola", 2023, Flow.All, Measure.Balance)!.Source));
        Assert.DoesNotContain(loaded.Warnings, w => w.Message.StartsWith("Akmola 2023", StringComparison.Ordinal));

        // Interregional 2022: official arrivals and departures against the compilation's balance −6,403: the balance used
        // is their difference (derived, saying so), and the warning names both values.
        var balance = loaded.FindMigration("abai", 2022, Flow.Interregional, Measure.Balance)!;
        Assert.Equal((-6413d, Status.Derived), (balance.Value, balance.Status));
        Assert.Contains("kanatislambekov-internal-migration-2022", balance.Note);
        var named = Assert.Single(loaded.Warnings, w => w.Rule == "official-over-compilation" && w.Message.StartsWith("Abai 2022", StringComparison.Ordinal));
        Assert.Contains("the official -6413", named.Message);
        Assert.Contains("gives -6403", named.Message);

        var check = Kzmig("data", "check", "--data", data);
        Assert.True(check.Exit == 0, check.Err);
        Assert.Contains("warning [official-over-compilation]: Abai 2023 Jan-Dec all balance: the official -7041", check.Out);
        Assert.Contains("warning [official-over-compilation]: Abai 2022 Jan-Dec interregional balance: the official -6413", check.Out);
    }

    [Fact]
    public void An_official_figure_contradicting_an_official_bundled_one_is_refused()
    {
        // The bundle's national series comes from element 6567 itself: a fetched value one person off is a contradiction.
        var bundled = TestData.Data.FindMigration("kazakhstan", 2010, Flow.All, Measure.Balance)!;
        var text = File.ReadAllText(Fixture(MigrationHead));
        var line = text.Split('\n').First(l => l.Contains("\"201012\"\t\"РЕСПУБЛИКА КАЗАХСТАН\"\t\"0\"\t\"Всего\"", StringComparison.Ordinal));
        var fields = line.Split('\t');
        fields[^1] = $"\"{DataNumber.Format(bundled.Value + 1)}\"";
        using var server = new ReplayServer().On(NetMigration, Reply.Ok(Encoding.UTF8.GetBytes(text.Replace(line, string.Join('\t', fields), StringComparison.Ordinal)), Tsv));
        var data = CopyOfBundle();
        var (exit, _, error) = RunFetch(server, data, "net-migration");
        Assert.Equal(2, exit);
        Assert.Contains($"contradicts {bundled.Origin}", error);
        Assert.False(Directory.Exists(Path.Combine(data, WorkbenchData.UserFolder)));
    }

    [Fact]
    public void Population_at_the_start_of_a_period_is_dated_as_the_bundle_dates_it()
    {
        using var server = new ReplayServer().On("api/iblock/element/6584/csv/file/ru/", Reply.File(Fixture(Population), Tsv));
        var data = CopyOfBundle();
        var (exit, output, error) = RunFetch(server, data, "population");
        Assert.True(exit == 0, error);
        Assert.Contains("«на начало периода»", output);
        var loaded = WorkbenchData.Load(data);
        // «2017 год» is the population on 1 January 2017: population_end_of_year 2016, as population.csv dates it.
        foreach (var key in new[] { "kazakhstan", "akmola", "aktobe", "astana-city" })
            for (var year = 2016; year <= 2021; year++)
                Assert.Equal(loaded.PopulationAt(key, new DateOnly(year, 1, 1))!.Value, loaded.FindIndicator(key, year - 1, "population_end_of_year")!.Value);
        Assert.Null(loaded.FindIndicator("akmola", 2021, "population_end_of_year"));
    }

    [Fact]
    public void A_newer_answer_to_the_same_request_replaces_the_earlier_fetch()
    {
        // The portal's answer changes (here: the 1 January 2016 rows are gone): the new response supersedes the old one —
        // its rows, its record and its kept file — instead of contradicting it.
        var lines = File.ReadAllLines(Fixture(Population));
        var revised = string.Join("\n", lines.Where(l => !l.Contains("\"2016 год\"", StringComparison.Ordinal))) + "\n";
        using var server = new ReplayServer().On("api/iblock/element/6584/csv/file/ru/", Reply.File(Fixture(Population), Tsv), Reply.Ok(Encoding.UTF8.GetBytes(revised), Tsv));
        var data = CopyOfBundle();
        Assert.Equal(0, RunFetch(server, data, "population").Exit);
        var first = Directory.GetFiles(Path.Combine(data, WorkbenchData.UserFolder, "raw")).Single();
        var (exit, output, error) = RunFetch(server, data, "population");
        Assert.True(exit == 0, error);
        Assert.Contains("replacing 24 from an earlier import (an earlier fetch of the same table: import-", output);

        var raw = Directory.GetFiles(Path.Combine(data, WorkbenchData.UserFolder, "raw")).Single();
        Assert.NotEqual(first, raw);
        var loaded = WorkbenchData.Load(data);
        Assert.Single(loaded.Sources.Values, v => v.Import is not null);
        Assert.Null(loaded.FindIndicator("akmola", 2015, "population_end_of_year"));
        Assert.NotNull(loaded.FindIndicator("akmola", 2016, "population_end_of_year"));
        Assert.Equal(0, Kzmig("data", "check", "--data", data).Exit);
    }

    [Fact]
    public void Years_can_be_chosen_and_a_response_without_them_is_refused()
    {
        using var server = new ReplayServer().On("api/iblock/element/6584/csv/file/ru/", Reply.File(Fixture(Population), Tsv));
        var data = CopyOfBundle();
        var (exit, _, error) = RunFetch(server, data, "population", "--years", "2018,2019");
        Assert.True(exit == 0, error);
        Assert.Equal([2018, 2019], WorkbenchData.Load(data).IndicatorValues("population_end_of_year")
            .Where(v => v.Source.Import is not null).Select(v => v.Year).Distinct().Order());

        var none = RunFetch(server, CopyOfBundle(), "population", "--years", "2030");
        Assert.Equal(2, none.Exit);
        Assert.Contains("holds no region-level figure for 2030", none.Err);
    }

    // Search and GetPeriodList as public clients document them (FORMATS.md §2.2, §2.5); the index is one the notes name.
    private const string Found = "{\"total\":\"1\",\"results\":[{\"id\":704447,\"Name\":\"Среднедушевые номинальные денежные доходы\",\"Code\":null}]}";
    private const string Periods = "\uFEFF[{\"id\":7,\"name\":\"Год\"},{\"id\":4,\"name\":\"Месяц\"}]";

    [Fact]
    public void Search_and_segments_find_an_index_and_its_dictionary_sets()
    {
        using var server = new ReplayServer()
            .On("ru/Api/Search?keyword=денежные доходы", Reply.Ok(Found))
            .On("ru/Api/GetPeriodList?indexId=704447", Reply.Ok(Periods))
            .On("ru/Api/GetSegmentList?indexId=704447&periodId=7", Reply.Ok(Segments))
            .On("ru/Api/GetSegmentList?indexId=704447&periodId=4", Reply.Ok("[]"));
        var search = Kzmig("data", "fetch", "--search", "денежные доходы", "--portal", server.Root.ToString(), "--retries", "0");
        Assert.True(search.Exit == 0, search.Err);
        Assert.Contains("704447  Среднедушевые номинальные денежные доходы", search.Out);
        Assert.Contains("Next: kzmig data fetch --segments 704447", search.Out);

        var segments = Kzmig("data", "fetch", "--segments", "704447", "--portal", server.Root.ToString(), "--retries", "0");
        Assert.True(segments.Exit == 0, segments.Err);
        Assert.Contains("period 7 (Год): 2 segments", segments.Out);
        Assert.Contains("--period 7 --dics 67,749   Регионы + Тип местности [РЕСПУБЛИКА КАЗАХСТАН + Всего]", segments.Out);
        Assert.Contains("period 4 (Месяц): 0 segments", segments.Out);
    }

    [Fact]
    public void The_catalogue_names_each_series_of_the_study_with_where_its_id_comes_from()
    {
        var keys = PortalCatalogue.All.Select(s => s.Key).ToList();
        Assert.Equal(["net-migration", "population", "unemployment-rate", "grp-per-capita", "income-per-capita", "wages",
            "interregional-arrivals", "interregional-departures", "interregional-balance", "vacancies"], keys);
        foreach (var s in PortalCatalogue.All)
        {
            Assert.False(string.IsNullOrWhiteSpace(s.Evidence));
            // An id is never invented: an entry without one says it was not found, and one with an id cites where.
            Assert.Equal(s.Query is null, s.Standing == IdStanding.NotFound);
            Assert.NotEmpty(s.SearchWords);
        }
        var (exit, output, _) = Kzmig("data", "fetch", "--list");
        Assert.Equal(0, exit);
        foreach (var key in keys) Assert.Contains($"\n{key}: ", output);
        Assert.Contains("https://stat.gov.kz/api/iblock/element/6567/csv/file/ru/", output);
        Assert.Contains("https://taldau.stat.gov.kz/ru/Api/GetIndexData/704447?period=7&dics=67", output);
        Assert.Contains("seen in client code, unconfirmed", output);
        Assert.Contains("to find it: find the index with `kzmig data fetch --search", output);

        // A series without a known id: exit 2 and the steps to find one; with --index, the catalogue's target is used.
        var data = CopyOfBundle();
        var refused = Kzmig("data", "fetch", "interregional-arrivals", "--data", data);
        Assert.Equal(2, refused.Exit);
        Assert.Contains("no portal id is known for 'interregional-arrivals'", refused.Err);
        Assert.Contains("--segments ID", refused.Err);
        using var server = new ReplayServer().On(IndexData("9001"), Reply.File(Fixture(Interregional2019("arrivals"))));
        var fetched = RunFetch(server, data, "interregional-arrivals", "--index", "9001");
        Assert.True(fetched.Exit == 0, fetched.Err);
        Assert.Contains("(migration interregional arrivals)", fetched.Out);
        Assert.Equal(2, Kzmig("data", "fetch", "no-such-series", "--data", data).Exit);
    }

    [Fact]
    public void Portal_addresses_keep_a_mirror_s_path_and_check_their_ids()
    {
        var q = IndexDataQuery.Parse("703831", "7", "67 + 749");
        Assert.Equal("https://taldau.stat.gov.kz/ru/Api/GetIndexData/703831?period=7&dics=67,749", q.Address().AbsoluteUri);
        Assert.Equal("https://mirror.example/bns/ru/Api/GetIndexData/703831?period=7&dics=67,749", q.Address(PortalQuery.ParseRoot("https://mirror.example/bns")).AbsoluteUri);
        Assert.Equal("https://stat.gov.kz/api/iblock/element/6567/csv/file/ru/", DynamicTableQuery.Parse("6567").Address().AbsoluteUri);
        Assert.Throws<ImportUsageException>(() => IndexDataQuery.Parse("70383x", "7", "67"));
        Assert.Throws<ImportUsageException>(() => IndexDataQuery.Parse("703831", "7", "67;749"));
        Assert.Throws<ImportUsageException>(() => PortalQuery.ParseRoot("ftp://example"));
        var usage = Kzmig("data", "fetch", "--index", "1", "--element", "2");
        Assert.Equal(2, usage.Exit);
        Assert.Contains("not both", usage.Err);
    }

    [Fact]
    public void Data_check_reverifies_a_fetched_response_by_its_hash()
    {
        using var server = new ReplayServer().On(NetMigration, Reply.File(Fixture(MigrationHead), Tsv));
        var data = CopyOfBundle();
        Assert.Equal(0, RunFetch(server, data, "net-migration").Exit);
        var raw = Directory.GetFiles(Path.Combine(data, WorkbenchData.UserFolder, "raw")).Single();
        var original = File.ReadAllBytes(raw);

        // One byte changed: refused, naming the response and how to restore it.
        var edited = (byte[])original.Clone();
        edited[^3] ^= 0x01;
        File.WriteAllBytes(raw, edited);
        var (exit, _, error) = Kzmig("data", "check", "--data", data);
        Assert.Equal(2, exit);
        Assert.Contains($"user/sources.csv:2: field 'file': the fetched response raw/{Path.GetFileName(raw)} differs from the sha256 recorded here", error);
        Assert.Contains("fetch the table again with `kzmig data fetch`", error);

        File.Delete(raw);
        (exit, _, error) = Kzmig("data", "check", "--data", data);
        Assert.Equal(2, exit);
        Assert.Contains($"the fetched response raw/{Path.GetFileName(raw)} is missing", error);

        // Restored, it checks clean again.
        File.WriteAllBytes(raw, original);
        Assert.Equal(0, Kzmig("data", "check", "--data", data).Exit);
    }
}
