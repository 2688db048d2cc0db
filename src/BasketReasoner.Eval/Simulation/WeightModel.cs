using BasketReasoner.Core.Catalog;

namespace BasketReasoner.Eval.Simulation;

/// <summary>
/// What the cart's scale reports for one simulated unit. Per product p with catalog unit weight w_p:
/// <list type="number">
/// <item><description>True unit weight t_p = w_p · f_p. When <c>UnitWeightEstimated</c>, f_p ~ N(1, σ_est) is drawn once
/// per simulation (default σ_est = 5 %), because the catalog's typical value is itself a guess; otherwise f_p = 1.
/// With <c>CatalogWeightError</c> σ_cat &gt; 0, every product's t_p is further multiplied by N(1, σ_cat), drawn once.
/// f_p is clamped to at least 0.5 so a weight never turns negative.</description></item>
/// <item><description>One physical unit: packaged goods (<c>SoldBy.Unit</c>) weigh t_p · (1 + N(0, σ_pack)) (default
/// σ_pack = 1 %, pack-to-pack fill spread); loose produce (<c>SoldBy.Weight</c>) weighs t_p · exp(N(0, σ_log))
/// (log-normal with median t_p, default σ_log = 0.25).</description></item>
/// <item><description>A reading: the signed weight of the unit (negative when it leaves the cart) plus scale noise
/// N(0, σ_scale) (default 1.5 g); with probability p_unsettled (default 3 %) the scale did not settle and the
/// reading is <c>null</c>; with <c>OutlierProbability</c> p_out &gt; 0 a settled reading is off by
/// ± <c>OutlierGrams</c> · |N(0, 1)| with probability p_out (heavy tails the Gaussian noise does not have).</description></item>
/// </list>
/// A removed unit is the same object that went in, so its reading is minus the weight it had when added, with fresh
/// scale noise. All draws come from the simulation's one seeded <see cref="Random"/>.
/// </summary>
internal sealed class WeightModel
{
    private readonly SimulatorOptions _options;
    private readonly Random _random;
    private readonly double[] _trueUnitWeight;

    /// <summary>Draws the per-product factors now, for every catalog product in class order, so they do not depend
    /// on which products the sessions happen to use.</summary>
    public WeightModel(ProductCatalog catalog, SimulatorOptions options, Random random)
    {
        _options = options;
        _random = random;
        _trueUnitWeight = new double[catalog.Count];
        for (var i = 0; i < catalog.Count; i++)
        {
            var product = catalog[i];
            var factor = Math.Max(0.5, 1.0 + (options.EstimatedWeightError * random.NextGaussian()));
            _trueUnitWeight[i] = product.UnitWeightGrams * (product.UnitWeightEstimated ? factor : 1.0);
        }

        // Drawn only when asked for, after the draws above, so default sessions keep their random stream.
        if (options.CatalogWeightError > 0)
        {
            for (var i = 0; i < catalog.Count; i++)
            {
                _trueUnitWeight[i] *= Math.Max(0.5, 1.0 + (options.CatalogWeightError * random.NextGaussian()));
            }
        }
    }

    /// <summary>The unit weight the simulated store really has, which differs from the catalog when estimated.</summary>
    public double TrueUnitWeight(Product product) => _trueUnitWeight[product.ClassIndex];

    /// <summary>Weight of one physical unit picked off the shelf.</summary>
    public double DrawUnit(Product product)
    {
        var t = TrueUnitWeight(product);
        return product.SoldBy == SoldBy.Weight
            ? t * Math.Exp(_options.LooseLogSigma * _random.NextGaussian())
            : t * Math.Max(0.5, 1.0 + (_options.PackWeightSpread * _random.NextGaussian()));
    }

    /// <summary>The scale's reading for a change of <paramref name="signedGrams"/>; <c>null</c> when it did not settle.</summary>
    public double? Read(double signedGrams)
    {
        // Both draws always happen so the random stream does not depend on whether the scale settled.
        var noise = _options.ScaleNoiseGrams * _random.NextGaussian();
        var unsettled = _random.NextDouble() < _options.UnsettledProbability;
        if (_options.OutlierProbability > 0 && _random.NextDouble() < _options.OutlierProbability)
        {
            var sign = _random.NextDouble() < 0.5 ? -1.0 : 1.0;
            noise += sign * _options.OutlierGrams * Math.Abs(_random.NextGaussian());
        }

        return unsettled ? null : signedGrams + noise;
    }
}
