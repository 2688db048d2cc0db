using System.Net;
using System.Text.Json;
using BasketReasoner.Server.Tests.Escalation;
using BasketReasoner.Server.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using static BasketReasoner.Server.Tests.Sensors.SensorEndpointTests;

namespace BasketReasoner.Server.Tests.Sensors;

/// <summary>
/// The cart's sensor clock is the cart's own, so the server bounds it by its own (a fake <see cref="TimeProvider"/>
/// here): a frame or a batch far ahead of the readings is refused before anything is kept, and a frame no reading
/// reaches is resolved without a weight after a timeout, visibly. Real servers on loopback.
/// </summary>
[Collection(ServerCollection.Name)]
public sealed class SensorClockTests(ServerFixture fx)
{
    [Fact]
    public async Task Frames_StampedInEpochMillisecondsAgainstTheScalesUptime_400AndTheWeightWaitsForTheRightFrame()
    {
        await using var server = await fx.StartAsync(s => s.Overrides["Escalation:FusionAcceptThreshold"] = "0.75");
        using var http = server.Client(ServerFixture.KeyA);
        var ack = await PostAsync(http, "cart-a", "scale", new { samples = Samples(0, 4000, t => t < 2000 ? 0 : EscalationStageTests.OatghurtGrams, seed: 11) });
        Assert.Single(ack.GetProperty("weight_events").EnumerateArray());

        // It used to wait forever (200) while the pack's weight event was dropped.
        var problem = await ProblemAsync(http, "cart-a", "frames", JsonSerializer.Serialize(
            Frame("f1", "add", 1796653000000, fx.Frame(EscalationStageTests.OatghurtFrame), fx.Frame(EscalationStageTests.OatghurtFrame3))), HttpStatusCode.BadRequest);

        Assert.Contains("ahead of cart 'cart-a''s last reading", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
        var joined = await PostAsync(http, "cart-a", "frames",
            Frame("f1", "add", 2100, fx.Frame(EscalationStageTests.OatghurtFrame), fx.Frame(EscalationStageTests.OatghurtFrame3)));
        var resolved = Assert.Single(joined.GetProperty("events").EnumerateArray());
        Assert.InRange(resolved.GetProperty("weight_delta_g").GetDouble(), EscalationStageTests.OatghurtGrams - 3, EscalationStageTests.OatghurtGrams + 3);
        Assert.Equal(0, joined.GetProperty("dropped_weight_events").GetInt32());
    }

    [Fact]
    public async Task Frames_StampedFarBehindTheReadings_400AndNothingKept()
    {
        await using var server = await fx.StartAsync(s => s.Overrides["Server:MaxFrameLagMs"] = "1000");
        using var http = server.Client(ServerFixture.KeyA);
        await PostAsync(http, "cart-a", "scale", new { samples = Samples(0, 4000, _ => 0, seed: 21) });

        // It used to be taken and resolved at once, as "no change", against readings the join no longer remembered.
        var problem = await ProblemAsync(http, "cart-a", "frames", JsonSerializer.Serialize(Frame("f1", "add", 500, fx.Frame(EscalationStageTests.AmbiguousApple))),
            HttpStatusCode.BadRequest);

        Assert.Equal("'t_ms' is 500, 3490 ms behind cart 'cart-a''s last reading (t_ms 3990); a new frame may be at most 1000 ms behind "
            + "(Server:MaxFrameLagMs). Stamp frames on the scale readings' clock and send each soon after it is taken.", problem.GetProperty("detail").GetString());
        using (var missing = await http.GetAsync("/v1/carts/cart-a/events/f1"))
        {
            Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
        }

        // Nothing was kept: the id is free for the frame with its right time, which waits for its window.
        var taken = await PostAsync(http, "cart-a", "frames", Frame("f1", "add", 3500, fx.Frame(EscalationStageTests.AmbiguousApple)));
        Assert.Equal(1, taken.GetProperty("waiting_frames").GetInt32());
    }

    [Fact]
    public async Task Frames_RetryOfAResolvedFrameAfterTheReadingsMovedOn_AnsweredNotRefused()
    {
        await using var server = await fx.StartAsync(s => s.Overrides["Server:MaxFrameLagMs"] = "1000");
        using var http = server.Client(ServerFixture.KeyA);
        await PostAsync(http, "cart-a", "scale", new { samples = Samples(0, 1000, _ => 0, seed: 22) });
        var frame = Frame("f1", "add", 900, fx.Frame(EscalationStageTests.AmbiguousApple));
        await PostAsync(http, "cart-a", "frames", frame);
        var resolved = await PostAsync(http, "cart-a", "scale", new { samples = Samples(1000, 6000, _ => 0, seed: 23) });
        Assert.Equal("f1", Assert.Single(resolved.GetProperty("events").EnumerateArray()).GetProperty("event_id").GetString());

        // A retry after a lost answer is the same frame, now 5 s behind: answered from the log, as before the bound.
        var retry = await PostAsync(http, "cart-a", "frames", frame);

        Assert.Equal("f1", Assert.Single(retry.GetProperty("events").EnumerateArray()).GetProperty("event_id").GetString());
    }

    [Fact]
    public async Task Frames_LateWithinTheBoundAfterAWeightNobodyClaimed_NotToldNoChange()
    {
        await using var server = await fx.StartAsync();
        using var http = server.Client(ServerFixture.KeyA);
        var step = await PostAsync(http, "cart-a", "scale", new { samples = Samples(0, 4000, t => t < 2000 ? 0 : EscalationStageTests.OatghurtGrams, seed: 24) });
        Assert.Single(step.GetProperty("weight_events").EnumerateArray());
        await PostAsync(http, "cart-a", "scale", new { samples = Samples(4000, 20_000, _ => EscalationStageTests.OatghurtGrams, seed: 25) });

        // 18 s late, within Server:MaxFrameLagMs: its weight event was dropped long ago, so its weight is unknown. The
        // join used to forget that weight event after four windows (10 s) and call the frame "no change" (0 g), which
        // no product fits: the shopper could not put the pack on the bill.
        var late = await PostAsync(http, "cart-a", "frames", Frame("f1", "add", 2050, fx.Frame(EscalationStageTests.OatghurtFrame), fx.Frame(EscalationStageTests.OatghurtFrame3)));

        var resolved = Assert.Single(late.GetProperty("events").EnumerateArray());
        Assert.Equal(JsonValueKind.Null, resolved.GetProperty("weight_delta_g").ValueKind);
    }

    [Fact]
    public async Task Scale_OneReadingFarAhead_400AndLaterBatchesStillAccepted()
    {
        await using var server = await fx.StartAsync();
        using var http = server.Client(ServerFixture.KeyA);
        await PostAsync(http, "cart-a", "scale", new { samples = Samples(0, 1000, _ => 0, seed: 12) });

        // A reading at 1e15 used to set the cart's clock there: every later batch a 409 until a restart.
        var jump = await ProblemAsync(http, "cart-a", "scale", """{"samples":[{"t_ms":1e15,"grams":0}]}""", HttpStatusCode.BadRequest);
        Assert.Contains("Server:MaxScaleGapMs", jump.GetProperty("detail").GetString(), StringComparison.Ordinal);
        var inside = await ProblemAsync(http, "cart-a", "scale", """{"samples":[{"t_ms":1000,"grams":0},{"t_ms":1e15,"grams":0}]}""", HttpStatusCode.BadRequest);
        Assert.Contains("samples[1].t_ms", inside.GetProperty("detail").GetString(), StringComparison.Ordinal);

        var next = await PostAsync(http, "cart-a", "scale", new { samples = Samples(1000, 2000, _ => 0, seed: 13) });
        Assert.Equal(1990, next.GetProperty("last_t_ms").GetDouble());
    }

    [Fact]
    public async Task Scale_CartSilentForTenMinutes_MayJumpAsFarAsTheServersClockMoved()
    {
        var time = new FakeTimeProvider();
        await using var server = await fx.StartAsync(s => s.Services = x => x.AddSingleton<TimeProvider>(time));
        using var http = server.Client(ServerFixture.KeyA);
        await PostAsync(http, "cart-a", "scale", new { samples = Samples(0, 1000, _ => 0, seed: 14) });
        var later = new { samples = Samples(601_000, 602_000, _ => 0, seed: 15) };

        await ProblemAsync(http, "cart-a", "scale", JsonSerializer.Serialize(later), HttpStatusCode.BadRequest);
        time.Advance(TimeSpan.FromMinutes(10));

        Assert.Equal(601_990, (await PostAsync(http, "cart-a", "scale", later)).GetProperty("last_t_ms").GetDouble());
    }

    [Fact]
    public async Task Frames_NoReadingReachesThem_ResolvedWithoutAWeightAfterTheTimeoutAndReported()
    {
        var time = new FakeTimeProvider();
        await using var server = await fx.StartAsync(s => s.Services = x => x.AddSingleton<TimeProvider>(time));
        using var http = server.Client(ServerFixture.KeyA);
        var waiting = await PostAsync(http, "cart-a", "frames", Frame("f1", "add", 5000, fx.Frame(EscalationStageTests.AmbiguousApple)));
        Assert.Equal(1, waiting.GetProperty("waiting_frames").GetInt32());

        // Nothing on the readings' clock moves (the scale stopped); the server's clock does. Before the timeout the
        // frame waits; after it, the server's sweep resolves it without a weight.
        time.Advance(TimeSpan.FromSeconds(29));
        await Task.Delay(200);
        using (var early = await http.GetAsync("/v1/carts/cart-a/events/f1"))
        {
            Assert.Equal(HttpStatusCode.NotFound, early.StatusCode);
        }

        time.Advance(TimeSpan.FromSeconds(2));
        var resolved = await EventuallyAsync(http, "f1");
        Assert.Equal(JsonValueKind.Null, resolved.GetProperty("weight_delta_g").ValueKind);
        Assert.NotEqual("refining", resolved.GetProperty("status").GetString());

        // The cart hears of it on its next sensor call, and nothing waits any more.
        var next = await PostAsync(http, "cart-a", "scale", new { samples = Samples(0, 100, _ => 0, seed: 16) });
        Assert.Equal(["f1"], next.GetProperty("expired_frames").EnumerateArray().Select(e => e.GetString()!).ToArray());
        Assert.Equal(0, next.GetProperty("waiting_frames").GetInt32());
        var after = await PostAsync(http, "cart-a", "scale", new { samples = Samples(100, 200, _ => 0, seed: 17) });
        Assert.Empty(after.GetProperty("expired_frames").EnumerateArray());
    }

    private static async Task<JsonElement> EventuallyAsync(HttpClient http, string eventId)
    {
        var waited = System.Diagnostics.Stopwatch.StartNew();
        while (true)
        {
            using var response = await http.GetAsync($"/v1/carts/cart-a/events/{eventId}");
            if (response.IsSuccessStatusCode)
            {
                return JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.Clone();
            }

            Assert.True(waited.Elapsed < TimeSpan.FromSeconds(20), $"event {eventId} was not resolved after 20 s");
            await Task.Delay(50);
        }
    }
}
