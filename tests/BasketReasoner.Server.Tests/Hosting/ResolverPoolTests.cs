using System.Net.Http.Json;
using BasketReasoner.Server.Durability;
using BasketReasoner.Server.Hosting;
using BasketReasoner.Server.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace BasketReasoner.Server.Tests.Hosting;

/// <summary>The resolver pool behind the cart endpoints: carts in parallel, each cart's events in order, none lost or doubled.</summary>
[Collection(ServerCollection.Name)]
public sealed class ResolverPoolTests(ServerFixture fx)
{
    private static readonly string[] Frames =
    [
        "test/Packages/Oatghurt/Oatly-Natural-Oatghurt/Oatly-Natural-Oatghurt_001.jpg",
        "test/Fruit/Banana/Banana_001.jpg",
        "test/Vegetables/Pepper/Red-Bell-Pepper/Red-Bell-Pepper_001.jpg",
        "test/Fruit/Apple/Golden-Delicious/Golden-Delicious_001.jpg",
    ];

    [Fact]
    public async Task PipelineHost_ResolverWorkersUnset_OneWorkerPerCore()
    {
        await using var server = await fx.StartAsync();

        Assert.Equal(Environment.ProcessorCount, server.App.Services.GetRequiredService<PipelineHost>().Workers);
    }

    [Fact]
    public async Task PipelineHost_RefinementNiceConfigured_TheRefinementThreadRunsAtIt()
    {
        await using var byDefault = await fx.StartAsync();
        await using var configured = await fx.StartAsync(s => s.Overrides["Server:RefinementNice"] = "3");

        var expectDefault = OperatingSystem.IsLinux() ? 10 : 0;
        var expectConfigured = OperatingSystem.IsLinux() ? 3 : 0;
        Assert.Equal(expectDefault, byDefault.App.Services.GetRequiredService<PipelineHost>().RefinementNice);
        Assert.Equal(expectConfigured, configured.App.Services.GetRequiredService<PipelineHost>().RefinementNice);
    }

    [Fact]
    public async Task PostEvent_AnotherCartHoldsAWorker_ResolvesOnTheOtherWorker()
    {
        await using var server = await fx.StartAsync(s => s.Overrides["Server:ResolverWorkers"] = "2");
        var pool = server.App.Services.GetRequiredService<PipelineHost>().Pool;
        using var http = server.Client(ServerFixture.KeyB);

        // One worker stays busy (as with a long resolve of cart-a's event) for the whole request of cart-b.
        using (var busy = await pool.RentAsync())
        {
            var result = await Events.PostAsync(http, "cart-b", Events.Body("b1", "add", null, fx.Frame(Frames[1])));
            Assert.Equal("b1", result.GetProperty("event_id").GetString());
            Assert.Equal(1, pool.Idle);
        }

        Assert.Equal(2, pool.Idle);
    }

    [Fact]
    public async Task PostEvent_EveryWorkerBusy_WaitsForOneAndThenResolves()
    {
        await using var server = await fx.StartAsync(s => s.Overrides["Server:ResolverWorkers"] = "1");
        var pool = server.App.Services.GetRequiredService<PipelineHost>().Pool;
        using var http = server.Client(ServerFixture.KeyA);
        var busy = await pool.RentAsync();

        var post = Events.PostAsync(http, "cart-a", Events.Body("a1", "add", null, fx.Frame(Frames[0])));
        using var limit = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        while (pool.Waiting == 0)
        {
            await Task.Delay(5, limit.Token);
        }

        // The request has reached the pool and cannot finish while the only worker is lent; it does once it is back.
        Assert.False(post.IsCompleted);
        busy.Dispose();
        Assert.Equal("a1", (await post).GetProperty("event_id").GetString());
    }

    [Fact]
    public async Task PostEvents_ManyCartsConcurrentlyEachInSequence_EachCartsEventsLoggedOnceInSendOrder()
    {
        const int carts = 6;
        const int perCart = 4;
        var log = fx.NewLogPath();
        await using (var server = await fx.StartAsync(
            s =>
            {
                s.Overrides["Server:ResolverWorkers"] = "3";
                s.Overrides["Escalation:FusionAcceptThreshold"] = "0";
                for (var c = 0; c < carts; c++)
                {
                    s.Overrides[$"Server:Carts:pool-{c}"] = Key(c);
                }
            },
            log))
        {
            await Task.WhenAll(Enumerable.Range(0, carts).Select(async c =>
            {
                using var http = server.Client(Key(c));
                for (var i = 0; i < perCart; i++)
                {
                    await Events.PostAsync(http, $"pool-{c}", Events.Body($"e{i}", "add", null, fx.Frame(Frames[(c + i) % Frames.Length])));
                }

                Assert.Equal(perCart, (await Events.BasketAsync(http, $"pool-{c}")).GetProperty("items").GetInt32());
            }));
        }

        using var reopened = new DurableLog(log);
        var records = reopened.ReadAll();
        Assert.Equal(carts * perCart, records.Count);
        for (var c = 0; c < carts; c++)
        {
            var ids = records.Where(r => r.CartId == $"pool-{c}").Select(r => r.RefId).ToArray();
            Assert.Equal(Enumerable.Range(0, perCart).Select(i => $"e{i}"), ids);
        }
    }

    [Fact]
    public async Task PostEvent_SameIdManyTimesConcurrently_AppliedOnceAndEveryAnswerIdentical()
    {
        var log = fx.NewLogPath();
        string[] bodies;
        await using (var server = await fx.StartAsync(
            s =>
            {
                s.Overrides["Server:ResolverWorkers"] = "2";
                s.Overrides["Escalation:FusionAcceptThreshold"] = "0";
            },
            log))
        {
            using var http = server.Client(ServerFixture.KeyA);
            var body = Events.Body("same", "add", null, fx.Frame(Frames[0]));
            bodies = await Task.WhenAll(Enumerable.Range(0, 8).Select(async _ =>
            {
                using var response = await http.PostAsJsonAsync("/v1/carts/cart-a/events", body);
                response.EnsureSuccessStatusCode();
                return await response.Content.ReadAsStringAsync();
            }));
            Assert.Equal(1, (await Events.BasketAsync(http, "cart-a")).GetProperty("items").GetInt32());
        }

        Assert.Single(bodies.Distinct());
        using var reopened = new DurableLog(log);
        Assert.Single(reopened.ReadAll());
    }

    private static string Key(int cart) => $"pool-test-key-{cart:D2}-0123456789";
}
