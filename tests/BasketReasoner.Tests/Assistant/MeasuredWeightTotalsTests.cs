using System.Globalization;
using BasketReasoner.Core.Assistant;
using BasketReasoner.Core.Baskets;
using BasketReasoner.Core.Catalog;

namespace BasketReasoner.Tests.Assistant;

/// <summary>The assistant's totals price loose produce the way the receipt and the cart API do: by the measured weight.</summary>
public sealed class MeasuredWeightTotalsTests
{
    private static readonly BasketLine[] Apples = [new("Granny-Smith", 1)];

    [Fact]
    public async Task AskAsync_TotalWithMeasuredWeight_ChargesWhatTheScaleMeasured()
    {
        var catalog = AssistantFixture.Catalog;
        var ledger = new WeighingLedger();
        ledger.RecordAdd("Granny-Smith", 243.7);
        var measured = Receipt.Build(catalog, Apples, ledger).Total;
        var typical = Pricing.LineTotal(catalog.Get("Granny-Smith"), 1);
        Assert.NotEqual(typical, measured);

        var answer = await AssistantFixture.Rules().AskAsync(new ShopperQuestion(Apples, "what is my total?") { Weighing = ledger });

        Assert.Contains(measured.ToString("0.00", CultureInfo.InvariantCulture), answer.Text);
        Assert.DoesNotContain(typical.ToString("0.00", CultureInfo.InvariantCulture), answer.Text);
    }

    [Fact]
    public async Task AskAsync_TotalWithoutWeighing_ChargesTheCatalogUnitWeight()
    {
        var typical = Pricing.LineTotal(AssistantFixture.Catalog.Get("Granny-Smith"), 1);

        var answer = await AssistantFixture.Rules().AskAsync(new ShopperQuestion(Apples, "what is my total?"));

        Assert.Contains(typical.ToString("0.00", CultureInfo.InvariantCulture), answer.Text);
    }
}
