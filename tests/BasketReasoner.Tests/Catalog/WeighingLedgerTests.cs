using BasketReasoner.Core.Baskets;
using BasketReasoner.Core.Catalog;

namespace BasketReasoner.Tests.Catalog;

/// <summary>What loose produce is charged for as units come and go: the measured weights, never a glitch's.</summary>
public sealed class WeighingLedgerTests
{
    private static readonly ProductCatalog Catalog = ProductCatalog.Load(BasketReasoner.Tests.Infrastructure.RepoPaths.CatalogPath);
    private static readonly Product Banana = Catalog.Get("Banana");
    private static readonly Product Watermelon = Catalog.Get("Watermelon");

    [Fact]
    public void RecordRemove_SettledDelta_TakesOutTheUnitThatLeft()
    {
        var ledger = new WeighingLedger();
        ledger.RecordAdd("Banana", 150);
        ledger.RecordAdd("Banana", 250);

        ledger.RecordRemove("Banana", -251.5);

        Assert.Equal((150.0, false), ledger.GramsFor(Banana, 1));
    }

    [Fact]
    public void RecordRemove_NoSettledDelta_TakesAnUnweighedUnitFirst()
    {
        var ledger = new WeighingLedger();
        ledger.RecordAdd("Banana", 150);
        ledger.RecordAdd("Banana", null);

        ledger.RecordRemove("Banana", null);

        Assert.Equal((150.0, false), ledger.GramsFor(Banana, 1));
    }

    [Theory]
    [InlineData(0.001)]
    [InlineData(1e-300)]
    [InlineData(0.0)]
    [InlineData(double.NaN)]
    [InlineData(100000.0)]
    [InlineData(double.PositiveInfinity)]
    public void GramsFor_ImplausiblyLightOrHeavyOrUnsettledAdd_CatalogWeightFlaggedAsEstimate(double grams)
    {
        var ledger = new WeighingLedger();
        ledger.RecordAdd("Banana", grams);

        Assert.Equal((Banana.UnitWeightGrams, true), ledger.GramsFor(Banana, 1));
    }

    [Fact]
    public void GramsFor_CutPieceOfProduceSoldCut_ChargesTheMeasuredWeight()
    {
        var ledger = new WeighingLedger();
        ledger.RecordAdd("Watermelon", 500);

        // Half a kilo of a 3 kg watermelon is a cut piece, not a glitch: charged by weight, not as a whole melon.
        Assert.Equal((500.0, false), ledger.GramsFor(Watermelon, 1));
        Assert.Equal(7.45m, ledger.LineTotal(Watermelon, 1));
    }

    [Fact]
    public void GramsFor_FarBelowACutPiece_StillTheCatalogWeight()
    {
        var ledger = new WeighingLedger();
        ledger.RecordAdd("Watermelon", 40);

        Assert.Equal((Watermelon.UnitWeightGrams, true), ledger.GramsFor(Watermelon, 1));
    }

    [Fact]
    public void RemovalCredit_TwoUnitsRoundingUpAlone_CreditsWhatTheLineTotalLoses()
    {
        // 174.95 g of banana alone is 5.056 -> 5.06; the two together are 10.112 -> 10.11: one leaving takes 5.05 off.
        var ledger = new WeighingLedger();
        ledger.RecordAdd("Banana", 174.95);
        ledger.RecordAdd("Banana", 174.95);
        var before = ledger.LineTotal(Banana, 2);

        var credit = ledger.RemovalCredit(Banana, 2, -174.95);
        ledger.RecordRemove("Banana", -174.95);

        Assert.Equal(5.06m, Pricing.LineTotal(Banana, 1, 174.95));
        Assert.Equal(5.05m, credit);
        Assert.Equal(before - ledger.LineTotal(Banana, 1), credit);
    }

    [Fact]
    public void Copy_ChangedAfterwards_OriginalKeepsItsWeights()
    {
        var ledger = new WeighingLedger();
        ledger.RecordAdd("Banana", 150);
        var copy = ledger.Copy();

        copy.RecordAdd("Banana", 200);

        Assert.Equal((150.0, false), ledger.GramsFor(Banana, 1));
        Assert.Equal((350.0, false), copy.GramsFor(Banana, 2));
    }
}
