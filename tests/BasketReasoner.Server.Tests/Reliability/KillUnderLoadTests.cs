using System.Net.Http.Headers;
using System.Text.Json;
using BasketReasoner.Server.Durability;
using BasketReasoner.Server.Tests.Infrastructure;

namespace BasketReasoner.Server.Tests.Reliability;

/// <summary>
/// Three real <c>kill -9</c>s of <c>basket serve</c> while two carts stream events at it concurrently, on one log:
/// after each restart every acknowledged event is still there exactly (a retry returns its first answer byte for
/// byte), the interrupted ones are retried with the same id, and in the end each basket equals the sum of the
/// acknowledged results — nothing lost, nothing applied twice — and the log verifies against its high-water mark.
/// </summary>
[Collection(ServerCollection.Name)]
public sealed class KillUnderLoadTests(ServerFixture fx)
{
    private static readonly string[] Frames =
    [
        "test/Packages/Oatghurt/Oatly-Natural-Oatghurt/Oatly-Natural-Oatghurt_001.jpg",
        "test/Packages/Milk/Arla-Standard-Milk/Arla-Standard-Milk_001.jpg",
        "test/Fruit/Banana/Banana_001.jpg",
        "test/Vegetables/Pepper/Red-Bell-Pepper/Red-Bell-Pepper_001.jpg",
        "test/Fruit/Apple/Golden-Delicious/Golden-Delicious_001.jpg",
    ];

    private static readonly Dictionary<string, string> Keys = new() { ["cart-a"] = ServerFixture.KeyA, ["cart-b"] = ServerFixture.KeyB };

    [Fact]
    public async Task Kill9_ThreeTimesUnderConcurrentLoad_NothingLostNothingAppliedTwice()
    {
        const int perCart = 40;
        var log = fx.NewLogPath();
        var config = new
        {
            Server = new { Carts = Keys, EventLogPath = log, ResolverWorkers = 2 },
            Escalation = new { FusionAcceptThreshold = 0.0 },
        };
        var bodies = Keys.Keys.ToDictionary(c => c, c => Enumerable.Range(0, perCart)
            .Select(i => JsonSerializer.Serialize(Events.Body($"{c}-{i:D3}", i % 5 == 4 ? "remove" : "add", null, fx.Frame(Frames[(i + c.Length) % Frames.Length]))))
            .ToArray());
        var next = Keys.Keys.ToDictionary(c => c, _ => 0);
        var results = new Dictionary<string, string>();

        for (var round = 0; round < 3; round++)
        {
            using var server = await BasketProcess.StartAsync(fx.RepoRoot, fx.Scratch, config);
            var ackedAtStart = results.Count;
            // Retry what the last kill interrupted (same id, same body) as part of the stream.
            var senders = Keys.Keys.Select(cart => Task.Run(async () =>
            {
                using var http = Client(server.BaseAddress, cart);
                while (next[cart] < perCart)
                {
                    var i = next[cart];
                    try
                    {
                        var text = await SendAsync(http, cart, bodies[cart][i]);
                        lock (results)
                        {
                            results[$"{cart}-{i:D3}"] = text;
                        }

                        next[cart] = i + 1;
                    }
                    catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException or IOException)
                    {
                        return; // killed mid-request: not acknowledged, retried next round
                    }
                }
            })).ToArray();

            while (true)
            {
                lock (results)
                {
                    if (results.Count >= ackedAtStart + 8 || senders.All(s => s.IsCompleted))
                    {
                        break;
                    }
                }

                await Task.Delay(5);
            }

            server.Kill9();
            await Task.WhenAll(senders);
            Assert.True(Keys.Keys.Any(c => next[c] < perCart), "the kill must land while events are still arriving");
        }

        using var last = await BasketProcess.StartAsync(fx.RepoRoot, fx.Scratch, config);
        foreach (var cart in Keys.Keys)
        {
            using var http = Client(last.BaseAddress, cart);
            // Every acknowledged event replays exactly.
            for (var i = 0; i < next[cart]; i++)
            {
                Assert.Equal(results[$"{cart}-{i:D3}"], await SendAsync(http, cart, bodies[cart][i]));
            }

            for (var i = next[cart]; i < perCart; i++)
            {
                results[$"{cart}-{i:D3}"] = await SendAsync(http, cart, bodies[cart][i]);
            }

            var expected = new Dictionary<string, int>();
            foreach (var (id, text) in results.Where(r => r.Key.StartsWith(cart, StringComparison.Ordinal)))
            {
                var r = JsonDocument.Parse(text).RootElement;
                if (r.GetProperty("applied_product_id").GetString() is { } applied)
                {
                    expected[applied] = expected.GetValueOrDefault(applied) + (r.GetProperty("type").GetString() == "add" ? 1 : -1);
                }
            }

            var basket = Events.Lines(await Events.BasketAsync(http, cart));
            Assert.Equal(expected.Where(kv => kv.Value != 0).OrderBy(kv => kv.Key), basket.OrderBy(kv => kv.Key));
        }

        last.Kill9();
        var report = EventLogVerifier.Verify(log);
        Assert.True(report.Intact, string.Join(" ", report.Problems));
        Assert.Equal(2 * perCart, report.Records);
    }

    private static HttpClient Client(Uri baseAddress, string cart)
    {
        var http = new HttpClient { BaseAddress = baseAddress, Timeout = TimeSpan.FromSeconds(60) };
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", Keys[cart]);
        return http;
    }

    private static async Task<string> SendAsync(HttpClient http, string cart, string body)
    {
        using var content = new StringContent(body, System.Text.Encoding.UTF8, "application/json");
        using var response = await http.PostAsync($"/v1/carts/{cart}/events", content);
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, text);
        return text;
    }
}
