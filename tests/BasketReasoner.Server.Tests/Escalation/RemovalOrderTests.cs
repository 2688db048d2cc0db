using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using BasketReasoner.Composition;
using BasketReasoner.Core.Escalation;
using BasketReasoner.Core.Resolutions;
using BasketReasoner.Reasoning.Escalation;
using BasketReasoner.Server.Api;
using BasketReasoner.Server.Durability;
using BasketReasoner.Server.Hosting;
using BasketReasoner.Server.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace BasketReasoner.Server.Tests.Escalation;

/// <summary>
/// A removal is decided against what the cart held when it happened (log order): never an add or a line that came
/// after it; between a basket unit and an open add of the same product, its measured weight says which left. Real
/// servers on loopback with real dataset frames; restarts replay the same decisions.
/// </summary>
[Collection(ServerCollection.Name)]
public sealed class RemovalOrderTests(ServerFixture fx)
{
    private const string Banana1 = "test/Fruit/Banana/Banana_001.jpg";
    private const string Banana2 = "test/Fruit/Banana/Banana_002.jpg";
    private const string Golden1 = "test/Fruit/Apple/Golden-Delicious/Golden-Delicious_001.jpg";
    private const string StandardMilk2 = "test/Packages/Milk/Arla-Standard-Milk/Arla-Standard-Milk_002.jpg";

    [Fact]
    public async Task Confirm_RemovalAnswer_ClosesOnlyAnAddAcknowledgedBeforeIt()
    {
        var log = fx.NewLogPath();
        await using (var server = await fx.StartAsync(s => s.Overrides["Escalation:FusionAcceptThreshold"] = "1", log))
        {
            using var http = server.Client(ServerFixture.KeyA);
            var a1 = await Events.PostAsync(http, "cart-a", Events.Body("a1", "add", 120, fx.Frame(Banana1)));
            var r = await Events.PostAsync(http, "cart-a", Events.Body("r", "remove", -120, fx.Frame(Banana2)));
            var a2 = await Events.PostAsync(http, "cart-a", Events.Body("a2", "add", 120, fx.Frame(Golden1)));
            Assert.Equal(["pending_confirmation", "pending_confirmation", "pending_confirmation"], new[] { a1, r, a2 }.Select(x => x.GetProperty("status").GetString()));
            // A product both adds offer: the answer may only close the add that was open when the removal happened.
            var shared = Events.Tiles(a1).First(p => Events.Tiles(a2).Contains(p) && Events.Tiles(r).Contains(p));

            var (status, answer) = await Events.ConfirmAsync(http, "r", shared);

            Assert.Equal(HttpStatusCode.OK, status);
            Assert.Equal("a1", answer.GetProperty("cancelled_event_id").GetString());
            var (later, _) = await Events.ConfirmAsync(http, "a2", "Golden-Delicious");
            Assert.Equal(HttpStatusCode.OK, later);
            var (closed, _) = await Events.ConfirmAsync(http, "a1", shared);
            Assert.Equal(HttpStatusCode.Conflict, closed);
            Assert.Equal(new Dictionary<string, int> { ["Golden-Delicious"] = 1 }, Events.Lines(await Events.BasketAsync(http, "cart-a")));
        }

        await using var restarted = await fx.StartAsync(logPath: log);
        using var again = restarted.Client(ServerFixture.KeyA);
        var replayed = await Events.BasketAsync(again, "cart-a");
        Assert.Equal(new Dictionary<string, int> { ["Golden-Delicious"] = 1 }, Events.Lines(replayed));
        Assert.Empty(replayed.GetProperty("pending").EnumerateArray());
    }

    [Fact]
    public async Task Confirm_RemovalPicker_RefusesALineAddedAfterTheRemoval()
    {
        var log = fx.NewLogPath();
        await using (var server = await fx.StartAsync(s => s.Overrides["Escalation:FusionAcceptThreshold"] = "1", log))
        {
            using var http = server.Client(ServerFixture.KeyA);
            await Events.PostAsync(http, "cart-a", Events.Body("b1", "add", 130, fx.Frame(Banana1)));
            var r = await Events.PostAsync(http, "cart-a", Events.Body("r", "remove", -130, fx.Frame(Banana2)));
            // Its label may be read first (refining): what counts is that it is decided after the removal.
            var m1 = await Events.DecidedAsync(http, "cart-a", await Events.PostAsync(http, "cart-a", Events.Body("m1", "add", 1030, fx.Frame(StandardMilk2))));
            if (m1.GetProperty("status").GetString() == "pending_confirmation")
            {
                Assert.Equal(HttpStatusCode.OK, (await Events.ConfirmAsync(http, "m1", "Arla-Standard-Milk")).Status);
            }

            Assert.DoesNotContain("Arla-Standard-Milk", Events.Tiles(r));

            var (status, _) = await Events.ConfirmAsync(http, "r", "Arla-Standard-Milk");

            Assert.Equal(HttpStatusCode.BadRequest, status);
            Assert.Equal(1, Events.Lines(await Events.BasketAsync(http, "cart-a")).GetValueOrDefault("Arla-Standard-Milk"));
        }

        await using var restarted = await fx.StartAsync(logPath: log);
        using var again = restarted.Client(ServerFixture.KeyA);
        var (afterRestart, _) = await Events.ConfirmAsync(again, "r", "Arla-Standard-Milk");
        Assert.Equal(HttpStatusCode.BadRequest, afterRestart);
    }

    [Fact]
    public async Task Confirm_BasketUnitAndOpenAddOfTheAnsweredProduct_TheRemovalsWeightSaysWhichLeft()
    {
        var log = SeededLog.Write(fx, ("s1", "Banana", 180));
        await using (var server = await fx.StartAsync(s => s.Overrides["Escalation:FusionAcceptThreshold"] = "1", log))
        {
            using var http = server.Client(ServerFixture.KeyA);
            await Events.PostAsync(http, "cart-a", Events.Body("a", "add", 260, fx.Frame(Banana1)));
            await Events.PostAsync(http, "cart-a", Events.Body("r", "remove", -260, fx.Frame(Banana2)));

            var (status, answer) = await Events.ConfirmAsync(http, "r", "Banana");

            Assert.Equal(HttpStatusCode.OK, status);
            Assert.Equal("a", answer.GetProperty("cancelled_event_id").GetString());
            Assert.Equal(JsonValueKind.Null, answer.GetProperty("applied_product_id").ValueKind);
            var (late, _) = await Events.ConfirmAsync(http, "a", "Banana");
            Assert.Equal(HttpStatusCode.Conflict, late);
            AssertOneBananaOf180(await Events.BasketAsync(http, "cart-a"));
        }

        await using var restarted = await fx.StartAsync(logPath: log);
        using var again = restarted.Client(ServerFixture.KeyA);
        AssertOneBananaOf180(await Events.BasketAsync(again, "cart-a"));
    }

    [Fact]
    public async Task PostEvent_AutomaticRemovalMatchingAnOpenAddsWeight_ClosesThatAddRatherThanTheBasketUnit()
    {
        var log = SeededLog.Write(fx, ("s1", "Banana", 180));
        var onDevice = new ScriptedCandidateChooserDouble("on-device", r =>
        {
            var id = r.Type == Core.Events.CartEventType.Remove && r.Candidates.Any(c => c.ProductId == "Banana") ? "Banana" : r.Candidates[0].ProductId;
            var p = r.Type == Core.Events.CartEventType.Remove ? 0.99 : 0.1;
            return new CandidateChoice(id, p, r.Candidates.ToDictionary(c => c.ProductId, c => c.ProductId == id ? p : (1 - p) / (r.Candidates.Count - 1)));
        });
        await using var server = await fx.StartAsync(
            s =>
            {
                s.Overrides["Escalation:FusionAcceptThreshold"] = "1";
                s.Overrides["Escalation:OnDeviceAcceptThreshold"] = "0.9";
                s.Services = x => x.AddKeyedSingleton<ICandidateChooser>(CartServer.OnDeviceKey, onDevice);
            },
            log);
        using var http = server.Client(ServerFixture.KeyA);
        Assert.Equal("pending_confirmation", (await Events.PostAsync(http, "cart-a", Events.Body("a", "add", 260, fx.Frame(Banana1)))).GetProperty("status").GetString());

        var removal = await Events.PostAsync(http, "cart-a", Events.Body("r", "remove", -260, fx.Frame(Banana2)));

        Assert.Equal("accepted", removal.GetProperty("status").GetString());
        Assert.Equal("a", removal.GetProperty("cancelled_event_id").GetString());
        AssertOneBananaOf180(await Events.BasketAsync(http, "cart-a"));
    }

    [Fact]
    public async Task Confirm_ImplausiblyHeavyWeighingForOneUnit_IsRefusedAndNothingCharged()
    {
        await using var server = await fx.StartAsync(s => s.Overrides["Escalation:FusionAcceptThreshold"] = "1");
        using var http = server.Client(ServerFixture.KeyA);
        var add = await Events.PostAsync(http, "cart-a", Events.Body("heavy", "add", 100000, fx.Frame(Banana1)));
        Assert.Equal("pending_confirmation", add.GetProperty("status").GetString());

        // A hand leaning on the cart is not a 100 kg banana: the answer is refused, never charged as one.
        Assert.Equal(HttpStatusCode.UnprocessableEntity, (await Events.ConfirmAsync(http, "heavy", "Banana")).Status);
        Assert.Empty((await Events.BasketAsync(http, "cart-a")).GetProperty("lines").EnumerateArray());
    }

    [Fact]
    public async Task Basket_ImplausiblyHeavyUnitDecidedWithoutTheShopper_IsChargedAtTheCatalogWeight()
    {
        // Decided before the answer check, or by a stage: the ledger still does not believe 100 kg for one banana.
        var log = SeededLog.Write(fx, ("heavy", "Banana", 100000));
        await using (var server = await fx.StartAsync(logPath: log))
        {
            using var http = server.Client(ServerFixture.KeyA);
            var line = await BananaLineAsync(http);
            Assert.Equal(180, line.GetProperty("grams").GetDouble());
            Assert.True(line.GetProperty("grams_estimated").GetBoolean());
            Assert.True(line.GetProperty("line_total").GetDecimal() < 20m);
        }

        await using var restarted = await fx.StartAsync(logPath: log);
        using var again = restarted.Client(ServerFixture.KeyA);
        Assert.Equal(180, (await BananaLineAsync(again)).GetProperty("grams").GetDouble());
    }

    [Fact]
    public async Task Start_EmptyCartRemovalWhoseRefinementARestartCut_IsClosedAsLive()
    {
        var log = fx.NewLogPath();
        using (var durable = new DurableLog(log))
        {
            var ack = Refining("rE", "remove", null, DateTimeOffset.UtcNow.AddMinutes(-3));
            await durable.AppendAsync("cart-a", "event", "rE", "remove", null, JsonSerializer.Serialize(ack, ServerJson.Options), ack.At, "fingerprint");
        }

        for (var start = 0; start < 2; start++)
        {
            await using var server = await fx.StartAsync(logPath: log);
            using var http = server.Client(ServerFixture.KeyA);
            var decided = await http.GetFromJsonAsync<JsonElement>("/v1/carts/cart-a/events/rE");

            Assert.Equal("accepted", decided.GetProperty("status").GetString());
            Assert.Equal(JsonValueKind.Null, decided.GetProperty("applied_product_id").ValueKind);
            Assert.Contains(decided.GetProperty("stages").EnumerateArray(), s => s.GetProperty("detail").GetString() == "the basket is empty: nothing to take out");
            var basket = await Events.BasketAsync(http, "cart-a");
            Assert.Empty(basket.GetProperty("lines").EnumerateArray());
            Assert.Empty(basket.GetProperty("pending").EnumerateArray());
        }
    }

    [Fact]
    public async Task Start_InterruptedRefinements_AskInLogOrderKeepingTheirTimes()
    {
        var log = fx.NewLogPath();
        var first = new DateTimeOffset(2025, 3, 1, 10, 0, 0, TimeSpan.Zero);
        var ids = Enumerable.Range(0, 6).Select(i => $"add{i}").ToArray();
        using (var durable = new DurableLog(log))
        {
            for (var i = 0; i < ids.Length; i++)
            {
                var ack = Refining(ids[i], "add", 150, first.AddSeconds(i));
                await durable.AppendAsync("cart-a", "event", ids[i], "add", null, JsonSerializer.Serialize(ack, ServerJson.Options), ack.At, "fp-" + ids[i]);
            }
        }

        for (var start = 0; start < 2; start++)
        {
            await using var server = await fx.StartAsync(logPath: log);
            using var http = server.Client(ServerFixture.KeyA);
            var basket = await Events.BasketAsync(http, "cart-a");

            Assert.Equal(ids, basket.GetProperty("pending").EnumerateArray().Select(p => p.GetProperty("event_id").GetString()));
            for (var i = 0; i < ids.Length; i++)
            {
                var e = await http.GetFromJsonAsync<JsonElement>($"/v1/carts/cart-a/events/{ids[i]}");
                Assert.Equal("pending_confirmation", e.GetProperty("status").GetString());
                Assert.Equal(first.AddSeconds(i), e.GetProperty("at").GetDateTimeOffset());
            }
        }
    }

    [Fact]
    public async Task Confirm_PendingAddClosedByARemoval_ReadsCancelledLikeARefiningOne()
    {
        var log = fx.NewLogPath();
        var addBody = Events.Body("in1", "add", 183, fx.Frame(Banana1));
        await using (var server = await fx.StartAsync(s => s.Overrides["Escalation:FusionAcceptThreshold"] = "1", log))
        {
            using var http = server.Client(ServerFixture.KeyA);
            await Events.PostAsync(http, "cart-a", addBody);
            await Events.PostAsync(http, "cart-a", Events.Body("out1", "remove", -183, fx.Frame(Banana2)));
            Assert.Equal(HttpStatusCode.OK, (await Events.ConfirmAsync(http, "out1", "Banana")).Status);

            await AssertCancelledAsync(http, addBody);
        }

        await using var restarted = await fx.StartAsync(logPath: log);
        using var again = restarted.Client(ServerFixture.KeyA);
        await AssertCancelledAsync(again, addBody);
    }

    [Fact]
    public async Task PostEvent_RemovalTile_IsPricedByTheUnitItWouldCredit()
    {
        var log = SeededLog.Write(fx, ("s1", "Banana", 120));
        await using var server = await fx.StartAsync(s => s.Overrides["Escalation:FusionAcceptThreshold"] = "1", log);
        using var http = server.Client(ServerFixture.KeyA);
        var line = await BananaLineAsync(http);

        var removal = await Events.PostAsync(http, "cart-a", Events.Body("r", "remove", -120, fx.Frame(Banana2)));

        Assert.Equal("pending_confirmation", removal.GetProperty("status").GetString());
        var tile = removal.GetProperty("candidates").EnumerateArray().Single(c => c.GetProperty("product_id").GetString() == "Banana");
        Assert.Equal(line.GetProperty("line_total").GetDecimal(), tile.GetProperty("price").GetDecimal());
    }

    [Fact]
    public async Task Confirm_RemovalAnswerWhoseLineLeftMeanwhile_SaysOnlyWhatIsKnown()
    {
        var log = SeededLog.Write(fx, ("s1", "Banana", 183), ("s2", "Leek", 300));
        await using var server = await fx.StartAsync(s => s.Overrides["Escalation:FusionAcceptThreshold"] = "1", log);
        using var http = server.Client(ServerFixture.KeyA);
        await Events.PostAsync(http, "cart-a", Events.Body("r1", "remove", -183, fx.Frame(Banana1)));
        await Events.PostAsync(http, "cart-a", Events.Body("r2", "remove", -183, fx.Frame(Banana2)));
        Assert.Equal(HttpStatusCode.OK, (await Events.ConfirmAsync(http, "r2", "Banana")).Status);

        var (_, answer) = await Events.ConfirmAsync(http, "r1", "Banana");

        var detail = answer.GetProperty("detail").GetString()!;
        Assert.Contains("no longer in the basket", detail);
        Assert.DoesNotContain("another removal", detail);
    }

    private static async Task AssertCancelledAsync(HttpClient http, object addBody)
    {
        var read = await http.GetFromJsonAsync<JsonElement>("/v1/carts/cart-a/events/in1");
        Assert.Equal("cancelled", read.GetProperty("status").GetString());
        Assert.Equal("out1", read.GetProperty("cancelled_by_event_id").GetString());
        var retried = await Events.PostAsync(http, "cart-a", addBody);
        Assert.Equal("cancelled", retried.GetProperty("status").GetString());
        Assert.Equal("out1", retried.GetProperty("cancelled_by_event_id").GetString());
        Assert.Empty((await Events.BasketAsync(http, "cart-a")).GetProperty("pending").EnumerateArray());
    }

    private static async Task<JsonElement> BananaLineAsync(HttpClient http) =>
        (await Events.BasketAsync(http, "cart-a")).GetProperty("lines").EnumerateArray().Single(l => l.GetProperty("product_id").GetString() == "Banana");

    private static void AssertOneBananaOf180(JsonElement basket)
    {
        Assert.Equal(new Dictionary<string, int> { ["Banana"] = 1 }, Events.Lines(basket));
        Assert.Equal(180, basket.GetProperty("lines")[0].GetProperty("grams").GetDouble());
        Assert.Empty(basket.GetProperty("pending").EnumerateArray());
    }

    private static EventResult Refining(string id, string type, double? grams, DateTimeOffset at)
    {
        string[] top = type == "add" ? ["Banana", "Lemon", "Anjou", "Granny-Smith"] : ["Banana", "Lemon"];
        return new EventResult
        {
            EventId = id,
            CartId = "cart-a",
            Status = "refining",
            Type = type,
            WeightDeltaG = grams,
            DecidedBy = "label-text",
            Confidence = 0.5,
            Stages = [new StageRecord("fusion", StageOutcome.Unsure, "Banana", 0.5, 0.9, 1, "label text is read off the request path")],
            Candidates = top.Select(p => new CandidateView(p, p, 0.25, 1m, "SEK", "unit", $"/v1/products/{p}/image", 1m)).ToArray(),
            Evidence = top.Select((p, i) => new CandidateEvidence(p, 0.5 - (i * 0.1), [])).ToArray(),
            At = at,
        };
    }
}
