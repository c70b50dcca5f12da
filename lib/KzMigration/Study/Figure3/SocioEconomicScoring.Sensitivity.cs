using KzMigration.Specification;
using System.Globalization;
using KzMigration.Data;
using KzMigration.Outputs;
using KzMigration.Scoring;
using Microsoft.Data.Analysis;

namespace KzMigration.Study;

// The Monte Carlo of the open choices (Scoring.Sensitivity) under the panel's specification, and its tables.
public static partial class SocioEconomicScoring
{
    /// <summary>
    /// The Monte Carlo of the open choices for one year, as the panel's specification designs it: its sensitivity design
    /// (<see cref="StudySpecification.Sensitivity"/>: which paths vary, draws, seed, jitters) around its scoring of
    /// <paramref name="year"/> (<see cref="Scoring.Sensitivity.Run"/>). Its tables record that specification, with
    /// <c>scoring.years</c> the year the draws rescored.
    /// </summary>
    public static SensitivityResult RunSensitivity(SocioEconomicPanel panel, int year)
    {
        ArgumentNullException.ThrowIfNull(panel);
        return KzMigration.Scoring.Sensitivity.Run(panel.Panel, panel.Specification.Sensitivity.Around(panel.Spec with { Years = [year] }));
    }

    // What a Monte Carlo result records: the panel's specification with the scoring it varied around, provided its design
    // is the specification's (a run with another design cannot be recorded as this specification's).
    private static StudySpecification Record(SensitivityResult sensitivity, SocioEconomicPanel panel)
    {
        var run = sensitivity.Spec;
        var design = panel.Specification.Sensitivity.Around(run.Base);
        if (run.Draws != design.Draws || run.Seed != design.Seed || !run.ThresholdJitter.Equals(design.ThresholdJitter) || !run.PointJitter.Equals(design.PointJitter)
            || !run.References.SequenceEqual(design.References) || !run.PolarityCandidates.SequenceEqual(design.PolarityCandidates)
            || !run.SeparatePolarities.SequenceEqual(design.SeparatePolarities) || run.ExcludeOneIndicator != design.ExcludeOneIndicator
            || !run.ExclusionCandidates.SequenceEqual(design.ExclusionCandidates))
            throw new ArgumentException("The Monte Carlo was run with another design than the panel's specification (sensitivity.*); run it with SocioEconomicScoring.RunSensitivity(panel, year).", nameof(sensitivity));
        return panel.Record(run.Base);
    }

    /// <summary>Sensitivity: each region's rank under the default choices and across the draws (min, 5th, median, 95th percentile, max, mean |shift|).</summary>
    public static StudyTable RankIntervalsTable(SensitivityResult sensitivity, SocioEconomicPanel panel, int year, string language = "en")
    {
        ArgumentNullException.ThrowIfNull(sensitivity);
        ArgumentNullException.ThrowIfNull(panel);
        var r = sensitivity.Ranks.Where(x => x.Year == year).OrderBy(x => x.DefaultRank ?? int.MaxValue).ThenBy(x => x.Median ?? int.MaxValue).ToList();
        return new StudyTable(Record(sensitivity, panel),
            new StringDataFrameColumn("region", r.Select(x => panel.Label(x.Region, language))),
            new Int32DataFrameColumn("default rank", r.Select(x => x.DefaultRank)),
            new Int32DataFrameColumn("best", r.Select(x => x.Min)),
            new Int32DataFrameColumn("5 %", r.Select(x => x.P5)),
            new Int32DataFrameColumn("median", r.Select(x => x.Median)),
            new Int32DataFrameColumn("95 %", r.Select(x => x.P95)),
            new Int32DataFrameColumn("worst", r.Select(x => x.Max)),
            new DoubleDataFrameColumn("mean |rank shift|", r.Select(x => Round(x.MeanAbsoluteShift, 2))));
    }

    /// <summary>Sensitivity: first-order and total indices of each choice for the scalar output (mean absolute rank shift).</summary>
    public static DataFrame IndicesTable(SensitivityResult sensitivity)
    {
        ArgumentNullException.ThrowIfNull(sensitivity);
        return new DataFrame(IndicesColumns(sensitivity));
    }

    /// <summary><see cref="IndicesTable(SensitivityResult)"/> of a Monte Carlo run on <paramref name="panel"/> (<see cref="RunSensitivity"/>), recording its specification.</summary>
    public static StudyTable IndicesTable(SensitivityResult sensitivity, SocioEconomicPanel panel)
    {
        ArgumentNullException.ThrowIfNull(sensitivity);
        ArgumentNullException.ThrowIfNull(panel);
        return new StudyTable(Record(sensitivity, panel), IndicesColumns(sensitivity));
    }

    private static DataFrameColumn[] IndicesColumns(SensitivityResult sensitivity)
    {
        var s = sensitivity.Indices.Where(i => i.Output == "mean_abs_rank_shift").ToList();
        var described = sensitivity.Factors.ToDictionary(f => f.Name, f => f.Description);
        return
        [
            new StringDataFrameColumn("choice", s.Select(i => i.Factor)),
            new StringDataFrameColumn("what is sampled", s.Select(i => described.GetValueOrDefault(i.Factor, ""))),
            new DoubleDataFrameColumn("first-order index", s.Select(i => Round(Finite(i.FirstOrder), 3))),
            new DoubleDataFrameColumn("total index", s.Select(i => Round(Finite(i.Total), 3))),
        ];
    }
}
