using BasketReasoner.Core.Assistant;
using BasketReasoner.Server.Tests.Escalation;
using BasketReasoner.Server.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace BasketReasoner.Server.Tests.Screen;

/// <summary>
/// The screen in Debian's chromium (never a downloaded browser): an ambiguous item raises a prompt with candidate
/// images, the shopper's click fills the basket, and a question streams its answer. Screenshots go to the test
/// results folder (<c>artifacts/test-results/screen</c>).
/// </summary>
[Collection(ServerCollection.Name)]
public sealed class ScreenEndToEndTests(ServerFixture fx)
{
    private const string Chromium = "/usr/bin/chromium";

    [Fact]
    public async Task Screen_AmbiguousItemThenQuestion_ShopperConfirmsAndSeesStreamedAnswer()
    {
        Assert.True(File.Exists(Chromium), "Debian's chromium is missing: run scripts/setup.sh (apt-get install chromium).");
        var shots = Path.Combine(fx.RepoRoot, "artifacts", "test-results", "screen");
        Directory.CreateDirectory(shots);
        await using var server = await fx.StartAsync(s => s.Services = x => x.AddSingleton<IShopperAssistant>(new ScriptedShopperAssistantDouble()));
        using var http = server.Client(ServerFixture.KeyA);

        using var playwright = await Playwright.CreateAsync();
        await using var browser = await playwright.Chromium.LaunchAsync(new() { ExecutablePath = Chromium, Headless = true, Args = ["--no-sandbox"] });
        var page = await browser.NewPageAsync(new() { ViewportSize = new() { Width = 900, Height = 900 } });
        await page.GotoAsync(new Uri(server.BaseAddress, $"/screen/#cart=cart-a&key={ServerFixture.KeyA}").ToString());
        await page.Locator("#status.live").WaitForAsync(new() { Timeout = 15_000 });

        await Events.PostAsync(http, "cart-a", Events.Body("e1", "add", null, fx.Frame(EscalationStageTests.AmbiguousApple)));
        var prompt = page.Locator(".prompt[data-event='e1']");
        await prompt.WaitForAsync(new() { Timeout = 15_000 });
        Assert.True(await prompt.Locator("button.choice").CountAsync() >= 2);
        await page.Locator(".prompt button.choice img").First.EvaluateAsync("img => img.decode()");
        await page.ScreenshotAsync(new() { Path = Path.Combine(shots, "1-confirmation-prompt.png"), FullPage = true });

        await prompt.Locator("button.choice[data-product='Golden-Delicious']").ClickAsync();
        await page.Locator("#basket-lines tr.line").WaitForAsync(new() { Timeout = 15_000 });
        Assert.Equal("Apple Golden Delicious", await page.Locator("#basket-lines .name").First.InnerTextAsync());
        Assert.Equal(0, await page.Locator(".prompt").CountAsync());
        Assert.NotEqual("0.00 SEK", await page.Locator("#total").InnerTextAsync());
        Assert.Equal(1, Events.Lines(await Events.BasketAsync(http, "cart-a"))["Golden-Delicious"]);

        await page.FillAsync("#ask-input", "How many items do I have?");
        await page.ClickAsync("#ask-button");
        await page.Locator("#answer[data-done='answered']").WaitForAsync(new() { Timeout = 15_000 });
        Assert.Equal("Your basket has 1 item(s).", await page.Locator("#answer").InnerTextAsync());
        await page.ScreenshotAsync(new() { Path = Path.Combine(shots, "2-basket-and-answer.png"), FullPage = true });

        // The login form with another cart's key is refused.
        var other = await browser.NewPageAsync();
        await other.GotoAsync(new Uri(server.BaseAddress, "/screen/").ToString());
        await other.FillAsync("#login-cart", "cart-a");
        await other.FillAsync("#login-key", ServerFixture.KeyB);
        await other.ClickAsync("#login button");
        await other.Locator("#status", new() { HasTextString = "403" }).WaitForAsync(new() { Timeout = 15_000 });
        await other.ScreenshotAsync(new() { Path = Path.Combine(shots, "3-wrong-key.png") });
    }
}
