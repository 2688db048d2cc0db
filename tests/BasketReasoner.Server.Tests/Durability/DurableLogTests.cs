using BasketReasoner.Server.Durability;
using BasketReasoner.Server.Tests.Infrastructure;
using Microsoft.Data.Sqlite;

namespace BasketReasoner.Server.Tests.Durability;

/// <summary>Group commit: concurrent appends share transactions, each answered only for its own record.</summary>
[Collection(ServerCollection.Name)]
public sealed class DurableLogTests(ServerFixture fx)
{
    private static readonly DateTimeOffset At = new(2026, 11, 24, 6, 0, 0, TimeSpan.Zero);

    [Fact]
    public async Task AppendAsync_ManyConcurrentAppends_EveryRecordDurableWithItsOwnSeq()
    {
        var path = fx.NewLogPath();
        long[] seqs;
        using (var log = new DurableLog(path))
        {
            seqs = await Task.WhenAll(Enumerable.Range(0, 64).Select(i =>
                Task.Run(() => log.AppendAsync($"cart-{i % 4}", "event", $"e{i}", "add", "Banana", $"{{\"i\":{i}}}", At))));
        }

        using var reopened = new DurableLog(path);
        var records = reopened.ReadAll();
        Assert.Equal(64, records.Count);
        Assert.Equal(64, seqs.Distinct().Count());
        Assert.Equal(seqs.Order(), records.Select(r => r.Seq));
        Assert.All(records, r => Assert.Equal($"{{\"i\":{r.RefId[1..]}}}", r.Body));
    }

    [Fact]
    public async Task AppendAsync_DuplicateAmongConcurrentAppends_FailsAloneAndTheOthersCommit()
    {
        var path = fx.NewLogPath();
        using var log = new DurableLog(path);
        await log.AppendAsync("cart-a", "event", "dup", "add", null, "{}", At);

        var appends = Enumerable.Range(0, 16)
            .Select(i => Task.Run(() => log.AppendAsync("cart-a", "event", i == 7 ? "dup" : $"e{i}", "add", null, "{}", At)))
            .ToArray();
        await Assert.ThrowsAsync<SqliteException>(() => appends[7]);

        var committed = await Task.WhenAll(appends.Where((_, i) => i != 7));
        Assert.Equal(15, committed.Distinct().Count());
        Assert.Equal(16, log.ReadAll().Count);
    }
}
