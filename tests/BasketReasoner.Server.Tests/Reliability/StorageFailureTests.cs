using System.Net;
using System.Text.Json;
using BasketReasoner.Server.Tests.Escalation;
using BasketReasoner.Server.Tests.Infrastructure;

namespace BasketReasoner.Server.Tests.Reliability;

/// <summary>
/// The server with its log on a real small filesystem (tmpfs) that fills up under it: events are refused with a
/// problem, 507 and <c>Retry-After</c>, readiness says so, nothing is applied, and service resumes by itself once
/// space is freed, with every acknowledged event still there after a restart. A read-only disk at start is refused.
/// </summary>
[Collection(ServerCollection.Name)]
public sealed class StorageFailureTests(ServerFixture fx)
{
    [Fact]
    public async Task Events_DiskFills_507WithRetryAfterAndReadinessDownThenRecoversWhenSpaceIsFreed()
    {
        using var disk = SmallDisk.TryMount(kib: 768);
        Assert.True(disk is not null, "mounting a tmpfs needs root (the test machine and CI run as root)");
        var log = Path.Combine(disk.Path, "events.db");
        var acknowledged = new List<string>();
        await using (var server = await fx.StartAsync(s => s.Overrides["Escalation:FusionAcceptThreshold"] = "0", logPath: log))
        {
            using var http = server.Client(ServerFixture.KeyA);
            acknowledged.Add((await Events.PostAsync(http, "cart-a", Events.Body("before-full", "add", null, fx.Frame(EscalationStageTests.OatghurtFrame)))).GetProperty("applied_product_id").GetString()!);
            var filler = disk.Fill();
            var itemsBefore = (await Events.BasketAsync(http, "cart-a")).GetProperty("items").GetInt32();

            using var refused = await http.PostAsync("/v1/carts/cart-a/events", Json(Events.Body("while-full", "add", null, fx.Frame(EscalationStageTests.OatghurtFrame))));
            var problem = JsonDocument.Parse(await refused.Content.ReadAsStringAsync()).RootElement;
            Assert.Equal((HttpStatusCode)507, refused.StatusCode);
            Assert.Equal("application/problem+json", refused.Content.Headers.ContentType?.MediaType);
            Assert.Contains("full", problem.GetProperty("detail").GetString());
            Assert.True(refused.Headers.RetryAfter?.Delta > TimeSpan.Zero);
            Assert.Equal(HttpStatusCode.ServiceUnavailable, (await http.GetAsync("/health/ready")).StatusCode);
            Assert.Equal(itemsBefore, (await Events.BasketAsync(http, "cart-a")).GetProperty("items").GetInt32());

            File.Delete(filler);
            Assert.Equal(HttpStatusCode.OK, (await http.GetAsync("/health/ready")).StatusCode);
            // The refused event's id is still free: the client's retry goes through now.
            var retried = await Events.PostAsync(http, "cart-a", Events.Body("while-full", "add", null, fx.Frame(EscalationStageTests.OatghurtFrame)));
            acknowledged.Add(retried.GetProperty("applied_product_id").GetString()!);
        }

        await using var restarted = await fx.StartAsync(logPath: log);
        using var h2 = restarted.Client(ServerFixture.KeyA);
        Assert.Equal(acknowledged.Count, (await Events.BasketAsync(h2, "cart-a")).GetProperty("items").GetInt32());
    }

    [Fact]
    public async Task Ready_DiskFullBeforeAnyEventFails_503()
    {
        // The readiness probe's own row rewrites pages the log already has, so it passed on a full disk while every
        // event would have been refused: a load balancer kept sending carts to a node that could record nothing.
        using var disk = SmallDisk.TryMount(kib: 768);
        Assert.True(disk is not null, "mounting a tmpfs needs root (the test machine and CI run as root)");
        await using var server = await fx.StartAsync(logPath: Path.Combine(disk.Path, "events.db"));
        using var http = server.Client(ServerFixture.KeyA);
        Assert.Equal(HttpStatusCode.OK, (await http.GetAsync("/health/ready")).StatusCode);

        var filler = disk.Fill();
        // A healthy answer is reused for a second: the next probe after that sees the full disk.
        await Task.Delay(1100);

        Assert.Equal(HttpStatusCode.ServiceUnavailable, (await http.GetAsync("/health/ready")).StatusCode);
        File.Delete(filler);
        Assert.Equal(HttpStatusCode.OK, (await http.GetAsync("/health/ready")).StatusCode);
    }

    [Fact]
    public async Task Start_LogOnAReadOnlyDisk_RefusesNamingTheKeyAndKeepsTheRecords()
    {
        // A filesystem cannot be remounted read-only while the server holds its log open for writing (the kernel
        // answers EBUSY), so the read-only case is the one a restart meets: the disk came back read-only.
        using var disk = SmallDisk.TryMount(kib: 4096);
        Assert.True(disk is not null, "mounting a tmpfs needs root (the test machine and CI run as root)");
        var log = Path.Combine(disk.Path, "events.db");
        await using (var server = await fx.StartAsync(s => s.Overrides["Escalation:FusionAcceptThreshold"] = "0", logPath: log))
        {
            using var http = server.Client(ServerFixture.KeyA);
            await Events.PostAsync(http, "cart-a", Events.Body("rw-1", "add", null, fx.Frame(EscalationStageTests.OatghurtFrame)));
        }

        disk.ReadOnly(true);
        try
        {
            var ex = await Assert.ThrowsAnyAsync<IOException>(() => fx.StartAsync(logPath: log));
            Assert.Contains("Server:EventLogPath", ex.Message);
            Assert.True(BasketReasoner.Server.Durability.EventLogVerifier.Verify(log) is { Intact: true, Records: 1 });
        }
        finally
        {
            disk.ReadOnly(false);
        }

        await using var again = await fx.StartAsync(logPath: log);
        using var h2 = again.Client(ServerFixture.KeyA);
        Assert.Equal(1, (await Events.BasketAsync(h2, "cart-a")).GetProperty("items").GetInt32());
    }

    private static StringContent Json(object body) => new(JsonSerializer.Serialize(body), System.Text.Encoding.UTF8, "application/json");
}
