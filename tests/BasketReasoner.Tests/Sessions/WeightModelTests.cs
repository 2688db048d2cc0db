using BasketReasoner.Core.Catalog;
using BasketReasoner.Eval.Simulation;

namespace BasketReasoner.Tests.Sessions;

public sealed class WeightModelTests
{
    private static readonly ProductCatalog Catalog = TestCatalog.Create();

    private static (double Mean, double Sd) Stats(IReadOnlyCollection<double> xs)
    {
        var mean = xs.Average();
        return (mean, Math.Sqrt(xs.Sum(x => (x - mean) * (x - mean)) / (xs.Count - 1)));
    }

    [Fact]
    public void DrawUnit_Packaged_SpreadsAboutOnePercentAroundExactCatalogWeight()
    {
        var model = new WeightModel(Catalog, new SimulatorOptions(), new Random(1));
        var milk = Catalog.Get("Arla-Standard-Milk");
        var (mean, sd) = Stats(Enumerable.Range(0, 20_000).Select(_ => model.DrawUnit(milk)).ToArray());

        Assert.Equal(milk.UnitWeightGrams, model.TrueUnitWeight(milk));
        Assert.InRange(mean, 1062 * 0.999, 1062 * 1.001);
        Assert.InRange(sd / mean, 0.009, 0.011);
    }

    [Fact]
    public void DrawUnit_Loose_IsLogNormalWithConfiguredSigma()
    {
        var model = new WeightModel(Catalog, new SimulatorOptions(), new Random(2));
        var banana = Catalog.Get("Banana");
        var logs = Enumerable.Range(0, 20_000).Select(_ => Math.Log(model.DrawUnit(banana))).ToArray();
        var (mean, sd) = Stats(logs);

        Assert.InRange(Math.Exp(mean), model.TrueUnitWeight(banana) * 0.99, model.TrueUnitWeight(banana) * 1.01);
        Assert.InRange(sd, 0.24, 0.26);
    }

    [Fact]
    public void TrueUnitWeight_Estimated_DeviatesByPerProductFactorsOfAboutFivePercent()
    {
        // The factor is per product and per simulation; across many simulations it has the configured spread.
        var banana = Catalog.Get("Banana");
        var factors = Enumerable.Range(0, 4000)
            .Select(seed => new WeightModel(Catalog, new SimulatorOptions(), new Random(seed)).TrueUnitWeight(banana) / banana.UnitWeightGrams)
            .ToArray();
        var (mean, sd) = Stats(factors);

        Assert.InRange(mean, 0.995, 1.005);
        Assert.InRange(sd, 0.045, 0.055);
    }

    [Fact]
    public void Read_ZeroUnsettling_AddsOnlyScaleNoise()
    {
        var model = new WeightModel(Catalog, new SimulatorOptions { UnsettledProbability = 0 }, new Random(3));
        var (mean, sd) = Stats(Enumerable.Range(0, 20_000).Select(_ => model.Read(-500)!.Value + 500).ToArray());

        Assert.InRange(mean, -0.05, 0.05);
        Assert.InRange(sd, 1.45, 1.55);
    }

    [Fact]
    public void Read_AlwaysUnsettled_IsNull()
    {
        var model = new WeightModel(Catalog, new SimulatorOptions { UnsettledProbability = 1 }, new Random(4));

        Assert.Null(model.Read(100));
    }
}
