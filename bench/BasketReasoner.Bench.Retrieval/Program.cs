using System.Diagnostics;
using System.Globalization;
using System.Numerics.Tensors;
using BasketReasoner.Bench.Retrieval;
using BasketReasoner.Retrieval.Embedded.Hnsw;

// Retrieval at scale: every backend gets the same seeded clustered unit vectors and the same held-out queries, in one
// process run (pin it to one core: bench/run-retrieval.sh does). Ground truth is an independent brute-force top-k.
// Not a test: it prints a table and never fails on a number.
var argList = args.ToList();
string? Arg(string name) => argList.IndexOf(name) is var i and >= 0 && i + 1 < argList.Count ? argList[i + 1] : null;
int IntArg(string name, int fallback) => Arg(name) is { } v ? int.Parse(v, CultureInfo.InvariantCulture) : fallback;
var count = IntArg("--count", 1_000_000);
var queryCount = IntArg("--queries", 1_000);
var dimensions = IntArg("--dimensions", 128);
var products = IntArg("--clusters", Math.Max(10, Math.Min(4_000, count / 100)));
var k = IntArg("--k", 10);
var seed = IntArg("--seed", 7);
var hnsw = new HnswOptions
{
    M = IntArg("--m", new HnswOptions().M),
    EfConstruction = IntArg("--ef-construction", new HnswOptions().EfConstruction),
    EfSearch = IntArg("--ef-search", new HnswOptions().EfSearch),
    RescoreOversampling = IntArg("--oversampling", new HnswOptions().RescoreOversampling),
};
// Extra efSearch values measured on the same built graph (tunable backends only), e.g. --ef-sweep 32,128,256.
var sweep = (Arg("--ef-sweep") ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries).Select(v => int.Parse(v, CultureInfo.InvariantCulture)).ToArray();
// Exact search is O(n·d) per query: at 1M its latency percentiles come from the first --exact-queries queries.
var exactQueries = Math.Min(queryCount, IntArg("--exact-queries", 1_000));
var storage = Enum.Parse<BasketReasoner.Retrieval.Embedded.EmbeddedStorage>(Arg("--storage") ?? "InMemory", ignoreCase: true);
var truthCache = Arg("--truth-cache");
var names = (Arg("--backends") ?? "exact,hnsw,hnsw-int8").Split(',', StringSplitOptions.RemoveEmptyEntries);
// pgvector: BASKET_PG, else the cluster scripts/setup-postgres.sh starts.
var pgConnection = Arg("--pg") ?? Environment.GetEnvironmentVariable("BASKET_PG") ?? "Host=127.0.0.1;Port=55432;Username=postgres;Database=basketreasoner";

var inv = CultureInfo.InvariantCulture;
Console.WriteLine(string.Create(inv, $"vectors: {count:N0} × {dimensions}, {products:N0} clusters, {queryCount:N0} held-out queries, k = {k}, seed {seed}"));
Console.WriteLine(string.Create(inv, $"HNSW: M = {hnsw.M}, efConstruction = {hnsw.EfConstruction}, efSearch = {hnsw.EfSearch}, int8 oversampling = {hnsw.RescoreOversampling}"));
Console.WriteLine($"storage: {storage}");
Console.WriteLine(string.Create(inv, $"process: {Environment.ProcessorCount} visible core(s), .NET {Environment.Version}"));

var clock = Stopwatch.StartNew();
var mixture = new ClusteredUnitVectors(dimensions, products, seed);
var data = new float[(long)count * dimensions is var total && total <= Array.MaxLength ? (int)total : throw new ArgumentException("Too many vectors for one array.")];
mixture.Fill(new Random(seed + 1), data);
var queries = new float[queryCount * dimensions];
mixture.Fill(new Random(seed + 2), queries); // Held out: a separate stream, never inserted.
Console.WriteLine(string.Create(inv, $"generated in {clock.Elapsed.TotalSeconds:F1} s"));

clock.Restart();
var truthFile = truthCache is null ? null : Path.Combine(truthCache, string.Create(inv, $"truth-{count}-{dimensions}-{products}-{queryCount}-{k}-{seed}.bin"));
int[][] truth;
if (truthFile is not null && File.Exists(truthFile))
{
    var flat = System.Runtime.InteropServices.MemoryMarshal.Cast<byte, int>(File.ReadAllBytes(truthFile)).ToArray();
    truth = [.. Enumerable.Range(0, queryCount).Select(q => flat.AsSpan(q * k, k).ToArray())];
    Console.WriteLine($"ground truth read from {truthFile}");
}
else
{
    truth = new int[queryCount][];
    for (var q = 0; q < queryCount; q++)
    {
        truth[q] = BruteForce(data, queries.AsSpan(q * dimensions, dimensions), dimensions, k);
    }

    Console.WriteLine(string.Create(inv, $"ground truth (brute force) in {clock.Elapsed.TotalSeconds:F1} s"));
    if (truthFile is not null)
    {
        Directory.CreateDirectory(truthCache!);
        File.WriteAllBytes(truthFile, System.Runtime.InteropServices.MemoryMarshal.AsBytes(truth.SelectMany(t => t).ToArray().AsSpan()).ToArray());
    }
}

var rows = new List<string>();
foreach (var name in names)
{
    await using var backend = Backends.Create(name, hnsw, storage, pgConnection);
    rows.AddRange(await RunAsync(backend));
}

Console.WriteLine();
Console.WriteLine("| backend | build wall (s) | build CPU (s) | managed Δ (MiB) | working set Δ (MiB) | recall@10 | p50 wall (ms) | p99 wall (ms) | mean wall (ms) | p50 CPU (ms) | p99 CPU (ms) | server CPU mean (ms) |");
Console.WriteLine("| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |");
foreach (var row in rows)
{
    Console.WriteLine(row);
}

async Task<List<string>> RunAsync(IRetrievalBackend backend)
{
    GC.Collect(2, GCCollectionMode.Forced, blocking: true, compacting: true);
    GC.WaitForPendingFinalizers();
    var managedBefore = GC.GetTotalMemory(forceFullCollection: true);
    using var process = Process.GetCurrentProcess();
    process.Refresh();
    var workingSetBefore = process.WorkingSet64;

    // A server-side backend awaits socket I/O, so its continuations hop threads: its client cost is this process's CPU
    // time (the process is pinned to one core and otherwise idle), and the server's own CPU time is read separately.
    var server = backend as IServerSideBackend;
    Func<double> clientCpu = server is null ? ThreadCpu.Milliseconds : ThreadCpu.ProcessMilliseconds;
    var buildCpuStart = clientCpu();
    var build = Stopwatch.StartNew();
    await backend.BuildAsync(data, dimensions, CancellationToken.None);
    var buildSeconds = build.Elapsed.TotalSeconds;
    var buildCpuSeconds = (clientCpu() - buildCpuStart) / 1000; // the embedded build is synchronous, so one thread
    var serverBuildCpuSeconds = server is null ? double.NaN : server.ServerCpuMilliseconds() / 1000; // the backend process started with the build

    var managedAfter = GC.GetTotalMemory(forceFullCollection: true);
    process.Refresh();
    var workingSetAfter = process.WorkingSet64;
    Console.WriteLine(string.Create(inv, $"{backend.Name}: built in {buildSeconds:F1} s wall, {buildCpuSeconds:F1} s CPU"));
    if (backend is EmbeddedBackend embedded && embedded.DescribeGraph() is { } graph)
    {
        Console.WriteLine($"{backend.Name}: graph {graph}");
    }

    var buildCpuCell = string.Create(inv, $"{buildCpuSeconds:F1}");
    var managedCell = string.Create(inv, $"{(managedAfter - managedBefore) / 1048576.0:F0}");
    if (server is not null)
    {
        buildCpuCell = string.Create(inv, $"client {buildCpuSeconds:F1} + server {serverBuildCpuSeconds:F1}");
        managedCell = await server.DescribeStorageAsync(CancellationToken.None);
        var load = backend is PgVectorBackend { LoadResult: { } result } ? string.Create(inv, $", server COPY {result.CopyTime.TotalSeconds:F1} s + HNSW build {result.IndexBuildTime.TotalSeconds:F1} s wall") : "";
        Console.WriteLine(string.Create(inv, $"{backend.Name}: server CPU {serverBuildCpuSeconds:F1} s{load}; {managedCell} MiB"));
    }

    var ids = new int[k];
    var memory = queries.AsMemory();
    var lines = new List<string>();
    var settings = backend is ITunableSearch { IsTunable: true } ? new int?[] { null }.Concat(sweep.Select(e => (int?)e)).ToArray() : [null];
    foreach (var ef in settings)
    {
        if (ef is int width)
        {
            ((ITunableSearch)backend).SetEfSearch(width);
        }

        for (var q = 0; q < Math.Min(50, queryCount); q++)
        {
            await backend.SearchAsync(memory.Slice(q * dimensions, dimensions), k, ids, CancellationToken.None); // warm-up (JIT, tiering)
        }

        var measured = backend is ITunableSearch { IsTunable: false } ? exactQueries : queryCount;
        var latencies = new double[measured];
        var cpu = new double[measured];
        var hits = 0L;
        var serverCpuStart = server?.ServerCpuMilliseconds() ?? double.NaN;
        for (var q = 0; q < measured; q++)
        {
            var query = memory.Slice(q * dimensions, dimensions);
            var cpuStart = clientCpu();
            var start = Stopwatch.GetTimestamp();
            var found = await backend.SearchAsync(query, k, ids, CancellationToken.None);
            latencies[q] = Stopwatch.GetElapsedTime(start).TotalMilliseconds;
            cpu[q] = clientCpu() - cpuStart;
            var expected = truth[q];
            for (var i = 0; i < found; i++)
            {
                if (Array.IndexOf(expected, ids[i]) >= 0)
                {
                    hits++;
                }
            }
        }

        var serverCpuCell = server is null ? "—" : string.Create(inv, $"{(server.ServerCpuMilliseconds() - serverCpuStart) / measured:F3}");
        Array.Sort(latencies);
        Array.Sort(cpu);
        var recall = (double)hits / ((long)measured * k);
        var label = ef is int e ? string.Create(inv, $"{backend.Name}, efSearch {e}") : backend.Name;
        label += measured < queryCount ? string.Create(inv, $" ({measured} queries)") : "";
        var line = string.Create(inv,
            $"| {label} | {buildSeconds:F1} | {buildCpuCell} | {managedCell} | {(workingSetAfter - workingSetBefore) / 1048576.0:F0} | {recall:F4} | {Percentile(latencies, 0.50):F3} | {Percentile(latencies, 0.99):F3} | {latencies.Average():F3} | {Percentile(cpu, 0.50):F3} | {Percentile(cpu, 0.99):F3} | {serverCpuCell} |");
        Console.WriteLine(line);
        lines.Add(line);
    }

    return lines;
}

static double Percentile(double[] sorted, double p) => sorted[Math.Clamp((int)Math.Ceiling(p * sorted.Length) - 1, 0, sorted.Length - 1)];

static int[] BruteForce(float[] data, ReadOnlySpan<float> query, int dimensions, int k)
{
    var best = new (float Score, int Id)[k];
    Array.Fill(best, (float.NegativeInfinity, -1));
    var rows = data.Length / dimensions;
    for (var row = 0; row < rows; row++)
    {
        var score = TensorPrimitives.Dot(query, data.AsSpan(row * dimensions, dimensions));
        if (score > best[k - 1].Score)
        {
            var i = k - 1;
            while (i > 0 && best[i - 1].Score < score)
            {
                best[i] = best[i - 1];
                i--;
            }

            best[i] = (score, row);
        }
    }

    return [.. best.Select(b => b.Id)];
}

/// <summary>Backend names accepted by <c>--backends</c>.</summary>
internal static class Backends
{
    public static IRetrievalBackend Create(string name, HnswOptions hnsw, BasketReasoner.Retrieval.Embedded.EmbeddedStorage storage, string pgConnection) => name switch
    {
        "exact" => new EmbeddedBackend("embedded exact", int.MaxValue, hnsw, storage),
        "hnsw" => new EmbeddedBackend("embedded HNSW (float32)", 0, hnsw, storage),
        "hnsw-int8" => new EmbeddedBackend($"embedded HNSW int8 + rescore ×{hnsw.RescoreOversampling}", 0, new HnswOptions
        {
            M = hnsw.M,
            EfConstruction = hnsw.EfConstruction,
            EfSearch = hnsw.EfSearch,
            RescoreOversampling = hnsw.RescoreOversampling,
            Quantization = VectorQuantization.Int8,
        }, storage),

        // Same m, efConstruction and starting efSearch as the embedded graphs; the server must be up (scripts/setup-postgres.sh).
        "pgvector" => new PgVectorBackend(pgConnection, hnsw.M, hnsw.EfConstruction, hnsw.EfSearch),

        // A live Qdrant's gRPC port (QDRANT_GRPC_URL, optional QDRANT_API_KEY); none runs on this project's machines.
        "qdrant" => new QdrantBackend(
            new Uri(Environment.GetEnvironmentVariable("QDRANT_GRPC_URL") ?? throw new ArgumentException("--backends qdrant needs QDRANT_GRPC_URL (e.g. http://127.0.0.1:6334).")),
            Environment.GetEnvironmentVariable("QDRANT_API_KEY"), hnsw.M, hnsw.EfConstruction, hnsw.EfSearch),
        _ => throw new ArgumentException($"Unknown backend '{name}': use exact, hnsw, hnsw-int8, pgvector, qdrant."),
    };
}

/// <summary>
/// This thread's CPU time (CLOCK_THREAD_CPUTIME_ID, nanosecond resolution): on a shared machine wall-clock tails are
/// dominated by time slices lost to other processes; CPU time is the query's own cost. Both are printed.
/// </summary>
internal static partial class ThreadCpu
{
    private const int ClockProcessCpuTime = 2;
    private const int ClockThreadCpuTime = 3;

    public static double Milliseconds() => Read(ClockThreadCpuTime);

    /// <summary>All threads of this process (CLOCK_PROCESS_CPUTIME_ID): for async work whose continuations change threads.</summary>
    public static double ProcessMilliseconds() => Read(ClockProcessCpuTime);

    private static double Read(int clock)
    {
        if (!OperatingSystem.IsLinux() || ClockGetTime(clock, out var ts) != 0)
        {
            return 0;
        }

        return (ts.Seconds * 1e3) + (ts.Nanoseconds / 1e6);
    }

    [System.Runtime.InteropServices.LibraryImport("libc", EntryPoint = "clock_gettime")]
    private static partial int ClockGetTime(int clock, out TimeSpec time);

    [System.Runtime.InteropServices.StructLayout(System.Runtime.InteropServices.LayoutKind.Sequential)]
    private struct TimeSpec
    {
        public long Seconds;
        public long Nanoseconds;
    }
}
