using System.Globalization;
using BasketReasoner.Retrieval.PgVector;
using Microsoft.Extensions.VectorData;
using Npgsql;

namespace BasketReasoner.Bench.Retrieval;

/// <summary>
/// pgvector HNSW through <see cref="PgVectorCollection{TKey,TRecord}"/>, as an application uses it: one binary COPY of the
/// records and one HNSW build (<see cref="PgVectorCollection{TKey,TRecord}.BulkLoadAsync"/>), then one SQL round trip
/// per search over a loopback socket with <c>hnsw.ef_search</c> set in the same batch.
/// </summary>
/// <remarks>
/// The pool is capped at one connection, so every statement (COPY, index build, every query) runs in the same server
/// backend process and its CPU time can be read from <c>/proc/&lt;pid&gt;/stat</c> (10 ms ticks; per query only as a mean
/// over the whole loop). The index is built with no parallel maintenance workers so that the build, like the embedded
/// one, uses one core. The table gets a random name and is dropped afterwards.
/// </remarks>
internal sealed class PgVectorBackend(string connectionString, int m, int efConstruction, int efSearch) : IRetrievalBackend, ITunableSearch, IServerSideBackend
{
    private readonly string _table = "bench_retrieval_" + Guid.NewGuid().ToString("N")[..12];
    private PgVectorStore? _store;
    private PgVectorCollection<int, BenchRecord>? _collection;
    private int _efSearch = efSearch;
    private int _serverPid;

    public string Name => string.Create(CultureInfo.InvariantCulture, $"pgvector HNSW (m {m}, efC {efConstruction})");

    public bool IsTunable => true;

    /// <summary>Server-side COPY and index build times of the last <see cref="BuildAsync"/>.</summary>
    public PgBulkLoadResult? LoadResult { get; private set; }

    public void SetEfSearch(int efSearch) => _efSearch = efSearch;

    public async Task BuildAsync(ReadOnlyMemory<float> vectors, int dimensions, CancellationToken cancellationToken)
    {
        var single = new NpgsqlConnectionStringBuilder(connectionString) { MaxPoolSize = 1, MinPoolSize = 1 };
        _store = PgVectorStore.Connect(single.ConnectionString, new PgVectorStoreOptions
        {
            HnswM = m,
            HnswEfConstruction = efConstruction,
            EfSearch = _efSearch,
            IndexBuildMemory = "1GB",
            IndexBuildWorkers = 0,
        });
        _collection = _store.GetCollection<int, BenchRecord>(_table, new VectorStoreCollectionDefinition
        {
            Properties =
            [
                new VectorStoreKeyProperty(nameof(BenchRecord.Id), typeof(int)),
                new VectorStoreVectorProperty(nameof(BenchRecord.Vector), typeof(ReadOnlyMemory<float>), dimensions)
                {
                    DistanceFunction = DistanceFunction.CosineSimilarity,
                    IndexKind = IndexKind.Hnsw,
                },
            ],
        });

        var dataSource = (NpgsqlDataSource)_store.GetService(typeof(NpgsqlDataSource))!;
        await using (var connection = await dataSource.OpenConnectionAsync(cancellationToken))
        {
            _serverPid = connection.ProcessID;
        }

        await _collection.EnsureCollectionDeletedAsync(cancellationToken);
        var count = vectors.Length / dimensions;
        LoadResult = await _collection.BulkLoadAsync(
            Enumerable.Range(0, count).Select(i => new BenchRecord { Id = i, Vector = vectors.Slice(i * dimensions, dimensions) }),
            cancellationToken);
    }

    public async ValueTask<int> SearchAsync(ReadOnlyMemory<float> query, int k, int[] ids, CancellationToken cancellationToken)
    {
        var found = 0;
        await foreach (var result in _collection!.SearchAsync(query, k, null, _efSearch, cancellationToken))
        {
            ids[found++] = result.Record.Id;
        }

        return found;
    }

    public async Task<string> DescribeStorageAsync(CancellationToken cancellationToken)
    {
        var (table, index) = await _collection!.GetStorageSizeAsync(cancellationToken);
        return string.Create(CultureInfo.InvariantCulture,
            $"server table+index {(table + index) / 1048576.0:F0} (table {table / 1048576.0:F0} + index {index / 1048576.0:F0})");
    }

    public double ServerCpuMilliseconds() => ProcessStat.CpuMilliseconds(_serverPid);

    public async ValueTask DisposeAsync()
    {
        if (_collection is not null)
        {
            await _collection.EnsureCollectionDeletedAsync();
        }

        _store?.Dispose();
    }
}

/// <summary>utime + stime of another local process from <c>/proc/&lt;pid&gt;/stat</c>, in milliseconds (NaN when unreadable).</summary>
internal static class ProcessStat
{
    private const double TicksPerSecond = 100; // USER_HZ, fixed at 100 on Linux regardless of the kernel's HZ.

    public static double CpuMilliseconds(int pid)
    {
        if (pid <= 0 || !OperatingSystem.IsLinux())
        {
            return double.NaN;
        }

        try
        {
            var stat = File.ReadAllText($"/proc/{pid}/stat");
            // Fields after the command name (which may contain spaces) start at field 3; utime is 14, stime is 15.
            var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
            var ticks = long.Parse(fields[11], CultureInfo.InvariantCulture) + long.Parse(fields[12], CultureInfo.InvariantCulture);
            return ticks * 1000 / TicksPerSecond;
        }
        catch (IOException)
        {
            return double.NaN;
        }
        catch (UnauthorizedAccessException)
        {
            return double.NaN;
        }
    }
}
