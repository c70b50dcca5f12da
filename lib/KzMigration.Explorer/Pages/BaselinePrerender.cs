using System.Globalization;
using KzMigration.Explorer.Model;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Web;
using Microsoft.AspNetCore.Components.WebAssembly.Services;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.JSInterop;

namespace KzMigration.Explorer.Pages;

/// <summary>
/// The paper's baseline page rendered on the desktop runtime when the site is built (<c>kzmig explore</c>), by this very
/// assembly: the <see cref="Explorer"/> component, its engine and its embedded data package, rendered to HTML with Blazor's
/// <see cref="HtmlRenderer"/>. The build writes the markup into the published <c>index.html</c>, so a browser shows the
/// heatmap, totals and ranks before WebAssembly has started; the app's first render then replaces it with the same markup,
/// interactive. Loading the embedded package here checks its recorded hashes (<see cref="Data.WorkbenchData.LoadBundle"/>):
/// this is the build's verification of the copy the browser then trusts.
/// </summary>
public static class BaselinePrerender
{
    /// <summary>
    /// Unpacks the embedded package into <paramref name="workFolder"/>, loads and verifies it, and returns the markup of the
    /// paper's baseline (the content of <c>#app</c>). Throws <see cref="DataFileException"/> when the compiled-in
    /// package fails its checks.
    /// </summary>
    public static async Task<string> RenderAsync(string workFolder)
    {
        ArgumentException.ThrowIfNullOrEmpty(workFolder);
        var culture = (CultureInfo.CurrentCulture, CultureInfo.CurrentUICulture);
        CultureInfo.CurrentCulture = CultureInfo.CurrentUICulture = CultureInfo.InvariantCulture;
        try
        {
            ExplorerSession.UseVerifiedFolder(workFolder);
            // Load outside the component so that a package failing its checks is an error of the build, not a page
            // that shows «could not be read».
            ExplorerSession.Load();
            var js = new DesktopJSRuntime();
            var services = new ServiceCollection()
                .AddSingleton<NavigationManager>(new BaselineNavigation())
                .AddSingleton<IJSRuntime>(js)
                .AddSingleton(new LazyAssemblyLoader(js))
                .BuildServiceProvider();
            await using var renderer = new HtmlRenderer(services, NullLoggerFactory.Instance);
            return await renderer.Dispatcher.InvokeAsync(async () =>
            {
                var page = await renderer.RenderComponentAsync<Explorer>(ParameterView.FromDictionary(
                    new Dictionary<string, object?> { [nameof(Explorer.Prerendered)] = true }));
                return page.ToHtmlString();
            });
        }
        finally
        {
            (CultureInfo.CurrentCulture, CultureInfo.CurrentUICulture) = culture;
        }
    }

    // The address of the baseline: the site's own folder, no query (the paper's scenario).
    private sealed class BaselineNavigation : NavigationManager
    {
        public BaselineNavigation() => Initialize("http://baseline.invalid/", "http://baseline.invalid/");

        protected override void NavigateToCore(string uri, NavigationOptions options) =>
            throw new InvalidOperationException("the prerendered baseline does not navigate");
    }

    // No JavaScript on the desktop: the component calls none while it renders statically.
    private sealed class DesktopJSRuntime : IJSRuntime
    {
        public ValueTask<TValue> InvokeAsync<TValue>(string identifier, object?[]? args) =>
            throw new InvalidOperationException($"no JavaScript when prerendering ({identifier})");

        public ValueTask<TValue> InvokeAsync<TValue>(string identifier, CancellationToken cancellationToken, object?[]? args) =>
            throw new InvalidOperationException($"no JavaScript when prerendering ({identifier})");
    }
}
