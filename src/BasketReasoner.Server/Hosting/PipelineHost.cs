using System.Diagnostics;
using BasketReasoner.Composition;
using BasketReasoner.Core.Baskets;
using BasketReasoner.Core.Catalog;
using BasketReasoner.Core.Events;
using BasketReasoner.Core.Resolutions;
using BasketReasoner.Core.Vision;
using BasketReasoner.Reasoning.Escalation;
using BasketReasoner.Reasoning.Fusion;
using BasketReasoner.Server.Telemetry;

namespace BasketReasoner.Server.Hosting;

/// <summary>
/// The pool of resolver workers a server shares between carts: <see cref="CartServerOptions.ResolverWorkers"/>
/// workers (default: one per core), each with its own buffers on the pipeline's shared ONNX sessions. A call waits
/// for an idle worker (first come, first served), resolves on the caller's thread and returns the worker. Per-cart
/// order is the caller's business (<c>CartService</c> holds the cart's gate across the call); carts run in parallel.
/// Each host builds its own workers, so servers sharing one <see cref="CartPipeline"/> never share a worker.
/// </summary>
internal sealed class PipelineHost : IDisposable
{
    private readonly CartPipeline _pipeline;
    private readonly WorkerPool<PipelineWorker> _pool;
    private readonly ServerMetrics _metrics;
    private readonly PipelineWorker? _refiner;
    private readonly LowPriorityThread? _refinerThread;

    /// <param name="pipeline">The opened pipeline whose ONNX sessions the workers share.</param>
    /// <param name="options">The pool's size, and whether label text is read off the request path.</param>
    /// <param name="metrics">Where the queue and text stages are recorded.</param>
    /// <param name="escalation">This server's chain: label text is read only below its fusion acceptance threshold.</param>
    public PipelineHost(CartPipeline pipeline, CartServerOptions options, EscalationOptions escalation, ServerMetrics metrics)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(options.ResolverWorkers, "Server:ResolverWorkers");
        _pipeline = pipeline;
        _metrics = metrics;
        var workers = options.ResolverWorkers == 0 ? Environment.ProcessorCount : options.ResolverWorkers;
        PipelineWorker[] pool = [.. Enumerable.Range(0, workers).Select(_ => pipeline.CreateWorker(escalation.FusionAcceptThreshold))];
        if (options.LabelTextOffRequestPath && pipeline.Ocr is not null)
        {
            // The pool answers from fusion without text; one more worker, outside the pool, reads the labels one
            // event at a time, so OCR never holds a worker that an acknowledgement is waiting for.
            foreach (var w in pool)
            {
                w.Resolver.DeferLabelText = true;
            }

            _refiner = pipeline.CreateWorker(escalation.FusionAcceptThreshold);
            _refinerThread = new LowPriorityThread("label-text refinement", options.RefinementNice);
        }

        _pool = new WorkerPool<PipelineWorker>(pool);
    }

    /// <summary>Whether label text is read off the request path (<see cref="RefineAsync"/>) rather than inside it.</summary>
    public bool DefersLabelText => _refiner is not null;

    /// <summary>The refinement thread's nice value as the OS reports it, or <c>null</c> when label text is read inside requests.</summary>
    public int? RefinementNice => _refinerThread?.Nice;

    /// <summary>How many events can be resolved at once.</summary>
    public int Workers => _pool.Count;

    /// <summary>The workers (tests hold one to show that another cart's event still resolves).</summary>
    internal WorkerPool<PipelineWorker> Pool => _pool;

    public ProductCatalog Catalog => _pipeline.Catalog;

    /// <summary>
    /// Resolves one event on the first idle worker; records the wait (<c>queue</c>) and label-text (<c>text</c>) time.
    /// When the label is deferred, also what <see cref="RefineAsync"/> needs to read it without a second recognizer pass.
    /// </summary>
    /// <exception cref="Core.Vision.InvalidImageException">A frame does not decode.</exception>
    public async ValueTask<(Resolution Resolution, FusionResolver.PendingLabel? Label)> ResolveAsync(
        CartEvent cartEvent, IReadOnlyList<ReadOnlyMemory<byte>> frames, Basket basket, CancellationToken cancellationToken = default)
    {
        using var lease = await RentAsync(cancellationToken).ConfigureAwait(false);
        var before = TextReadSoFar(lease.Worker);
        var resolution = lease.Worker.Resolver.Resolve(cartEvent, frames, basket);
        RecordTextSince(lease.Worker, before);
        return (resolution, lease.Worker.Resolver.TakePendingLabel());
    }

    /// <summary>
    /// Resolves one event with its label text read when the decision depends on it: on the pool, then, when the
    /// label was deferred off the request path, on the refinement worker. For a chooser answering a whole request
    /// (<c>ChatBackend = fusion</c>), which has no later refinement to wait for.
    /// </summary>
    /// <exception cref="Core.Vision.InvalidImageException">A frame does not decode.</exception>
    public async ValueTask<Resolution> ResolveWithTextAsync(
        CartEvent cartEvent, IReadOnlyList<ReadOnlyMemory<byte>> frames, Basket basket, CancellationToken cancellationToken = default)
    {
        var (resolution, label) = await ResolveAsync(cartEvent, frames, basket, cancellationToken).ConfigureAwait(false);
        return resolution.LabelTextPending && label is not null
            ? await RefineAsync(cartEvent, frames, null, basket, label, cancellationToken).ConfigureAwait(false)
            : resolution;
    }

    /// <summary>Resolves from per-camera before/after frames (attribution when the detector is loaded) on the first idle worker; records the same stages.</summary>
    /// <exception cref="Core.Vision.InvalidImageException">A frame does not decode.</exception>
    public async ValueTask<Resolution> ResolveAsync(
        CartEvent cartEvent, IReadOnlyList<CameraFramePair> frames, Basket basket, CancellationToken cancellationToken = default)
    {
        using var lease = await RentAsync(cancellationToken).ConfigureAwait(false);
        var before = TextReadSoFar(lease.Worker);
        var resolution = lease.Worker.ResolveFrames(cartEvent, frames, basket);
        RecordTextSince(lease.Worker, before);
        return resolution;
    }

    /// <summary>
    /// Resolves an event again with its label text read (the refinement of a resolution flagged
    /// <see cref="Resolution.LabelTextPending"/>), on the refinement worker, one event at a time, on its own thread at
    /// <see cref="CartServerOptions.RefinementNice"/>. With <paramref name="label"/> (an event of close-up frames) it reads the label and fuses from the kept
    /// recognizer output; an event of before/after frames is resolved again (its views are crops of decoded frames
    /// that are not kept). Records the label-text time as the <c>text</c> stage.
    /// </summary>
    /// <param name="cartEvent">The event, as its fusion saw it.</param>
    /// <param name="frames">Its frames (the views that show the item).</param>
    /// <param name="pairs">The event's before/after frames when it came with them, else <c>null</c> (then <paramref name="frames"/>).</param>
    /// <param name="basket">The basket as it stood when the event was acknowledged.</param>
    /// <param name="label">What the request's resolution kept for its deferred label, or <c>null</c>.</param>
    /// <param name="cancellationToken">Stops waiting for the worker.</param>
    /// <exception cref="InvalidOperationException">Label text is read inside requests (<see cref="DefersLabelText"/> is false).</exception>
    public async Task<Resolution> RefineAsync(
        CartEvent cartEvent, IReadOnlyList<ReadOnlyMemory<byte>> frames, IReadOnlyList<CameraFramePair>? pairs, Basket basket,
        FusionResolver.PendingLabel? label = null, CancellationToken cancellationToken = default)
    {
        var worker = _refiner ?? throw new InvalidOperationException("Label text is read inside requests; there is nothing to refine.");

        // One refinement at a time, on the low-priority thread: its OCR yields the cores to the resolver pool.
        return await _refinerThread!.RunAsync(
            () =>
            {
                var before = TextReadSoFar(worker);
                var resolution = pairs is not null ? worker.ResolveFrames(cartEvent, pairs, basket)
                    : label is not null ? worker.Resolver.ResolveLabel(cartEvent, label, frames, basket)
                    : worker.Resolver.Resolve(cartEvent, frames, basket);
                RecordTextSince(worker, before);
                return resolution;
            },
            cancellationToken).ConfigureAwait(false);
    }

    // Waits for an idle worker and records the wait as the "queue" stage.
    private async ValueTask<WorkerPool<PipelineWorker>.Lease> RentAsync(CancellationToken cancellationToken)
    {
        var waited = Stopwatch.GetTimestamp();
        var lease = await _pool.RentAsync(cancellationToken).ConfigureAwait(false);
        _metrics.StageLatency.Record(Stopwatch.GetElapsedTime(waited).TotalMilliseconds, new KeyValuePair<string, object?>("stage", "queue"));
        return lease;
    }

    private static (int Reads, TimeSpan Time) TextReadSoFar(PipelineWorker worker) => (worker.Resolver.TextReads, worker.Resolver.TextTime);

    // Records the label-text time of the resolution just run on the worker, when it read any, as the "text" stage.
    private void RecordTextSince(PipelineWorker worker, (int Reads, TimeSpan Time) before)
    {
        if (worker.Resolver.TextReads != before.Reads)
        {
            _metrics.StageLatency.Record((worker.Resolver.TextTime - before.Time).TotalMilliseconds, new KeyValuePair<string, object?>("stage", "text"));
        }
    }

    /// <summary>
    /// Teaches the fusion's learning sources that <paramref name="cartEvent"/> of cart <paramref name="cartId"/> was
    /// <paramref name="productId"/>. Every worker's fusion shares the learned tables of its catalog and options, so
    /// teaching the pipeline's own resolver teaches them all; the learning sources lock their writes, so this runs beside
    /// resolving workers.
    /// </summary>
    public void Learn(CartEvent cartEvent, string productId, string cartId) => _pipeline.Resolver.Learn(cartEvent, productId, cartId);

    /// <summary>The recognizer's class probabilities averaged over <paramref name="frames"/>, indexed by class.</summary>
    public async ValueTask<float[]> ClassProbabilitiesAsync(IReadOnlyList<ReadOnlyMemory<byte>> frames, CancellationToken cancellationToken = default)
    {
        using var lease = await _pool.RentAsync(cancellationToken).ConfigureAwait(false);
        return lease.Worker.Recognizer.AverageProbabilities(frames);
    }

    public void Dispose() => _refinerThread?.Dispose();
}
