using BasketReasoner.Core.Baskets;
using BasketReasoner.Core.Catalog;
using BasketReasoner.Tests.Infrastructure;

namespace BasketReasoner.Tests.Catalog;

/// <summary>The one "can this product weigh that?" rule, on the committed catalog's products.</summary>
public sealed class WeightFitTests
{
    private static readonly ProductCatalog Catalog = ProductCatalog.Load(RepoPaths.CatalogPath);

    [Theory]
    [InlineData("Watermelon", true)]
    [InlineData("Cabbage", true)]
    [InlineData("Pineapple", true)]
    [InlineData("Honeydew-Melon", true)]
    [InlineData("Banana", false)]
    [InlineData("Mango", false)]
    [InlineData("Arla-Standard-Milk", false)]
    public void IsSoldCut_CatalogProduct_LargeLooseProduceOnly(string id, bool cut) =>
        Assert.Equal(cut, WeightFit.IsSoldCut(Catalog.Get(id)));

    [Theory]
    [InlineData("Watermelon", 175, WeightFitKind.CutPiece)]
    [InlineData("Watermelon", 500, WeightFitKind.CutPiece)]
    [InlineData("Watermelon", 100, WeightFitKind.TooLight)]
    [InlineData("Watermelon", 3050, WeightFitKind.Fits)]
    [InlineData("Banana", 175, WeightFitKind.Fits)]
    [InlineData("Banana", -175, WeightFitKind.Fits)]
    [InlineData("Banana", -3050, WeightFitKind.TooHeavy)]
    [InlineData("Banana", 20, WeightFitKind.TooLight)]
    [InlineData("Garlic", 1062, WeightFitKind.TooHeavy)]
    [InlineData("Arla-Standard-Milk", 1062, WeightFitKind.Fits)]
    [InlineData("Arla-Standard-Milk", -1062, WeightFitKind.Fits)]
    [InlineData("Arla-Standard-Milk", 2130, WeightFitKind.Fits)]
    [InlineData("Arla-Standard-Milk", 1600, WeightFitKind.NotWholePacks)]
    [InlineData("Arla-Standard-Milk", 175, WeightFitKind.TooLight)]
    [InlineData("Arla-Standard-Milk", 9000, WeightFitKind.TooHeavy)]
    [InlineData("Arla-Sour-Cream", 1062, WeightFitKind.NotWholePacks)]
    [InlineData("Arla-Standard-Milk", double.NaN, WeightFitKind.TooLight)]
    public void Check_MeasuredWeight_Verdict(string id, double grams, WeightFitKind kind) =>
        Assert.Equal(kind, WeightFit.Check(Catalog.Get(id), grams).Kind);

    [Fact]
    public void Check_CutPiecesNotAllowed_BelowTheBandIsTooLight()
    {
        var watermelon = Catalog.Get("Watermelon");

        var check = WeightFit.Check(watermelon, -500, cutPieces: false);

        Assert.Equal((WeightFitKind.TooLight, 600.0), (check.Kind, check.MinGrams));
    }

    [Theory]
    [InlineData("Banana", 175, true)]
    [InlineData("Watermelon", 500, false)]
    [InlineData("Arla-Standard-Milk", 1062, true)]
    [InlineData("Arla-Standard-Milk", 2124, false)]
    [InlineData("Garlic", 5000, false)]
    [InlineData("Garlic", 0, false)]
    public void IsOneUnit_Weight_OnlyAWholeUnitInTheBand(string id, double grams, bool one) =>
        Assert.Equal(one, WeightFit.IsOneUnit(Catalog.Get(id), grams));

    [Fact]
    public void Explain_GarlicAtAMilkWeight_NamesTheMeasuredAndTheExpectedWeight()
    {
        var garlic = Catalog.Get("Garlic");

        var text = WeightFit.Explain(garlic, WeightFit.Check(garlic, 1062));

        Assert.Contains("1062 g", text, StringComparison.Ordinal);
        Assert.Contains("50 g", text, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(183, -183, true)]
    [InlineData(183, -170, true)]
    [InlineData(3000, -2700, true)]
    [InlineData(3000, -175, false)]
    [InlineData(double.NaN, -175, false)]
    public void SameItem_TwoWeighings_WithinFifteenGramsOrPercent(double added, double removed, bool same) =>
        Assert.Equal(same, WeightFit.SameItem(added, removed));
}
