using BasketReasoner.Core.Baskets;
using BasketReasoner.Core.Catalog;
using BasketReasoner.Tests.Fusion;

namespace BasketReasoner.Tests.Catalog;

public sealed class PricingTests
{
    private static readonly Product Milk = TestProducts.Make(0, "Arla-Standard-Milk", 1062) with { Price = new DemoPrice { Amount = 17.95m, Per = PriceUnit.Unit } };
    private static readonly Product Apple = TestProducts.Make(3, "Pink-Lady", 180, SoldBy.Weight) with { Price = new DemoPrice { Amount = 34.90m, Per = PriceUnit.Kilogram } };

    [Fact]
    public void LineTotal_PackagedGoods_UnitPriceTimesQuantity()
    {
        Assert.Equal(53.85m, Pricing.LineTotal(Milk, 3));
        Assert.Equal(53.85m, Pricing.LineTotal(Milk, 3, 9999));
    }

    [Fact]
    public void LineTotal_LooseProduceWeighed_PricePerKgTimesMeasuredKg()
    {
        Assert.Equal(12.56m, Pricing.LineTotal(Apple, 2, 360)); // 34.90 × 0.360 = 12.564
        Assert.Equal(0.35m, Pricing.LineTotal(Apple, 1, 10)); // 0.349 rounds up
    }

    [Fact]
    public void UnitPrice_LooseProduce_OneTypicalPiece()
    {
        Assert.Equal(6.28m, Pricing.UnitPrice(Apple)); // 34.90 × 0.180 = 6.282
        Assert.Equal(Pricing.LineTotal(Apple, 2, 360), Pricing.LineTotal(Apple, 2));
    }

    [Fact]
    public void Receipt_MeasuredAndUnweighedLines_PricedByThePricingRule()
    {
        var catalog = new ProductCatalog([Milk, Apple with { ClassIndex = 1 }]);
        var ledger = new WeighingLedger();
        ledger.RecordAdd("Pink-Lady", 190);

        var receipt = Receipt.Build(catalog, [new BasketLine("Arla-Standard-Milk", 2), new BasketLine("Pink-Lady", 1)], ledger);

        Assert.Equal(Pricing.LineTotal(Milk, 2), receipt.Lines[0].Total);
        Assert.Equal(Pricing.LineTotal(Apple, 1, 190), receipt.Lines[1].Total);
        Assert.Equal(receipt.Lines.Sum(l => l.Total), receipt.Total);
    }
}
