using BasketReasoner.Core.Assistant;
using BasketReasoner.Server.Tests.Escalation;
using BasketReasoner.Server.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace BasketReasoner.Server.Tests.Screen;

/// <summary>
/// The screen in Debian's chromium (never a downloaded browser): an ambiguous item raises a prompt with candidate
/// images, the shopper's tap fills the basket, and a question streams its answer with a busy indicator. Screenshots go
/// to the test results folder (<c>artifacts/test-results/screen</c>).
/// </summary>
[Collection(ServerCollection.Name)]
public sealed class ScreenEndToEndTests(ServerFixture fx)
{
    [Fact]
    public async Task Screen_AmbiguousItemThenQuestion_ShopperConfirmsAndSeesStreamedAnswer()
    {
        await using var server = await fx.StartAsync(s => s.Services = x => x.AddSingleton<IShopperAssistant>(new ScriptedShopperAssistantDouble()));
        using var http = server.Client(ServerFixture.KeyA);
        await using var screen = await ScreenBrowser.OpenAsync(fx, server, 1280, 800);
        var page = screen.Page;

        await Events.PostAsync(http, "cart-a", Events.Body("e1", "add", null, fx.Frame(EscalationStageTests.AmbiguousApple)));
        var prompt = await screen.PromptAsync("e1");
        Assert.True(await prompt.Locator("button.choice").CountAsync() >= 2);
        Assert.Equal("dialog", await prompt.GetAttributeAsync("role"));
        await screen.ShotAsync("1-confirmation-prompt.png");

        await prompt.Locator("button.choice[data-product='Golden-Delicious']").ClickAsync();
        await page.Locator("#basket-lines tr.line").WaitForAsync(new() { Timeout = 15_000 });
        // Loose produce shows the grams it is charged for; this event's weight never settled, so the estimate says so.
        var name = await page.Locator("#basket-lines .name").First.InnerTextAsync();
        Assert.StartsWith("Apple Golden Delicious", name);
        Assert.EndsWith("g (est.)", name);
        Assert.False(await page.Locator("#prompt").IsVisibleAsync());
        Assert.NotEqual("0.00 SEK", await page.Locator("#total").InnerTextAsync());
        Assert.Equal(1, Events.Lines(await Events.BasketAsync(http, "cart-a"))["Golden-Delicious"]);

        // The ask box is labelled, and while the answer streams the screen says it is busy.
        Assert.Equal("Your question", await page.Locator("label[for='ask-input']").InnerTextAsync());
        await page.RouteAsync("**/ask", async route =>
        {
            await Task.Delay(1500);
            await route.ContinueAsync();
        });
        await page.FillAsync("#ask-input", "How many items do I have?");
        await page.ClickAsync("#ask-button");
        await page.Locator("#ask-busy").WaitForAsync(new() { Timeout = 5_000 });
        Assert.Equal("true", await page.Locator("#answer").GetAttributeAsync("aria-busy"));
        Assert.True(await page.Locator("#ask-button").IsDisabledAsync());
        await screen.ShotAsync("2-answer-streaming.png");
        await page.Locator("#answer[data-done='answered']").WaitForAsync(new() { Timeout = 15_000 });
        Assert.Equal("Your basket has 1 item(s).", await page.Locator("#answer").InnerTextAsync());
        Assert.Equal("false", await page.Locator("#answer").GetAttributeAsync("aria-busy"));
        Assert.False(await page.Locator("#ask-busy").IsVisibleAsync());
        await screen.ShotAsync("3-basket-and-answer.png");

        // The login form with another cart's key is refused.
        var other = await screen.Browser.NewPageAsync();
        await other.GotoAsync(new Uri(server.BaseAddress, "/screen/").ToString());
        await other.FillAsync("#login-cart", "cart-a");
        await other.FillAsync("#login-key", ServerFixture.KeyB);
        await other.ClickAsync("#login button");
        await other.Locator("#status", new() { HasTextString = "403" }).WaitForAsync(new() { Timeout = 15_000 });
        await other.ScreenshotAsync(new() { Path = Path.Combine(screen.Shots, "4-wrong-key.png") });
    }
}
