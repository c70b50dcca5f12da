using KzMigration.Publishing;

namespace KzMigration.Tests.Publishing;

/// <summary>
/// A test that needs the machine's Chromium. It is skipped, with the reason, only when Chromium is
/// not installed; CI installs it (.ci/run), so CI never skips these.
/// </summary>
public sealed class ChromiumFactAttribute : FactAttribute
{
    public ChromiumFactAttribute()
    {
        if (Chromium.Find(out var whyNot) is null) Skip = "browser test skipped: " + whyNot;
    }
}
