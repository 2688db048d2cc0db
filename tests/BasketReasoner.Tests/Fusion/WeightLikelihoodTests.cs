using BasketReasoner.Core.Catalog;
using BasketReasoner.Reasoning.Fusion;

namespace BasketReasoner.Tests.Fusion;

public sealed class WeightLikelihoodTests
{
    private readonly WeightLikelihood _model = new(new WeightModelOptions());

    [Fact]
    public void LogLikelihood_PackagedGood_PeaksAtUnitWeight()
    {
        var milk = TestProducts.Make(0, "Milk", 1062);

        Assert.True(_model.LogLikelihood(milk, 1062) > _model.LogLikelihood(milk, 1000));
        Assert.True(_model.LogLikelihood(milk, 1062) > _model.LogLikelihood(milk, 1120));
    }

    [Fact]
    public void LogLikelihood_LooseProduce_ToleratesLargerRelativeDeviation()
    {
        var carton = TestProducts.Make(0, "Carton", 200);
        var apple = TestProducts.Make(1, "Apple", 200, SoldBy.Weight);

        // 30 % heavier than the catalog: normal for an apple, nearly impossible for a carton.
        var dropCarton = _model.LogLikelihood(carton, 200) - _model.LogLikelihood(carton, 260);
        var dropApple = _model.LogLikelihood(apple, 200) - _model.LogLikelihood(apple, 260);
        Assert.True(dropApple < 1.0, $"apple log-likelihood fell by {dropApple:F2}");
        Assert.True(dropCarton > 5.0, $"carton log-likelihood fell by only {dropCarton:F2}");
    }

    [Fact]
    public void LogLikelihood_EstimatedWeight_IsWiderThanMeasured()
    {
        var measured = TestProducts.Make(0, "Measured", 500);
        var estimated = TestProducts.Make(1, "Estimated", 500, estimated: true);

        Assert.True(_model.LogLikelihood(estimated, 600) > _model.LogLikelihood(measured, 600));
    }

    [Fact]
    public void LogLikelihood_CatalogErrorComponent_KeepsEvidenceForAPackTenPercentOff()
    {
        var milk = TestProducts.Make(0, "Milk", 1000);
        var robust = new WeightLikelihood(new WeightModelOptions { CatalogErrorProbability = 0.15 });

        // 10 % off is 3.3 sigma of the pack model: the plain model gives up most of its evidence, the robust one keeps
        // it well above the outlier floor; at the catalog weight both agree within the mixture's cost.
        var plainDrop = _model.LogLikelihood(milk, 1000) - _model.LogLikelihood(milk, 1100);
        var robustDrop = robust.LogLikelihood(milk, 1000) - robust.LogLikelihood(milk, 1100);
        Assert.True(robustDrop < plainDrop - 1.0, $"robust drop {robustDrop:F2} vs plain {plainDrop:F2}");
        Assert.InRange(_model.LogLikelihood(milk, 1000) - robust.LogLikelihood(milk, 1000), 0.0, 0.2);
        Assert.True(robust.LogLikelihood(milk, 1100) > robust.LogLikelihood(milk, 4000) + 2.0);
    }

    [Theory]
    [InlineData(double.NaN)]
    [InlineData(double.PositiveInfinity)]
    [InlineData(-5.0)]
    [InlineData(0.0)]
    public void LogLikelihood_ImpossibleReading_FallsBackToOutlierDensity(double grams)
    {
        var milk = TestProducts.Make(0, "Milk", 1062);
        var o = _model.Options;

        Assert.Equal(Math.Log(o.OutlierProbability / o.OutlierRangeGrams), _model.LogLikelihood(milk, grams), 9);
    }

    [Fact]
    public void LogLikelihood_FarOutlier_IsBoundedBelow()
    {
        var milk = TestProducts.Make(0, "Milk", 1062);
        var floor = Math.Log(_model.Options.OutlierProbability / _model.Options.OutlierRangeGrams);

        Assert.True(_model.LogLikelihood(milk, 3000) >= floor - 1e-9);
    }
}
