namespace BasketReasoner.Reasoning.Fusion;

/// <summary>
/// How much a product's measured weight may differ from its catalog unit weight. Deliberately wider and
/// heavier-tailed than any one simulator: the fusion must survive real scales and wrong catalog entries.
/// </summary>
public sealed record WeightModelOptions
{
    /// <summary>Scale noise, one standard deviation in grams. Default: 3.</summary>
    public double ScaleSigmaGrams { get; set; } = 3.0;

    /// <summary>Pack-to-pack spread of packaged goods, relative. Default: 0.03 (3 %).</summary>
    public double PackagedRelativeSigma { get; set; } = 0.03;

    /// <summary>Extra relative spread when the catalog weight is an estimate. Default: 0.12.</summary>
    public double EstimatedRelativeSigma { get; set; } = 0.12;

    /// <summary>Spread of one loose piece, as the standard deviation of log weight. Default: 0.35.</summary>
    public double LooseLogSigma { get; set; } = 0.35;

    /// <summary>Extra log spread for loose produce whose catalog weight is an estimate. Default: 0.2.</summary>
    public double EstimatedLooseLogSigma { get; set; } = 0.2;

    /// <summary>
    /// Mass of the "anything goes" outlier component, so one bad reading cannot veto the right product.
    /// Default: 0.01.
    /// </summary>
    public double OutlierProbability { get; set; } = 0.01;

    /// <summary>Range of the outlier component's uniform density, in grams. Default: 5000.</summary>
    public double OutlierRangeGrams { get; set; } = 5000;

    /// <summary>
    /// Mass of a wider component for packaged goods whose catalog unit weight is simply wrong (another pack size or
    /// supplier, a typo): a Gaussian around the catalog weight with <see cref="CatalogErrorRelativeSigma"/> added in
    /// quadrature. Between the tight pack model and the flat outlier floor, so a 5–10 % catalogue error costs a
    /// little evidence instead of almost all of it. Default: 0 (off).
    /// </summary>
    public double CatalogErrorProbability { get; set; }

    /// <summary>Relative spread of the wrong-catalog component. Default: 0.1 (10 %).</summary>
    public double CatalogErrorRelativeSigma { get; set; } = 0.1;
}
