using System.ComponentModel;
using BasketReasoner.Core.Baskets;
using BasketReasoner.Core.Catalog;
using Microsoft.SemanticKernel;

namespace BasketReasoner.Assistant.Plugins;

/// <summary>
/// Read-only view of one question's basket. It holds a copy of the lines and has no function that changes them:
/// a question can never change a basket, whatever a prompt says, because nothing here can.
/// </summary>
public sealed class BasketPlugin
{
    private readonly ProductCatalog _catalog;
    private readonly BasketLine[] _lines;

    public BasketPlugin(ProductCatalog catalog, IEnumerable<BasketLine> lines)
    {
        ArgumentNullException.ThrowIfNull(catalog);
        ArgumentNullException.ThrowIfNull(lines);
        _catalog = catalog;
        _lines = lines.ToArray();
    }

    [KernelFunction("get_lines"), Description("The basket's lines: product id, name and quantity.")]
    public IReadOnlyList<BasketLineFact> GetLines() =>
        _lines.Select(l => new BasketLineFact(l.Product, _catalog.Get(l.Product).DisplayName, l.Qty)).ToArray();

    [KernelFunction("count_units"), Description("Units in the basket: of one product when an id is given, else of all products.")]
    public int CountUnits([Description("Product id, or empty for all")] string? productId = null) =>
        string.IsNullOrEmpty(productId)
            ? _lines.Sum(l => l.Qty)
            : _lines.Where(l => l.Product.Equals(productId, StringComparison.OrdinalIgnoreCase)).Sum(l => l.Qty);

    [KernelFunction("count_lines"), Description("How many different products the basket holds.")]
    public int CountLines() => _lines.Length;

    [KernelFunction("get_total"), Description("The basket total in demo prices; loose produce is priced at the catalog unit weight and flagged as an estimate.")]
    public BasketTotalFact GetTotal()
    {
        var receipt = Receipt.Build(_catalog, _lines, new WeighingLedger());
        var lines = receipt.Lines
            .Select(l => new PricedLineFact(l.ProductId, l.DisplayName, l.Qty, l.Total, l.Grams, l.GramsEstimated))
            .ToArray();
        return new BasketTotalFact(lines, receipt.Total, receipt.Currency, lines.Any(l => l.WeightEstimated), true);
    }

    [KernelFunction("get_total_weight_grams"), Description("What the basket weighs: quantity times the catalog unit weight, summed.")]
    public double GetTotalWeightGrams() => _lines.Sum(l => l.Qty * _catalog.Get(l.Product).UnitWeightGrams);
}
