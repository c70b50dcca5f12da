using KzMigration.Publishing;

namespace KzMigration.Tests.Publishing;

/// <summary>
/// <c>explore --publish DIR</c> into a course's folder (issue 23, item 5): a publish replaces exactly the files the last
/// publish wrote (its own list in DIR), removes those the new site no longer has, never touches the course's own files,
/// and refuses, writing nothing, a folder that holds files of its own where the site's go.
/// </summary>
public class PublishedFolderTests
{
    private static string Site(params (string Path, string Text)[] files)
    {
        var site = TestPaths.TempFolder("site");
        foreach (var (path, text) in files)
        {
            var full = Path.Combine(site, path);
            Directory.CreateDirectory(Path.GetDirectoryName(full)!);
            File.WriteAllText(full, text);
        }
        return site;
    }

    private static void Write(string folder, string path, string text)
    {
        var full = Path.Combine(folder, path);
        Directory.CreateDirectory(Path.GetDirectoryName(full)!);
        File.WriteAllText(full, text);
    }

    [Fact]
    public void A_republish_replaces_only_what_the_last_publish_wrote_and_keeps_the_courses_files()
    {
        var docs = Path.Combine(TestPaths.TempFolder("course"), "docs");
        var first = Site(("index.html", "v1"), ("_framework/a.wasm", "a1"), ("_framework/old.wasm", "gone next time"), (PublishedFolder.SiteMarker, "stamp1"));
        PublishedFolder.Publish(first, docs, []);
        // The course adds its own files beside the explorer, even inside the explorer's folders.
        Write(docs, "syllabus.md", "week 1");
        Write(docs, "lectures/l1.html", "lecture");
        Write(docs, "_framework/notes.txt", "the teacher's");

        var second = Site(("index.html", "v2"), ("_framework/a.wasm", "a2"), ("_framework/new/b.wasm", "b2"), (PublishedFolder.SiteMarker, "stamp2"));
        var result = PublishedFolder.Publish(second, docs, []);

        Assert.Equal((4, 1), (result.Written, result.Removed));
        Assert.Equal("v2", File.ReadAllText(Path.Combine(docs, "index.html")));
        Assert.Equal("b2", File.ReadAllText(Path.Combine(docs, "_framework", "new", "b.wasm")));
        Assert.False(File.Exists(Path.Combine(docs, "_framework", "old.wasm")));
        Assert.Equal("week 1", File.ReadAllText(Path.Combine(docs, "syllabus.md")));
        Assert.Equal("lecture", File.ReadAllText(Path.Combine(docs, "lectures", "l1.html")));
        Assert.Equal("the teacher's", File.ReadAllText(Path.Combine(docs, "_framework", "notes.txt")));
        Assert.Equal([".kzmig-explorer", "_framework/a.wasm", "_framework/new/b.wasm", "index.html"], PublishedFolder.ReadList(docs));
    }

    [Fact]
    public void A_folder_with_its_own_files_is_used_around_them_or_refused_with_nothing_written()
    {
        var site = Site(("index.html", "explorer"), ("app.js", "js"), (PublishedFolder.SiteMarker, "stamp"));

        // The course's files are elsewhere: published beside them.
        var course = TestPaths.TempFolder("course-docs");
        Write(course, "syllabus.md", "week 1");
        PublishedFolder.Publish(site, course, []);
        Assert.Equal("week 1", File.ReadAllText(Path.Combine(course, "syllabus.md")));
        Assert.Equal("explorer", File.ReadAllText(Path.Combine(course, "index.html")));

        // The course has its own index.html: nothing is written, the folder stays as it was.
        var taken = TestPaths.TempFolder("course-index");
        Write(taken, "index.html", "the course's home page");
        Write(taken, "syllabus.md", "week 1");
        var before = RunOutputsTestsState(taken);
        var refused = Assert.Throws<InvalidOutputFolderException>(() => PublishedFolder.Publish(site, taken, []));
        Assert.StartsWith($"--publish {taken}: holds index.html, which no earlier --publish wrote", refused.Message);
        Assert.Equal(before, RunOutputsTestsState(taken));
    }

    [Fact]
    public void A_folder_published_before_the_list_existed_is_adopted_without_touching_anything_else()
    {
        // What an earlier version wrote: the site and its marker, no list; then the teacher's syllabus.
        var docs = TestPaths.TempFolder("legacy-publish");
        Write(docs, "index.html", "old explorer");
        Write(docs, PublishedFolder.SiteMarker, "old stamp");
        Write(docs, "_framework/stale.wasm", "an old file the new site does not have");
        Write(docs, "syllabus.md", "week 1");

        PublishedFolder.Publish(Site(("index.html", "new explorer"), (PublishedFolder.SiteMarker, "new stamp")), docs, []);

        Assert.Equal("new explorer", File.ReadAllText(Path.Combine(docs, "index.html")));
        Assert.Equal("week 1", File.ReadAllText(Path.Combine(docs, "syllabus.md")));
        Assert.True(File.Exists(Path.Combine(docs, "_framework", "stale.wasm")), "a file no list names was removed");
        Assert.Equal([".kzmig-explorer", "index.html"], PublishedFolder.ReadList(docs));
    }

    private static SortedDictionary<string, string> RunOutputsTestsState(string folder) => Hardening.RunOutputsTests.State(folder);
}
