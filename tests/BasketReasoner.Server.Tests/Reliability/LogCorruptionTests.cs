using System.Security.Cryptography;
using BasketReasoner.Server.Durability;
using BasketReasoner.Server.Tests.Infrastructure;

namespace BasketReasoner.Server.Tests.Reliability;

/// <summary>
/// Damage to the real SQLite files of a log that acknowledged 111 records: every kind of loss is refused at open
/// (nothing written over it), the intact copy opens with all 111, and the documented recovery keeps the intact prefix.
/// The "crash" copies the database and its WAL while the log is open, exactly what a <c>kill -9</c> leaves.
/// </summary>
[Collection(ServerCollection.Name)]
public sealed class LogCorruptionTests(ServerFixture fx)
{
    private const int Acknowledged = 111;
    private static readonly DateTimeOffset At = new(2026, 12, 2, 9, 0, 0, TimeSpan.Zero);

    [Fact]
    public async Task Open_IntactCrashCopy_ReplaysEveryAcknowledgedRecord()
    {
        var path = await CrashCopyAsync();
        using var log = new DurableLog(path);
        Assert.Equal(Acknowledged, log.ReadAll().Count);
        Assert.Equal(Acknowledged, log.Recovered);
    }

    [Theory]
    [InlineData(0.40, 64)]
    [InlineData(0.10, 8)]
    [InlineData(0.90, 1)]
    public async Task Open_BitFlipsInWal_RefusesAndLeavesTheFilesUntouched(double at, int bytes)
    {
        var path = await CrashCopyAsync();
        var wal = await File.ReadAllBytesAsync(path + "-wal");
        var start = (int)(wal.Length * at);
        for (var i = start; i < start + bytes; i++)
        {
            wal[i] ^= 0x5A;
        }

        await File.WriteAllBytesAsync(path + "-wal", wal);
        var before = Fingerprint(path);

        var ex = Assert.Throws<LogDamagedException>(() => new DurableLog(path));
        Assert.Contains("Server:EventLogPath", ex.Message);
        Assert.Contains("basket log verify", ex.Message);
        Assert.Equal(Acknowledged, ex.Report.AcknowledgedSeq);
        Assert.True(ex.Report.LastSeq < Acknowledged);
        Assert.Equal(before, Fingerprint(path));
    }

    [Fact]
    public async Task Open_LastHundredBytesOfWalCut_RefusesNamingTheMissingRecords()
    {
        var path = await CrashCopyAsync();
        await using (var wal = new FileStream(path + "-wal", FileMode.Open))
        {
            wal.SetLength(wal.Length - 100);
        }

        var ex = Assert.Throws<LogDamagedException>(() => new DurableLog(path));
        Assert.Contains($"to {Acknowledged} are missing", ex.Message);
    }

    [Fact]
    public async Task Open_WalDeleted_Refuses()
    {
        var path = await CrashCopyAsync();
        File.Delete(path + "-wal");
        File.Delete(path + "-shm");
        Assert.Throws<LogDamagedException>(() => new DurableLog(path));
    }

    [Theory]
    [InlineData(0.5)]
    [InlineData(0.0)]
    public async Task Open_MainDatabaseTruncated_RefusesWithAClearError(double keep)
    {
        var path = fx.NewLogPath();
        await WriteAsync(path);
        // Closed cleanly: the records are checkpointed into the main file and the WAL is gone.
        Assert.False(File.Exists(path + "-wal"));
        await using (var db = new FileStream(path, FileMode.Open))
        {
            db.SetLength((long)(db.Length * keep));
        }

        var ex = Assert.Throws<LogDamagedException>(() => new DurableLog(path));
        Assert.NotEmpty(ex.Report.Problems);
    }

    [Fact]
    public async Task Open_RecordBodyChangedInPlace_FailsTheChecksumChain()
    {
        var path = fx.NewLogPath();
        await WriteAsync(path);
        using (var db = new Microsoft.Data.Sqlite.SqliteConnection($"Data Source={path};Pooling=False"))
        {
            db.Open();
            using var cmd = db.CreateCommand();
            cmd.CommandText = "UPDATE log SET applied_product_id = 'Lemon' WHERE seq = 50;";
            cmd.ExecuteNonQuery();
        }

        var ex = Assert.Throws<LogDamagedException>(() => new DurableLog(path));
        Assert.Contains("Record 50 fails its checksum", ex.Message);
    }

    [Fact]
    public async Task Open_LogFileDeletedButMarkKept_Refuses()
    {
        var path = fx.NewLogPath();
        await WriteAsync(path);
        File.Delete(path);
        var ex = Assert.Throws<LogDamagedException>(() => new DurableLog(path));
        Assert.Contains("missing", ex.Message);
    }

    [Fact]
    public async Task AcceptLoss_AfterWalDamage_KeepsTheIntactPrefixMovesFilesAsideAndOpens()
    {
        var path = await CrashCopyAsync();
        await using (var wal = new FileStream(path + "-wal", FileMode.Open))
        {
            wal.SetLength(wal.Length / 2);
        }

        var damaged = EventLogVerifier.Verify(path);
        Assert.False(damaged.Intact);

        var recovered = EventLogVerifier.AcceptLoss(path, TimeProvider.System);
        Assert.True(recovered.Intact, string.Join(" ", recovered.Problems));
        Assert.Equal(damaged.Records, recovered.Records);
        Assert.Equal(recovered.LastSeq, recovered.AcknowledgedSeq);
        Assert.Single(Directory.GetDirectories(Path.GetDirectoryName(path)!, Path.GetFileName(path) + ".damaged-*"));
        using var log = new DurableLog(path);
        Assert.Equal(damaged.Records, log.ReadAll().Count);
        await log.AppendAsync("cart-a", "event", "after-recovery", "add", "Banana", "{}", At);
    }

    [Fact]
    public async Task AppendAsync_LogHitsItsSizeCap_FailsAsDiskFullAndKeepsEveryAcknowledgedRecord()
    {
        // SQLite's max_page_count fails a commit exactly as a full disk does (SQLITE_FULL); StorageFailureTests shows
        // the same on a real full filesystem (a small tmpfs), with recovery once space is freed.
        var path = fx.NewLogPath();
        var body = new string('x', 3000);
        var acknowledged = 0;
        StorageUnavailableException? full = null;
        using (var log = new DurableLog(path, maxPageCount: 12))
        {
            for (var i = 0; i < 200 && full is null; i++)
            {
                try
                {
                    await log.AppendAsync("cart-a", "event", $"e{i}", "add", "Banana", body, At);
                    acknowledged++;
                }
                catch (StorageUnavailableException ex)
                {
                    full = ex;
                }
            }

            Assert.NotNull(full);
            Assert.True(full.DiskFull);
            Assert.Same(full, log.StorageFault);
            Assert.Equal(acknowledged, log.ReadAll().Count);
        }

        Assert.InRange(acknowledged, 1, 199);
        var report = EventLogVerifier.Verify(path);
        Assert.True(report.Intact, string.Join(" ", report.Problems));
        Assert.Equal(acknowledged, report.Records);
    }

    // Appends 111 records through a live log and copies its files (db, WAL, mark) while it is open: a crash image.
    private async Task<string> CrashCopyAsync()
    {
        var live = fx.NewLogPath();
        var copy = fx.NewLogPath();
        using (var log = new DurableLog(live))
        {
            await Task.WhenAll(Enumerable.Range(0, Acknowledged).Select(i => Task.Run(() =>
                log.AppendAsync($"cart-{i % 3}", "event", $"e{i}", "add", "Banana", $$"""{"event":{{i}},"pad":"{{new string('p', 200)}}"}""", At))));
            foreach (var suffix in new[] { "", "-wal", "-shm", ".hwm" })
            {
                File.Copy(live + suffix, copy + suffix);
            }
        }

        Assert.True(new FileInfo(copy + "-wal").Length > 0);
        return copy;
    }

    private static async Task WriteAsync(string path)
    {
        using var log = new DurableLog(path);
        for (var i = 0; i < Acknowledged; i++)
        {
            await log.AppendAsync("cart-a", "event", $"e{i}", "add", "Banana", $$"""{"event":{{i}},"pad":"{{new string('p', 200)}}"}""", At);
        }
    }

    private static string Fingerprint(string path) => string.Join(",", new[] { "", "-wal", ".hwm" }
        .Select(s => File.Exists(path + s) ? Convert.ToHexString(SHA256.HashData(File.ReadAllBytes(path + s))) : "none"));
}
