using System.Globalization;
using System.Text.Json;
using BasketReasoner.Server.Tests.Infrastructure;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Playwright;

namespace BasketReasoner.Server.Tests.Screen;

/// <summary>Debian's chromium (never a downloaded browser) on a started server's screen, with one page open.</summary>
internal sealed class ScreenBrowser : IAsyncDisposable
{
    public const string Chromium = "/usr/bin/chromium";

    private readonly IPlaywright _playwright;

    private ScreenBrowser(IPlaywright playwright, IBrowser browser, IBrowserContext context, IPage page, string shots)
    {
        _playwright = playwright;
        Browser = browser;
        Context = context;
        Page = page;
        Shots = shots;
    }

    public IBrowser Browser { get; }

    public IBrowserContext Context { get; }

    public IPage Page { get; }

    /// <summary><c>artifacts/test-results/screen</c>.</summary>
    public string Shots { get; }

    public static async Task<ScreenBrowser> OpenAsync(ServerFixture fx, RunningServer server, int width, int height)
    {
        Assert.True(File.Exists(Chromium), "Debian's chromium is missing: run scripts/setup.sh (apt-get install chromium).");
        var shots = Path.Combine(fx.RepoRoot, "artifacts", "test-results", "screen");
        Directory.CreateDirectory(shots);
        var playwright = await Playwright.CreateAsync();
        var browser = await playwright.Chromium.LaunchAsync(new() { ExecutablePath = Chromium, Headless = true, Args = ["--no-sandbox"] });
        var context = await browser.NewContextAsync(new() { ViewportSize = new() { Width = width, Height = height } });
        var page = await context.NewPageAsync();
        await page.GotoAsync(new Uri(server.BaseAddress, $"/screen/#cart=cart-a&key={ServerFixture.KeyA}").ToString());
        await page.Locator("#status.live").WaitForAsync(new() { Timeout = 15_000 });
        return new ScreenBrowser(playwright, browser, context, page, shots);
    }

    /// <summary>Waits for the prompt of <paramref name="eventId"/> with its images decoded (for a screenshot).</summary>
    public async Task<ILocator> PromptAsync(string eventId)
    {
        var prompt = Page.Locator($"#prompt[data-event='{eventId}']");
        await prompt.WaitForAsync(new() { Timeout = 15_000 });
        await Page.Locator("#prompt button.choice img").First.EvaluateAsync("img => img.decode()");
        return prompt;
    }

    public Task ShotAsync(string name) => Page.ScreenshotAsync(new() { Path = Path.Combine(Shots, name) });

    /// <summary>The box of <paramref name="locator"/>, asserting it is laid out.</summary>
    public static async Task<LocatorBoundingBoxResult> BoxAsync(ILocator locator) =>
        await locator.BoundingBoxAsync() ?? throw new Xunit.Sdk.XunitException("Element is not laid out.");

    /// <summary>A price as the API gives it and the basket prints it: two decimals and the currency.</summary>
    public static string Money(JsonElement amount, string currency) =>
        amount.GetDecimal().ToString("F2", CultureInfo.InvariantCulture) + " " + currency;

    public async ValueTask DisposeAsync()
    {
        await Context.DisposeAsync();
        await Browser.DisposeAsync();
        _playwright.Dispose();
    }
}

/// <summary>Counts the confirmation requests that reach the server (a browser that is offline sends none).</summary>
internal sealed class ConfirmCounter : IStartupFilter
{
    private int _count;

    public int Count => Volatile.Read(ref _count);

    public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
    {
        app.Use(async (HttpContext http, RequestDelegate inner) =>
        {
            if (HttpMethods.IsPost(http.Request.Method) && http.Request.Path.Value?.EndsWith("/confirm", StringComparison.Ordinal) == true)
            {
                Interlocked.Increment(ref _count);
            }

            await inner(http);
        });
        next(app);
    };
}
