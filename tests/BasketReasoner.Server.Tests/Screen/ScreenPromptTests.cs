using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using BasketReasoner.Server.Tests.Escalation;
using BasketReasoner.Server.Tests.Infrastructure;
using Microsoft.Playwright;

namespace BasketReasoner.Server.Tests.Screen;

/// <summary>
/// The prompt as a shopper meets it in Debian's chromium: one at a time in a panel beside the basket, tiles priced by
/// the API at touch size, a removal offering only the basket's lines, and "None of these" leading to a store picker.
/// </summary>
[Collection(ServerCollection.Name)]
public sealed class ScreenPromptTests(ServerFixture fx)
{
    private const double MinTouch = 48;

    [Fact]
    public async Task Prompt_PendingAddsBesideABasket_TilesCarryApiPricesAndWeightAtTouchSizeAndTheBasketStaysInView()
    {
        await using var server = await fx.StartAsync();
        using var http = server.Client(ServerFixture.KeyA);
        await using var screen = await ScreenBrowser.OpenAsync(fx, server, 1280, 800);
        var page = screen.Page;

        // At the default threshold the oatghurt waits for the shopper too; answered here, it seeds the basket.
        var seed = await Events.DecidedAsync(http, "cart-a", await Events.PostAsync(http, "cart-a", Events.Body("e1", "add", EscalationStageTests.OatghurtGrams,
            fx.Frame(EscalationStageTests.OatghurtFrame), fx.Frame(EscalationStageTests.OatghurtFrame3))));
        if (seed.GetProperty("status").GetString() == "pending_confirmation")
        {
            using var answered = await http.PostAsJsonAsync("/v1/carts/cart-a/confirm", new { event_id = "e1", product_id = "Oatly-Natural-Oatghurt" });
            answered.EnsureSuccessStatusCode();
        }

        await page.Locator("#basket-lines tr.line[data-product='Oatly-Natural-Oatghurt']").WaitForAsync(new() { Timeout = 15_000 });
        var ask = await ScreenBrowser.BoxAsync(page.Locator("#ask-button"));
        Assert.True(ask.Width >= MinTouch && ask.Height >= MinTouch, $"Ask is {ask.Width}x{ask.Height} px.");
        Assert.True(await page.Locator("#ask-input").EvaluateAsync<double>("e => e.getBoundingClientRect().height") >= MinTouch);

        var pending = await Events.PostAsync(http, "cart-a", Events.Body("e2", "add", 182.4, fx.Frame(EscalationStageTests.AmbiguousApple)));
        Assert.Equal("pending_confirmation", pending.GetProperty("status").GetString());
        await Events.PostAsync(http, "cart-a", Events.Body("e3", "add", null, fx.Frame(EscalationStageTests.AmbiguousApple2)));
        var prompt = await screen.PromptAsync("e2");

        // One prompt at a time, with the others counted.
        Assert.Equal("1 more waiting", await page.Locator("#prompt-waiting").InnerTextAsync());
        Assert.Contains("182 g", await page.Locator("#prompt-detail").InnerTextAsync());

        // Each tile shows the API's price for the candidate, formatted as the basket formats prices, at touch size.
        var candidates = pending.GetProperty("candidates").EnumerateArray().ToArray();
        Assert.Equal(candidates.Length, await prompt.Locator("button.choice").CountAsync());
        foreach (var c in candidates)
        {
            var id = c.GetProperty("product_id").GetString();
            var currency = c.GetProperty("currency").GetString()!;
            var tile = prompt.Locator($"button.choice[data-product='{id}']");
            Assert.Equal(ScreenBrowser.Money(c.GetProperty("price"), currency), await tile.Locator(".cprice").InnerTextAsync());
            var per = c.GetProperty("per").GetString() == "kilogram" ? ScreenBrowser.Money(c.GetProperty("list_price"), currency) + "/kg" : "each";
            Assert.Equal(per, await tile.Locator(".cper").InnerTextAsync());
            Assert.Contains(c.GetProperty("name").GetString()!, await tile.GetAttributeAsync("aria-label"));
            var box = await ScreenBrowser.BoxAsync(tile);
            Assert.True(box.Width >= MinTouch && box.Height >= MinTouch, $"Tile {id} is {box.Width}x{box.Height} px.");
        }

        var none = await ScreenBrowser.BoxAsync(page.Locator("#none"));
        Assert.True(none.Width >= MinTouch && none.Height >= MinTouch, $"None of these is {none.Width}x{none.Height} px.");

        // Type read at arm's length.
        Assert.True(await FontPxAsync(page.Locator("body")) >= 18);
        Assert.True(await FontPxAsync(prompt.Locator(".cprice").First) >= 22);
        Assert.True(await FontPxAsync(prompt.Locator(".cname").First) >= 20);
        Assert.True(await FontPxAsync(page.Locator("#basket-lines td.name").First) >= 20);

        // The basket table stays in view beside the prompt, not under it.
        await AssertBasketBesideThePromptAsync(page, 1280, 800);

        // The screen prints the API's prices for the basket line, not its own.
        var basket = await Events.BasketAsync(http, "cart-a");
        var line = basket.GetProperty("lines").EnumerateArray().Single();
        var cur = basket.GetProperty("currency").GetString()!;
        var row = page.Locator("#basket-lines tr.line[data-product='Oatly-Natural-Oatghurt']");
        Assert.Equal(ScreenBrowser.Money(line.GetProperty("unit_price"), cur), await row.Locator("td.unit").InnerTextAsync());
        Assert.Equal(ScreenBrowser.Money(line.GetProperty("line_total"), cur), await row.Locator("td.line-total").InnerTextAsync());
        Assert.Equal(ScreenBrowser.Money(basket.GetProperty("total"), cur), await page.Locator("#total").InnerTextAsync());
        await screen.ShotAsync("5-prompt-1280x800.png");

        // The smaller cart screen: still touch-sized, the prompt inside the screen, the basket's names in view.
        await page.SetViewportSizeAsync(800, 480);
        await AssertBasketBesideThePromptAsync(page, 800, 480);
        foreach (var tile in await prompt.Locator("button.choice").AllAsync())
        {
            var box = await ScreenBrowser.BoxAsync(tile);
            Assert.True(box.Width >= MinTouch && box.Height >= MinTouch, $"At 800x480 a tile is {box.Width}x{box.Height} px.");
        }

        Assert.True(await FontPxAsync(page.Locator("body")) >= 18);
        await screen.ShotAsync("6-prompt-800x480.png");

        // Answering the first shows the next.
        await prompt.Locator("button.choice[data-product='Golden-Delicious']").ClickAsync();
        await page.Locator("#prompt[data-event='e3']").WaitForAsync(new() { Timeout = 15_000 });
        Assert.False(await page.Locator("#prompt-waiting").IsVisibleAsync());
        await page.Locator("#basket-lines tr.line[data-product='Golden-Delicious']").WaitForAsync(new() { Timeout = 15_000 });
    }

    [Fact]
    public async Task Prompt_OpenBesideAFullBasketOfLongNames_EveryLineTotalStaysInView()
    {
        // A week's shop with the catalog's longest names (juice cartons whose pack names are longer still), loose produce
        // showing its grams and a line of several packs: with a prompt open each line's total must stay in view, beside
        // the prompt, while the shopper decides (it used to scroll out sideways at 1280x800).
        var log = SeededLog.Write(fx,
            ("s1", "Tropicana-Mandarin-Morning", 1070), ("s2", "God-Morgon-Orange-Red-Grapefruit-Juice", 1070), ("s3", "Alpro-Vanilla-Soyghurt", 775),
            ("s4", "Watermelon", 3050), ("s5", "Arla-Lactose-Medium-Fat-Milk", 1060), ("s6", "Arla-Lactose-Medium-Fat-Milk", 1060),
            ("s7", "Banana", 183), ("s8", "Arla-Natural-Mild-Low-Fat-Yoghurt", 1080));
        await using var server = await fx.StartAsync(logPath: log);
        using var http = server.Client(ServerFixture.KeyA);
        await using var screen = await ScreenBrowser.OpenAsync(fx, server, 1280, 800);
        var page = screen.Page;
        var basket = await Events.BasketAsync(http, "cart-a");
        var lines = basket.GetProperty("lines").GetArrayLength();
        Assert.Equal(7, lines);
        await page.Locator("#basket-lines tr.line").Nth(lines - 1).WaitForAsync(new() { Timeout = 15_000 });

        var pending = await Events.PostAsync(http, "cart-a", Events.Body("e1", "add", 182.4, fx.Frame(EscalationStageTests.AmbiguousApple)));
        Assert.Equal("pending_confirmation", pending.GetProperty("status").GetString());
        await screen.PromptAsync("e1");

        // 1280x800: every line's total in the viewport, beside the prompt, without scrolling, and the basket's total too.
        await AssertBasketBesideThePromptAsync(page, 1280, 800);
        await AssertEveryLineTotalInViewAsync(page, basket, 1280, 800, scroll: false);
        await screen.ShotAsync("5b-prompt-full-basket-1280x800.png");

        // 800x480: the basket scrolls up and down, never sideways, and each line's total is in view once scrolled to.
        await page.SetViewportSizeAsync(800, 480);
        await AssertBasketBesideThePromptAsync(page, 800, 480);
        await AssertEveryLineTotalInViewAsync(page, basket, 800, 480, scroll: true);
        await screen.ShotAsync("6b-prompt-full-basket-800x480.png");
    }

    [Fact]
    public async Task Prompt_UnsureRemoval_ListsOnlyTheBasketsLines()
    {
        await using var server = await fx.StartAsync(s => s.Overrides["Escalation:FusionAcceptThreshold"] = "0.75");
        using var http = server.Client(ServerFixture.KeyA);
        await using var screen = await ScreenBrowser.OpenAsync(fx, server, 1280, 800);
        var page = screen.Page;
        var seed = await Events.DecidedAsync(http, "cart-a", await Events.PostAsync(http, "cart-a", Events.Body("e1", "add", EscalationStageTests.OatghurtGrams,
            fx.Frame(EscalationStageTests.OatghurtFrame), fx.Frame(EscalationStageTests.OatghurtFrame3))));
        Assert.Equal("accepted", seed.GetProperty("status").GetString());

        // An apple frame leaving a basket that holds only the oatghurt: fusion itself thinks of apples and pears.
        var removal = await Events.PostAsync(http, "cart-a", Events.Body("e2", "remove", null, fx.Frame(EscalationStageTests.AmbiguousApple)));
        Assert.Equal("pending_confirmation", removal.GetProperty("status").GetString());
        var prompt = await screen.PromptAsync("e2");

        var tiles = await prompt.Locator("button.choice").EvaluateAllAsync<string[]>("bs => bs.map(b => b.dataset.product)");
        var lines = Events.Lines(await Events.BasketAsync(http, "cart-a")).Keys.Order().ToArray();
        Assert.Equal(lines, tiles.Order().ToArray());
        Assert.Equal(["Oatly-Natural-Oatghurt"], tiles);
        Assert.Equal("Which item did you take out?", await page.Locator("#prompt-title").InnerTextAsync());
        Assert.Equal("Nothing was taken out", await page.Locator("#none").InnerTextAsync());
        await screen.ShotAsync("7-removal-prompt.png");

        await prompt.Locator("button.choice").First.ClickAsync();
        await page.Locator("#basket-lines tr.line").WaitForAsync(new() { State = WaitForSelectorState.Detached, Timeout = 15_000 });
        Assert.Empty(Events.Lines(await Events.BasketAsync(http, "cart-a")));
    }

    [Fact]
    public async Task Prompt_WeighedRemoval_TilesAreTheLinesThatWeighThatBestFirstAndAnotherItemListsTheRest()
    {
        var log = SeededLog.Write(fx, ("s1", "Banana", 183), ("s2", "Watermelon", 3050), ("s3", "Arla-Standard-Milk", 1060), ("s4", "Golden-Delicious", 190));
        await using var server = await fx.StartAsync(s => s.Overrides["Escalation:FusionAcceptThreshold"] = "1", log);
        using var http = server.Client(ServerFixture.KeyA);
        await using var screen = await ScreenBrowser.OpenAsync(fx, server, 1280, 800);
        var page = screen.Page;
        await page.Locator("#basket-lines tr.line").Nth(3).WaitForAsync(new() { Timeout = 15_000 });

        // A kilo left the cart: the milk (1060 g going in) first, then a watermelon piece; the banana and the apple
        // cannot weigh that, so they are no tiles.
        var removal = await Events.PostAsync(http, "cart-a", Events.Body("r1", "remove", -1058, fx.Frame(EscalationStageTests.AmbiguousApple)));
        Assert.Equal("pending_confirmation", removal.GetProperty("status").GetString());
        var prompt = await screen.PromptAsync("r1");
        Assert.Equal(["Arla-Standard-Milk", "Watermelon"], await prompt.Locator("button.choice").EvaluateAllAsync<string[]>("bs => bs.map(b => b.dataset.product)"));
        Assert.Contains("1058 g", await page.Locator("#prompt-detail").InnerTextAsync(), StringComparison.Ordinal);
        Assert.Equal("Another item", await page.Locator("#other").InnerTextAsync());
        await screen.ShotAsync("7b-weighed-removal.png");

        // The other path: the basket's remaining lines, tappable; the server says why it refuses one.
        await page.ClickAsync("#other");
        Assert.Equal(["Banana", "Golden-Delicious"], (await page.Locator("#picks .pick").EvaluateAllAsync<string[]>("bs => bs.map(b => b.dataset.product)")).Order().ToArray());
        Assert.False(await page.Locator("#picker-search").IsVisibleAsync());
        Assert.Equal("Nothing was taken out", await page.Locator("#nothing").InnerTextAsync());
        var other = await ScreenBrowser.BoxAsync(page.Locator("#picks .pick").First);
        Assert.True(other.Width >= MinTouch && other.Height >= MinTouch, $"Another line is {other.Width}x{other.Height} px.");
        await page.ClickAsync("#picks .pick[data-product='Banana']");
        var error = page.Locator("#prompt[data-event='r1'] #prompt-error");
        await error.WaitForAsync(new() { Timeout = 15_000 });
        Assert.Contains("1058 g", await error.InnerTextAsync(), StringComparison.Ordinal);
        await screen.ShotAsync("7c-weighed-removal-other-line.png");

        // The prompt comes back with the reason beside the tiles (as after any refused answer): the milk goes.
        Assert.True(await prompt.Locator("button.choice").First.IsVisibleAsync());
        await prompt.Locator("button.choice[data-product='Arla-Standard-Milk']").ClickAsync();
        await page.Locator("#basket-lines tr.line[data-product='Arla-Standard-Milk']").WaitForAsync(new() { State = WaitForSelectorState.Detached, Timeout = 15_000 });
        Assert.Equal(new Dictionary<string, int> { ["Banana"] = 1, ["Watermelon"] = 1, ["Golden-Delicious"] = 1 }, Events.Lines(await Events.BasketAsync(http, "cart-a")));
    }

    [Fact]
    public async Task Prompt_AnswerTheScaleCannotWeigh_StaysOpenAndSaysWhy()
    {
        await using var server = await fx.StartAsync(s => s.Overrides["Escalation:FusionAcceptThreshold"] = "1");
        using var http = server.Client(ServerFixture.KeyA);
        await using var screen = await ScreenBrowser.OpenAsync(fx, server, 1280, 800);
        var page = screen.Page;
        // 20 g is no apple: the server refuses the tap (422) and the prompt must come back with its reason.
        var pending = await Events.PostAsync(http, "cart-a", Events.Body("e1", "add", 20, fx.Frame(EscalationStageTests.AmbiguousApple)));
        Assert.Equal("pending_confirmation", pending.GetProperty("status").GetString());
        var prompt = await screen.PromptAsync("e1");

        await prompt.Locator("button.choice[data-product='Golden-Delicious']").ClickAsync();

        var error = page.Locator("#prompt[data-event='e1'] #prompt-error");
        await error.WaitForAsync(new() { Timeout = 15_000 });
        Assert.Contains("20 g", await error.InnerTextAsync(), StringComparison.Ordinal);
        Assert.Equal("alert", await error.GetAttributeAsync("role"));
        Assert.True(await prompt.Locator("button.choice").First.IsVisibleAsync());
        Assert.Empty(Events.Lines(await Events.BasketAsync(http, "cart-a")));
        await screen.ShotAsync("9-answer-refused.png");

        // The shopper can still answer: nothing of these, nothing from the store.
        await page.ClickAsync("#none");
        await page.ClickAsync("#nothing");
        await page.Locator("#prompt").WaitForAsync(new() { State = WaitForSelectorState.Hidden, Timeout = 15_000 });
        // The tap leaves through the screen's outbox: the prompt closes at once, the server has it a moment later.
        var waited = System.Diagnostics.Stopwatch.StartNew();
        while ((await Events.BasketAsync(http, "cart-a")).GetProperty("pending").GetArrayLength() > 0 && waited.Elapsed < TimeSpan.FromSeconds(15))
        {
            await Task.Delay(100);
        }

        Assert.Equal(0, (await Events.BasketAsync(http, "cart-a")).GetProperty("pending").GetArrayLength());

        // The item is in the cart but on no bill: the screen says so rather than let it pass unseen.
        var unbilled = page.Locator("#unbilled");
        await unbilled.WaitForAsync(new() { Timeout = 15_000 });
        Assert.Contains("not on your bill (20 g)", await unbilled.InnerTextAsync(), StringComparison.Ordinal);
        await screen.ShotAsync("9b-unbilled-item.png");
    }

    [Fact]
    public async Task Prompt_AddTheScaleSawNoChange_OffersNothingWasAddedAndEveryTileCanBeConfirmed()
    {
        await using var server = await fx.StartAsync();
        using var http = server.Client(ServerFixture.KeyA);
        await using var screen = await ScreenBrowser.OpenAsync(fx, server, 1280, 800);
        var page = screen.Page;

        // The second item of a quick double add: the first frame took the scale's whole step, this one is "no change".
        // Every tile it shows used to be refused (422: "0 g, too little for ..."), so the item could only be left off.
        var pending = await Events.PostAsync(http, "cart-a", Events.Body("e1", "add", 0, fx.Frame(EscalationStageTests.AmbiguousApple)));
        Assert.Equal("pending_confirmation", pending.GetProperty("status").GetString());
        var prompt = await screen.PromptAsync("e1");
        Assert.Equal("Did you put an item in?", await page.Locator("#prompt-title").InnerTextAsync());
        Assert.StartsWith("The scale measured no change.", await page.Locator("#prompt-detail").InnerTextAsync(), StringComparison.Ordinal);
        Assert.Equal("Nothing was added", await page.Locator("#none").InnerTextAsync());
        Assert.Equal("Another item", await page.Locator("#other").InnerTextAsync());
        var other = await ScreenBrowser.BoxAsync(page.Locator("#other"));
        Assert.True(other.Width >= MinTouch && other.Height >= MinTouch, $"Another item is {other.Width}x{other.Height} px.");
        await screen.ShotAsync("10-no-change-add.png");

        // Every tile shown can be confirmed: the server takes each one (one answer per event, so a 0 g event per tile).
        var tiles = Events.Tiles(pending);
        Assert.True(tiles.Length >= 2);
        for (var i = 1; i < tiles.Length; i++)
        {
            Assert.Equal("pending_confirmation", (await Events.PostAsync(http, "cart-a", Events.Body($"z{i}", "add", 0, fx.Frame(EscalationStageTests.AmbiguousApple)))).GetProperty("status").GetString());
            var (status, body) = await Events.ConfirmAsync(http, $"z{i}", tiles[i]);
            Assert.True(status == HttpStatusCode.OK, $"Tile {tiles[i]} of a 0 g add: {(int)status} {body}");
        }

        // The tap on the screen: the item goes on the bill at a typical piece, said to be an estimate; nothing refused.
        await prompt.Locator("button.choice[data-product='Golden-Delicious']").ClickAsync();
        var row = page.Locator("#basket-lines tr.line[data-product='Golden-Delicious']");
        await row.WaitForAsync(new() { Timeout = 15_000 });
        Assert.EndsWith("g (est.)", await row.Locator(".name").InnerTextAsync(), StringComparison.Ordinal);
        Assert.False(await page.Locator("#prompt-error").IsVisibleAsync());
        var basket = await Events.BasketAsync(http, "cart-a");
        Assert.Equal(tiles.Length, Events.Lines(basket).Count);
        Assert.Equal(0, basket.GetProperty("pending").GetArrayLength());

        // The same apple seen again: its tile says it is already in the basket, and "Nothing was added" bills nothing
        // and leaves nothing unbilled.
        await Events.PostAsync(http, "cart-a", Events.Body("e2", "add", 0, fx.Frame(EscalationStageTests.AmbiguousApple2)));
        prompt = await screen.PromptAsync("e2");
        Assert.Equal("In your basket: 1", await prompt.Locator("button.choice[data-product='Golden-Delicious'] .cin").InnerTextAsync());
        await screen.ShotAsync("10b-no-change-add-seen-again.png");
        await page.ClickAsync("#none");
        await page.Locator("#prompt").WaitForAsync(new() { State = WaitForSelectorState.Hidden, Timeout = 15_000 });
        var after = await Events.BasketAsync(http, "cart-a");
        Assert.Equal(Events.Lines(basket), Events.Lines(after));
        Assert.Equal(basket.GetProperty("total").GetDecimal(), after.GetProperty("total").GetDecimal());
        Assert.Empty(after.GetProperty("unbilled").EnumerateArray());
        Assert.False(await page.Locator("#unbilled").IsVisibleAsync());

        // "Another item" still opens the store picker for an item the tiles lack.
        await Events.PostAsync(http, "cart-a", Events.Body("e3", "add", 0, fx.Frame(EscalationStageTests.AmbiguousApple)));
        await screen.PromptAsync("e3");
        await page.ClickAsync("#other");
        await page.FillAsync("#picker-q", "oatghurt");
        await page.ClickAsync("#picker-go");
        var pick = page.Locator("#picks .pick[data-product='Oatly-Natural-Oatghurt']").First;
        await pick.WaitForAsync(new() { Timeout = 15_000 });
        await pick.ClickAsync();
        await page.Locator("#basket-lines tr.line[data-product='Oatly-Natural-Oatghurt']").WaitForAsync(new() { Timeout = 15_000 });
    }

    [Fact]
    public async Task Prompt_NoneOfTheseThenSearch_PutsThePickedProductInTheBasket()
    {
        await using var server = await fx.StartAsync();
        using var http = server.Client(ServerFixture.KeyA);
        await using var screen = await ScreenBrowser.OpenAsync(fx, server, 1280, 800);
        var page = screen.Page;
        var pending = await Events.PostAsync(http, "cart-a", Events.Body("e1", "add", null, fx.Frame(EscalationStageTests.AmbiguousApple)));
        Assert.DoesNotContain(pending.GetProperty("candidates").EnumerateArray(), c => c.GetProperty("product_id").GetString() == "Oatly-Natural-Oatghurt");
        await screen.PromptAsync("e1");

        await page.ClickAsync("#none");
        await page.Locator("#picker").WaitForAsync(new() { Timeout = 5_000 });
        Assert.Equal("Search the store", await page.Locator("label[for='picker-q']").InnerTextAsync());

        // Browse: a category lists that category's products only.
        var milk = page.Locator("#categories button[data-category='Milk']");
        await milk.WaitForAsync(new() { Timeout = 15_000 });
        await milk.ScrollIntoViewIfNeededAsync();
        var chip = await ScreenBrowser.BoxAsync(milk);
        Assert.True(chip.Height >= MinTouch && chip.Width >= MinTouch, $"A category is {chip.Width}x{chip.Height} px.");
        await milk.ClickAsync();
        await page.WaitForFunctionAsync("() => [...document.querySelectorAll('#picks .pick')].length > 0 && [...document.querySelectorAll('#picks .pcat')].every(c => c.textContent === 'Milk')");
        Assert.Equal("true", await milk.GetAttributeAsync("aria-pressed"));

        // Search over the whole store.
        await page.Locator("#categories button[data-category='']").ClickAsync();
        await page.FillAsync("#picker-q", "oatghurt");
        await page.ClickAsync("#picker-go");
        // The search's best match comes first (the whole store, by name, would not start with it).
        var pick = page.Locator("#picks li:first-child .pick[data-product='Oatly-Natural-Oatghurt']");
        await pick.WaitForAsync(new() { Timeout = 15_000 });
        var box = await ScreenBrowser.BoxAsync(pick);
        Assert.True(box.Height >= MinTouch && box.Width >= MinTouch, $"A picker item is {box.Width}x{box.Height} px.");
        var listed = await http.GetFromJsonAsync<JsonElement>("/v1/products?q=oatghurt");
        var product = listed.GetProperty("products").EnumerateArray().First(p => p.GetProperty("product_id").GetString() == "Oatly-Natural-Oatghurt");
        Assert.StartsWith(ScreenBrowser.Money(product.GetProperty("price"), product.GetProperty("currency").GetString()!), await pick.Locator(".pprice").InnerTextAsync());
        await screen.ShotAsync("8-picker-search.png");

        await pick.ClickAsync();
        await page.Locator("#basket-lines tr.line[data-product='Oatly-Natural-Oatghurt']").WaitForAsync(new() { Timeout = 15_000 });
        Assert.False(await page.Locator("#prompt").IsVisibleAsync());
        var basket = await Events.BasketAsync(http, "cart-a");
        Assert.Equal(new Dictionary<string, int> { ["Oatly-Natural-Oatghurt"] = 1 }, Events.Lines(basket));
        Assert.Equal(0, basket.GetProperty("pending").GetArrayLength());
    }

    private static Task<double> FontPxAsync(ILocator locator) =>
        locator.EvaluateAsync<double>("e => parseFloat(getComputedStyle(e).fontSize)");

    /// <summary>
    /// Each basket line's total cell (and the basket's total) lies inside the viewport, left of the prompt, uncovered,
    /// and prints the API's amount; with <paramref name="scroll"/> each line is scrolled to first (the small screen).
    /// </summary>
    private static async Task AssertEveryLineTotalInViewAsync(IPage page, JsonElement basket, int width, int height, bool scroll)
    {
        var prompt = await ScreenBrowser.BoxAsync(page.Locator("#prompt"));
        var cur = basket.GetProperty("currency").GetString()!;
        foreach (var line in basket.GetProperty("lines").EnumerateArray())
        {
            var id = line.GetProperty("product_id").GetString();
            var cell = page.Locator($"#basket-lines tr.line[data-product='{id}'] td.line-total");
            if (scroll)
            {
                await cell.ScrollIntoViewIfNeededAsync();
            }

            var box = await ScreenBrowser.BoxAsync(cell);
            Assert.True(box.X >= 0 && box.Y >= 0 && box.X + box.Width <= Math.Min(width, prompt.X) + 0.5 && box.Y + box.Height <= height + 0.5,
                $"The total of {id} is at ({box.X}, {box.Y}) {box.Width}x{box.Height}, not in view beside the prompt (x {prompt.X}) at {width}x{height}.");
            var seen = await cell.EvaluateAsync<bool>(
                "td => { const r = td.getBoundingClientRect(); return document.elementFromPoint(r.x + r.width / 2, r.y + r.height / 2) === td; }");
            Assert.True(seen, $"The total of {id} is covered at {width}x{height}.");
            Assert.Equal(ScreenBrowser.Money(line.GetProperty("line_total"), cur), await cell.InnerTextAsync());
        }

        var total = await ScreenBrowser.BoxAsync(page.Locator("#total"));
        Assert.True(total.X + total.Width <= prompt.X + 0.5 && total.Y + total.Height <= height + 0.5, $"The basket's total is out of view at {width}x{height}.");
    }

    private static async Task AssertBasketBesideThePromptAsync(IPage page, int width, int height)
    {
        var prompt = await ScreenBrowser.BoxAsync(page.Locator("#prompt"));
        Assert.True(prompt.X >= 0 && prompt.X + prompt.Width <= width + 0.5 && prompt.Y + prompt.Height <= height + 0.5, $"The prompt is outside {width}x{height}.");
        var name = await ScreenBrowser.BoxAsync(page.Locator("#basket-lines td.name").First);
        var total = await ScreenBrowser.BoxAsync(page.Locator("#basket-lines td.line-total").First);
        Assert.True(total.X + total.Width <= prompt.X && name.Y + name.Height <= height, $"The basket's line is under the prompt at {width}x{height}.");
        // ...and inside the basket's own scroll area, not past its right edge behind a horizontal scrollbar.
        var area = await ScreenBrowser.BoxAsync(page.Locator("#basket-panel .table-scroll"));
        Assert.True(total.X + total.Width <= area.X + area.Width + 0.5, $"The line total ends at {total.X + total.Width} px, past the basket's edge at {area.X + area.Width} px ({width}x{height}).");
        Assert.False(await page.Locator("#basket-panel .table-scroll").EvaluateAsync<bool>("e => e.scrollWidth > e.clientWidth + 1"), $"The basket scrolls sideways at {width}x{height}.");
        var hit = await page.Locator("#basket-lines td.name").First.EvaluateAsync<bool>(
            "td => { const r = td.getBoundingClientRect(); return !!document.elementFromPoint(r.x + r.width / 2, r.y + r.height / 2)?.closest('#basket'); }");
        Assert.True(hit, $"The basket's first line is covered at {width}x{height}.");
    }
}
