using System.Net;
using System.Text.Json;
using BasketReasoner.Server.Tests.Infrastructure;

namespace BasketReasoner.Server.Tests.Api;

/// <summary>
/// A removal takes out what its weight explains: whole packs across the basket's line and the adds of that product
/// still open, loose produce by the grams the scale measured; an open add is closed only as far as the removal explains
/// it, and what it cannot explain stays in sight. Real servers on loopback with real dataset frames; every basket is
/// the same after a restart (replay of the log).
/// </summary>
[Collection(ServerCollection.Name)]
public sealed class RemovalByWeightTests(ServerFixture fx)
{
    private const string Milk = "Arla-Standard-Milk";
    private const string MilkFrame = "test/Packages/Milk/Arla-Standard-Milk/Arla-Standard-Milk_002.jpg";
    private const string BananaFrame = "test/Fruit/Banana/Banana_001.jpg";

    [Fact]
    public async Task Confirm_FourCartonsOutOfFiveBilledAndTwoOpen_TakesFourFromTheLineAndTheOpenAddStaysForItsTwo()
    {
        // Finding A: the removal closed the whole open add of two and took nothing else: five billed, three in the cart.
        var log = SeededLog.Write(fx, ("s1", Milk, 1062), ("s2", Milk, 1062), ("s3", Milk, 1062), ("s4", Milk, 1062), ("s5", Milk, 1062));
        await using (var server = await fx.StartAsync(s => s.Overrides["Escalation:FusionAcceptThreshold"] = "1", log))
        {
            using var http = server.Client(ServerFixture.KeyA);
            await PendingAsync(http, Events.Body("p", "add", 2124, fx.Frame(MilkFrame)));
            await PendingAsync(http, Events.Body("r", "remove", -4248, fx.Frame(MilkFrame)));

            var (status, answer) = await Events.ConfirmAsync(http, "r", Milk);

            Assert.Equal(HttpStatusCode.OK, status);
            Assert.Equal(4, answer.GetProperty("quantity").GetInt32());
            var basket = await Events.BasketAsync(http, "cart-a");
            Assert.Equal(new Dictionary<string, int> { [Milk] = 1 }, Events.Lines(basket));
            // The line explained the four; the open add's two cartons are still in the cart, still asked about.
            Assert.Equal(2124, Assert.Single(basket.GetProperty("pending").EnumerateArray()).GetProperty("weight_delta_g").GetDouble());
            Assert.Equal(HttpStatusCode.OK, (await Events.ConfirmAsync(http, "p", Milk)).Status);
            Assert.Equal(new Dictionary<string, int> { [Milk] = 3 }, Events.Lines(await Events.BasketAsync(http, "cart-a")));
        }

        await using var restarted = await fx.StartAsync(logPath: log);
        using var again = restarted.Client(ServerFixture.KeyA);
        Assert.Equal(new Dictionary<string, int> { [Milk] = 3 }, Events.Lines(await Events.BasketAsync(again, "cart-a")));
    }

    [Fact]
    public async Task Confirm_OneCartonOutOfAnOpenAddOfTwo_TheAddStaysOpenForTheOtherAndChargesOne()
    {
        // Finding A: the removal closed the whole add of two: one carton in the cart, on no bill and not flagged.
        var log = fx.NewLogPath();
        await using (var server = await fx.StartAsync(s => s.Overrides["Escalation:FusionAcceptThreshold"] = "1", log))
        {
            using var http = server.Client(ServerFixture.KeyA);
            await PendingAsync(http, Events.Body("p", "add", 2124, fx.Frame(MilkFrame)));
            await PendingAsync(http, Events.Body("r", "remove", -1062, fx.Frame(MilkFrame)));

            var (status, answer) = await Events.ConfirmAsync(http, "r", Milk);

            Assert.Equal(HttpStatusCode.OK, status);
            Assert.Equal(JsonValueKind.Null, answer.GetProperty("cancelled_event_id").ValueKind);
            Assert.Equal(("p", 1062.0), (answer.GetProperty("taken_out").GetProperty("reduced_event_id").GetString(), answer.GetProperty("taken_out").GetProperty("reduced_to_g").GetDouble()));
            var open = Assert.Single((await Events.BasketAsync(http, "cart-a")).GetProperty("pending").EnumerateArray());
            Assert.Equal(("p", 1062.0, "r"), (open.GetProperty("event_id").GetString(), open.GetProperty("weight_delta_g").GetDouble(), open.GetProperty("reduced_by_event_id").GetString()));
            // Its tile now charges the one carton left, and so does the answer.
            var tile = open.GetProperty("candidates").EnumerateArray().Single(c => c.GetProperty("product_id").GetString() == Milk);
            Assert.Equal(1, tile.GetProperty("quantity").GetInt32());
            Assert.Equal(HttpStatusCode.OK, (await Events.ConfirmAsync(http, "p", Milk)).Status);
            var basket = await Events.BasketAsync(http, "cart-a");
            Assert.Equal(new Dictionary<string, int> { [Milk] = 1 }, Events.Lines(basket));
            Assert.Equal(tile.GetProperty("price").GetDecimal(), basket.GetProperty("total").GetDecimal());
        }

        await using var restarted = await fx.StartAsync(logPath: log);
        using var again = restarted.Client(ServerFixture.KeyA);
        Assert.Equal(new Dictionary<string, int> { [Milk] = 1 }, Events.Lines(await Events.BasketAsync(again, "cart-a")));
    }

    [Fact]
    public async Task Confirm_ThreeBananasOutTogether_TakesAllThreeUnitsNotOne()
    {
        // Finding B: three bananas out at once took one unit: two (355 g) stayed billed in an empty cart.
        var log = SeededLog.Write(fx, ("s1", "Banana", 180), ("s2", "Banana", 185), ("s3", "Banana", 175));
        await using (var server = await fx.StartAsync(s => s.Overrides["Escalation:FusionAcceptThreshold"] = "1", log))
        {
            using var http = server.Client(ServerFixture.KeyA);
            var removal = await PendingAsync(http, Events.Body("r", "remove", -540, fx.Frame(BananaFrame)));
            var tile = removal.GetProperty("candidates").EnumerateArray().Single(c => c.GetProperty("product_id").GetString() == "Banana");

            var (status, answer) = await Events.ConfirmAsync(http, "r", "Banana");

            Assert.Equal(HttpStatusCode.OK, status);
            Assert.Equal(3, answer.GetProperty("quantity").GetInt32());
            var basket = await Events.BasketAsync(http, "cart-a");
            Assert.Empty(basket.GetProperty("lines").EnumerateArray());
            Assert.Equal(0m, basket.GetProperty("total").GetDecimal());
            // The tile credited what the total lost: all three.
            Assert.Equal(15.61m, tile.GetProperty("price").GetDecimal());
        }

        await using var restarted = await fx.StartAsync(logPath: log);
        using var again = restarted.Client(ServerFixture.KeyA);
        Assert.Empty((await Events.BasketAsync(again, "cart-a")).GetProperty("lines").EnumerateArray());
    }

    [Fact]
    public async Task Confirm_ThreeBananasOutOfAFiveBananaBunch_TheLineKeepsTheGramsLeft()
    {
        // Finding B: 540 g out of a 900 g bunch credited all 900 g: 360 g of bananas in the cart, unbilled, not flagged.
        var log = SeededLog.Write(fx, ("s1", "Banana", 900));
        string before;
        await using (var server = await fx.StartAsync(s => s.Overrides["Escalation:FusionAcceptThreshold"] = "1", log))
        {
            using var http = server.Client(ServerFixture.KeyA);
            await PendingAsync(http, Events.Body("r", "remove", -540, fx.Frame(BananaFrame)));

            var (status, _) = await Events.ConfirmAsync(http, "r", "Banana");

            Assert.Equal(HttpStatusCode.OK, status);
            var basket = await Events.BasketAsync(http, "cart-a");
            var line = Assert.Single(basket.GetProperty("lines").EnumerateArray());
            Assert.Equal(("Banana", 360.0, false), (line.GetProperty("product_id").GetString(), line.GetProperty("grams").GetDouble(), line.GetProperty("grams_estimated").GetBoolean()));
            Assert.Equal(10.40m, line.GetProperty("line_total").GetDecimal());
            before = basket.GetRawText();
        }

        await using var restarted = await fx.StartAsync(logPath: log);
        using var again = restarted.Client(ServerFixture.KeyA);
        Assert.Equal(before, (await Events.BasketAsync(again, "cart-a")).GetRawText());
    }

    [Fact]
    public async Task Confirm_RemovalHeavierThanTheLineHeld_TheGramsLeftOverAreShownUnreconciled()
    {
        var log = SeededLog.Write(fx, ("s1", "Banana", 180));
        await using (var server = await fx.StartAsync(s => s.Overrides["Escalation:FusionAcceptThreshold"] = "1", log))
        {
            using var http = server.Client(ServerFixture.KeyA);
            await PendingAsync(http, Events.Body("r", "remove", -540, fx.Frame(BananaFrame)));

            Assert.Equal(HttpStatusCode.OK, (await Events.ConfirmAsync(http, "r", "Banana")).Status);

            // 360 g left beyond the one banana the bill held: something billed may have gone with it, so staff see it.
            AssertLeftOver(await Events.BasketAsync(http, "cart-a"));
        }

        await using var restarted = await fx.StartAsync(logPath: log);
        using var again = restarted.Client(ServerFixture.KeyA);
        AssertLeftOver(await Events.BasketAsync(again, "cart-a"));

        static void AssertLeftOver(JsonElement basket)
        {
            Assert.Empty(basket.GetProperty("lines").EnumerateArray());
            var left = Assert.Single(basket.GetProperty("unreconciled").EnumerateArray());
            Assert.Equal(("r", 360.0), (left.GetProperty("event_id").GetString(), left.GetProperty("grams").GetDouble()));
        }
    }

    [Fact]
    public async Task Confirm_TwoCartonsOutOfOneBilledAndOneOpen_TakesTheLineAndClosesTheOpenAdd()
    {
        // Finding C: the removal took the billed carton and left the open add pending: answered truthfully, it charged a
        // carton no longer in the cart.
        var log = SeededLog.Write(fx, ("s1", Milk, 1062));
        await using (var server = await fx.StartAsync(s => s.Overrides["Escalation:FusionAcceptThreshold"] = "1", log))
        {
            using var http = server.Client(ServerFixture.KeyA);
            await PendingAsync(http, Events.Body("p", "add", 1062, fx.Frame(MilkFrame)));
            await PendingAsync(http, Events.Body("r", "remove", -2124, fx.Frame(MilkFrame)));

            var (status, answer) = await Events.ConfirmAsync(http, "r", Milk);

            Assert.Equal(HttpStatusCode.OK, status);
            Assert.Equal(("p", Milk), (answer.GetProperty("cancelled_event_id").GetString(), answer.GetProperty("applied_product_id").GetString()));
            var basket = await Events.BasketAsync(http, "cart-a");
            Assert.Empty(basket.GetProperty("lines").EnumerateArray());
            Assert.Empty(basket.GetProperty("pending").EnumerateArray());
            Assert.Equal(HttpStatusCode.Conflict, (await Events.ConfirmAsync(http, "p", Milk)).Status);
        }

        await using var restarted = await fx.StartAsync(logPath: log);
        using var again = restarted.Client(ServerFixture.KeyA);
        var replayed = await Events.BasketAsync(again, "cart-a");
        Assert.Empty(replayed.GetProperty("lines").EnumerateArray());
        Assert.Empty(replayed.GetProperty("pending").EnumerateArray());
    }

    // Posts an event and waits out its label reading: with fusion never accepting, it asks the shopper.
    private static async Task<JsonElement> PendingAsync(HttpClient http, object body)
    {
        var decided = await Events.DecidedAsync(http, "cart-a", await Events.PostAsync(http, "cart-a", body));
        Assert.Equal("pending_confirmation", decided.GetProperty("status").GetString());
        return decided;
    }
}
