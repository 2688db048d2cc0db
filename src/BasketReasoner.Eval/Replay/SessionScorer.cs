using BasketReasoner.Core.Catalog;
using BasketReasoner.Core.Events;
using BasketReasoner.Core.Sessions;
using BasketReasoner.Eval.Chain;

namespace BasketReasoner.Eval.Replay;

/// <summary>Turns a replay into a <see cref="SessionReport"/>, with the chain's figures when the replay ran one. Pure: same outcomes, same report.</summary>
public static class SessionScorer
{
    /// <summary>How many confusions <see cref="SessionReport.TopConfusions"/> lists unless told otherwise.</summary>
    public const int DefaultTopConfusions = 10;

    /// <param name="result">The replay.</param>
    /// <param name="readErrors">Lines skipped while reading the session file; <c>null</c> for none.</param>
    /// <param name="catalog">Gives each true product's top category; without it (or for an unknown id) the
    /// category is the second segment of the frame's path, e.g. <c>test/Fruit/...</c> → <c>Fruit</c>.</param>
    /// <param name="topConfusions">How many confusions to list.</param>
    public static SessionReport Score(
        ReplayResult result,
        IReadOnlyList<SessionReadError>? readErrors = null,
        ProductCatalog? catalog = null,
        int topConfusions = DefaultTopConfusions)
    {
        ArgumentNullException.ThrowIfNull(result);
        ArgumentOutOfRangeException.ThrowIfNegative(topConfusions);
        readErrors ??= [];

        var events = result.Sessions.SelectMany(s => s.Events).ToArray();
        var withTruth = events.Where(e => e.Correct is not null).ToArray();
        var confident = withTruth.Where(e => !e.Resolution.IsAmbiguous).ToArray();
        var ambiguous = withTruth.Where(e => e.Resolution.IsAmbiguous).ToArray();
        var weightMissing = events.Where(e => e.Event.WeightDeltaGrams is null).ToArray();

        var errors = readErrors.Select(e => new ReportError(e.Line, null, null, e.Message))
            .Concat(result.Errors.Select(e => new ReportError(null, e.SessionId, e.Seq, e.Message)))
            .ToArray();

        var report = new SessionReport
        {
            Sessions = result.Sessions.Count,
            Events = events.Length,
            FailedEvents = result.Errors.Count,
            ItemAccuracy = Bucket(withTruth).Accuracy,
            BasketAccuracy = Ratio(result.Sessions.Count(s => s.BasketMatches), result.Sessions.Count),
            AmbiguousRate = Ratio(events.Count(e => e.Resolution.IsAmbiguous), events.Length),
            AccuracyWhenConfident = Bucket(confident).Accuracy,
            AccuracyWhenAmbiguous = Bucket(ambiguous).Accuracy,
            LatencyMs = LatencySummary.From(events.Select(e => e.Resolution.LatencyMs)),
            ByTopCategory = GroupBuckets(withTruth, e => TopCategory(e, catalog)),
            ByEventType = GroupBuckets(withTruth, e => e.Event.Type == CartEventType.Add ? "add" : "remove"),
            WeightMissingEvents = weightMissing.Length,
            WeightMissingAccuracy = Bucket(weightMissing.Where(e => e.Correct is not null)).Accuracy,
            RemovesNotInBasket = events.Count(e => e.RemoveMissed),
            TopConfusions = withTruth
                .Where(e => e.Correct == false)
                .GroupBy(e => (Truth: e.Truth!, Chosen: e.Resolution.ProductId))
                .Select(g => new Confusion(g.Key.Truth, g.Key.Chosen, g.Count()))
                .OrderByDescending(c => c.Count)
                .ThenBy(c => c.Truth, StringComparer.Ordinal)
                .ThenBy(c => c.Chosen, StringComparer.Ordinal)
                .Take(topConfusions)
                .ToArray(),
            Errors = errors,
            SkippedLines = readErrors.Count,
            ExpectedCalibrationError = Calibration.ExpectedCalibrationError(withTruth.Select(e => (e.Resolution.Confidence, e.Correct == true))),
        };
        return ChainScorer.AddTo(report, result);
    }

    private static AccuracyBucket Bucket(IEnumerable<EventOutcome> withTruth)
    {
        var total = 0;
        var correct = 0;
        foreach (var e in withTruth)
        {
            total++;
            correct += e.Correct == true ? 1 : 0;
        }

        return new AccuracyBucket(total, correct);
    }

    private static SortedDictionary<string, AccuracyBucket> GroupBuckets(IEnumerable<EventOutcome> withTruth, Func<EventOutcome, string> key)
    {
        var buckets = new SortedDictionary<string, AccuracyBucket>(StringComparer.Ordinal);
        foreach (var group in withTruth.GroupBy(key))
        {
            buckets[group.Key] = Bucket(group);
        }

        return buckets;
    }

    private static double? Ratio(int numerator, int denominator) => denominator == 0 ? null : (double)numerator / denominator;

    private static string TopCategory(EventOutcome e, ProductCatalog? catalog)
    {
        if (catalog is not null && catalog.TryGet(e.Truth!, out var product))
        {
            return product.TopCategory;
        }

        // Dataset frames live at {split}/{Top}/{Coarse}/..., so the path names the category without a catalog.
        var parts = e.Event.Image.Split('/', '\\');
        return parts.Length >= 3 ? parts[1] : "unknown";
    }
}
