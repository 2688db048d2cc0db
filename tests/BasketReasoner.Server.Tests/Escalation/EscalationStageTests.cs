using System.Net;
using System.Text.Json;
using System.Net.Http.Json;
using BasketReasoner.Core.Escalation;
using BasketReasoner.Server.Hosting;
using BasketReasoner.Server.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace BasketReasoner.Server.Tests.Escalation;

/// <summary>Each stage of the chain deciding, through a real server on loopback with real dataset frames.</summary>
[Collection(ServerCollection.Name)]
public sealed class EscalationStageTests(ServerFixture fx)
{
    // Recognizer v2 + fusion alone, no weight: 0.37 and 0.48 Golden-Delicious (Granny-Smith, Anjou next), so both stay
    // unsure at every operating point these tests use. (v1's unsure frames, _001 and _002, are 0.76 and 0.97 Granny-Smith now.)
    internal const string AmbiguousApple = "test/Fruit/Apple/Golden-Delicious/Golden-Delicious_022.jpg";
    internal const string AmbiguousApple2 = "test/Fruit/Apple/Golden-Delicious/Golden-Delicious_038.jpg";

    // A clear pack with its own weight: fusion gives it 0.986. The shipped 0.999 threshold leaves 97 % of val events
    // to later stages (eval/README.md), so this test runs at the 0.95 operating point that table lists.
    internal const string OatghurtFrame = "test/Packages/Oatghurt/Oatly-Natural-Oatghurt/Oatly-Natural-Oatghurt_001.jpg";
    internal const string OatghurtFrame3 = "test/Packages/Oatghurt/Oatly-Natural-Oatghurt/Oatly-Natural-Oatghurt_003.jpg";
    internal const double OatghurtGrams = 1030;

    [Fact]
    public async Task Events_ConfidentFusion_DecidedByFusionWithoutCallingLaterStages()
    {
        var onDevice = ScriptedCandidateChooserDouble.Picking(null, 0.99);
        await using var server = await fx.StartAsync(s =>
        {
            // These two views fuse to ≈ 0.81 for the oatghurt with label text on (the packs' "Oatly" also lifts the oat
            // milk); a threshold under that makes this the case where fusion alone is confident enough.
            s.Overrides["Escalation:FusionAcceptThreshold"] = "0.75";
            s.Services = x => x.AddKeyedSingleton<ICandidateChooser>(CartServer.OnDeviceKey, onDevice);
        });
        using var http = server.Client(ServerFixture.KeyA);

        // Two cameras: their class probabilities are averaged before fusion.
        var result = await Events.PostAsync(http, "cart-a", Events.Body("e1", "add", OatghurtGrams, fx.Frame(OatghurtFrame), fx.Frame(OatghurtFrame3)));

        Assert.Equal("accepted", result.GetProperty("status").GetString());
        Assert.True("fusion" == result.GetProperty("decided_by").GetString(), result.ToString());
        Assert.Equal("Oatly-Natural-Oatghurt", result.GetProperty("product_id").GetString());
        Assert.Equal(0, onDevice.Calls);
        Assert.Equal(1, Events.Lines(await Events.BasketAsync(http, "cart-a"))["Oatly-Natural-Oatghurt"]);
    }

    [Fact]
    public async Task Events_FusionUnsureAndOnDeviceSure_DecidedOnDevice()
    {
        var onDevice = ScriptedCandidateChooserDouble.Picking("Golden-Delicious", 0.97);
        // The shipped threshold (1.01, tuned on val) makes the stage never accept with today's VLM; a chooser whose
        // confidence deserved trust would get a threshold such as this one.
        await using var server = await fx.StartAsync(s =>
        {
            s.Overrides["Escalation:OnDeviceAcceptThreshold"] = "0.9";
            s.Services = x => x.AddKeyedSingleton<ICandidateChooser>(CartServer.OnDeviceKey, onDevice);
        });
        using var http = server.Client(ServerFixture.KeyA);

        var result = await Events.PostAsync(http, "cart-a", Events.Body("e1", "add", null, fx.Frame(AmbiguousApple)));

        Assert.Equal("on-device", result.GetProperty("decided_by").GetString());
        var stages = result.GetProperty("stages").EnumerateArray().Select(s => (s.GetProperty("stage").GetString(), s.GetProperty("outcome").GetString())).ToArray();
        Assert.Equal([("fusion", "unsure"), ("on-device", "accepted")], stages);
        Assert.Equal(1, onDevice.Calls);
        Assert.True(result.GetProperty("evidence").GetArrayLength() >= 2);
        Assert.Equal(1, Events.Lines(await Events.BasketAsync(http, "cart-a"))["Golden-Delicious"]);
    }

    [Fact]
    public async Task Events_OnDeviceUnsure_CloudFallbackProcessDecides_AndShopperIsAskedOnceItIsKilled()
    {
        const string fallbackKey = "fallback-chat-key-0123456789";
        using var fallback = await BasketProcess.StartAsync(fx.RepoRoot, fx.Scratch, new
        {
            Server = new { ChatBackend = "recognizer", ChatApiKeys = new[] { fallbackKey }, EventLogPath = fx.NewLogPath() },
        });
        var onDevice = ScriptedCandidateChooserDouble.Picking("Granny-Smith", 0.40);
        await using var server = await fx.StartAsync(s =>
        {
            s.Overrides["Cloud:Endpoint"] = new Uri(fallback.BaseAddress, "v1/").ToString();
            s.Overrides["Cloud:ApiKey"] = fallbackKey;
            s.Overrides["Cloud:RetryBaseDelay"] = "00:00:00.050";
            // The recognizer-backed fallback (recognizer v2, one view) chooses Golden-Delicious for frame 038 above 0.35 among the
            // four candidates; for frame 022 it chooses Anjou since the mirror view was dropped (two views were ~0.41 on Golden-Delicious).
            s.Overrides["Escalation:CloudAcceptThreshold"] = "0.35";
            s.Services = x => x.AddKeyedSingleton<ICandidateChooser>(CartServer.OnDeviceKey, onDevice);
        });
        using var http = server.Client(ServerFixture.KeyA);

        var viaCloud = await Events.PostAsync(http, "cart-a", Events.Body("e1", "add", null, fx.Frame(AmbiguousApple2)));
        Assert.Equal("cloud", viaCloud.GetProperty("decided_by").GetString());
        Assert.Equal("Golden-Delicious", viaCloud.GetProperty("product_id").GetString());
        var stages = viaCloud.GetProperty("stages").EnumerateArray().Select(s => s.GetProperty("outcome").GetString()).ToArray();
        Assert.Equal(new string?[] { "unsure", "unsure", "accepted" }, stages);

        fallback.Kill9();
        Assert.True(fallback.HasExited);

        var asked = await Events.PostAsync(http, "cart-a", Events.Body("e2", "add", null, fx.Frame(AmbiguousApple)));
        Assert.Equal("pending_confirmation", asked.GetProperty("status").GetString());
        Assert.Equal("shopper", asked.GetProperty("decided_by").GetString());
        var cloud = asked.GetProperty("stages").EnumerateArray().Single(s => s.GetProperty("stage").GetString() == "cloud");
        Assert.Equal("failed", cloud.GetProperty("outcome").GetString());
        var basket = await Events.BasketAsync(http, "cart-a");
        Assert.Equal(1, basket.GetProperty("items").GetInt32());
        Assert.Equal("e2", basket.GetProperty("pending")[0].GetProperty("event_id").GetString());
    }

    [Fact]
    public async Task Events_UnsureRemoval_ShopperIsOfferedOnlyTheBasketsLines()
    {
        await using var server = await fx.StartAsync(s => s.Overrides["Escalation:FusionAcceptThreshold"] = "0.75");
        using var http = server.Client(ServerFixture.KeyA);
        var seed = await Events.PostAsync(http, "cart-a", Events.Body("e1", "add", OatghurtGrams, fx.Frame(OatghurtFrame), fx.Frame(OatghurtFrame3)));
        Assert.Equal("accepted", seed.GetProperty("status").GetString());

        // An apple frame leaving a basket that holds only the oatghurt: fusion's own candidates are apples and pears.
        var removal = await Events.PostAsync(http, "cart-a", Events.Body("e2", "remove", null, fx.Frame(AmbiguousApple)));

        Assert.Equal("pending_confirmation", removal.GetProperty("status").GetString());
        var tiles = removal.GetProperty("candidates").EnumerateArray().Select(c => c.GetProperty("product_id").GetString()!).ToArray();
        Assert.Equal(["Oatly-Natural-Oatghurt"], tiles);

        // Nor can the screen's picker name something the basket does not hold: it cannot have left the cart.
        using var apple = await http.PostAsJsonAsync("/v1/carts/cart-a/confirm", new { event_id = "e2", product_id = "Golden-Delicious" });
        Assert.Equal(System.Net.HttpStatusCode.BadRequest, apple.StatusCode);
        Assert.Contains("nor a line in the basket", await apple.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Confirm_PendingEvent_AppliesOnceAndRejectsWrongAnswers()
    {
        await using var server = await fx.StartAsync();
        using var http = server.Client(ServerFixture.KeyA);
        var pending = await Events.PostAsync(http, "cart-a", Events.Body("e1", "add", null, fx.Frame(AmbiguousApple)));
        Assert.Equal("pending_confirmation", pending.GetProperty("status").GetString());
        Assert.Equal(0, (await Events.BasketAsync(http, "cart-a")).GetProperty("items").GetInt32());

        // Beyond the tiles, the screen's picker may name any store product for an add, but nothing the store lacks.
        using var wrong = await http.PostAsJsonAsync("/v1/carts/cart-a/confirm", new { event_id = "e1", product_id = "Banana-Split" });
        Assert.Equal(System.Net.HttpStatusCode.BadRequest, wrong.StatusCode);
        using var unknown = await http.PostAsJsonAsync("/v1/carts/cart-a/confirm", new { event_id = "nope", product_id = "Granny-Smith" });
        Assert.Equal(System.Net.HttpStatusCode.NotFound, unknown.StatusCode);

        using var first = await http.PostAsJsonAsync("/v1/carts/cart-a/confirm", new { event_id = "e1", product_id = "Granny-Smith" });
        using var again = await http.PostAsJsonAsync("/v1/carts/cart-a/confirm", new { event_id = "e1", product_id = "Granny-Smith" });
        Assert.Equal(await first.Content.ReadAsStringAsync(), await again.Content.ReadAsStringAsync());
        var basket = await Events.BasketAsync(http, "cart-a");
        Assert.Equal(1, Events.Lines(basket)["Granny-Smith"]);
        Assert.Equal(0, basket.GetProperty("pending").GetArrayLength());
    }

    [Fact]
    public async Task Events_RemovalDecidedAsAProductNotInTheBasket_ShopperAskedWithTheLinesItsWeightFits()
    {
        await using var server = await fx.StartAsync(s => s.Overrides["Escalation:FusionAcceptThreshold"] = "0.5");
        using var http = server.Client(ServerFixture.KeyA);
        await Events.PostAsync(http, "cart-a", Events.Body("e1", "add", OatghurtGrams, fx.Frame(OatghurtFrame), fx.Frame(OatghurtFrame3)));
        Assert.Equal(1, Events.Lines(await Events.BasketAsync(http, "cart-a"))["Oatly-Natural-Oatghurt"]);

        // An apple is seen leaving a basket that holds only the oat yoghurt: the cart cannot know which line left.
        var removal = await Events.PostAsync(http, "cart-a", Events.Body("e2", "remove", -182, fx.Frame(AmbiguousApple)));

        Assert.Equal("pending_confirmation", removal.GetProperty("status").GetString());
        // Fusion accepted the apple; the removal check, not fusion's doubt, is what asks the shopper.
        var stages = removal.GetProperty("stages").EnumerateArray().ToArray();
        Assert.Equal("accepted", stages[0].GetProperty("outcome").GetString());
        Assert.Equal(BasketReasoner.Reasoning.Escalation.RemovalCheck.NotInBasket, stages[^1].GetProperty("detail").GetString());
        // The basket's lines that can weigh 182 g: not the 1030 g oat yoghurt, whose answer the scale refuses (422), so no
        // tile; the screen's "Another item" still lists it, and "nothing was taken out" closes the prompt.
        var tiles = removal.GetProperty("candidates").EnumerateArray().Select(c => c.GetProperty("product_id").GetString()!).ToArray();
        Assert.Empty(tiles);
        Assert.Equal(HttpStatusCode.UnprocessableEntity, (await Events.ConfirmAsync(http, "e2", "Oatly-Natural-Oatghurt")).Status);
        Assert.Equal(1, Events.Lines(await Events.BasketAsync(http, "cart-a"))["Oatly-Natural-Oatghurt"]);

        // Unsettled, the weight rules nothing out: the line is the tile.
        var unsettled = await Events.PostAsync(http, "cart-a", Events.Body("e3", "remove", null, fx.Frame(AmbiguousApple)));
        Assert.Equal(["Oatly-Natural-Oatghurt"], Events.Tiles(unsettled));
    }

    [Fact]
    public async Task Events_UnsureRemovalFromAnEmptyBasket_ClosedWithNothingTakenOutNotAnEmptyPrompt()
    {
        await using var server = await fx.StartAsync();
        using var http = server.Client(ServerFixture.KeyA);

        var removal = await Events.PostAsync(http, "cart-a", Events.Body("e1", "remove", -182, fx.Frame(AmbiguousApple)));

        Assert.Equal("accepted", removal.GetProperty("status").GetString());
        Assert.Equal(JsonValueKind.Null, removal.GetProperty("applied_product_id").ValueKind);
        Assert.Equal(BasketReasoner.Reasoning.Escalation.RemovalCheck.EmptyBasket, removal.GetProperty("stages").EnumerateArray().Last().GetProperty("detail").GetString());
    }
}
