using System.Collections.Concurrent;
using System.Runtime.InteropServices;

namespace BasketReasoner.Server.Hosting;

/// <summary>
/// One dedicated thread that runs queued work, in order, at a lower CPU priority than the rest of the process: on
/// Linux its own nice value (<c>setpriority</c> on the thread id, which needs no privilege to raise). The label-text
/// refinement runs here, so its OCR takes a core only when the requests leave one idle instead of sharing the cores
/// with the events an acknowledgement is waiting for. ONNX Runtime sessions with one intra-op thread compute on the
/// calling thread, so the whole read runs at this priority. Elsewhere (or when the call fails) the work still runs, at
/// normal priority, and <see cref="Nice"/> says so.
/// </summary>
internal sealed partial class LowPriorityThread : IDisposable
{
    private readonly BlockingCollection<Action> _work = new();
    private readonly Thread _thread;
    private readonly TaskCompletionSource<int> _started = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <param name="name">The thread's name (seen in dumps and <c>top -H</c>).</param>
    /// <param name="nice">0 (the process's own priority) to 19 (the lowest).</param>
    public LowPriorityThread(string name, int nice)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(nice);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(nice, 19);
        _thread = new Thread(() => Run(nice)) { IsBackground = true, Name = name };
        _thread.Start();
        Nice = _started.Task.GetAwaiter().GetResult();
    }

    /// <summary>The nice value the thread runs at as the OS reports it (0 where thread priorities are not applied).</summary>
    public int Nice { get; }

    /// <summary>Queues <paramref name="work"/>; it is skipped, cancelled, when <paramref name="cancellationToken"/> fires before it starts.</summary>
    /// <exception cref="ObjectDisposedException">The thread was disposed.</exception>
    public Task<T> RunAsync<T>(Func<T> work, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(work);
        var done = new TaskCompletionSource<T>(TaskCreationOptions.RunContinuationsAsynchronously);
        _work.Add(() =>
        {
            if (cancellationToken.IsCancellationRequested)
            {
                done.TrySetCanceled(cancellationToken);
                return;
            }

            try
            {
                done.TrySetResult(work());
            }
            catch (Exception ex)
            {
                done.TrySetException(ex);
            }
        });
        return done.Task;
    }

    public void Dispose()
    {
        _work.CompleteAdding();
        _thread.Join(TimeSpan.FromSeconds(10));
        _work.Dispose();
    }

    /// <summary>The calling thread's nice value as Linux reports it; 0 elsewhere.</summary>
    internal static int CurrentThreadNice()
    {
        if (!OperatingSystem.IsLinux())
        {
            return 0;
        }

        try
        {
            // getpriority may legitimately return -1; errno tells a failure apart, and a failure reads as 0 here.
            Marshal.SetLastPInvokeError(0);
            var value = GetPriority(PrioProcess, GetThreadId());
            return Marshal.GetLastPInvokeError() == 0 ? value : 0;
        }
        catch (Exception ex) when (ex is DllNotFoundException or EntryPointNotFoundException)
        {
            return 0;
        }
    }

    private void Run(int nice)
    {
        if (nice > 0 && OperatingSystem.IsLinux())
        {
            try
            {
                _ = SetPriority(PrioProcess, GetThreadId(), nice);
            }
            catch (Exception ex) when (ex is DllNotFoundException or EntryPointNotFoundException)
            {
                // Not glibc: run at the process's priority.
            }
        }

        _started.SetResult(CurrentThreadNice());
        foreach (var item in _work.GetConsumingEnumerable())
        {
            item();
        }
    }

    private const int PrioProcess = 0;

    // On Linux, PRIO_PROCESS with a thread id sets or reads that one thread's nice value.
    [LibraryImport("libc", EntryPoint = "setpriority", SetLastError = true)]
    private static partial int SetPriority(int which, int who, int priority);

    [LibraryImport("libc", EntryPoint = "getpriority", SetLastError = true)]
    private static partial int GetPriority(int which, int who);

    [LibraryImport("libc", EntryPoint = "gettid")]
    private static partial int GetThreadId();
}
