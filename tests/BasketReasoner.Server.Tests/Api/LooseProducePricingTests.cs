using System.Net.Http.Json;
using System.Text.Json;
using BasketReasoner.Server.Tests.Escalation;
using BasketReasoner.Server.Tests.Infrastructure;

namespace BasketReasoner.Server.Tests.Api;

/// <summary>Loose produce on the cart API is charged by what the scale measured, as the receipt charges it.</summary>
[Collection(ServerCollection.Name)]
public sealed class LooseProducePricingTests(ServerFixture fx)
{
    private const string Apple = "Granny-Smith";

    [Fact]
    public async Task Basket_LooseProduceWeighed_ChargesPricePerKgTimesTheMeasuredGrams()
    {
        var log = fx.NewLogPath();
        string before;
        await using (var server = await fx.StartAsync(logPath: log))
        {
            using var http = server.Client(ServerFixture.KeyA);
            await AddAppleAsync(http, "e1", 243.7);

            var line = Line(await Events.BasketAsync(http, "cart-a"));
            Assert.Equal("kilogram", line.GetProperty("per").GetString());
            Assert.Equal(243.7, line.GetProperty("grams").GetDouble(), 6);
            Assert.False(line.GetProperty("grams_estimated").GetBoolean());
            var perKg = line.GetProperty("unit_price").GetDecimal();
            Assert.Equal(Math.Round(perKg * 243.7m / 1000m, 2, MidpointRounding.AwayFromZero), line.GetProperty("line_total").GetDecimal());

            // A second apple whose weight never settled is charged at the catalog's typical weight, and says so.
            await AddAppleAsync(http, "e2", null);
            var basket = await Events.BasketAsync(http, "cart-a");
            line = Line(basket);
            Assert.Equal(2, line.GetProperty("qty").GetInt32());
            Assert.True(line.GetProperty("grams").GetDouble() > 243.7);
            Assert.True(line.GetProperty("grams_estimated").GetBoolean());
            Assert.Equal(line.GetProperty("line_total").GetDecimal(), basket.GetProperty("total").GetDecimal());
            before = basket.GetRawText();
        }

        // Replay from the log prices the same basket the same way.
        await using (var restarted = await fx.StartAsync(logPath: log))
        {
            using var http = restarted.Client(ServerFixture.KeyA);
            Assert.Equal(before, (await Events.BasketAsync(http, "cart-a")).GetRawText());
        }
    }

    [Fact]
    public async Task Events_LooseProduceWeighed_TilesPriceTheMeasuredWeight()
    {
        await using var server = await fx.StartAsync();
        using var http = server.Client(ServerFixture.KeyA);

        var pending = await Events.PostAsync(http, "cart-a", Events.Body("e1", "add", 243.7, fx.Frame(EscalationStageTests.AmbiguousApple)));

        Assert.Equal("pending_confirmation", pending.GetProperty("status").GetString());
        var loose = pending.GetProperty("candidates").EnumerateArray().Where(c => c.GetProperty("per").GetString() == "kilogram").ToArray();
        Assert.NotEmpty(loose);
        Assert.All(loose, c => Assert.Equal(
            Math.Round(c.GetProperty("list_price").GetDecimal() * 243.7m / 1000m, 2, MidpointRounding.AwayFromZero),
            c.GetProperty("price").GetDecimal()));
    }

    [Fact]
    public async Task Confirm_ImplausiblyLightWeighing_RefusedAndNothingCharged()
    {
        await using var server = await fx.StartAsync();
        using var http = server.Client(ServerFixture.KeyA);

        // 20 g is under a fifth of an apple (and apples are not sold cut): the answer cannot be what the scale weighed,
        // so it is refused rather than charged at a weight the scale never saw.
        var pending = await Events.PostAsync(http, "cart-a", Events.Body("e1", "add", 20, fx.Frame(EscalationStageTests.AmbiguousApple)));
        Assert.Equal("pending_confirmation", pending.GetProperty("status").GetString());
        using var confirm = await http.PostAsJsonAsync("/v1/carts/cart-a/confirm", new { event_id = "e1", product_id = Apple });

        Assert.Equal(System.Net.HttpStatusCode.UnprocessableEntity, confirm.StatusCode);
        var basket = await Events.BasketAsync(http, "cart-a");
        Assert.Empty(basket.GetProperty("lines").EnumerateArray());
        Assert.Single(basket.GetProperty("pending").EnumerateArray());
    }

    [Fact]
    public async Task PostEvent_RemovalTileOfALineWhoseUnitsRoundUpAlone_PriceIsWhatTheTotalLoses()
    {
        // Two bananas of 174.95 g: one alone is 5.056 -> 5.06, the line of two 10.112 -> 10.11, so one leaving takes
        // 5.05 off the total. The tile must say 5.05 (it said 5.06, pricing the unit alone).
        var log = SeededLog.Write(fx, ("s1", "Banana", 174.95), ("s2", "Banana", 174.95), ("s3", "Arla-Standard-Milk", 1060));
        await using var server = await fx.StartAsync(s => s.Overrides["Escalation:FusionAcceptThreshold"] = "1", log);
        using var http = server.Client(ServerFixture.KeyA);
        var before = (await Events.BasketAsync(http, "cart-a")).GetProperty("total").GetDecimal();

        var removal = await Events.PostAsync(http, "cart-a", Events.Body("r1", "remove", -174.95, fx.Frame("test/Fruit/Banana/Banana_001.jpg")));
        Assert.Equal("pending_confirmation", removal.GetProperty("status").GetString());
        var tile = removal.GetProperty("candidates").EnumerateArray().Single(c => c.GetProperty("product_id").GetString() == "Banana");
        using var confirm = await http.PostAsJsonAsync("/v1/carts/cart-a/confirm", new { event_id = "r1", product_id = "Banana" });
        Assert.True(confirm.IsSuccessStatusCode, await confirm.Content.ReadAsStringAsync());

        var after = (await Events.BasketAsync(http, "cart-a")).GetProperty("total").GetDecimal();
        Assert.Equal(5.05m, tile.GetProperty("price").GetDecimal());
        Assert.Equal(before - after, tile.GetProperty("price").GetDecimal());
    }

    [Fact]
    public async Task Confirm_HalfAWatermelon_ChargedByItsWeightNotAsAWholeOne()
    {
        await using var server = await fx.StartAsync(s => s.Overrides["Escalation:FusionAcceptThreshold"] = "1");
        using var http = server.Client(ServerFixture.KeyA);
        var pending = await Events.DecidedAsync(http, "cart-a", await Events.PostAsync(http, "cart-a", Events.Body("e1", "add", 500, fx.Frame("test/Fruit/Melon/Watermelon/Watermelon_001.jpg"))));
        Assert.Equal("pending_confirmation", pending.GetProperty("status").GetString());

        // Below a fifth of a typical 3 kg watermelon, but watermelon is sold cut: charged for 500 g (7.45), not for a
        // typical whole one (44.70), and the tile said so.
        using var confirm = await http.PostAsJsonAsync("/v1/carts/cart-a/confirm", new { event_id = "e1", product_id = "Watermelon" });

        Assert.True(confirm.IsSuccessStatusCode, await confirm.Content.ReadAsStringAsync());
        var basket = await Events.BasketAsync(http, "cart-a");
        var line = Assert.Single(basket.GetProperty("lines").EnumerateArray());
        Assert.Equal((500.0, false), (line.GetProperty("grams").GetDouble(), line.GetProperty("grams_estimated").GetBoolean()));
        Assert.Equal(7.45m, line.GetProperty("line_total").GetDecimal());
        if (pending.GetProperty("candidates").EnumerateArray().FirstOrDefault(c => c.GetProperty("product_id").GetString() == "Watermelon") is { ValueKind: JsonValueKind.Object } tile)
        {
            Assert.Equal(7.45m, tile.GetProperty("price").GetDecimal());
        }
    }

    [Fact]
    public async Task Basket_PackagedLine_HasNoGrams()
    {
        await using var server = await fx.StartAsync(s => s.Overrides["Escalation:FusionAcceptThreshold"] = "0.5");
        using var http = server.Client(ServerFixture.KeyA);
        await Events.PostAsync(http, "cart-a", Events.Body("e1", "add", 1030, fx.Frame(EscalationStageTests.OatghurtFrame)));

        var line = Line(await Events.BasketAsync(http, "cart-a"));

        Assert.Equal("unit", line.GetProperty("per").GetString());
        Assert.Equal(JsonValueKind.Null, line.GetProperty("grams").ValueKind);
        Assert.Equal(line.GetProperty("unit_price").GetDecimal(), line.GetProperty("line_total").GetDecimal());
    }

    [Fact]
    public async Task Basket_PackagedLine_EnglishNameWithThePacksWordsAsSecondaryText()
    {
        await using var server = await fx.StartAsync(s => s.Overrides["Escalation:FusionAcceptThreshold"] = "0.5");
        using var http = server.Client(ServerFixture.KeyA);
        await Events.PostAsync(http, "cart-a", Events.Body("e1", "add", 1030, fx.Frame(EscalationStageTests.OatghurtFrame)));

        var line = Line(await Events.BasketAsync(http, "cart-a"));

        Assert.Equal(("Oatly-Natural-Oatghurt", "Oatly natural oat yoghurt", "Oatly Havregurt Naturell"),
            (line.GetProperty("product_id").GetString(), line.GetProperty("name").GetString(), line.GetProperty("pack_name").GetString()));
    }

    [Fact]
    public async Task Confirm_ProductIdInAnotherCase_OneLineInTheCatalogsSpelling()
    {
        await using var server = await fx.StartAsync();
        using var http = server.Client(ServerFixture.KeyA);

        foreach (var (id, answer) in new[] { ("e1", "granny-smith"), ("e2", "GRANNY-SMITH") })
        {
            var pending = await Events.PostAsync(http, "cart-a", Events.Body(id, "add", 180, fx.Frame(EscalationStageTests.AmbiguousApple)));
            Assert.Equal("pending_confirmation", pending.GetProperty("status").GetString());
            using var confirm = await http.PostAsJsonAsync("/v1/carts/cart-a/confirm", new { event_id = id, product_id = answer });
            Assert.True(confirm.IsSuccessStatusCode, await confirm.Content.ReadAsStringAsync());
        }

        // One line, charged once for the 360 g it holds (two lines each charged for all of it was the bug).
        var line = Line(await Events.BasketAsync(http, "cart-a"));
        Assert.Equal((Apple, 2, 360.0), (line.GetProperty("product_id").GetString(), line.GetProperty("qty").GetInt32(), line.GetProperty("grams").GetDouble()));
    }

    [Fact]
    public async Task GetEvent_AfterTheShopperAnswered_CarriesTheAnswer()
    {
        await using var server = await fx.StartAsync();
        using var http = server.Client(ServerFixture.KeyA);
        var pending = await Events.PostAsync(http, "cart-a", Events.Body("e1", "add", 180, fx.Frame(EscalationStageTests.AmbiguousApple)));
        Assert.Equal("pending_confirmation", pending.GetProperty("status").GetString());
        Assert.Equal(JsonValueKind.Null, (await http.GetFromJsonAsync<JsonElement>("/v1/carts/cart-a/events/e1")).GetProperty("confirmation").ValueKind);

        using var confirm = await http.PostAsJsonAsync("/v1/carts/cart-a/confirm", new { event_id = "e1", product_id = Apple });
        confirm.EnsureSuccessStatusCode();
        var read = await http.GetFromJsonAsync<JsonElement>("/v1/carts/cart-a/events/e1");

        // Closed, with what the answer applied, for a client that polls rather than reads the stream.
        Assert.Equal(("confirmed", Apple), (read.GetProperty("status").GetString(), read.GetProperty("applied_product_id").GetString()));
        Assert.Equal((Apple, Apple), (read.GetProperty("confirmation").GetProperty("product_id").GetString(), read.GetProperty("confirmation").GetProperty("applied_product_id").GetString()));
    }

    private async Task AddAppleAsync(HttpClient http, string id, double? grams)
    {
        var pending = await Events.PostAsync(http, "cart-a", Events.Body(id, "add", grams, fx.Frame(EscalationStageTests.AmbiguousApple)));
        if (pending.GetProperty("status").GetString() == "pending_confirmation")
        {
            using var confirm = await http.PostAsJsonAsync("/v1/carts/cart-a/confirm", new { event_id = id, product_id = Apple });
            Assert.True(confirm.IsSuccessStatusCode, await confirm.Content.ReadAsStringAsync());
        }
    }

    private static JsonElement Line(JsonElement basket) => Assert.Single(basket.GetProperty("lines").EnumerateArray());
}
