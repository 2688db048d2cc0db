using System.Net.Http.Json;
using System.Text.Json;
using BasketReasoner.Composition;
using BasketReasoner.Core.Resolutions;
using BasketReasoner.Server.Api;
using BasketReasoner.Server.Durability;
using BasketReasoner.Server.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace BasketReasoner.Server.Tests.Escalation;

/// <summary>
/// Label text read off the request path: the event is acknowledged as refining at once, and its refined decision
/// (or the shopper's prompt) still follows, on the stream and in the log.
/// </summary>
[Collection(ServerCollection.Name)]
public sealed class LabelTextRefinementTests(ServerFixture fx) : IDisposable
{
    // A fusion config whose gate reads every event's label (no packaged-goods gate, never decided without text), so
    // every event with this pipeline goes through the refinement.
    private readonly CartPipeline _alwaysReads = CartPipeline.Open(
        Path.Combine(fx.RepoRoot, "catalog", "catalog.json"), Path.Combine(fx.RepoRoot, "models", "recognizer"), AlwaysReadConfig(fx), log: TextWriter.Null);

    [Fact]
    public async Task PostEvent_LabelReadOffPath_AcknowledgedRefiningThenDecidedOnTheStream()
    {
        Assert.NotNull(_alwaysReads.Ocr);
        await using var server = await fx.StartAsync(s => s.Services = sv => sv.AddSingleton(_alwaysReads));
        using var http = server.Client(ServerFixture.KeyA);
        using var stream = await http.GetStreamAsync("/v1/carts/cart-a/stream");
        using var reader = new StreamReader(stream);

        var ack = await Events.PostAsync(http, "cart-a", Events.Body("e1", "add", 1030, fx.Frame(EscalationStageTests.OatghurtFrame)));

        Assert.Equal("refining", ack.GetProperty("status").GetString());
        Assert.Equal("label-text", ack.GetProperty("decided_by").GetString());
        Assert.False(ack.GetProperty("label_text_read").GetBoolean());
        var decided = await NextDecisionAsync(reader, "e1");
        Assert.Contains(decided.GetProperty("status").GetString(), new[] { "accepted", "pending_confirmation" });
        Assert.True(decided.GetProperty("label_text_read").GetBoolean());

        // A retry of the event's request now gets the decision, not the acknowledgement.
        var retried = await Events.PostAsync(http, "cart-a", Events.Body("e1", "add", 1030, fx.Frame(EscalationStageTests.OatghurtFrame)));
        Assert.Equal(decided.GetProperty("status").GetString(), retried.GetProperty("status").GetString());
    }

    [Fact]
    public async Task Stop_RefinementsUnderWay_DecidedBeforeTheLogClosesNotLeftForTheShopper()
    {
        // SIGTERM right after a burst of events whose labels are still being read: the stop waits for them, so the next
        // start finds them decided (the frames are not in the log, so a restart could only ask the shopper).
        var log = fx.NewLogPath();
        await using (var server = await fx.StartAsync(s => s.Services = sv => sv.AddSingleton(_alwaysReads), log))
        {
            using var http = server.Client(ServerFixture.KeyA);
            for (var i = 0; i < 4; i++)
            {
                Assert.Equal("refining", (await Events.PostAsync(http, "cart-a", Events.Body($"t{i}", "add", 1030 + i, fx.Frame(EscalationStageTests.OatghurtFrame)))).GetProperty("status").GetString());
            }
        }

        await using var restarted = await fx.StartAsync(s => s.Services = sv => sv.AddSingleton(_alwaysReads), log);
        using var again = restarted.Client(ServerFixture.KeyA);
        for (var i = 0; i < 4; i++)
        {
            var e = await again.GetFromJsonAsync<JsonElement>($"/v1/carts/cart-a/events/t{i}");
            Assert.True(e.GetProperty("label_text_read").GetBoolean(), $"t{i} was not decided with its label");
            Assert.DoesNotContain(e.GetProperty("stages").EnumerateArray(), st => st.GetProperty("detail").GetString()?.Contains("interrupted", StringComparison.Ordinal) == true);
        }
    }

    [Fact]
    public async Task GetEvent_WhileAndAfterRefining_ReturnsTheAcknowledgementThenTheDecision()
    {
        await using var server = await fx.StartAsync(s => s.Services = sv => sv.AddSingleton(_alwaysReads));
        using var http = server.Client(ServerFixture.KeyA);

        var ack = await Events.PostAsync(http, "cart-a", Events.Body("e1", "add", 1030, fx.Frame(EscalationStageTests.OatghurtFrame)));
        Assert.Equal("refining", ack.GetProperty("status").GetString());

        // A client that does not follow the stream polls the event until its label has been read.
        var current = await Events.DecidedAsync(http, "cart-a", ack);

        Assert.Equal("e1", current.GetProperty("event_id").GetString());
        Assert.Contains(current.GetProperty("status").GetString(), new[] { "accepted", "pending_confirmation" });
        Assert.True(current.GetProperty("label_text_read").GetBoolean());

        using var unknown = await http.GetAsync("/v1/carts/cart-a/events/nope");
        Assert.Equal(System.Net.HttpStatusCode.NotFound, unknown.StatusCode);
        using var otherCart = await server.Client(ServerFixture.KeyA).GetAsync("/v1/carts/cart-b/events/e1");
        Assert.False(otherCart.IsSuccessStatusCode);
    }

    [Fact]
    public async Task PostEvent_RefinedToTheShopper_PromptsAndTheAnswerFillsTheBasket()
    {
        var log = fx.NewLogPath();
        // An apple fusion is unsure of, and fusion accepting only certainty: the refined event reaches the shopper.
        await using (var server = await fx.StartAsync(
            s =>
            {
                s.Services = sv => sv.AddSingleton(_alwaysReads);
                s.Overrides["Escalation:FusionAcceptThreshold"] = "1";
            },
            log))
        {
            using var http = server.Client(ServerFixture.KeyA);
            using var stream = await http.GetStreamAsync("/v1/carts/cart-a/stream");
            using var reader = new StreamReader(stream);

            var ack = await Events.PostAsync(http, "cart-a", Events.Body("e1", "add", 243.7, fx.Frame(EscalationStageTests.AmbiguousApple)));
            Assert.Equal("refining", ack.GetProperty("status").GetString());
            var prompt = await NextEventAsync(reader, "confirmation_request", "e1");

            Assert.Equal("pending_confirmation", prompt.GetProperty("status").GetString());
            Assert.True(prompt.GetProperty("label_text_read").GetBoolean());
            var tile = prompt.GetProperty("candidates")[0].GetProperty("product_id").GetString();
            using var confirm = await http.PostAsJsonAsync("/v1/carts/cart-a/confirm", new { event_id = "e1", product_id = tile });
            Assert.True(confirm.IsSuccessStatusCode, await confirm.Content.ReadAsStringAsync());
            Assert.Equal(tile, Assert.Single((await Events.BasketAsync(http, "cart-a")).GetProperty("lines").EnumerateArray()).GetProperty("product_id").GetString());
        }

        // The log replays the acknowledgement, the refined decision and the answer into the same basket.
        await using var restarted = await fx.StartAsync(logPath: log);
        using var again = restarted.Client(ServerFixture.KeyA);
        Assert.Single((await Events.BasketAsync(again, "cart-a")).GetProperty("lines").EnumerateArray());
    }

    [Fact]
    public async Task Start_LogEndsWithAnEventStillRefining_AsksTheShopperAndLogsIt()
    {
        // The process stopped between the acknowledgement and its refined decision: the frames are gone, so the
        // next start must put the event before the shopper rather than leave it unanswered.
        var log = fx.NewLogPath();
        var ack = new EventResult
        {
            EventId = "e1",
            CartId = "cart-a",
            Status = "refining",
            Type = "add",
            WeightDeltaG = 1030,
            DecidedBy = "label-text",
            Confidence = 0.6,
            Stages = [],
            Candidates = [],
            Evidence = [new CandidateEvidence("Oatly-Natural-Oatghurt", 0.6, []), new CandidateEvidence("Arla-Natural-Yoghurt", 0.4, [])],
            At = DateTimeOffset.UtcNow,
        };
        using (var durable = new DurableLog(log))
        {
            await durable.AppendAsync("cart-a", "event", "e1", "add", null, JsonSerializer.Serialize(ack, ServerJson.Options), ack.At, "fingerprint");
        }

        for (var start = 0; start < 2; start++)
        {
            // Twice: the prompt the first start logged replays as a prompt, and is not logged again.
            await using var server = await fx.StartAsync(logPath: log);
            using var http = server.Client(ServerFixture.KeyA);
            var pending = Assert.Single((await Events.BasketAsync(http, "cart-a")).GetProperty("pending").EnumerateArray());
            Assert.Equal("e1", pending.GetProperty("event_id").GetString());
            Assert.Equal("pending_confirmation", pending.GetProperty("status").GetString());
            Assert.Equal("shopper", pending.GetProperty("decided_by").GetString());
        }

        using var reread = new DurableLog(log);
        Assert.Equal(["event", "refined"], reread.ReadAll().Select(r => r.Kind));
    }

    public void Dispose() => _alwaysReads.Dispose();

    private static string AlwaysReadConfig(ServerFixture fx)
    {
        var dict = JsonSerializer.Deserialize<Dictionary<string, JsonElement>>(File.ReadAllText(Path.Combine(fx.RepoRoot, "config", "fusion.json")))!;
        var merged = dict.ToDictionary(kv => kv.Key, kv => (object)kv.Value);
        merged["TextGatePackagedMass"] = 0.0;
        merged["TextGate"] = new { DecidedAt = 1.01, OnlyWhenReachable = false };
        var path = Path.Combine(fx.Scratch, $"fusion-always-reads-{Guid.NewGuid():N}.json");
        File.WriteAllText(path, JsonSerializer.Serialize(merged));
        return path;
    }

    private static async Task<JsonElement> NextDecisionAsync(StreamReader reader, string eventId)
    {
        while (true)
        {
            var e = await NextEventAsync(reader, "resolution", eventId);
            if (e.GetProperty("status").GetString() != "refining")
            {
                return e;
            }
        }
    }

    // Reads the server-sent events until one named `name` about `eventId`; 60 s at most (OCR on a busy machine).
    private static async Task<JsonElement> NextEventAsync(StreamReader reader, string name, string eventId)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        string? current = null;
        while (true)
        {
            var line = await reader.ReadLineAsync(timeout.Token) ?? throw new EndOfStreamException("The stream ended.");
            if (line.StartsWith("event:", StringComparison.Ordinal))
            {
                current = line["event:".Length..].Trim();
            }
            else if (line.StartsWith("data:", StringComparison.Ordinal) && current == name)
            {
                var data = JsonDocument.Parse(line["data:".Length..]).RootElement.Clone();
                if (data.TryGetProperty("event_id", out var id) && id.GetString() == eventId)
                {
                    return data;
                }
            }
        }
    }
}
