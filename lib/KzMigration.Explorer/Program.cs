using KzMigration.Explorer.Pages;
using Microsoft.AspNetCore.Components.Web;
using Microsoft.AspNetCore.Components.WebAssembly.Hosting;

// One page, no router: the scenario (and the page shown) lives in the query string, so the app works from index.html
// in any folder of any static host.
var builder = WebAssemblyHostBuilder.CreateDefault(args);
builder.RootComponents.Add<Explorer>("#app");
builder.RootComponents.Add<HeadOutlet>("head::after");
await builder.Build().RunAsync();
