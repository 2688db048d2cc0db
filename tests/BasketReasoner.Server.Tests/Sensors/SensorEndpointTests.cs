using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using BasketReasoner.Server.Tests.Escalation;
using BasketReasoner.Server.Tests.Infrastructure;

namespace BasketReasoner.Server.Tests.Sensors;

/// <summary>Raw load-cell samples and frames posted separately, detected and joined by a live server.</summary>
[Collection(ServerCollection.Name)]
public sealed class SensorEndpointTests(ServerFixture fx)
{
    [Fact]
    public async Task Scale_StepAfterFrame_SettledEventResolvedIntoBasket()
    {
        await using var server = await fx.StartAsync(s => s.Overrides["Escalation:FusionAcceptThreshold"] = "0.75");
        using var http = server.Client(ServerFixture.KeyA);
        using var screen = server.Client(ServerFixture.KeyA);
        using var stream = await screen.GetStreamAsync("/v1/carts/cart-a/stream");
        using var lines = new StreamReader(stream);

        var waiting = await PostAsync(http, "cart-a", "frames", Frame("e1", "add", 3000, fx.Frame(EscalationStageTests.OatghurtFrame), fx.Frame(EscalationStageTests.OatghurtFrame3)));
        Assert.Equal(1, waiting.GetProperty("waiting_frames").GetInt32());
        Assert.Empty(waiting.GetProperty("events").EnumerateArray());

        // 0..3 s empty, then the pack lands; two batches, the second one settles it.
        var readings = Samples(0, 6000, t => t < 3000 ? 12 : 12 + EscalationStageTests.OatghurtGrams, seed: 1);
        var first = await PostAsync(http, "cart-a", "scale", new { samples = readings[..300] });
        Assert.Equal(300, first.GetProperty("samples").GetInt32());
        Assert.Empty(first.GetProperty("weight_events").EnumerateArray());
        var second = await PostAsync(http, "cart-a", "scale", new { samples = readings[300..] });

        var weight = Assert.Single(second.GetProperty("weight_events").EnumerateArray());
        Assert.True(weight.GetProperty("settled").GetBoolean());
        Assert.Equal("e1", weight.GetProperty("frame_id").GetString());
        Assert.InRange(weight.GetProperty("onset_ms").GetDouble(), 2990, 3100);
        Assert.InRange(weight.GetProperty("delta_g").GetDouble(), EscalationStageTests.OatghurtGrams - 3, EscalationStageTests.OatghurtGrams + 3);
        var resolved = Assert.Single(second.GetProperty("events").EnumerateArray());
        Assert.Equal("e1", resolved.GetProperty("event_id").GetString());
        Assert.Equal("accepted", resolved.GetProperty("status").GetString());
        Assert.Equal(weight.GetProperty("delta_g").GetDouble(), resolved.GetProperty("weight_delta_g").GetDouble());
        Assert.Equal("Oatly-Natural-Oatghurt", resolved.GetProperty("product_id").GetString());
        Assert.Equal(0, second.GetProperty("waiting_frames").GetInt32());
        Assert.Equal(5990.0, second.GetProperty("last_t_ms").GetDouble(), 6);
        Assert.Equal(1, Events.Lines(await Events.BasketAsync(http, "cart-a"))["Oatly-Natural-Oatghurt"]);

        // The screen saw it as it sees a posted event: the resolution on the cart's stream.
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(20));
        string? line;
        while ((line = await lines.ReadLineAsync(timeout.Token)) != "event: resolution")
        {
            Assert.NotNull(line);
        }

        var shown = JsonDocument.Parse((await lines.ReadLineAsync(timeout.Token))!["data: ".Length..]).RootElement;
        Assert.Equal("e1", shown.GetProperty("event_id").GetString());
        Assert.Equal(resolved.GetProperty("weight_delta_g").GetDouble(), shown.GetProperty("weight_delta_g").GetDouble());

        // A retried frame is answered from the resolved event; nothing is added twice.
        var retry = await PostAsync(http, "cart-a", "frames", Frame("e1", "add", 3000, fx.Frame(EscalationStageTests.OatghurtFrame), fx.Frame(EscalationStageTests.OatghurtFrame3)));
        Assert.Equal("e1", Assert.Single(retry.GetProperty("events").EnumerateArray()).GetProperty("event_id").GetString());
        Assert.Equal(1, Events.Lines(await Events.BasketAsync(http, "cart-a"))["Oatly-Natural-Oatghurt"]);
    }

    [Fact]
    public async Task Frames_IdReusedWithAnotherBody_409WhileAnExactRetryIsAnswered()
    {
        await using var server = await fx.StartAsync(s => s.Overrides["Escalation:FusionAcceptThreshold"] = "0.75");
        using var http = server.Client(ServerFixture.KeyA);
        var first = Frame("f1", "add", 2100, fx.Frame(EscalationStageTests.OatghurtFrame), fx.Frame(EscalationStageTests.OatghurtFrame3));

        await PostAsync(http, "cart-a", "frames", first);
        await PostAsync(http, "cart-a", "frames", first);
        var other = System.Text.Json.JsonSerializer.Serialize(Frame("f1", "remove", 2100, fx.Frame(EscalationStageTests.AmbiguousApple)));
        var problem = await ProblemAsync(http, "cart-a", "frames", other, HttpStatusCode.Conflict);

        Assert.Contains("'f1' was already sent", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Frames_IdOfAnEventPostedToEvents_409AndTheEventKeepsItsResult()
    {
        await using var server = await fx.StartAsync(s => s.Overrides["Escalation:FusionAcceptThreshold"] = "0.75");
        using var http = server.Client(ServerFixture.KeyA);
        var posted = Events.Body("b1", "add", EscalationStageTests.OatghurtGrams, fx.Frame(EscalationStageTests.OatghurtFrame), fx.Frame(EscalationStageTests.OatghurtFrame3));
        var accepted = await Events.DecidedAsync(http, "cart-a", await Events.PostAsync(http, "cart-a", posted));

        // /frames and /events share ids: a frame reusing b1 (another type, time and image) was answered 200 with b1's old
        // result and the frame thrown away. It is a conflict, and nothing of it is kept.
        var problem = await ProblemAsync(http, "cart-a", "frames",
            JsonSerializer.Serialize(Frame("b1", "remove", 2100, fx.Frame(EscalationStageTests.AmbiguousApple))), HttpStatusCode.Conflict);

        Assert.Contains("used for an event posted to /events", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
        var ack = await PostAsync(http, "cart-a", "scale", new { samples = Samples(0, 6000, _ => 0, seed: 7) });
        Assert.Equal((0, 0), (ack.GetProperty("waiting_frames").GetInt32(), ack.GetProperty("events").GetArrayLength()));
        var replay = await Events.PostAsync(http, "cart-a", posted);
        Assert.Equal(accepted.GetProperty("status").GetString(), replay.GetProperty("status").GetString());
        Assert.Equal(1, Events.Lines(await Events.BasketAsync(http, "cart-a")).Values.Sum());
    }

    [Fact]
    public async Task Events_IdOfAFrameWaitingForItsWeight_409AndTheFrameStillResolves()
    {
        await using var server = await fx.StartAsync(s => s.Overrides["Escalation:FusionAcceptThreshold"] = "0.75");
        using var http = server.Client(ServerFixture.KeyA);
        var waiting = await PostAsync(http, "cart-a", "frames", Frame("f1", "add", 2100, fx.Frame(EscalationStageTests.OatghurtFrame), fx.Frame(EscalationStageTests.OatghurtFrame3)));
        Assert.Equal(1, waiting.GetProperty("waiting_frames").GetInt32());

        // The event was acknowledged and, when the frame joined its weight later, the frame was dropped with only a
        // deferred_reason. Now the event is refused before anything is acknowledged.
        var problem = await ProblemAsync(http, "cart-a", "events",
            JsonSerializer.Serialize(Events.Body("f1", "add", 180, fx.Frame(EscalationStageTests.AmbiguousApple))), HttpStatusCode.Conflict);
        Assert.Contains("waiting for its weight", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);

        var ack = await PostAsync(http, "cart-a", "scale", new { samples = Samples(0, 6000, t => t < 2000 ? 0 : EscalationStageTests.OatghurtGrams, seed: 8) });
        var resolved = Assert.Single(ack.GetProperty("events").EnumerateArray());
        Assert.Equal("f1", resolved.GetProperty("event_id").GetString());
        Assert.Equal(JsonValueKind.Null, ack.GetProperty("deferred_reason").ValueKind);
        Assert.Equal(new Dictionary<string, int> { ["Oatly-Natural-Oatghurt"] = 1 }, Events.Lines(await Events.BasketAsync(http, "cart-a")));
    }

    [Fact]
    public async Task Frames_ResolvedFrameRetriedAfterARestart_AnsweredFromTheLogAndAnotherBodyIs409()
    {
        var log = fx.NewLogPath();
        var frame = Frame("f1", "add", 2100, fx.Frame(EscalationStageTests.OatghurtFrame), fx.Frame(EscalationStageTests.OatghurtFrame3));
        await using (var server = await fx.StartAsync(s => s.Overrides["Escalation:FusionAcceptThreshold"] = "0.75", log))
        {
            using var http = server.Client(ServerFixture.KeyA);
            await PostAsync(http, "cart-a", "frames", frame);
            var ack = await PostAsync(http, "cart-a", "scale", new { samples = Samples(0, 6000, t => t < 2000 ? 0 : EscalationStageTests.OatghurtGrams, seed: 9) });
            Assert.Single(ack.GetProperty("events").EnumerateArray());
        }

        // The frame's own fingerprint is what the log recorded: a retry after a restart is answered, not refused, and an
        // /events body with the frame's id is refused.
        await using var restarted = await fx.StartAsync(s => s.Overrides["Escalation:FusionAcceptThreshold"] = "0.75", log);
        using var again = restarted.Client(ServerFixture.KeyA);
        var retry = await PostAsync(again, "cart-a", "frames", frame);
        Assert.Equal("f1", Assert.Single(retry.GetProperty("events").EnumerateArray()).GetProperty("event_id").GetString());
        await ProblemAsync(again, "cart-a", "events",
            JsonSerializer.Serialize(Events.Body("f1", "add", EscalationStageTests.OatghurtGrams, fx.Frame(EscalationStageTests.OatghurtFrame))), HttpStatusCode.Conflict);
        await ProblemAsync(again, "cart-a", "frames",
            JsonSerializer.Serialize(Frame("f1", "add", 2200, fx.Frame(EscalationStageTests.OatghurtFrame), fx.Frame(EscalationStageTests.OatghurtFrame3))), HttpStatusCode.Conflict);
        Assert.Equal(1, Events.Lines(await Events.BasketAsync(again, "cart-a")).Values.Sum());
    }

    [Fact]
    public async Task Frames_WeightSettledFirst_JoinedWhenTheFrameArrives()
    {
        await using var server = await fx.StartAsync(s => s.Overrides["Escalation:FusionAcceptThreshold"] = "0.75");
        using var http = server.Client(ServerFixture.KeyA);

        var ack = await PostAsync(http, "cart-a", "scale", new { samples = Samples(0, 4000, t => t < 2000 ? 0 : EscalationStageTests.OatghurtGrams, seed: 2) });
        Assert.Null(Assert.Single(ack.GetProperty("weight_events").EnumerateArray()).GetProperty("frame_id").GetString());

        var joined = await PostAsync(http, "cart-a", "frames", Frame("e1", "add", 2100, fx.Frame(EscalationStageTests.OatghurtFrame), fx.Frame(EscalationStageTests.OatghurtFrame3)));

        var resolved = Assert.Single(joined.GetProperty("events").EnumerateArray());
        Assert.InRange(resolved.GetProperty("weight_delta_g").GetDouble(), EscalationStageTests.OatghurtGrams - 3, EscalationStageTests.OatghurtGrams + 3);
        Assert.Equal(0, joined.GetProperty("dropped_weight_events").GetInt32());
    }

    [Fact]
    public async Task Frames_ScaleStayedFlat_ResolvedAsNoChangeAndNotBilledOnSightAlone()
    {
        // A product held up to the camera and put back: the cameras saw an add, the scale saw nothing. Resolved without
        // a reading, fusion took vision alone and billed it; the flat scale is evidence, and it is given as 0 g.
        await using var server = await fx.StartAsync(s => s.Overrides["Escalation:FusionAcceptThreshold"] = "0.75");
        using var http = server.Client(ServerFixture.KeyA);
        await PostAsync(http, "cart-a", "frames", Frame("ghost", "add", 3000, fx.Frame(EscalationStageTests.OatghurtFrame), fx.Frame(EscalationStageTests.OatghurtFrame3)));

        var ack = await PostAsync(http, "cart-a", "scale", new { samples = Samples(0, 12000, _ => 9062, seed: 3) });

        var resolved = Assert.Single(ack.GetProperty("events").EnumerateArray());
        Assert.Equal(0.0, resolved.GetProperty("weight_delta_g").GetDouble());
        Assert.Equal("pending_confirmation", resolved.GetProperty("status").GetString());
        Assert.Empty(Events.Lines(await Events.BasketAsync(http, "cart-a")));

        // "None of these": nothing went in, so nothing is left unbilled either.
        Assert.Equal(HttpStatusCode.OK, (await Events.ConfirmAsync(http, "ghost", null)).Status);
        Assert.Empty((await Events.BasketAsync(http, "cart-a")).GetProperty("unbilled").EnumerateArray());
    }

    [Fact]
    public async Task Frames_InTheCartsFirstSecondsOnAFlatScale_NoChangeNotBilledOnSight()
    {
        // A new cart, or any cart just after a restart: the frame's window starts before the first reading. It was
        // resolved "without a weight", and fusion billed it on the picture alone while the scale stayed flat.
        await using var server = await fx.StartAsync(s => s.Overrides["Escalation:FusionAcceptThreshold"] = "0.75");
        using var http = server.Client(ServerFixture.KeyA);
        await PostAsync(http, "cart-a", "scale", new { samples = Samples(0, 500, _ => 2000, seed: 5) });
        await PostAsync(http, "cart-a", "frames", Frame("early", "add", 600, fx.Frame(EscalationStageTests.OatghurtFrame), fx.Frame(EscalationStageTests.OatghurtFrame3)));

        var ack = await PostAsync(http, "cart-a", "scale", new { samples = Samples(510, 6000, _ => 2000, seed: 6) });

        var resolved = Assert.Single(ack.GetProperty("events").EnumerateArray());
        Assert.Equal(0.0, resolved.GetProperty("weight_delta_g").GetDouble());
        Assert.Equal("pending_confirmation", resolved.GetProperty("status").GetString());
        Assert.Empty(Events.Lines(await Events.BasketAsync(http, "cart-a")));
    }

    [Fact]
    public async Task Frames_OneItemSeenTwice_TheSecondFrameIsNoChangeNotASecondItem()
    {
        await using var server = await fx.StartAsync(s => s.Overrides["Escalation:FusionAcceptThreshold"] = "0.75");
        using var http = server.Client(ServerFixture.KeyA);
        await PostAsync(http, "cart-a", "frames", Frame("seen-a", "add", 3000, fx.Frame(EscalationStageTests.OatghurtFrame), fx.Frame(EscalationStageTests.OatghurtFrame3)));
        await PostAsync(http, "cart-a", "frames", Frame("seen-b", "add", 3200, fx.Frame(EscalationStageTests.OatghurtFrame), fx.Frame(EscalationStageTests.OatghurtFrame3)));

        var ack = await PostAsync(http, "cart-a", "scale", new { samples = Samples(0, 12000, t => t < 3000 ? 12 : 12 + EscalationStageTests.OatghurtGrams, seed: 4) });

        var events = ack.GetProperty("events").EnumerateArray().ToDictionary(e => e.GetProperty("event_id").GetString()!);
        Assert.Equal("accepted", events["seen-a"].GetProperty("status").GetString());
        Assert.Equal(0.0, events["seen-b"].GetProperty("weight_delta_g").GetDouble());
        Assert.Equal("pending_confirmation", events["seen-b"].GetProperty("status").GetString());
        Assert.Equal(1, Events.Lines(await Events.BasketAsync(http, "cart-a"))["Oatly-Natural-Oatghurt"]);
    }

    [Fact]
    public async Task Frames_QuickDoubleAdd_EachItemWeighedByWhatTheOtherLeavesNotTwoOfTheFirst()
    {
        // An oat yoghurt and a milk put in 0.3 s apart: one settled weight event of both (about 2090 g). The first
        // frame took the whole delta and was billed as two oat yoghurts (two whole packs fit 2090 g); the milk's frame
        // was "no change", and tapping the milk was refused for weighing 0 g.
        await using var server = await fx.StartAsync(s => s.Overrides["Escalation:FusionAcceptThreshold"] = "0.75");
        using var http = server.Client(ServerFixture.KeyA);
        await PostAsync(http, "cart-a", "frames", Frame("yoghurt", "add", 3000, fx.Frame(EscalationStageTests.OatghurtFrame), fx.Frame(EscalationStageTests.OatghurtFrame3)));
        await PostAsync(http, "cart-a", "frames", Frame("milk", "add", 3300, fx.Frame(MilkFrame), fx.Frame(MilkFrame2)));

        // The cart still swings from the first landing when the second lands: the reading settles only after both.
        static double Level(double t) => t < 3000 ? 12
            : t < 3800 ? 12 + EscalationStageTests.OatghurtGrams + (t < 3300 ? 0 : MilkGrams) + (180 * Math.Sin(t / 16))
            : 12 + EscalationStageTests.OatghurtGrams + MilkGrams;
        var ack = await PostAsync(http, "cart-a", "scale", new { samples = Samples(0, 12000, Level, seed: 8) });

        var weight = Assert.Single(ack.GetProperty("weight_events").EnumerateArray());
        Assert.InRange(weight.GetProperty("delta_g").GetDouble(), EscalationStageTests.OatghurtGrams + MilkGrams - 5, EscalationStageTests.OatghurtGrams + MilkGrams + 5);
        var events = ack.GetProperty("events").EnumerateArray().ToDictionary(e => e.GetProperty("event_id").GetString()!);
        Assert.Equal(2, events.Count);
        Assert.Equal(1, events["yoghurt"].GetProperty("quantity").GetInt32());
        if (events["yoghurt"].GetProperty("status").GetString() == "accepted")
        {
            // The milk is weighed by what the yoghurt's pack leaves of the delta.
            Assert.Equal("Oatly-Natural-Oatghurt", events["yoghurt"].GetProperty("product_id").GetString());
            Assert.InRange(events["milk"].GetProperty("weight_delta_g").GetDouble(), MilkGrams - 10, MilkGrams + 10);
        }
        else
        {
            Assert.Equal(HttpStatusCode.OK, (await Events.ConfirmAsync(http, "yoghurt", "Oatly-Natural-Oatghurt")).Status);
        }

        if (events["milk"].GetProperty("status").GetString() == "pending_confirmation")
        {
            Assert.Equal(HttpStatusCode.OK, (await Events.ConfirmAsync(http, "milk", MilkProduct)).Status);
        }

        var lines = Events.Lines(await Events.BasketAsync(http, "cart-a"));
        Assert.Equal(1, lines["Oatly-Natural-Oatghurt"]);
        Assert.Equal(1, lines[MilkProduct]);
        Assert.Equal(2, lines.Values.Sum());
    }

    private const string MilkProduct = "Arla-Standard-Milk";
    private const string MilkFrame = "test/Packages/Milk/Arla-Standard-Milk/Arla-Standard-Milk_001.jpg";
    private const string MilkFrame2 = "test/Packages/Milk/Arla-Standard-Milk/Arla-Standard-Milk_002.jpg";
    private const double MilkGrams = 1060;

    [Fact]
    public async Task Scale_CartAtItsConfirmationLimit_JoinedEventDeferredThenResolvedInOrder()
    {
        await using var server = await fx.StartAsync(s => s.Overrides["Server:MaxPendingConfirmations"] = "1");
        using var http = server.Client(ServerFixture.KeyA);
        await PostAsync(http, "cart-a", "frames", Frame("f1", "add", 2000, fx.Frame(EscalationStageTests.AmbiguousApple)));
        await PostAsync(http, "cart-a", "frames", Frame("f2", "add", 5000, fx.Frame(EscalationStageTests.OatghurtFrame)));
        var readings = Samples(0, 9000, t => t < 2000 ? 0 : t < 5000 ? 180 : 180 + EscalationStageTests.OatghurtGrams, seed: 6);

        var ack = await PostAsync(http, "cart-a", "scale", new { samples = readings[..800] });

        var asked = Assert.Single(ack.GetProperty("events").EnumerateArray());
        Assert.Equal("f1", asked.GetProperty("event_id").GetString());
        Assert.Equal("pending_confirmation", asked.GetProperty("status").GetString());
        Assert.Equal(1, ack.GetProperty("deferred").GetInt32());
        Assert.Contains("waiting for the shopper", ack.GetProperty("deferred_reason").GetString(), StringComparison.Ordinal);

        using var answer = await http.PostAsJsonAsync("/v1/carts/cart-a/confirm", new { event_id = "f1", product_id = asked.GetProperty("candidates")[0].GetProperty("product_id").GetString() });
        answer.EnsureSuccessStatusCode();
        var next = await PostAsync(http, "cart-a", "scale", new { samples = readings[800..] });

        var later = Assert.Single(next.GetProperty("events").EnumerateArray());
        Assert.Equal("f2", later.GetProperty("event_id").GetString());
        Assert.InRange(later.GetProperty("weight_delta_g").GetDouble(), EscalationStageTests.OatghurtGrams - 3, EscalationStageTests.OatghurtGrams + 3);
        Assert.Equal(0, next.GetProperty("deferred").GetInt32());
        Assert.Equal(JsonValueKind.Null, next.GetProperty("deferred_reason").ValueKind);
    }

    [Fact]
    public async Task Scale_TwoCartsInterleaved_SamplesAndFramesDoNotMix()
    {
        await using var server = await fx.StartAsync();
        using var a = server.Client(ServerFixture.KeyA);
        using var b = server.Client(ServerFixture.KeyB);

        // Cart a's pack lands at 2 s with nobody's frame on cart a; cart b stays empty but its camera saw something at 2 s.
        var streamA = Samples(0, 8000, t => t < 2000 ? 0 : 500, seed: 3);
        var streamB = Samples(0, 8000, _ => 40, seed: 4);
        await PostAsync(b, "cart-b", "frames", Frame("b1", "add", 2000, fx.Frame(EscalationStageTests.OatghurtFrame)));
        var weightsA = new List<JsonElement>();
        var weightsB = new List<JsonElement>();
        var eventsA = new List<JsonElement>();
        var eventsB = new List<JsonElement>();
        var droppedA = 0;
        for (var i = 0; i < streamA.Length; i += 100)
        {
            var ackA = await PostAsync(a, "cart-a", "scale", new { samples = streamA[i..(i + 100)] });
            var ackB = await PostAsync(b, "cart-b", "scale", new { samples = streamB[i..(i + 100)] });
            weightsA.AddRange(ackA.GetProperty("weight_events").EnumerateArray());
            weightsB.AddRange(ackB.GetProperty("weight_events").EnumerateArray());
            eventsA.AddRange(ackA.GetProperty("events").EnumerateArray());
            eventsB.AddRange(ackB.GetProperty("events").EnumerateArray());
            droppedA += ackA.GetProperty("dropped_weight_events").GetInt32();
        }

        Assert.InRange(Assert.Single(weightsA).GetProperty("delta_g").GetDouble(), 497, 503);
        Assert.Empty(weightsB);
        Assert.Equal(1, droppedA);
        Assert.Empty(eventsA);
        // Cart b's scale stayed flat through its frame's window: no change (0 g), never cart a's 500 g.
        var unweighed = Assert.Single(eventsB);
        Assert.Equal("b1", unweighed.GetProperty("event_id").GetString());
        Assert.Equal(0.0, unweighed.GetProperty("weight_delta_g").GetDouble());
        Assert.Empty(Events.Lines(await Events.BasketAsync(a, "cart-a")));

        // The exporter refreshes its scrape on its own schedule: poll until the counters show up.
        var metrics = "";
        for (var i = 0; i < 50 && !metrics.Contains("basket_weight_events_dropped_total", StringComparison.Ordinal); i++)
        {
            await Task.Delay(i == 0 ? 0 : 100);
            metrics = await a.GetStringAsync("/metrics");
        }

        Assert.Equal(1600, Metric(metrics, "basket_scale_samples_total"));
        Assert.Equal(1, Metric(metrics, "basket_weight_events_total", "settled=\"true\""));
        Assert.Equal(1, Metric(metrics, "basket_weight_events_dropped_total"));
    }

    private static double Metric(string metrics, string name, string label = "")
    {
        var values = metrics.Split('\n')
            .Select(l => System.Text.RegularExpressions.Regex.Match(l, @"^(?<name>[a-z_]+)(\{(?<labels>.*)\})? (?<value>\S+)"))
            .Where(m => m.Success && m.Groups["name"].Value == name && m.Groups["labels"].Value.Contains(label, StringComparison.Ordinal))
            .Select(m => double.Parse(m.Groups["value"].Value, System.Globalization.CultureInfo.InvariantCulture))
            .ToList();
        Assert.True(values.Count == 1, $"Expected one {name} sample with '{label}' in:\n{metrics}");
        return values[0];
    }

    [Theory]
    [InlineData("""{"samples":[]}""", "'samples' must hold at least one")]
    [InlineData("""{"samples":[{"t_ms":0,"grams":"NaN"}]}""", "samples[0].grams must be a finite reading")]
    [InlineData("""{"samples":[{"t_ms":0,"grams":1},{"t_ms":"Infinity","grams":1}]}""", "samples[1].t_ms must be a finite number")]
    [InlineData("""{"samples":[{"t_ms":10,"grams":1},{"t_ms":5,"grams":1}]}""", "samples[1].t_ms is 5, not after samples[0].t_ms (10)")]
    [InlineData("""{"samples":[{"t_ms":10,"grams":1},{"t_ms":10,"grams":1}]}""", "strictly increasing")]
    [InlineData("""{"samples":[{"t_ms":10}]}""", "samples[0].grams must be a finite reading within ±100000 grams, not missing")]
    [InlineData("""{"samples":[{"t_ms":-1,"grams":1}]}""", "samples[0].t_ms must be a finite number")]
    [InlineData("""{"samples":[{"t_ms":1,"grams":1e9}]}""", "samples[0].grams must be a finite reading")]
    [InlineData("""{"samples":[{"t_ms":1,"grams":1,"temp":3}]}""", "is not a field of this request")]
    [InlineData("""{"samples":[1,2,3,4,5,6]}""", "has the wrong type")]
    [InlineData("""{"samples":[{"t_ms":1,"grams":1},{"t_ms":2,"grams":1},{"t_ms":3,"grams":1},{"t_ms":4,"grams":1},{"t_ms":5,"grams":1},{"t_ms":6,"grams":1}]}""", "At most 5 samples per batch; got 6")]
    public async Task Scale_BadBatch_400Problem(string body, string detail)
    {
        await using var server = await fx.StartAsync(s => s.Overrides["Server:MaxSamplesPerBatch"] = "5");
        using var http = server.Client(ServerFixture.KeyA);

        var problem = await ProblemAsync(http, "cart-a", "scale", body, HttpStatusCode.BadRequest);

        Assert.Contains(detail, problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
        var ack = await PostAsync(http, "cart-a", "scale", new { samples = new[] { new { t_ms = 0.0, grams = 1.0 } } });
        Assert.Equal(1, ack.GetProperty("samples").GetInt32());
    }

    [Fact]
    public async Task Scale_BatchNotAfterTheLastReadingOrOtherKey_ProblemDocuments()
    {
        await using var server = await fx.StartAsync();
        using var http = server.Client(ServerFixture.KeyA);
        await PostAsync(http, "cart-a", "scale", new { samples = Samples(0, 1000, _ => 0, seed: 5) });

        var overlap = await ProblemAsync(http, "cart-a", "scale", """{"samples":[{"t_ms":990,"grams":0},{"t_ms":1000,"grams":0}]}""", HttpStatusCode.Conflict);
        Assert.Contains("already has readings up to t_ms 990", overlap.GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.Equal(990, overlap.GetProperty("last_t_ms").GetDouble());

        using var text = new StringContent("""{"samples":[{"t_ms":2000,"grams":0}]}""", System.Text.Encoding.UTF8, "text/plain");
        using var wrongType = await http.PostAsync("/v1/carts/cart-a/scale", text);
        Assert.Equal(HttpStatusCode.UnsupportedMediaType, wrongType.StatusCode);
        Assert.Contains("Content-Type must be application/json", await wrongType.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        using var other = server.Client(ServerFixture.KeyB);
        await ProblemAsync(other, "cart-a", "scale", """{"samples":[{"t_ms":2000,"grams":0}]}""", HttpStatusCode.Forbidden);
        using var none = server.Client(null);
        await ProblemAsync(none, "cart-a", "frames", """{"id":"x","type":"add","t_ms":1,"frames":[]}""", HttpStatusCode.Unauthorized);
        var noTime = await ProblemAsync(http, "cart-a", "frames",
            JsonSerializer.Serialize(new { id = "f1", type = "add", frames = new[] { new { camera = "top", jpeg = Convert.ToBase64String(fx.Frame(EscalationStageTests.OatghurtFrame)) } } }),
            HttpStatusCode.BadRequest);
        Assert.Contains("'t_ms' is required", noTime.GetProperty("detail").GetString(), StringComparison.Ordinal);
        var badType = await ProblemAsync(http, "cart-a", "frames", """{"id":"f1","type":"lift","t_ms":5,"frames":[]}""", HttpStatusCode.BadRequest);
        Assert.Contains("'type' must be \"add\" or \"remove\"", badType.GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    /// <summary>Readings at 100 Hz from <paramref name="fromMs"/> (inclusive) to <paramref name="toMs"/> (exclusive): the level plus 0.8 g of seeded noise.</summary>
    internal static object[] Samples(int fromMs, int toMs, Func<double, double> level, int seed)
    {
        var random = new Random(seed);
        var samples = new List<object>();
        for (var t = fromMs; t < toMs; t += 10)
        {
            var gaussian = Math.Sqrt(-2 * Math.Log(1 - random.NextDouble())) * Math.Cos(2 * Math.PI * random.NextDouble());
            samples.Add(new { t_ms = (double)t, grams = level(t) + (0.8 * gaussian) });
        }

        return [.. samples];
    }

    internal static object Frame(string id, string type, double tMs, params byte[][] frames) => new
    {
        id,
        type,
        t_ms = tMs,
        frames = frames.Select((f, i) => new { camera = "cam" + i, jpeg = Convert.ToBase64String(f) }).ToArray(),
    };

    internal static async Task<JsonElement> PostAsync(HttpClient http, string cart, string route, object body)
    {
        using var response = await http.PostAsJsonAsync($"/v1/carts/{cart}/{route}", body);
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, $"{(int)response.StatusCode}: {text}");
        return JsonDocument.Parse(text).RootElement.Clone();
    }

    internal static async Task<JsonElement> ProblemAsync(HttpClient http, string cart, string route, string body, HttpStatusCode status)
    {
        using var content = new StringContent(body, System.Text.Encoding.UTF8, "application/json");
        using var response = await http.PostAsync($"/v1/carts/{cart}/{route}", content);
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(status == response.StatusCode, $"{(int)response.StatusCode}: {text}");
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = JsonDocument.Parse(text).RootElement.Clone();
        Assert.Equal((int)status, problem.GetProperty("status").GetInt32());
        return problem;
    }
}
