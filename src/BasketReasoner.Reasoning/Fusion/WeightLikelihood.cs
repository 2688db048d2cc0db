using BasketReasoner.Core.Catalog;

namespace BasketReasoner.Reasoning.Fusion;

/// <summary>
/// log p(measured |Δweight| | product): a Gaussian around the unit weight for packaged goods, a log-normal for
/// loose produce (one piece of fruit varies by tens of percent, one carton of milk by a few grams), both mixed with
/// a small uniform outlier component; packaged goods also with a wider wrong-catalog component when
/// <see cref="WeightModelOptions.CatalogErrorProbability"/> is set. O(1) per product, no allocation.
/// </summary>
public sealed class WeightLikelihood(WeightModelOptions options)
{
    private const double LogSqrtTwoPi = 0.91893853320467274;

    public WeightModelOptions Options { get; } = options;

    /// <summary>Log density (per gram) of observing <paramref name="grams"/> (a positive magnitude) for one unit of <paramref name="product"/>.</summary>
    public double LogLikelihood(Product product, double grams)
    {
        var o = Options;
        var outlier = Math.Log(o.OutlierProbability / o.OutlierRangeGrams);
        if (!(grams > 0) || !double.IsFinite(grams))
        {
            return outlier;
        }

        var w = product.UnitWeightGrams;
        double model;
        if (product.IsLoose)
        {
            var s = product.UnitWeightEstimated ? Math.Sqrt(o.LooseLogSigma * o.LooseLogSigma + o.EstimatedLooseLogSigma * o.EstimatedLooseLogSigma) : o.LooseLogSigma;
            var z = (Math.Log(grams) - Math.Log(w)) / s;
            model = -0.5 * z * z - Math.Log(s) - LogSqrtTwoPi - Math.Log(grams);
        }
        else
        {
            var rel = product.UnitWeightEstimated ? Math.Sqrt(o.PackagedRelativeSigma * o.PackagedRelativeSigma + o.EstimatedRelativeSigma * o.EstimatedRelativeSigma) : o.PackagedRelativeSigma;
            var s = Math.Sqrt(o.ScaleSigmaGrams * o.ScaleSigmaGrams + rel * w * rel * w);
            var z = (grams - w) / s;
            model = -0.5 * z * z - Math.Log(s) - LogSqrtTwoPi;
            if (o.CatalogErrorProbability > 0)
            {
                var wideRel = o.CatalogErrorRelativeSigma * w;
                var sw = Math.Sqrt((s * s) + (wideRel * wideRel));
                var zw = (grams - w) / sw;
                var wide = -0.5 * zw * zw - Math.Log(sw) - LogSqrtTwoPi;
                var c = o.CatalogErrorProbability / (1 - o.OutlierProbability);
                model = LogAddExp(Math.Log(1 - c) + model, Math.Log(c) + wide);
            }
        }

        return LogAddExp(Math.Log(1 - o.OutlierProbability) + model, outlier);
    }

    internal static double LogAddExp(double a, double b)
    {
        var m = Math.Max(a, b);
        return m == double.NegativeInfinity ? m : m + Math.Log(Math.Exp(a - m) + Math.Exp(b - m));
    }
}
