using System.Globalization;
using System.Text;
using BasketReasoner.Assistant.Plugins;
using BasketReasoner.Core.Assistant;
using BasketReasoner.Core.Baskets;
using BasketReasoner.Core.Catalog;
using BasketReasoner.Core.Catalog.Reference;
using BasketReasoner.Core.Catalog.Search;
using Microsoft.SemanticKernel;

namespace BasketReasoner.Assistant;

/// <summary>The rules stage, prices aspect: a product's price, comparisons, cheaper alternatives.</summary>
internal sealed partial class RulesAnswerer
{
    private async Task<RulesAnswer> PriceAsync(AssistantKernel kernel, List<Product> products, CancellationToken ct)
    {
        var parts = new List<string>();
        foreach (var p in products)
        {
            var f = await kernel.CallAsync<PriceFact>(AssistantKernel.PricesPluginName, "get_price", new KernelArguments { ["productId"] = p.Id }, ct).ConfigureAwait(false);
            if (f is null)
            {
                continue;
            }

            var per = f.Per == PriceUnit.Kilogram ? "per kg" : "per unit";
            var comparable = f.ComparableUnit is "litre" || (f.ComparableUnit == "kg" && f.Per == PriceUnit.Unit)
                ? $" ({Money(f.ComparablePrice)} {f.Currency} per {f.ComparableUnit})" : string.Empty;
            var piece = f.Per == PriceUnit.Kilogram ? $"; one of about {Grams(f.PieceGrams)} g costs about {Money(f.PricePerPiece)} {f.Currency}" : string.Empty;
            parts.Add($"{DisplayOf(f.ProductId)} costs {Money(f.Amount)} {f.Currency} {per}{comparable}{piece}");
        }

        return Answer(QuestionIntent.Price, kernel, string.Join("; ", parts) + ". These are demo prices.", products.Select(p => p.Id));
    }

    private async Task<RulesAnswer> CompareAsync(AssistantKernel kernel, string q, List<string> targets, CancellationToken ct)
    {
        var a = catalog.Get(targets[0]);
        var b = catalog.Get(targets[1]);
        if (IntentLexicon.Weight().IsMatch(q) || q.Contains("heav", StringComparison.OrdinalIgnoreCase) || q.Contains("light", StringComparison.OrdinalIgnoreCase))
        {
            await kernel.CallAsync<Product>(AssistantKernel.FactsPluginName, "get_product_facts", new KernelArguments { ["productId"] = a.Id }, ct).ConfigureAwait(false);
            await kernel.CallAsync<Product>(AssistantKernel.FactsPluginName, "get_product_facts", new KernelArguments { ["productId"] = b.Id }, ct).ConfigureAwait(false);
            var heavier = a.UnitWeightGrams >= b.UnitWeightGrams ? a : b;
            var lighter = heavier == a ? b : a;
            var verdict = a.UnitWeightGrams == b.UnitWeightGrams ? "They weigh the same per unit" : $"{Display(heavier)} is heavier";
            return Answer(QuestionIntent.Compare, kernel,
                $"{verdict}: {Display(heavier)} {Grams(heavier.UnitWeightGrams)} g vs {Display(lighter)} {Grams(lighter.UnitWeightGrams)} g per unit.", [heavier.Id, lighter.Id]);
        }

        var fa = await kernel.CallAsync<PriceFact>(AssistantKernel.PricesPluginName, "get_price", new KernelArguments { ["productId"] = a.Id }, ct).ConfigureAwait(false);
        var fb = await kernel.CallAsync<PriceFact>(AssistantKernel.PricesPluginName, "get_price", new KernelArguments { ["productId"] = b.Id }, ct).ConfigureAwait(false);
        if (fa is null || fb is null)
        {
            return new RulesAnswer(ShopperAnswerKind.Unknown, "The catalog doesn't say.", targets, QuestionIntent.Compare, kernel.FactsText);
        }

        // Shelf prices compare directly only in the same unit; otherwise compare per kg/litre where both have one.
        var (pa, pb, unit) = fa.Per == fb.Per
            ? (fa.Amount, fb.Amount, fa.Per == PriceUnit.Kilogram ? "per kg" : "per unit")
            : (fa.ComparablePrice, fb.ComparablePrice, "per " + fa.ComparableUnit);
        var cheaper = pa <= pb ? fa : fb;
        var dearer = cheaper == fa ? fb : fa;
        var verdictPrice = pa == pb ? "They cost the same" : $"{DisplayOf(cheaper.ProductId)} is cheaper";
        return Answer(QuestionIntent.Compare, kernel,
            $"{verdictPrice}: {DisplayOf(cheaper.ProductId)} {Money(Math.Min(pa, pb))} SEK vs {DisplayOf(dearer.ProductId)} {Money(Math.Max(pa, pb))} SEK {unit} (demo prices).", [cheaper.ProductId, dearer.ProductId]);
    }

    private async Task<RulesAnswer> AlternativesAsync(AssistantKernel kernel, List<string> targets, CancellationToken ct)
    {
        var parts = new List<string>();
        var cited = new List<string>();
        foreach (var id in targets)
        {
            var own = await kernel.CallAsync<PriceFact>(AssistantKernel.PricesPluginName, "get_price", new KernelArguments { ["productId"] = id }, ct).ConfigureAwait(false);
            var alternatives = await kernel.CallAsync<IReadOnlyList<PriceFact>>(AssistantKernel.PricesPluginName, "cheaper_alternatives", new KernelArguments { ["productId"] = id }, ct).ConfigureAwait(false) ?? [];
            if (own is null)
            {
                continue;
            }

            cited.Add(id);
            if (alternatives.Count == 0)
            {
                parts.Add($"{DisplayOf(own.ProductId)} ({Money(own.ComparablePrice)} SEK per {own.ComparableUnit}) has no cheaper alternative in {own.CoarseCategory}: it is already the cheapest");
                continue;
            }

            var best = alternatives.Take(3).ToArray();
            cited.AddRange(best.Select(b => b.ProductId));
            parts.Add($"Instead of {DisplayOf(own.ProductId)} ({Money(own.ComparablePrice)} SEK per {own.ComparableUnit}) you could take "
                + string.Join(" or ", best.Select(b => $"{DisplayOf(b.ProductId)} ({Money(b.ComparablePrice)} SEK per {b.ComparableUnit})")));
        }

        return Answer(QuestionIntent.CheaperAlternatives, kernel, string.Join(". ", parts) + ". Demo prices.", cited);
    }
}
