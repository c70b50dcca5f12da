using System.Reflection;

namespace KzMigration.Tests;

public class LongestCollectionsFirstTests
{
    // Every collection's name: a [CollectionDefinition]'s (xUnit keeps it only in the attribute's data), or xUnit's name
    // for a test class that is a collection of its own.
    private static IEnumerable<string> Collections()
    {
        foreach (var type in typeof(LongestCollectionsFirstTests).Assembly.GetTypes())
        {
            if (type.GetCustomAttributesData().FirstOrDefault(a => a.AttributeType == typeof(CollectionDefinitionAttribute)) is { } definition)
                yield return (string)definition.ConstructorArguments[0].Value!;
            else if (type.GetCustomAttribute<CollectionAttribute>() is null
                     && type.GetMethods().Any(m => m.GetCustomAttributes<FactAttribute>(inherit: true).Any()))
                yield return LongestCollectionsFirst.Own(type);
        }
    }

    [Fact]
    public void Every_listed_collection_exists_and_is_listed_once()
    {
        var names = Collections().ToHashSet(StringComparer.Ordinal);
        Assert.All(LongestCollectionsFirst.Longest, name => Assert.Contains(name, names));
        Assert.Equal(LongestCollectionsFirst.Longest.Count, LongestCollectionsFirst.Longest.Distinct(StringComparer.Ordinal).Count());
    }

    [Fact]
    public void Listed_collections_come_first_in_the_listed_order_and_the_rest_keep_theirs()
    {
        var rest = new[] { "Test collection for A", "Test collection for B" };
        var assembly = new Xunit.Sdk.TestAssembly(Xunit.Sdk.Reflector.Wrap(typeof(LongestCollectionsFirstTests).Assembly));
        var given = new[] { rest[0], LongestCollectionsFirst.Longest[2], rest[1], LongestCollectionsFirst.Longest[0] }
            .Select(name => (Xunit.Abstractions.ITestCollection)new Xunit.Sdk.TestCollection(assembly, null, name)).ToList();
        var ordered = new LongestCollectionsFirst().OrderTestCollections(given).Select(c => c.DisplayName).ToList();
        Assert.Equal([LongestCollectionsFirst.Longest[0], LongestCollectionsFirst.Longest[2], rest[0], rest[1]], ordered);
    }
}
