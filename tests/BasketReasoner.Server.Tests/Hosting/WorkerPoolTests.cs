using BasketReasoner.Server.Hosting;

namespace BasketReasoner.Server.Tests.Hosting;

public sealed class WorkerPoolTests
{
    [Fact]
    public async Task RentAsync_AsManyCallersAsWorkers_EachHoldsADifferentWorkerAtOnce()
    {
        var pool = new WorkerPool<string>(["w1", "w2", "w3"]);

        var rents = Enumerable.Range(0, 3).Select(_ => pool.RentAsync()).ToArray();

        Assert.All(rents, r => Assert.True(r.IsCompleted));
        var leases = await Task.WhenAll(rents.Select(r => r.AsTask()));
        Assert.Equal(["w1", "w2", "w3"], leases.Select(l => l.Worker).Order());
        Assert.Equal(0, pool.Idle);
    }

    [Fact]
    public async Task RentAsync_AllWorkersLent_WaitsUntilOneIsGivenBack()
    {
        var pool = new WorkerPool<string>(["only"]);
        var first = await pool.RentAsync();

        var second = pool.RentAsync();
        Assert.False(second.IsCompleted);
        Assert.Equal(1, pool.Waiting);

        first.Dispose();
        using var lease = await second;
        Assert.Equal("only", lease.Worker);
    }

    [Fact]
    public async Task RentAsync_SeveralWaiting_ServedInArrivalOrder()
    {
        var pool = new WorkerPool<string>(["only"]);
        var held = await pool.RentAsync();
        var waiting = Enumerable.Range(0, 4).Select(_ => pool.RentAsync().AsTask()).ToArray();

        var served = new List<int>();
        for (var i = 0; i < waiting.Length; i++)
        {
            held.Dispose();
            var next = await Task.WhenAny(waiting.Where(w => !served.Contains(Array.IndexOf(waiting, w))));
            served.Add(Array.IndexOf(waiting, next));
            held = await next;
        }

        held.Dispose();
        Assert.Equal([0, 1, 2, 3], served);
    }

    [Fact]
    public async Task LeaseDispose_Twice_GivesTheWorkerBackOnce()
    {
        var pool = new WorkerPool<string>(["w1", "w2"]);
        var a = await pool.RentAsync();
        using var b = await pool.RentAsync();

        a.Dispose();
        a.Dispose();

        Assert.Equal(1, pool.Idle);
    }

    [Fact]
    public async Task RentAsync_CancelledWhileWaiting_ThrowsAndLeavesThePoolWhole()
    {
        var pool = new WorkerPool<string>(["only"]);
        var held = await pool.RentAsync();
        using var cts = new CancellationTokenSource();

        var waiting = pool.RentAsync(cts.Token).AsTask();
        await cts.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => waiting);
        held.Dispose();
        Assert.Equal(1, pool.Idle);
    }

    [Fact]
    public void Constructor_NoWorkers_Throws() =>
        Assert.Throws<ArgumentException>(() => new WorkerPool<string>([]));
}
