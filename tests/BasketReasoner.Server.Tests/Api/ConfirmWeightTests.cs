using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using BasketReasoner.Server.Hosting;
using BasketReasoner.Server.Tests.Infrastructure;

namespace BasketReasoner.Server.Tests.Api;

/// <summary>
/// A shopper's answer is checked against what the scale measured: a product that cannot weigh that is refused (422,
/// naming both weights) and the event stays pending for another answer; nothing is charged or credited. Real servers
/// on loopback, real dataset frames; fusion accepts nothing (threshold 1), so every event asks the shopper.
/// </summary>
[Collection(ServerCollection.Name)]
public sealed class ConfirmWeightTests(ServerFixture fx)
{
    private const string BananaFrame = "test/Fruit/Banana/Banana_001.jpg";
    private const string MilkFrame = "test/Packages/Milk/Arla-Standard-Milk/Arla-Standard-Milk_002.jpg";
    private const string Milk = "Arla-Standard-Milk";

    [Fact]
    public async Task Confirm_AddAtAMilkWeightAnsweredGarlic_422WithBothWeightsAndTheEventStaysPending()
    {
        await using var server = await fx.StartAsync(AsksAlways);
        using var http = server.Client(ServerFixture.KeyA);
        var pending = await Events.DecidedAsync(http, "cart-a", await Events.PostAsync(http, "cart-a", Events.Body("e1", "add", 1062, fx.Frame(MilkFrame))));
        Assert.Equal("pending_confirmation", pending.GetProperty("status").GetString());

        // From the picker: any store product may answer an add, but 50 g garlic cannot weigh 1062 g.
        var (status, problem) = await ConfirmAsync(http, "e1", "Garlic");

        Assert.Equal(HttpStatusCode.UnprocessableEntity, status);
        var detail = problem.GetProperty("detail").GetString()!;
        Assert.Contains("1062 g", detail, StringComparison.Ordinal);
        Assert.Contains("50 g", detail, StringComparison.Ordinal);
        Assert.Equal((1062.0, 50.0), (problem.GetProperty("measured_grams").GetDouble(), problem.GetProperty("unit_grams").GetDouble()));
        var basket = await Events.BasketAsync(http, "cart-a");
        Assert.Empty(basket.GetProperty("lines").EnumerateArray());
        Assert.Equal("e1", Assert.Single(basket.GetProperty("pending").EnumerateArray()).GetProperty("event_id").GetString());

        // The shopper picks again: the product that weighs that is taken.
        var (again, answer) = await ConfirmAsync(http, "e1", Milk);
        Assert.Equal(HttpStatusCode.OK, again);
        Assert.Equal(Milk, answer.GetProperty("applied_product_id").GetString());
        Assert.Equal(new Dictionary<string, int> { [Milk] = 1 }, Events.Lines(await Events.BasketAsync(http, "cart-a")));
    }

    [Fact]
    public async Task Confirm_RemovalAtABananasWeightAnsweredWatermelonOrMilk_422AndNothingCredited()
    {
        var log = SeededLog.Write(fx, ("s1", "Watermelon", 3000), ("s2", Milk, 1060));
        await using var server = await fx.StartAsync(AsksAlways, log);
        using var http = server.Client(ServerFixture.KeyA);
        var before = await Events.BasketAsync(http, "cart-a");
        var removal = await Events.DecidedAsync(http, "cart-a", await Events.PostAsync(http, "cart-a", Events.Body("r1", "remove", -175, fx.Frame(BananaFrame))));
        Assert.Equal("pending_confirmation", removal.GetProperty("status").GetString());

        foreach (var product in new[] { "Watermelon", Milk })
        {
            var (status, problem) = await ConfirmAsync(http, "r1", product);
            Assert.Equal(HttpStatusCode.UnprocessableEntity, status);
            Assert.Contains("175 g", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
        }

        var after = await Events.BasketAsync(http, "cart-a");
        Assert.Equal(before.GetProperty("total").GetDecimal(), after.GetProperty("total").GetDecimal());
        Assert.Equal(Events.Lines(before), Events.Lines(after));
        Assert.Single(after.GetProperty("pending").EnumerateArray());
        var (nothing, _) = await ConfirmAsync(http, "r1", null);
        Assert.Equal(HttpStatusCode.OK, nothing);
    }

    [Fact]
    public async Task Removal_SettledWeight_TilesAreTheLinesItFitsBestExplainedFirst()
    {
        // Four lines; the scale says how much left. The tiles were every line in fusion's order whatever the weight, so a
        // kilo taken out offered the banana first, whose tap the scale then refused (422).
        var log = SeededLog.Write(fx, ("s1", "Banana", 183), ("s2", "Watermelon", 3050), ("s3", Milk, 1060), ("s4", "Golden-Delicious", 190));
        await using var server = await fx.StartAsync(AsksAlways, log);
        using var http = server.Client(ServerFixture.KeyA);

        // A kilo: the milk that went in at 1060 g explains it; a watermelon piece could weigh that; no banana or apple does.
        var kilo = await Events.DecidedAsync(http, "cart-a", await Events.PostAsync(http, "cart-a", Events.Body("r1", "remove", -1058, fx.Frame(BananaFrame))));
        Assert.Equal("pending_confirmation", kilo.GetProperty("status").GetString());
        Assert.Equal([Milk, "Watermelon"], Events.Tiles(kilo));
        // The lines left out are the ones the scale refuses: the tiles offer only answers that can succeed.
        Assert.Equal(HttpStatusCode.UnprocessableEntity, (await ConfirmAsync(http, "r1", "Banana")).Status);
        Assert.Equal(HttpStatusCode.OK, (await ConfirmAsync(http, "r1", Milk)).Status);

        // 186 g: the banana (183 g going in) and the apple (190 g) both fit, the nearer first; the watermelon cannot.
        var piece = await Events.DecidedAsync(http, "cart-a", await Events.PostAsync(http, "cart-a", Events.Body("r2", "remove", -186, fx.Frame(BananaFrame))));
        Assert.Equal(["Banana", "Golden-Delicious"], Events.Tiles(piece));

        // No settled weight, or one that says "no change": nothing to order by, every line the basket holds is a tile,
        // and any of them can be confirmed (a 0 g removal used to refuse every one).
        var unsettled = await Events.DecidedAsync(http, "cart-a", await Events.PostAsync(http, "cart-a", Events.Body("r3", "remove", null, fx.Frame(BananaFrame))));
        Assert.Equal(["Banana", "Golden-Delicious", "Watermelon"], Events.Tiles(unsettled).Order().ToArray());
        var still = await Events.DecidedAsync(http, "cart-a", await Events.PostAsync(http, "cart-a", Events.Body("r4", "remove", 0, fx.Frame(BananaFrame))));
        Assert.Equal(["Banana", "Golden-Delicious", "Watermelon"], Events.Tiles(still).Order().ToArray());
        Assert.Equal(HttpStatusCode.OK, (await ConfirmAsync(http, "r4", "Watermelon")).Status);
        Assert.Equal(new Dictionary<string, int> { ["Banana"] = 1, ["Golden-Delicious"] = 1 }, Events.Lines(await Events.BasketAsync(http, "cart-a")));

        // Nothing in the basket weighs 3 kg now: no tile (none could be confirmed); the other lines stay answerable,
        // with the scale's reason when it refuses, and "nothing was taken out" closes it.
        var heavy = await Events.DecidedAsync(http, "cart-a", await Events.PostAsync(http, "cart-a", Events.Body("r5", "remove", -3000, fx.Frame(BananaFrame))));
        Assert.Empty(Events.Tiles(heavy));
        var (refused, problem) = await ConfirmAsync(http, "r5", "Banana");
        Assert.Equal(HttpStatusCode.UnprocessableEntity, refused);
        Assert.Contains("3000 g", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, (await ConfirmAsync(http, "r5", null)).Status);
    }

    [Fact]
    public async Task Confirm_RemovalOfThreeKilosAnsweredBanana_422()
    {
        var log = SeededLog.Write(fx, ("s1", "Banana", 183), ("s2", "Watermelon", 3050));
        await using var server = await fx.StartAsync(AsksAlways, log);
        using var http = server.Client(ServerFixture.KeyA);
        await Events.DecidedAsync(http, "cart-a", await Events.PostAsync(http, "cart-a", Events.Body("r1", "remove", -3050, fx.Frame(BananaFrame))));

        var (status, problem) = await ConfirmAsync(http, "r1", "Banana");

        Assert.Equal(HttpStatusCode.UnprocessableEntity, status);
        Assert.Contains("3050 g", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.Equal(new Dictionary<string, int> { ["Banana"] = 1, ["Watermelon"] = 1 }, Events.Lines(await Events.BasketAsync(http, "cart-a")));
        var (watermelon, _) = await ConfirmAsync(http, "r1", "Watermelon");
        Assert.Equal(HttpStatusCode.OK, watermelon);
        Assert.Equal(new Dictionary<string, int> { ["Banana"] = 1 }, Events.Lines(await Events.BasketAsync(http, "cart-a")));
    }

    [Fact]
    public async Task Confirm_RemovalWeighingWhatAnOddUnitWeighedGoingIn_TakesThatUnitOut()
    {
        // A banana line whose unit went in at 1200 g (fusion accepted it before this rule: far over the band). Whatever
        // the scale saw go in can come back out, or the line could never leave the basket.
        var log = SeededLog.Write(fx, ("s1", "Banana", 1200), ("s2", Milk, 1060));
        await using var server = await fx.StartAsync(AsksAlways, log);
        using var http = server.Client(ServerFixture.KeyA);
        await Events.DecidedAsync(http, "cart-a", await Events.PostAsync(http, "cart-a", Events.Body("r1", "remove", -1195, fx.Frame(BananaFrame))));

        var (status, answer) = await ConfirmAsync(http, "r1", "Banana");

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal("Banana", answer.GetProperty("applied_product_id").GetString());
        Assert.Equal(new Dictionary<string, int> { [Milk] = 1 }, Events.Lines(await Events.BasketAsync(http, "cart-a")));
    }

    [Fact]
    public async Task Confirm_AddAnsweredNoneAfterA422_ItemShownUnbilledUntilItComesBackOut()
    {
        // The dead end of a true product whose weight does not fit: the shopper answers "none of these" (the screen's
        // "Not in the store"). The item is in the cart but not on the bill: the basket says so, also after a restart,
        // until a removal that takes nothing off the bill weighs what it weighed.
        var log = fx.NewLogPath();
        await using (var server = await fx.StartAsync(AsksAlways, log))
        {
            using var http = server.Client(ServerFixture.KeyA);
            await Events.DecidedAsync(http, "cart-a", await Events.PostAsync(http, "cart-a", Events.Body("e1", "add", 1062, fx.Frame(MilkFrame))));
            Assert.Equal(HttpStatusCode.UnprocessableEntity, (await ConfirmAsync(http, "e1", "Garlic")).Status);

            var (status, _) = await ConfirmAsync(http, "e1", null);

            Assert.Equal(HttpStatusCode.OK, status);
            var basket = await Events.BasketAsync(http, "cart-a");
            Assert.Empty(basket.GetProperty("lines").EnumerateArray());
            Assert.Empty(basket.GetProperty("pending").EnumerateArray());
            var unbilled = Assert.Single(basket.GetProperty("unbilled").EnumerateArray());
            Assert.Equal(("e1", 1062.0), (unbilled.GetProperty("event_id").GetString(), unbilled.GetProperty("grams").GetDouble()));
        }

        await using (var restarted = await fx.StartAsync(AsksAlways, log))
        {
            using var http = restarted.Client(ServerFixture.KeyA);
            Assert.Single((await Events.BasketAsync(http, "cart-a")).GetProperty("unbilled").EnumerateArray());

            // Something of another weight comes out (the basket is empty, so nobody is asked): the unbilled item stays.
            await Events.DecidedAsync(http, "cart-a", await Events.PostAsync(http, "cart-a", Events.Body("r1", "remove", -175, fx.Frame(BananaFrame))));
            Assert.Single((await Events.BasketAsync(http, "cart-a")).GetProperty("unbilled").EnumerateArray());

            // The item itself comes back out.
            await Events.DecidedAsync(http, "cart-a", await Events.PostAsync(http, "cart-a", Events.Body("r2", "remove", -1058, fx.Frame(MilkFrame))));
            Assert.Empty((await Events.BasketAsync(http, "cart-a")).GetProperty("unbilled").EnumerateArray());
        }
    }

    [Fact]
    public async Task Confirm_AddWeighingFiveCartons_FiveUnitsChargedAndTheTileSaidSo()
    {
        var log = fx.NewLogPath();
        await using (var server = await fx.StartAsync(AsksAlways, log))
        {
            using var http = server.Client(ServerFixture.KeyA);
            var pending = await Events.DecidedAsync(http, "cart-a", await Events.PostAsync(http, "cart-a", Events.Body("e1", "add", 5300, fx.Frame(MilkFrame))));
            var tile = pending.GetProperty("candidates").EnumerateArray().Single(c => c.GetProperty("product_id").GetString() == Milk);
            Assert.Equal((5, 79.50m), (tile.GetProperty("quantity").GetInt32(), tile.GetProperty("price").GetDecimal()));

            var (status, answer) = await ConfirmAsync(http, "e1", Milk);

            Assert.Equal(HttpStatusCode.OK, status);
            Assert.Equal(5, answer.GetProperty("quantity").GetInt32());
            var basket = await Events.BasketAsync(http, "cart-a");
            Assert.Equal(new Dictionary<string, int> { [Milk] = 5 }, Events.Lines(basket));
            Assert.Equal(79.50m, basket.GetProperty("total").GetDecimal());

            // Two of them come back out together: two units leave, and the tile credits both.
            var removal = await Events.DecidedAsync(http, "cart-a", await Events.PostAsync(http, "cart-a", Events.Body("r1", "remove", -2115, fx.Frame(MilkFrame))));
            var credit = removal.GetProperty("candidates").EnumerateArray().Single(c => c.GetProperty("product_id").GetString() == Milk);
            Assert.Equal((2, 31.80m), (credit.GetProperty("quantity").GetInt32(), credit.GetProperty("price").GetDecimal()));
            Assert.Equal(HttpStatusCode.OK, (await ConfirmAsync(http, "r1", Milk)).Status);
            Assert.Equal(new Dictionary<string, int> { [Milk] = 3 }, Events.Lines(await Events.BasketAsync(http, "cart-a")));
        }

        // The log replays the same quantities.
        await using var restarted = await fx.StartAsync(AsksAlways, log);
        using var again = restarted.Client(ServerFixture.KeyA);
        Assert.Equal(new Dictionary<string, int> { [Milk] = 3 }, Events.Lines(await Events.BasketAsync(again, "cart-a")));
    }

    [Fact]
    public async Task Events_DecidedWithoutTheShopperAtSeveralPacksWeight_ThatManyUnitsMove()
    {
        // Fusion accepts everything here: four cartons in, then three out, each decided without the shopper.
        var log = fx.NewLogPath();
        await using (var server = await fx.StartAsync(s => s.Overrides["Escalation:FusionAcceptThreshold"] = "0", log))
        {
            using var http = server.Client(ServerFixture.KeyA);
            var added = await Events.DecidedAsync(http, "cart-a", await Events.PostAsync(http, "cart-a", Events.Body("e1", "add", 4240, fx.Frame(MilkFrame))));
            Assert.Equal(("accepted", 4), (added.GetProperty("status").GetString(), added.GetProperty("quantity").GetInt32()));
            Assert.Equal(new Dictionary<string, int> { [Milk] = 4 }, Events.Lines(await Events.BasketAsync(http, "cart-a")));

            var removed = await Events.DecidedAsync(http, "cart-a", await Events.PostAsync(http, "cart-a", Events.Body("r1", "remove", -3180, fx.Frame(MilkFrame))));
            Assert.Equal(("accepted", 3), (removed.GetProperty("status").GetString(), removed.GetProperty("quantity").GetInt32()));
            Assert.Equal(new Dictionary<string, int> { [Milk] = 1 }, Events.Lines(await Events.BasketAsync(http, "cart-a")));
        }

        await using var restarted = await fx.StartAsync(logPath: log);
        using var again = restarted.Client(ServerFixture.KeyA);
        Assert.Equal(new Dictionary<string, int> { [Milk] = 1 }, Events.Lines(await Events.BasketAsync(again, "cart-a")));
    }

    private static void AsksAlways(CartServerSettings s) => s.Overrides["Escalation:FusionAcceptThreshold"] = "1";

    private static async Task<(HttpStatusCode Status, JsonElement Body)> ConfirmAsync(HttpClient http, string eventId, string? productId)
    {
        using var response = await http.PostAsJsonAsync("/v1/carts/cart-a/confirm", new { event_id = eventId, product_id = productId });
        var text = await response.Content.ReadAsStringAsync();
        if (!response.IsSuccessStatusCode)
        {
            Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        }

        return (response.StatusCode, JsonDocument.Parse(text).RootElement.Clone());
    }
}
