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

/// <summary>The rules stage, basket aspect: totals, the list, counts.</summary>
internal sealed partial class RulesAnswerer
{
    private async Task<RulesAnswer> TotalAsync(AssistantKernel kernel, CancellationToken ct)
    {
        var total = await kernel.CallAsync<BasketTotalFact>(AssistantKernel.BasketPluginName, "get_total", null, ct).ConfigureAwait(false);
        if (total is null || total.Lines.Count == 0)
        {
            return Answer(QuestionIntent.Total, kernel, "Your basket is empty: the total is 0.00 SEK.", []);
        }

        var sb = new StringBuilder($"Your basket total is {Money(total.Total)} {total.Currency} (demo prices): ");
        sb.AppendJoin("; ", total.Lines.Select(l => $"{l.Qty} × {l.Name} {Money(l.LineTotal)}" + (l.WeightEstimated ? $" (about {Grams(l.Grams ?? 0)} g, estimated weight)" : string.Empty)));
        sb.Append('.');
        if (total.AnyWeightEstimated)
        {
            sb.Append(" Loose produce is priced at the catalog's typical weight, an estimate until it is weighed.");
        }

        return Answer(QuestionIntent.Total, kernel, sb.ToString(), total.Lines.Select(l => l.ProductId));
    }

    private static async Task<RulesAnswer> ListAsync(AssistantKernel kernel, CancellationToken ct)
    {
        var lines = await kernel.CallAsync<IReadOnlyList<BasketLineFact>>(AssistantKernel.BasketPluginName, "get_lines", null, ct).ConfigureAwait(false) ?? [];
        return lines.Count == 0
            ? Answer(QuestionIntent.ListBasket, kernel, "Your basket is empty.", [])
            : Answer(QuestionIntent.ListBasket, kernel, "Your basket holds: " + string.Join("; ", lines.Select(l => $"{l.Qty} × {l.Name}")) + ".", lines.Select(l => l.ProductId));
    }

    private async Task<RulesAnswer> CountAsync(AssistantKernel kernel, List<string> store, CancellationToken ct)
    {
        if (store.Count == 0)
        {
            var n = await kernel.CallAsync<int>(AssistantKernel.BasketPluginName, "count_units", null, ct).ConfigureAwait(false);
            var lines = await kernel.CallAsync<int>(AssistantKernel.BasketPluginName, "count_lines", null, ct).ConfigureAwait(false);
            return Answer(QuestionIntent.CountUnits, kernel, $"You have {n} items in your basket ({lines} different products).", []);
        }

        var parts = new List<string>();
        foreach (var id in store)
        {
            var n = await kernel.CallAsync<int>(AssistantKernel.BasketPluginName, "count_units", new KernelArguments { ["productId"] = id }, ct).ConfigureAwait(false);
            parts.Add($"{n} × {catalog.Get(id).DisplayName}");
        }

        return Answer(QuestionIntent.CountUnits, kernel, $"Your basket has {string.Join(", ", parts)}.", store);
    }
}
