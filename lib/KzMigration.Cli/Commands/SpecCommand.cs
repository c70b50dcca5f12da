using System.CommandLine;
using KzMigration.Specification;

namespace KzMigration.Cli.Commands;

/// <summary>
/// <c>kzmig spec [TEXT]</c>: the study's specification as users write it. Without TEXT, every field of
/// <see cref="SpecificationFields"/> — its path, short names, meaning, values and bounds, and the paper's value — the
/// names <c>kzmig run --param</c> and the explorer's links take. With TEXT, the whole specification TEXT means (what a run
/// with <c>--param specification=TEXT</c> records), or the field, value and bounds it refuses (exit 2).
/// </summary>
internal static class SpecCommand
{
    public static Command Create()
    {
        var text = new Argument<string?>("text")
        {
            Description = "A specification to check, e.g. \"reference=median; lag=no\": prints every field it sets, or why it is refused.",
            Arity = ArgumentArity.ZeroOrOne,
        };
        var command = new Command("spec",
            "List the fields of the study's specification (what 'kzmig run --param NAME=VALUE' and the explorer's links take), with their values, bounds and defaults; or check a specification.")
        {
            text,
        };
        command.SetAction(parse => Run(parse.GetValue(text), parse.InvocationConfiguration.Output, parse.InvocationConfiguration.Error));
        return command;
    }

    internal static int Run(string? text, TextWriter output, TextWriter error)
    {
        if (text is not null)
        {
            StudySpecification spec;
            try { spec = SpecificationParser.Parse(text); }
            catch (FormatException e)
            {
                error.WriteLine("error: " + e.Message);
                return ExitCodes.InvalidInput;
            }
            var changes = SpecificationFormatter.FormatChangesFromPaper(spec);
            output.WriteLine(changes.Length == 0 ? "the paper's specification (no field changed)" : "changed from the paper's: " + changes);
            foreach (var field in SpecificationFields.All) output.WriteLine($"{field.Path}={field.Format(spec)}");
            return ExitCodes.Success;
        }
        output.WriteLine("The study's specification: every open choice, one field each, as path=value.");
        output.WriteLine("  kzmig run NOTEBOOK --param NAME=VALUE        one field, by its path or a short name (in brackets below)");
        output.WriteLine("  kzmig run NOTEBOOK --param specification=\"path=value; path=value\"   several at once");
        output.WriteLine("The explorer's links use the same names; every output records the specification it was computed with.");
        output.WriteLine("A short name belongs to one field. Where sections share a name, it means Figure 3's scoring field (indicators, weights,");
        output.WriteLine("invert) or the Monte Carlo's (seed); the others are written with their section (estimation.indicators, estimation.seed, …).");
        output.WriteLine("'years' alone is refused: write scoring.years, migration.years or estimation.years.");
        foreach (var section in SpecificationFields.Sections)
        {
            output.WriteLine();
            output.WriteLine($"[{section}]");
            foreach (var field in SpecificationFields.All.Where(f => f.Section == section))
            {
                output.WriteLine(field.Aliases.Count > 0 ? $"{field.Path}  ({string.Join(", ", field.Aliases)})" : field.Path);
                output.WriteLine($"    {field.Help}");
                output.WriteLine($"    values: {field.Values}");
                output.WriteLine($"    default: {field.Default}");
            }
        }
        return ExitCodes.Success;
    }
}
