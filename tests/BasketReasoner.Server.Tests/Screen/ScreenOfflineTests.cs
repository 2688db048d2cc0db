using BasketReasoner.Server.Tests.Escalation;
using BasketReasoner.Server.Tests.Infrastructure;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;

namespace BasketReasoner.Server.Tests.Screen;

/// <summary>
/// A tap is never lost and never doubled: answers wait in memory and localStorage while the screen is offline and are
/// sent, with the same event id, when it comes back; a retry after a lost response is answered by the server's
/// idempotency, not applied again.
/// </summary>
[Collection(ServerCollection.Name)]
public sealed class ScreenOfflineTests(ServerFixture fx)
{
    private const string Outbox = "() => localStorage.getItem('basket-outbox:cart-a')";

    [Fact]
    public async Task Confirm_TappedWhileOffline_IsDeliveredOnceWhenBackOnline()
    {
        var counter = new ConfirmCounter();
        await using var server = await fx.StartAsync(s => s.Services = x => x.AddSingleton<IStartupFilter>(counter));
        using var http = server.Client(ServerFixture.KeyA);
        await using var screen = await ScreenBrowser.OpenAsync(fx, server, 1280, 800);
        var page = screen.Page;
        await Events.PostAsync(http, "cart-a", Events.Body("e1", "add", null, fx.Frame(EscalationStageTests.AmbiguousApple)));
        var prompt = await screen.PromptAsync("e1");

        await screen.Context.SetOfflineAsync(true);
        await page.Locator("#status", new() { HasTextString = "offline" }).WaitForAsync(new() { Timeout = 5_000 });
        await prompt.Locator("button.choice[data-product='Golden-Delicious']").ClickAsync();
        await page.Locator("#outbox", new() { HasTextString = "1 answer waiting" }).WaitForAsync(new() { Timeout = 5_000 });
        Assert.False(await page.Locator("#prompt").IsVisibleAsync());
        Assert.Contains("\"event_id\":\"e1\"", await page.EvaluateAsync<string>(Outbox));
        await screen.ShotAsync("9-offline-answer-waiting.png");

        // Offline for two retry periods: nothing reached the server, nothing was lost.
        await Task.Delay(4500);
        Assert.Equal(0, counter.Count);
        Assert.Empty(Events.Lines(await Events.BasketAsync(http, "cart-a")));
        Assert.Contains("\"event_id\":\"e1\"", await page.EvaluateAsync<string>(Outbox));

        await screen.Context.SetOfflineAsync(false);
        await page.Locator("#status.live").WaitForAsync(new() { Timeout = 15_000 });
        await page.Locator("#basket-lines tr.line[data-product='Golden-Delicious']").WaitForAsync(new() { Timeout = 15_000 });
        await page.Locator("#outbox").WaitForAsync(new() { State = Microsoft.Playwright.WaitForSelectorState.Hidden, Timeout = 5_000 });

        // Settled for two more retry periods: one confirmation seen, one line, an empty outbox.
        await Task.Delay(4500);
        Assert.Equal(1, counter.Count);
        Assert.Equal(new Dictionary<string, int> { ["Golden-Delicious"] = 1 }, Events.Lines(await Events.BasketAsync(http, "cart-a")));
        Assert.Equal("[]", await page.EvaluateAsync<string>(Outbox));
    }

    [Fact]
    public async Task Confirm_ResponseLostAfterTheServerApplied_RetryIsAnsweredNotAppliedAgain()
    {
        var counter = new ConfirmCounter();
        await using var server = await fx.StartAsync(s => s.Services = x => x.AddSingleton<IStartupFilter>(counter));
        using var http = server.Client(ServerFixture.KeyA);
        await using var screen = await ScreenBrowser.OpenAsync(fx, server, 1280, 800);
        var page = screen.Page;
        await Events.PostAsync(http, "cart-a", Events.Body("e1", "add", null, fx.Frame(EscalationStageTests.AmbiguousApple)));
        var prompt = await screen.PromptAsync("e1");

        // The first confirmation reaches the server and is applied, but its response never reaches the page.
        var lost = 0;
        await page.RouteAsync("**/confirm", async route =>
        {
            if (Interlocked.Exchange(ref lost, 1) == 0)
            {
                await route.FetchAsync();
                await route.AbortAsync("connectionreset");
                return;
            }

            await route.ContinueAsync();
        });
        await prompt.Locator("button.choice[data-product='Golden-Delicious']").ClickAsync();
        await page.WaitForFunctionAsync("() => localStorage.getItem('basket-outbox:cart-a') === '[]'", null, new() { Timeout = 15_000 });

        Assert.Equal(2, counter.Count);
        Assert.Equal(new Dictionary<string, int> { ["Golden-Delicious"] = 1 }, Events.Lines(await Events.BasketAsync(http, "cart-a")));
        Assert.Equal("1", await page.Locator("#basket-lines tr.line[data-product='Golden-Delicious'] td.qty").InnerTextAsync());
    }
}
