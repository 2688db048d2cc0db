using System.Collections.Concurrent;
using System.Runtime.CompilerServices;
using BasketReasoner.Core.Baskets;
using BasketReasoner.Core.Catalog;
using BasketReasoner.Core.Events;
using BasketReasoner.Core.Evidence;
using BasketReasoner.Core.Sessions;

namespace BasketReasoner.Reasoning.Fusion.Sources;

/// <summary>
/// The scale, judged by what each product has actually been seen to weigh: a Student-t on log grams around the
/// product's learned mean and spread, mixed with a uniform outlier floor. The statistics are fitted from labelled
/// sessions simulated from <c>train</c> (<see cref="LearnedWeightOptions.FitSessions"/>), keep learning from confirmed
/// events (<see cref="Learn"/>), and are shrunk toward the catalog weight by <see cref="LearnedWeightOptions.PriorStrength"/>
/// pseudo-observations, so a product seen rarely falls back to the catalog. Every fusion built from the same catalog
/// and options shares one table (a confirmation on one worker teaches them all), so what is learned is guarded: only a
/// weight that is one whole unit of the product (<see cref="WeightFit.IsOneUnit"/>: 0.2–5 typical pieces of loose
/// produce, not a cut piece; one pack within its tolerance) is learned, and each contributor (a cart) teaches at most
/// <see cref="LearnedWeightOptions.MaxPerContributor"/> weighings per product. Silent when the scale did not settle.
/// </summary>
public sealed class LearnedWeightEvidence : ILearningEvidenceSource
{
    /// <summary>The source's name and its key under <c>Sources</c> in the fusion config.</summary>
    public const string SourceName = "learned-weight";

    /// <summary>The smallest weight the model scores, 1 g: below it every product gets the outlier floor alone.</summary>
    public const double MinModelledGrams = 1;

    private static readonly ConditionalWeakTable<ProductCatalog, ConcurrentDictionary<LearnedWeightOptions, Statistics>> Shared = [];

    private readonly ProductCatalog _catalog;
    private readonly LearnedWeightOptions _options;
    private readonly Statistics _statistics;
    private readonly double _studentConstant;
    private readonly double _logModel;
    private readonly double _logOutlier;

    /// <exception cref="ArgumentOutOfRangeException">An option is out of range.</exception>
    /// <exception cref="InvalidOperationException">The fit file is a <c>test</c> split file.</exception>
    /// <exception cref="FileNotFoundException">The fit file does not exist.</exception>
    public LearnedWeightEvidence(ProductCatalog catalog, LearnedWeightOptions options)
    {
        options.Validate();
        _catalog = catalog;
        _options = options;
        _statistics = Shared.GetOrCreateValue(catalog).GetOrAdd(options, o => Statistics.Fit(catalog, o));
        var nu = options.DegreesOfFreedom;
        _studentConstant = LogGamma((nu + 1) / 2) - LogGamma(nu / 2) - (0.5 * Math.Log(nu * Math.PI));
        _logModel = Math.Log(1 - options.OutlierProbability);
        _logOutlier = options.OutlierProbability > 0 ? Math.Log(options.OutlierProbability / options.OutlierRangeGrams) : double.NegativeInfinity;
    }

    public string Name => SourceName;

    /// <summary>How many weighings of <paramref name="productId"/> the statistics hold (fitted and learned).</summary>
    public int Observations(string productId) =>
        _catalog.TryGet(productId, out var p) ? _statistics.Count(p.ClassIndex) : 0;

    public bool Score(in EvidenceInputs inputs, Span<double> logTerms)
    {
        if (inputs.MeasuredGrams is not { } grams)
        {
            return false;
        }

        // Under a gram the scale weighed nothing any product could be. The per-gram density of a heavy-tailed model on
        // log grams grows without bound toward 0 g (1e-300 g scored +650 for produce), so it is not asked there.
        if (!(grams >= MinModelledGrams))
        {
            logTerms.Fill(_logOutlier);
            return true;
        }

        var x = Math.Log(grams);
        var nu = _options.DegreesOfFreedom;
        for (var c = 0; c < logTerms.Length; c++)
        {
            var (mean, sigma) = _statistics.Get(c);
            var z = (x - mean) / sigma;
            // Density per gram: the t density of log grams over grams (the change of variable).
            var model = _studentConstant - Math.Log(sigma) - ((nu + 1) / 2 * Math.Log(1 + (z * z / nu))) - x;
            logTerms[c] = WeightLikelihood.LogAddExp(_logModel + model, _logOutlier);
        }

        return true;
    }

    /// <summary>
    /// Learns the event's weight for the product when it is one whole unit of it and the contributor has not yet taught
    /// its share of that product; anything else is ignored (a shopper's answer is not proof of a weight: 20 confirmations
    /// of a 5 kg "garlic" must not teach every cart that garlic weighs 5 kg).
    /// </summary>
    public void Learn(CartEvent cartEvent, string productId, string contributor)
    {
        ArgumentNullException.ThrowIfNull(contributor);
        if (_catalog.TryGet(productId, out var product) && Statistics.Grams(cartEvent) is { } grams && WeightFit.IsOneUnit(product, grams))
        {
            _statistics.Add(product.ClassIndex, grams, contributor, _options.MaxPerContributor);
        }
    }

    // Lanczos (g = 7, n = 9): ample for the t density's normalising constant.
    private static double LogGamma(double x)
    {
        ReadOnlySpan<double> g =
        [
            0.99999999999980993, 676.5203681218851, -1259.1392167224028, 771.32342877765313, -176.61502916214059,
            12.507343278686905, -0.13857109526572012, 9.9843695780195716e-6, 1.5056327351493116e-7,
        ];
        if (x < 0.5)
        {
            return Math.Log(Math.PI / Math.Abs(Math.Sin(Math.PI * x))) - LogGamma(1 - x);
        }

        x -= 1;
        var a = g[0];
        var t = x + 7.5;
        for (var i = 1; i < g.Length; i++)
        {
            a += g[i] / (x + i);
        }

        return (0.5 * Math.Log(2 * Math.PI)) + ((x + 0.5) * Math.Log(t)) - t + Math.Log(a);
    }

    /// <summary>
    /// Per product: Welford sums of log grams and the shrunk mean and spread they give; writers lock, readers do not.
    /// A fit is an immutable object swapped in whole, so a worker scoring while another server thread learns reads
    /// either the old mean and spread or the new ones, never a torn pair of the two.
    /// </summary>
    private sealed class Statistics
    {
        private readonly LearnedWeightOptions _options;
        private readonly double[] _priorMean;
        private readonly double[] _priorSigma;
        private readonly int[] _count;
        private readonly double[] _sumMean;
        private readonly double[] _sumSquares;
        private readonly FittedWeight[] _fitted;
        private readonly Dictionary<(string Contributor, int Product), int> _taught = [];
        private readonly Lock _gate = new();

        private Statistics(ProductCatalog catalog, LearnedWeightOptions options)
        {
            _options = options;
            var n = catalog.Count;
            (_priorMean, _priorSigma, _count, _sumMean, _sumSquares, _fitted) =
                (new double[n], new double[n], new int[n], new double[n], new double[n], new FittedWeight[n]);
            for (var c = 0; c < n; c++)
            {
                var p = catalog[c];
                _priorMean[c] = Math.Log(p.UnitWeightGrams);
                _priorSigma[c] = p.UnitWeightEstimated ? options.EstimatedPriorLogSigma : p.IsLoose ? options.LoosePriorLogSigma : options.PackagedPriorLogSigma;
                Refit(c);
            }
        }

        public static Statistics Fit(ProductCatalog catalog, LearnedWeightOptions options)
        {
            var statistics = new Statistics(catalog, options);
            if (options.FitSessions is not { } file)
            {
                return statistics;
            }

            var path = Locate(file);
            if (Path.GetFileName(path).Contains("test", StringComparison.OrdinalIgnoreCase))
            {
                throw new InvalidOperationException($"Refusing to fit weight statistics on '{path}': nothing is fitted on the test split.");
            }

            foreach (var session in SessionFile.Read(path, id => catalog.TryGet(id, out _)).Sessions)
            {
                for (var i = 0; i < session.Events.Count; i++)
                {
                    if (session.EventTruth is { } truth && i < truth.Count && truth[i] is { } id
                        && catalog.TryGet(id, out var product) && Grams(session.Events[i]) is { } grams)
                    {
                        statistics.Add(product.ClassIndex, grams);
                    }
                }
            }

            return statistics;
        }

        /// <summary>The weight the event shows for one unit: the settled delta in the event's direction, when positive.</summary>
        public static double? Grams(CartEvent e) =>
            e.WeightDeltaGrams is { } d && double.IsFinite(d) && (e.Type == CartEventType.Add ? d : -d) is var g && g > 0 ? g : null;

        public (double Mean, double Sigma) Get(int c) => Volatile.Read(ref _fitted[c]) is var f ? (f.Mean, f.Sigma) : default;

        public int Count(int c) => Volatile.Read(ref _count[c]);

        /// <summary>Adds a confirmed weighing unless <paramref name="contributor"/> already taught <paramref name="max"/> of product <paramref name="c"/>.</summary>
        public void Add(int c, double grams, string contributor, int max)
        {
            lock (_gate)
            {
                var key = (contributor, c);
                var taught = _taught.GetValueOrDefault(key);
                if (taught >= max)
                {
                    return;
                }

                _taught[key] = taught + 1;
                AddLocked(c, grams);
            }
        }

        /// <summary>Adds a weighing of the fit sessions (trusted, not capped).</summary>
        public void Add(int c, double grams)
        {
            lock (_gate)
            {
                AddLocked(c, grams);
            }
        }

        private void AddLocked(int c, double grams)
        {
            var x = Math.Log(grams);
            var n = _count[c] + 1;
            var delta = x - _sumMean[c];
            _sumMean[c] += delta / n;
            _sumSquares[c] += delta * (x - _sumMean[c]);
            Volatile.Write(ref _count[c], n);
            Refit(c);
        }

        // Normal–inverse-gamma style shrinkage: k prior pseudo-observations at the catalog mean and spread.
        private void Refit(int c)
        {
            var (k, n) = (_options.PriorStrength, (double)_count[c]);
            var mean = ((k * _priorMean[c]) + (n * _sumMean[c])) / (k + n);
            var shift = _sumMean[c] - _priorMean[c];
            var variance = ((k * _priorSigma[c] * _priorSigma[c]) + _sumSquares[c] + (n == 0 ? 0 : k * n / (k + n) * shift * shift)) / (k + n);
            Volatile.Write(ref _fitted[c], new FittedWeight(mean, Math.Max(Math.Sqrt(variance), _options.MinLogSigma)));
        }

        private sealed record FittedWeight(double Mean, double Sigma);

        private static string Locate(string file)
        {
            if (Path.IsPathRooted(file) || File.Exists(file))
            {
                return Path.GetFullPath(file);
            }

            for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            {
                var candidate = Path.Combine(dir.FullName, file);
                if (File.Exists(candidate))
                {
                    return candidate;
                }
            }

            throw new FileNotFoundException($"Weight statistics fit file '{file}' not found from the working directory, beside the program or above it.", file);
        }
    }
}
