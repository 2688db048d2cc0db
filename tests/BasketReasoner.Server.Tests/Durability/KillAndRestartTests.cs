using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using BasketReasoner.Server.Tests.Escalation;
using BasketReasoner.Server.Tests.Infrastructure;

namespace BasketReasoner.Server.Tests.Durability;

/// <summary>The durable log under a real <c>kill -9</c>, and exact replay of pending and confirmed events.</summary>
[Collection(ServerCollection.Name)]
public sealed class KillAndRestartTests(ServerFixture fx)
{
    private static readonly string[] Frames =
    [
        "test/Packages/Oatghurt/Oatly-Natural-Oatghurt/Oatly-Natural-Oatghurt_001.jpg",
        "test/Packages/Milk/Arla-Standard-Milk/Arla-Standard-Milk_001.jpg",
        "test/Fruit/Banana/Banana_001.jpg",
        "test/Vegetables/Pepper/Red-Bell-Pepper/Red-Bell-Pepper_001.jpg",
        "test/Fruit/Apple/Golden-Delicious/Golden-Delicious_001.jpg",
    ];

    [Fact]
    public async Task Kill9_DuringAStreamOfEvents_RestartLosesNoAcknowledgedEventAndAppliesNoneTwice()
    {
        const int total = 24;
        var log = fx.NewLogPath();
        // Every event is decided by fusion here (threshold 0), so each one changes the basket exactly once.
        var config = new
        {
            Server = new { Carts = new Dictionary<string, string> { ["cart-a"] = ServerFixture.KeyA }, EventLogPath = log },
            Escalation = new { FusionAcceptThreshold = 0.0 },
        };
        var bodies = Enumerable.Range(0, total)
            .Select(i => JsonSerializer.Serialize(Events.Body($"evt-{i:D3}", i % 7 == 6 ? "remove" : "add", null, fx.Frame(Frames[i % Frames.Length]))))
            .ToArray();
        var results = new Dictionary<string, JsonElement>();

        var first = await BasketProcess.StartAsync(fx.RepoRoot, fx.Scratch, config);
        var next = 0;
        using (var http = Client(first.BaseAddress))
        {
            // Sender and killer race: the kill lands while events keep arriving, usually mid-request.
            var sender = Task.Run(async () =>
            {
                for (; next < total; next++)
                {
                    try
                    {
                        var r = await Send(http, bodies[next]);
                        lock (results)
                        {
                            results[$"evt-{next:D3}"] = r;
                        }
                    }
                    catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException or IOException)
                    {
                        return; // not acknowledged: retried after the restart with the same id
                    }
                }
            });
            while (true)
            {
                lock (results)
                {
                    if (results.Count >= 8)
                    {
                        break;
                    }
                }

                await Task.Delay(5);
            }

            first.Kill9();
            await sender;
        }

        first.Dispose();
        var acknowledgedBeforeKill = results.Count;
        Assert.InRange(acknowledgedBeforeKill, 8, total - 1);

        using var second = await BasketProcess.StartAsync(fx.RepoRoot, fx.Scratch, config);
        using (var http = Client(second.BaseAddress))
        {
            // An acknowledged event retried after the restart returns its original result, unchanged.
            var replayed = await Send(http, bodies[0]);
            Assert.Equal(results["evt-000"].GetRawText(), replayed.GetRawText());

            // The client retries from its first unacknowledged event, with the same ids.
            for (var i = next; i < total; i++)
            {
                results[$"evt-{i:D3}"] = await Send(http, bodies[i]);
            }

            Assert.Equal(total, results.Count);
            var expected = new Dictionary<string, int>();
            foreach (var r in results.Values)
            {
                if (r.GetProperty("applied_product_id").GetString() is { } applied)
                {
                    expected[applied] = expected.GetValueOrDefault(applied) + (r.GetProperty("type").GetString() == "add" ? 1 : -1);
                }
            }

            var basket = Events.Lines(await Events.BasketAsync(http, "cart-a"));
            Assert.Equal(expected.Where(kv => kv.Value != 0).OrderBy(kv => kv.Key), basket.OrderBy(kv => kv.Key));
        }
    }

    [Fact]
    public async Task Restart_PendingAndConfirmedEvents_ReplayExactlyWithoutRunningModels()
    {
        var log = fx.NewLogPath();
        await using (var s1 = await fx.StartAsync(logPath: log))
        {
            using var http = s1.Client(ServerFixture.KeyA);
            await Events.PostAsync(http, "cart-a", Events.Body("p1", "add", null, fx.Frame(EscalationStageTests.AmbiguousApple)));
            await Events.PostAsync(http, "cart-a", Events.Body("p2", "add", null, fx.Frame(EscalationStageTests.AmbiguousApple2)));
            using var ok = await http.PostAsJsonAsync("/v1/carts/cart-a/confirm", new { event_id = "p1", product_id = "Golden-Delicious" });
            ok.EnsureSuccessStatusCode();
        }

        await using (var s2 = await fx.StartAsync(logPath: log))
        {
            using var http = s2.Client(ServerFixture.KeyA);
            var basket = await Events.BasketAsync(http, "cart-a");
            Assert.Equal(new Dictionary<string, int> { ["Golden-Delicious"] = 1 }, Events.Lines(basket));
            Assert.Equal("p2", Assert.Single(basket.GetProperty("pending").EnumerateArray()).GetProperty("event_id").GetString());
            using var ok = await http.PostAsJsonAsync("/v1/carts/cart-a/confirm", new { event_id = "p2", product_id = (string?)null });
            ok.EnsureSuccessStatusCode();
        }

        await using var s3 = await fx.StartAsync(logPath: log);
        using var h3 = s3.Client(ServerFixture.KeyA);
        var final = await Events.BasketAsync(h3, "cart-a");
        Assert.Equal(new Dictionary<string, int> { ["Golden-Delicious"] = 1 }, Events.Lines(final));
        Assert.Equal(0, final.GetProperty("pending").GetArrayLength());
    }

    private static HttpClient Client(Uri baseAddress)
    {
        var http = new HttpClient { BaseAddress = baseAddress, Timeout = TimeSpan.FromSeconds(30) };
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", ServerFixture.KeyA);
        return http;
    }

    private static async Task<JsonElement> Send(HttpClient http, string body)
    {
        using var content = new StringContent(body, System.Text.Encoding.UTF8, "application/json");
        using var response = await http.PostAsync("/v1/carts/cart-a/events", content);
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, text);
        return JsonDocument.Parse(text).RootElement.Clone();
    }
}
