using BasketReasoner.Core.Catalog;
using BasketReasoner.Core.Resolutions;
using BasketReasoner.Core.Sessions;
using BasketReasoner.Eval.Chain;

namespace BasketReasoner.Eval.Replay;

/// <summary>One call from a session file to a report: read, replay, score.</summary>
public static class SessionEvaluation
{
    /// <param name="resolver">Decides each event.</param>
    /// <param name="imagesFolder">Folder the events' image paths are relative to (<c>DataRoot.ImagesFolder(root)</c>).</param>
    /// <param name="sessionsPath">JSON Lines session file; bad lines become <see cref="SessionReport.Errors"/>.</param>
    /// <param name="catalog">For per-category accuracy; optional.</param>
    /// <param name="progress">Receives the number of sessions replayed.</param>
    /// <param name="cancellationToken">Checked between events.</param>
    public static SessionReport Run(
        ICartEventResolver resolver,
        string imagesFolder,
        string sessionsPath,
        ProductCatalog? catalog = null,
        IProgress<int>? progress = null,
        CancellationToken cancellationToken = default) =>
        Evaluate(resolver, imagesFolder, sessionsPath, catalog, progress, cancellationToken).Report;

    /// <summary>Same as <see cref="Run(ICartEventResolver, string, string, ProductCatalog?, IProgress{int}?, CancellationToken)"/>,
    /// also returning the replay itself (every decision), e.g. for an <see cref="EventLog"/>.</summary>
    public static (SessionReport Report, ReplayResult Replay) Evaluate(
        ICartEventResolver resolver,
        string imagesFolder,
        string sessionsPath,
        ProductCatalog? catalog = null,
        IProgress<int>? progress = null,
        CancellationToken cancellationToken = default,
        ChainReplay? chain = null)
    {
        var (sessions, readErrors) = SessionFile.Read(sessionsPath, catalog is null ? null : id => catalog.TryGet(id, out _));
        var replay = new SessionReplayer(resolver, imagesFolder) { Chain = chain }.Replay(sessions, progress, cancellationToken);
        return (SessionScorer.Score(replay, readErrors, catalog), replay);
    }

    /// <summary>
    /// Replays a session file whose events carry per-camera before/after frames (paths relative to the file's
    /// folder) through <paramref name="framesResolver"/>; events without frames use their single image.
    /// </summary>
    public static (SessionReport Report, ReplayResult Replay) EvaluateFrames(
        ICartEventResolver resolver,
        ICameraFramesResolver framesResolver,
        string imagesFolder,
        string sessionsPath,
        ProductCatalog? catalog = null,
        IProgress<int>? progress = null,
        CancellationToken cancellationToken = default,
        ChainReplay? chain = null)
    {
        var (sessions, readErrors) = SessionFile.Read(sessionsPath, catalog is null ? null : id => catalog.TryGet(id, out _));
        var folder = Path.GetDirectoryName(Path.GetFullPath(sessionsPath))!;
        var replay = new SessionReplayer(resolver, imagesFolder, framesResolver, folder) { Chain = chain }.Replay(sessions, progress, cancellationToken);
        return (SessionScorer.Score(replay, readErrors, catalog), replay);
    }

    /// <summary>Same, for sessions already read; <paramref name="readErrors"/> are carried into the report.</summary>
    public static SessionReport Run(
        ICartEventResolver resolver,
        string imagesFolder,
        IReadOnlyList<CartSession> sessions,
        IReadOnlyList<SessionReadError> readErrors,
        ProductCatalog? catalog = null,
        IProgress<int>? progress = null,
        CancellationToken cancellationToken = default)
    {
        var result = new SessionReplayer(resolver, imagesFolder).Replay(sessions, progress, cancellationToken);
        return SessionScorer.Score(result, readErrors, catalog);
    }
}
