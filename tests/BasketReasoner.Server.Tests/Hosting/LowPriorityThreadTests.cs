using BasketReasoner.Server.Hosting;

namespace BasketReasoner.Server.Tests.Hosting;

/// <summary>The refinement's thread: its work runs in order, on that one thread, at the nice value asked for.</summary>
public sealed class LowPriorityThreadTests
{
    [Fact]
    public async Task RunAsync_Nice10_WorkRunsOnOneThreadAtThatNiceInOrder()
    {
        using var thread = new LowPriorityThread("test refinement", 10);
        var seen = new List<(int Item, int ThreadId, int Nice)>();

        var runs = Enumerable.Range(0, 5).Select(i => thread.RunAsync(() =>
        {
            seen.Add((i, Environment.CurrentManagedThreadId, LowPriorityThread.CurrentThreadNice()));
            return i;
        })).ToArray();
        var results = await Task.WhenAll(runs);

        Assert.Equal([0, 1, 2, 3, 4], results);
        Assert.Equal([0, 1, 2, 3, 4], seen.Select(s => s.Item));
        Assert.Single(seen.Select(s => s.ThreadId).Distinct());
        Assert.NotEqual(Environment.CurrentManagedThreadId, seen[0].ThreadId);
        if (OperatingSystem.IsLinux())
        {
            // The process itself keeps its own priority: only that thread was lowered.
            Assert.Equal(10, thread.Nice);
            Assert.All(seen, s => Assert.Equal(10, s.Nice));
            Assert.Equal(0, LowPriorityThread.CurrentThreadNice());
        }
    }

    [Fact]
    public async Task RunAsync_WorkThrows_TheTaskFaultsAndTheThreadGoesOn()
    {
        using var thread = new LowPriorityThread("test refinement", 5);

        var failed = thread.RunAsync<int>(() => throw new InvalidOperationException("ocr broke"));
        var next = thread.RunAsync(() => 42);

        Assert.Equal("ocr broke", (await Assert.ThrowsAsync<InvalidOperationException>(() => failed)).Message);
        Assert.Equal(42, await next);
    }

    [Fact]
    public async Task RunAsync_CancelledBeforeItStarts_IsSkipped()
    {
        using var thread = new LowPriorityThread("test refinement", 0);
        using var gate = new ManualResetEventSlim();
        var blocking = thread.RunAsync(() => gate.Wait(TimeSpan.FromSeconds(10)));
        using var cts = new CancellationTokenSource();
        var ran = false;
        var queued = thread.RunAsync(() => ran = true, cts.Token);

        cts.Cancel();
        gate.Set();

        Assert.True(await blocking);
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => queued);
        Assert.False(ran);
    }
}
