using Microsoft.FSharp.Core;
using Plotly.NET;
using Plotly.NET.CSharp;

namespace KzMigration.Charts;

/// <summary>Small layout conveniences, so notebooks don't wrestle with Plotly.NET's F#-shaped generics.</summary>
public static class ChartLayout
{
    /// <summary>Sets the chart title and, when given, the axis titles.</summary>
    public static GenericChart WithTitles(this GenericChart chart, string title, string? xTitle = null, string? yTitle = null)
    {
        var titled = Plotly.NET.Chart.withTitle(title, FSharpOption<Font>.None).Invoke(chart);
        if (xTitle is not null) titled = titled.WithXAxisStyle<double, double, string>(TitleText: xTitle);
        if (yTitle is not null) titled = titled.WithYAxisStyle<double, double, string>(TitleText: yTitle);
        return titled;
    }
}
