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
    private readonly WeighingLedger _weighing;

    /// <param name="weighing">What the scale measured for loose produce (copied), or <c>null</c> for catalog unit weights.</param>
    public BasketPlugin(ProductCatalog catalog, IEnumerable<BasketLine> lines, WeighingLedger? weighing = null)
    {
        ArgumentNullException.ThrowIfNull(catalog);
        ArgumentNullException.ThrowIfNull(lines);
        _catalog = catalog;
        _lines = lines.ToArray();
        _weighing = weighing?.Copy() ?? new WeighingLedger();
    }

    [KernelFunction("get_lines"), Description("The basket's lines: product id, name and quantity.")]
    public IReadOnlyList<BasketLineFact> GetLines() =>
        _lines.Select(l => new BasketLineFact(l.Product, _catalog.Get(l.Product).DisplayName, l.Qty)).ToArray();

    [KernelFunction("count_units"), Description("Units in the basket: of one product when an id is given, else of all products.")]
    public int CountUnits([Description("Product id, or empty for all")] string? productId = null) =>
        string.IsNullOrEmpty(productId)
            ? _lines.Sum(l => l.Qty)
            : _lines.Where(l => l.Product.Equals(productId, StringComparison.OrdinalIgnoreCase)).Sum(l => l.Qty);

    [KernelFunction("count_units_of"), Description("Units in the basket of the given products together (e.g. every apple variety it holds).")]
    public int CountUnitsOf([Description("Product ids, comma separated")] string productIds)
    {
        var ids = Ids(productIds);
        return _lines.Where(l => ids.Contains(l.Product)).Sum(l => l.Qty);
    }

    [KernelFunction("sum_volume"), Description("The declared volume of the given products' basket lines together (quantity times pack volume), in ml, litres and decilitres; lines without a declared volume are listed apart.")]
    public VolumeFact SumVolume([Description("Product ids, comma separated")] string productIds)
    {
        var ids = Ids(productIds);
        var lines = _lines.Where(l => ids.Contains(l.Product)).ToArray();
        var ml = lines.Sum(l => l.Qty * (_catalog.Get(l.Product).VolumeMl ?? 0));
        var without = lines.Where(l => _catalog.Get(l.Product).VolumeMl is null).Select(l => l.Product).ToArray();
        return new VolumeFact(ml, ml / 1000, ml / 100, without);
    }

    [KernelFunction("sum_weight_grams"), Description("What the given products' basket lines weigh together, in grams: loose produce as the scale measured it (the catalog unit weight where nothing was measured), packs at their catalog weight.")]
    public double SumWeightGrams([Description("Product ids, comma separated")] string productIds)
    {
        var wanted = Ids(productIds);
        return _lines.Where(l => wanted.Contains(l.Product)).Sum(l => LineGrams(l).Grams);
    }

    [KernelFunction("line_weights"), Description("Each basket line's weight in grams, and whether the scale measured it (loose produce) or it is the catalog's unit weight times the quantity.")]
    public IReadOnlyList<LineWeightFact> LineWeights([Description("Product ids, comma separated")] string productIds)
    {
        var wanted = Ids(productIds);
        return _lines.Where(l => wanted.Contains(l.Product))
            .Select(l => LineGrams(l) is var (grams, measured) ? new LineWeightFact(l.Product, l.Qty, grams, measured) : default!)
            .ToArray();
    }

    // Loose produce by what the scale measured, as the receipt charges it; packs and unweighed produce by the catalog.
    private (double Grams, bool Measured) LineGrams(BasketLine line)
    {
        var p = _catalog.Get(line.Product);
        if (p.SoldBy == SoldBy.Weight)
        {
            var (grams, estimated) = _weighing.GramsFor(p, line.Qty);
            return (grams, !estimated);
        }

        return (line.Qty * p.UnitWeightGrams, false);
    }

    [KernelFunction("count_lines"), Description("How many different products the basket holds.")]
    public int CountLines() => _lines.Length;

    [KernelFunction("get_total"), Description("The basket total in demo prices, as the receipt charges it: loose produce by what the scale measured, or at the catalog unit weight (flagged as an estimate) where nothing was measured.")]
    public BasketTotalFact GetTotal()
    {
        var receipt = Receipt.Build(_catalog, _lines, _weighing);
        var lines = receipt.Lines
            .Select(l => new PricedLineFact(l.ProductId, l.DisplayName, l.Qty, l.Total, l.Grams, l.GramsEstimated))
            .ToArray();
        return new BasketTotalFact(lines, receipt.Total, receipt.Currency, lines.Any(l => l.WeightEstimated), true);
    }

    private static HashSet<string> Ids(string csv) =>
        new(csv.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries), StringComparer.OrdinalIgnoreCase);

    [KernelFunction("get_total_weight_grams"), Description("What the basket weighs, in grams: loose produce as the scale measured it (the catalog unit weight where nothing was measured), packs at their catalog weight.")]
    public double GetTotalWeightGrams() => _lines.Sum(l => LineGrams(l).Grams);
}
