using System.Threading.Channels;

namespace BasketReasoner.Server.Hosting;

/// <summary>
/// A fixed set of workers lent to one caller at a time: <see cref="RentAsync"/> waits for an idle one (waiters are
/// served in arrival order) and disposing the lease gives it back. As many callers run at once as there are workers.
/// </summary>
internal sealed class WorkerPool<T>
    where T : class
{
    private readonly Channel<T> _idle;
    private int _waiting;

    /// <exception cref="ArgumentException">No workers.</exception>
    public WorkerPool(IReadOnlyCollection<T> workers)
    {
        if (workers.Count == 0)
        {
            throw new ArgumentException("A worker pool needs at least one worker.", nameof(workers));
        }

        Count = workers.Count;
        _idle = Channel.CreateBounded<T>(new BoundedChannelOptions(Count) { SingleReader = false, SingleWriter = false });
        foreach (var w in workers)
        {
            _idle.Writer.TryWrite(w);
        }
    }

    /// <summary>Workers in the pool.</summary>
    public int Count { get; }

    /// <summary>Workers not lent out right now.</summary>
    public int Idle => _idle.Reader.Count;

    /// <summary>Callers waiting for a worker right now.</summary>
    public int Waiting => Volatile.Read(ref _waiting);

    /// <summary>Waits for an idle worker; the lease gives it back when disposed (once).</summary>
    /// <exception cref="OperationCanceledException"><paramref name="cancellationToken"/> was cancelled while waiting.</exception>
    public async ValueTask<Lease> RentAsync(CancellationToken cancellationToken = default)
    {
        // A worker given back while callers wait goes straight to the first of them, never to the idle buffer, so
        // this fast path cannot overtake a waiter.
        if (_idle.Reader.TryRead(out var idle))
        {
            return new Lease(this, idle);
        }

        Interlocked.Increment(ref _waiting);
        try
        {
            return new Lease(this, await _idle.Reader.ReadAsync(cancellationToken).ConfigureAwait(false));
        }
        finally
        {
            Interlocked.Decrement(ref _waiting);
        }
    }

    /// <summary>One worker, lent until disposed.</summary>
    public sealed class Lease(WorkerPool<T> pool, T worker) : IDisposable
    {
        private int _returned;

        public T Worker { get; } = worker;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref _returned, 1) == 0)
            {
                pool._idle.Writer.TryWrite(Worker);
            }
        }
    }
}
