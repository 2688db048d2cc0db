using BasketReasoner.Core.Baskets;
using BasketReasoner.Core.Events;
using BasketReasoner.Core.Resolutions;
using BasketReasoner.Core.Sessions;
using BasketReasoner.Eval.Chain;

namespace BasketReasoner.Eval.Replay;

/// <summary>
/// Replays sessions through an <see cref="ICartEventResolver"/>: a fresh basket per session, each event's frame read
/// from the images folder, the decision applied to the basket. One bad event (unreadable image, resolver exception)
/// is recorded and skipped; the rest of the session and the run go on.
/// </summary>
public sealed class SessionReplayer
{
    private readonly ICartEventResolver _resolver;
    private readonly string _imagesFolder;
    private readonly ICameraFramesResolver? _framesResolver;
    private readonly string? _framesFolder;

    /// <param name="resolver">Decides each event.</param>
    /// <param name="imagesFolder">Folder the events' image paths are relative to (<c>DataRoot.ImagesFolder(root)</c>).</param>
    public SessionReplayer(ICartEventResolver resolver, string imagesFolder)
    {
        ArgumentNullException.ThrowIfNull(resolver);
        ArgumentNullException.ThrowIfNull(imagesFolder);
        _resolver = resolver;
        _imagesFolder = imagesFolder;
    }

    /// <summary>
    /// Replays events that carry per-camera before/after frames through <paramref name="framesResolver"/> (frame
    /// paths relative to <paramref name="framesFolder"/>, the session file's folder); events without frames still
    /// go to <paramref name="resolver"/> with their single image.
    /// </summary>
    public SessionReplayer(ICartEventResolver resolver, string imagesFolder, ICameraFramesResolver framesResolver, string framesFolder)
        : this(resolver, imagesFolder)
    {
        ArgumentNullException.ThrowIfNull(framesResolver);
        ArgumentNullException.ThrowIfNull(framesFolder);
        _framesResolver = framesResolver;
        _framesFolder = framesFolder;
    }

    /// <summary>
    /// The escalation after fusion (later stages, then the simulated shopper), as the server runs it; <c>null</c>
    /// replays fusion alone and the basket takes fusion's best guess. With a chain the basket takes the chain's
    /// decision, and fusion's own decisions are also applied to a shadow basket so its basket accuracy stays
    /// comparable.
    /// </summary>
    public ChainReplay? Chain { get; init; }

    /// <param name="sessions">Sessions to replay, in order.</param>
    /// <param name="progress">Receives the number of sessions done after each session.</param>
    /// <param name="cancellationToken">Checked between events.</param>
    /// <param name="observer">Told of each session, decision and failure as it happens; optional.</param>
    public ReplayResult Replay(
        IEnumerable<CartSession> sessions, IProgress<int>? progress = null, CancellationToken cancellationToken = default, IReplayObserver? observer = null)
    {
        ArgumentNullException.ThrowIfNull(sessions);
        var outcomes = new List<SessionOutcome>();
        var errors = new List<ReplayError>();
        foreach (var session in sessions)
        {
            observer?.SessionStarted(session);
            var outcome = ReplayOne(session, errors, cancellationToken, observer);
            outcomes.Add(outcome);
            observer?.SessionFinished(outcome);
            progress?.Report(outcomes.Count);
        }

        return new ReplayResult(outcomes, errors);
    }

    private SessionOutcome ReplayOne(CartSession session, List<ReplayError> errors, CancellationToken cancellationToken, IReplayObserver? observer)
    {
        var basket = new Basket();
        var fusionBasket = Chain is null ? null : new Basket();
        var events = new List<EventOutcome>(session.Events.Count);
        for (var i = 0; i < session.Events.Count; i++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var cartEvent = session.Events[i];
            var pairs = (CameraFramePair[]?)null;
            var bytes = (byte[]?)null;
            if (_framesResolver is not null && cartEvent.Frames is { } frames)
            {
                if (!TryReadFrames(frames, out pairs, out var framesError))
                {
                    Fail(new ReplayError(session.Id, cartEvent.Seq, framesError));
                    continue;
                }
            }
            else if (!TryReadImage(Path.Combine(_imagesFolder, cartEvent.Image), out bytes, out var readError))
            {
                Fail(new ReplayError(session.Id, cartEvent.Seq, $"image '{cartEvent.Image}' could not be read: {readError}"));
                continue;
            }

            Resolution resolution;
            try
            {
                resolution = pairs is not null ? _framesResolver!.Resolve(cartEvent, pairs, basket) : _resolver.Resolve(cartEvent, bytes!, basket);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                // The run measures the resolver; one failing frame must not hide the other thousands.
                Fail(new ReplayError(session.Id, cartEvent.Seq, $"resolver failed: {ex.GetType().Name}: {ex.Message}"));
                continue;
            }

            var truth = session.EventTruth is { } t && i < t.Count ? t[i] : null;
            ChainOutcome? chain = null;
            if (Chain is not null)
            {
                IReadOnlyList<ReadOnlyMemory<byte>> images = pairs is not null ? pairs.Select(p => p.After).ToArray() : [bytes!];
                try
                {
                    chain = Chain.Decide(resolution, images, truth, basket);
                }
                catch (Exception ex) when (ex is not OperationCanceledException)
                {
                    Fail(new ReplayError(session.Id, cartEvent.Seq, $"escalation failed: {ex.GetType().Name}: {ex.Message}"));
                    continue;
                }

                BasketUpdate.Apply(fusionBasket!, resolution);
            }

            var change = BasketUpdate.Apply(basket, chain is null ? resolution : resolution with { ProductId = chain.ProductId });
            var outcome = new EventOutcome(session.Id, cartEvent, truth, resolution, RemoveMissed: change.AppliedProductId is null) { Chain = chain };
            events.Add(outcome);
            observer?.EventResolved(outcome, change);
        }

        return new SessionOutcome(session.Id, events, fusionBasket?.Lines() ?? basket.Lines(), session.Expected)
        {
            ChainBasket = fusionBasket is null ? null : basket.Lines(),
        };

        void Fail(ReplayError error)
        {
            errors.Add(error);
            observer?.EventFailed(error);
        }
    }

    private bool TryReadFrames(IReadOnlyList<CameraFrames> frames, out CameraFramePair[] pairs, out string error)
    {
        pairs = new CameraFramePair[frames.Count];
        for (var f = 0; f < frames.Count; f++)
        {
            var (camera, before, after) = (frames[f].Camera, frames[f].Before, frames[f].After);
            if (!TryReadImage(Path.Combine(_framesFolder!, before), out var b, out error)
                || !TryReadImage(Path.Combine(_framesFolder!, after), out var a, out error))
            {
                error = $"camera '{camera}' frames could not be read: {error}";
                return false;
            }

            pairs[f] = new CameraFramePair(camera, b, a);
        }

        error = "";
        return true;
    }

    private static bool TryReadImage(string path, out byte[] bytes, out string error)
    {
        try
        {
            bytes = File.ReadAllBytes(path);
            error = "";
            return true;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or ArgumentException or NotSupportedException)
        {
            bytes = [];
            error = ex.Message;
            return false;
        }
    }
}
