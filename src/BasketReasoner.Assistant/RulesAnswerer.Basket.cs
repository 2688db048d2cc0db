using System.Text;
using BasketReasoner.Assistant.Plugins;
using BasketReasoner.Assistant.Understanding;
using BasketReasoner.Core.Assistant;
using BasketReasoner.Core.Catalog;
using Microsoft.SemanticKernel;

namespace BasketReasoner.Assistant;

/// <summary>The rules stage, basket aspect: totals, the list, counts, "do I have", volumes, dietary filters.</summary>
internal sealed partial class RulesAnswerer
{
    private async Task<RulesAnswer> TotalAsync(AssistantKernel kernel, bool alsoCount, CancellationToken ct)
    {
        var total = await kernel.CallAsync<BasketTotalFact>(AssistantKernel.BasketPluginName, "get_total", null, ct).ConfigureAwait(false);
        if (total is null || total.Lines.Count == 0)
        {
            return Answer(QuestionIntent.Total, kernel, "Your basket is empty: the total is 0.00 SEK" + (alsoCount ? " for 0 items." : "."), []);
        }

        var sb = new StringBuilder($"Your basket total is {Money(total.Total)} {total.Currency} (demo prices)");
        if (alsoCount)
        {
            var units = await kernel.CallAsync<int>(AssistantKernel.BasketPluginName, "count_units", null, ct).ConfigureAwait(false);
            sb.Append($" for {units} items");
        }

        sb.Append(": ");
        sb.AppendJoin("; ", total.Lines.Select(l => $"{l.Qty} × {DisplayOf(l.ProductId)} {Money(l.LineTotal)}" + (l.WeightEstimated ? $" (about {Grams(l.Grams ?? 0)} g, estimated weight)" : string.Empty)));
        sb.Append('.');
        if (total.AnyWeightEstimated)
        {
            sb.Append(" Loose produce is priced at the catalog's typical weight, an estimate until it is weighed.");
        }

        return Answer(QuestionIntent.Total, kernel, sb.ToString(), total.Lines.Select(l => l.ProductId));
    }

    private async Task<RulesAnswer> TotalWithoutAsync(AssistantKernel kernel, string q, IReadOnlyList<string> targets, CancellationToken ct)
    {
        var total = await kernel.CallAsync<BasketTotalFact>(AssistantKernel.BasketPluginName, "get_total", null, ct).ConfigureAwait(false);
        if (total is null)
        {
            return Answer(QuestionIntent.Total, kernel, "Your basket is empty: the total is 0.00 SEK.", []);
        }

        // "One" / "a" before the product: one unit of the line (its share of the line's price); else the whole line.
        var oneUnit = System.Text.RegularExpressions.Regex.IsMatch(q, @"\b(?:one|1|a|an|single)\s+(?:of (?:the|my) )?(?:\w+\s+){0,3}?(?:\w+)\b(?=.*)", System.Text.RegularExpressions.RegexOptions.IgnoreCase)
            && System.Text.RegularExpressions.Regex.IsMatch(q, @"\b(?:put back|take out|leave out|remove|without|minus)\s+(?:just\s+)?(?:one|1|a|an|single)\b|\b(?:put|take|took|leave|left) (?:just )?(?:one|1|a|an|a single) (?:of )?(?:the |my )?[\w\s'-]{1,30}? (?:back|out|off)\b", System.Text.RegularExpressions.RegexOptions.IgnoreCase);
        var less = 0m;
        var parts = new List<string>();
        foreach (var line in total.Lines.Where(l => targets.Contains(l.ProductId)))
        {
            var amount = oneUnit && line.Qty > 1 ? Math.Round(line.LineTotal / line.Qty, 2, MidpointRounding.AwayFromZero) : line.LineTotal;
            less += amount;
            parts.Add($"{(oneUnit && line.Qty > 1 ? "1" : line.Qty.ToString(Inv))} × {DisplayOf(line.ProductId)} {Money(amount)}");
        }

        return Answer(QuestionIntent.Total, kernel,
            $"Without {string.Join(" and ", parts)}, your total would be {Money(total.Total - less)} {total.Currency} instead of {Money(total.Total)} (demo prices). Nothing is taken out: the basket changes only when items leave the cart.",
            total.Lines.Select(l => l.ProductId));
    }

    [System.Text.RegularExpressions.GeneratedRegex(@"\b(?:without|minus|excluding|exclude|except|apart from|other than|but not|not counting|leaving out|ignor(?:e|ed|ing)|if no|(?:if|supposing|suppose|say|imagine|what if|in case) (?:i|we) (?:\w+ )?(?:put back|removed?|took out|take out|leave out|left out|dropped?|skip(?:ped)?|ignored?|return(?:ed)?|didn'?t (?:take|buy|get))|(?:if|supposing|suppose|say|imagine|what if) (?:i|we) (?:take|took|put|get|got|left|leave) (?:one (?:of )?|a |an )?(?:the |my )?[\w\s'-]{1,30}? (?:off|out|back))\b", System.Text.RegularExpressions.RegexOptions.IgnoreCase)]
    private static partial System.Text.RegularExpressions.Regex WithoutAsked();

    // "How much would we save if we did without the filmjölk?", "how much cheaper would it be without the juice?".
    [System.Text.RegularExpressions.GeneratedRegex(@"\bhow much (?:would|could|will|do|can|did) (?:i|we|you) save\b|\bhow much (?:cheaper|less) (?:would|will|is|'?d) (?:it|my (?:total|bill|basket)|the (?:total|bill|basket)|that|everything)\b", System.Text.RegularExpressions.RegexOptions.IgnoreCase)]
    private static partial System.Text.RegularExpressions.Regex SaveAsked();

    // "How much is everything but not the whole milk?": the total asked as "everything".
    [System.Text.RegularExpressions.GeneratedRegex(@"\b(?:everything|all (?:of )?(?:it|this|my stuff)|the rest|the lot|my (?:stuff|things|shopping))\b", System.Text.RegularExpressions.RegexOptions.IgnoreCase)]
    private static partial System.Text.RegularExpressions.Regex EverythingBut();

    // Two or more lines named and summed: "together", "combined", "add up", "both", "those two", "in total", "just X and Y".
    [System.Text.RegularExpressions.GeneratedRegex(@"\b(?:together|combined|add (?:up|together)|added up|adds up|sum|subtotal|sub-total|both|those two|these two|the two|in total|altogether|come to|comes to|just (?:the|my)|only (?:the|my))\b", System.Text.RegularExpressions.RegexOptions.IgnoreCase)]
    private static partial System.Text.RegularExpressions.Regex SubtotalAsked();

    // A group's lines summed: "fruit n veg only how much", "how much are my drinks altogether", "what do the vegetables come to".
    [System.Text.RegularExpressions.GeneratedRegex(@"\b(?:only|just|together|combined|add (?:up|together)|adds up|sum|subtotal|sub-total|in total|altogether|all together|come to|comes to|total|how much (?:is|are|do|does) (?:all )?(?:the|my)|spen(?:d|ding|t) on|costing (?:me|us)|cost(?:s|ing)? (?:me|us)|paying for|pay for)\b", System.Text.RegularExpressions.RegexOptions.IgnoreCase)]
    private static partial System.Text.RegularExpressions.Regex GroupSubtotalAsked();

    /// <summary>The named lines' totals summed (loose produce by the same pricing rule as the total); the rest of the basket left out.</summary>
    private async Task<RulesAnswer> SubtotalAsync(AssistantKernel kernel, IReadOnlyList<string> targets, string? group, CancellationToken ct)
    {
        var total = await kernel.CallAsync<BasketTotalFact>(AssistantKernel.BasketPluginName, "get_total", null, ct).ConfigureAwait(false);
        var lines = total?.Lines.Where(l => targets.Contains(l.ProductId)).ToList() ?? [];
        if (total is null || lines.Count == 0)
        {
            return Answer(QuestionIntent.Total, kernel, "None of those is in your basket.", []);
        }

        var sum = lines.Sum(l => l.LineTotal);
        var what = group is null ? string.Empty : $" ({group})";
        var estimated = lines.Any(l => l.WeightEstimated) ? " Loose produce is priced at its typical weight until it is weighed." : string.Empty;
        return Answer(QuestionIntent.Total, kernel,
            $"Together{what} they come to {Money(sum)} {total.Currency} (demo prices): {string.Join("; ", lines.Select(l => $"{l.Qty.ToString(Inv)} × {DisplayOf(l.ProductId)} {Money(l.LineTotal)}"))}. Your whole basket is {Money(total.Total)} {total.Currency}.{estimated}",
            lines.Select(l => l.ProductId));
    }

    [System.Text.RegularExpressions.GeneratedRegex(@"\b(?:spend before|can i (?:still )?spend|left|how far|before i (?:hit|reach))\b", System.Text.RegularExpressions.RegexOptions.IgnoreCase)]
    private static partial System.Text.RegularExpressions.Regex RemainingAsked();

    [System.Text.RegularExpressions.GeneratedRegex(@"\b(?:past|over|above|more than|exceed\w*|too much)\b", System.Text.RegularExpressions.RegexOptions.IgnoreCase)]
    private static partial System.Text.RegularExpressions.Regex OverAsked();

    // "Only 420 kr left on the card. Does that cover what's in the basket?": a yes or no, though it says "left".
    [System.Text.RegularExpressions.GeneratedRegex(@"\b(?:does|do|will|would|is|can|could|am i|are we)\b[^?.!]{0,40}\b(?:cover|covers|enough|afford|within)\b", System.Text.RegularExpressions.RegexOptions.IgnoreCase)]
    private static partial System.Text.RegularExpressions.Regex BudgetYesNo();

    /// <summary>"Am I over 200 kr?", "how much more can I spend before 300?": the basket's total against the amount named.</summary>
    private async Task<RulesAnswer> BudgetAsync(AssistantKernel kernel, string q, CancellationToken ct)
    {
        var amounts = IntentLexicon.MoneyAmount().Matches(q).Select(m => (Value: decimal.Parse(m.Groups[1].Value.Replace(',', '.'), Inv), Currency: m.Value.Trim() != m.Groups[1].Value)).ToList();
        var limit = amounts.Where(a => a.Currency).Select(a => a.Value).DefaultIfEmpty(amounts.Count == 0 ? 0 : amounts.Max(a => a.Value)).First();
        var total = await kernel.CallAsync<BasketTotalFact>(AssistantKernel.BasketPluginName, "get_total", null, ct).ConfigureAwait(false);
        var sum = total?.Total ?? 0m;
        var cited = total?.Lines.Select(l => l.ProductId).ToArray() ?? [];
        var estimate = total?.AnyWeightEstimated == true ? " Loose produce is priced at its typical weight until it is weighed." : string.Empty;
        var gap = Math.Abs(limit - sum);
        var where = sum <= limit ? $"{Money(gap)} SEK under {Money(limit)} SEK" : $"{Money(gap)} SEK over {Money(limit)} SEK";
        string text;
        if (System.Text.RegularExpressions.Regex.IsMatch(q, @"\bchange\b|\bback from\b|\bhow much back\b|\btillbaka\b|\bväxel\b", System.Text.RegularExpressions.RegexOptions.IgnoreCase))
        {
            // "How much change do I get from 200 kr?": what comes back when paying that much.
            text = sum <= limit
                ? $"Paying {Money(limit)} SEK, you get {Money(gap)} SEK back: your basket comes to {Money(sum)} SEK (demo prices).{estimate}"
                : $"{Money(limit)} SEK is not enough: your basket comes to {Money(sum)} SEK, {Money(gap)} SEK more (demo prices).{estimate}";
        }
        else if (System.Text.RegularExpressions.Regex.IsMatch(q, @"\b(?:over or under|under or over|över eller under|under eller över|how far (?:over|under|off))\b", System.Text.RegularExpressions.RegexOptions.IgnoreCase))
        {
            // "How much over or under am I?" asks where, not yes or no.
            text = $"You are {where}: your basket comes to {Money(sum)} SEK (demo prices).{estimate}";
        }
        else if (RemainingAsked().IsMatch(q) && !BudgetYesNo().IsMatch(q))
        {
            text = sum <= limit
                ? $"You can spend {Money(gap)} SEK more before you reach {Money(limit)} SEK: your basket comes to {Money(sum)} SEK (demo prices).{estimate}"
                : $"You are already {Money(gap)} SEK over {Money(limit)} SEK: your basket comes to {Money(sum)} SEK (demo prices).{estimate}";
        }
        else
        {
            // "Am I over 200?" is yes when over; "am I still under / ok / within 200?" is yes when not.
            var yes = OverAsked().IsMatch(q) ? sum > limit : sum <= limit;
            text = $"{(yes ? "Yes" : "No")}: your basket comes to {Money(sum)} SEK, {where} (demo prices).{estimate}";
        }

        return Answer(QuestionIntent.Budget, kernel, text, cited);
    }

    private async Task<RulesAnswer> ListAsync(AssistantKernel kernel, CancellationToken ct)
    {
        var lines = await kernel.CallAsync<IReadOnlyList<BasketLineFact>>(AssistantKernel.BasketPluginName, "get_lines", null, ct).ConfigureAwait(false) ?? [];
        if (lines.Count == 0)
        {
            return Answer(QuestionIntent.ListBasket, kernel, "Your basket is empty: there is nothing in it yet.", []);
        }

        var count = await kernel.CallAsync<int>(AssistantKernel.BasketPluginName, "count_lines", null, ct).ConfigureAwait(false);
        return Answer(QuestionIntent.ListBasket, kernel, $"You have {count} {(count == 1 ? "product" : "products")} in your basket: " + string.Join("; ", lines.Select(l => $"{l.Qty} × {DisplayOf(l.ProductId)}")) + ".", lines.Select(l => l.ProductId));
    }

    private async Task<RulesAnswer> CountAsync(AssistantKernel kernel, Resolution resolution, CancellationToken ct)
    {
        if (resolution.Scope == MentionScope.NotInBasket)
        {
            return Answer(QuestionIntent.CountUnits, kernel, $"You have 0 {resolution.Named}: there is none in your basket.", []);
        }

        if (resolution.Scope != MentionScope.Basket)
        {
            var n = await kernel.CallAsync<int>(AssistantKernel.BasketPluginName, "count_units", null, ct).ConfigureAwait(false);
            var lines = await kernel.CallAsync<int>(AssistantKernel.BasketPluginName, "count_lines", null, ct).ConfigureAwait(false);
            return Answer(QuestionIntent.CountUnits, kernel, $"You have {n} {(n == 1 ? "item" : "items")} in your basket ({lines} different {(lines == 1 ? "product" : "products")}).", []);
        }

        var total = await kernel.CallAsync<int>(AssistantKernel.BasketPluginName, "count_units_of", new KernelArguments { ["productIds"] = string.Join(',', resolution.Targets) }, ct).ConfigureAwait(false);
        var parts = await LinesOf(kernel, resolution.Targets, ct).ConfigureAwait(false);
        var text = resolution.Targets.Count == 1
            ? $"You have {total} × {DisplayOf(parts[0].ProductId)}."
            : $"You have {total} {resolution.Named} in all: {string.Join(", ", parts.Select(l => $"{l.Qty} × {DisplayOf(l.ProductId)}"))}.";
        return Answer(QuestionIntent.CountUnits, kernel, text, resolution.Targets);
    }

    private async Task<RulesAnswer> HaveAsync(AssistantKernel kernel, string q, Resolution resolution, CancellationToken ct)
    {
        // "Did I forget the bananas?" asks the opposite way round: yes means they are missing.
        // The last question asked sets the polarity: "I think I forgot the X, did I?... is there X in my basket" asks
        // whether it is there.
        var last = System.Text.RegularExpressions.Regex.Split(q.Trim(), @"(?:\?|\.{2,}|!)\s*").Where(s => s.Trim().Length > 0).LastOrDefault() ?? q;
        var missing = System.Text.RegularExpressions.Regex.IsMatch(last, @"\b(?:forget|forgot|forgotten|missing|miss|glömt|glömde)\b", System.Text.RegularExpressions.RegexOptions.IgnoreCase);
        switch (resolution.Scope)
        {
            case MentionScope.Basket:
                var parts = await LinesOf(kernel, resolution.Targets, ct).ConfigureAwait(false);
                return Answer(QuestionIntent.HaveItem, kernel, $"{(missing ? "No, you didn't: " : "Yes, ")}you have {string.Join(" and ", parts.Select(l => $"{l.Qty} × {DisplayOf(l.ProductId)}"))} in your basket.", resolution.Targets);
            case MentionScope.NotInBasket or MentionScope.Catalog:
                return Answer(QuestionIntent.HaveItem, kernel, $"{(missing ? "Yes, it looks like it" : "No")}: you have no {resolution.Named} in your basket.", []);
            default:
                return await ListAsync(kernel, ct).ConfigureAwait(false);
        }
    }

    private async Task<RulesAnswer> VolumeTotalAsync(AssistantKernel kernel, Resolution resolution, QuestionReading reading, CancellationToken ct)
    {
        if (resolution.Scope == MentionScope.NotInBasket)
        {
            return Answer(QuestionIntent.Volume, kernel, $"You have no {resolution.Named} in your basket (0 {reading.VolumeUnit ?? "l"}).", []);
        }

        var v = await kernel.CallAsync<VolumeFact>(AssistantKernel.BasketPluginName, "sum_volume", new KernelArguments { ["productIds"] = string.Join(',', resolution.Targets) }, ct).ConfigureAwait(false);
        var parts = await LinesOf(kernel, resolution.Targets, ct).ConfigureAwait(false);
        var amount = reading.VolumeUnit switch
        {
            "dl" => $"{Number(v!.Decilitres)} dl",
            "ml" => $"{Number(v!.Ml)} ml",
            _ => $"{Number(v!.Litres)} l",
        };
        var sb = new StringBuilder($"You have {amount} of {resolution.Named} in your basket: {string.Join(", ", parts.Select(l => $"{l.Qty} × {DisplayOf(l.ProductId)}"))}.");
        if (v.WithoutVolume.Count > 0)
        {
            sb.Append($" Not counted (the catalog gives no volume, only a weight): {Names(v.WithoutVolume)}.");
        }

        return Answer(QuestionIntent.Volume, kernel, sb.ToString(), resolution.Targets);
    }

    private async Task<List<BasketLineFact>> LinesOf(AssistantKernel kernel, IReadOnlyList<string> ids, CancellationToken ct)
    {
        var lines = await kernel.CallAsync<IReadOnlyList<BasketLineFact>>(AssistantKernel.BasketPluginName, "get_lines", null, ct).ConfigureAwait(false) ?? [];
        return lines.Where(l => ids.Contains(l.ProductId)).ToList();
    }

    private async Task<RulesAnswer> RankAsync(AssistantKernel kernel, string superlative, CancellationToken ct)
    {
        var total = await kernel.CallAsync<BasketTotalFact>(AssistantKernel.BasketPluginName, "get_total", null, ct).ConfigureAwait(false);
        var lines = total!.Lines;
        if (superlative is "heaviest" or "lightest")
        {
            var weights = new List<(PricedLineFact Line, double Grams)>();
            foreach (var l in lines)
            {
                var p = await kernel.CallAsync<Product>(AssistantKernel.FactsPluginName, "get_product_facts", new KernelArguments { ["productId"] = l.ProductId }, ct).ConfigureAwait(false);
                weights.Add((l, p!.UnitWeightGrams));
            }

            var w = superlative == "heaviest" ? weights.MaxBy(x => x.Grams) : weights.MinBy(x => x.Grams);
            return Answer(QuestionIntent.Compare, kernel, $"The {superlative} item in your basket is {DisplayOf(w.Line.ProductId)}: about {Grams(w.Grams)} g per unit.", [w.Line.ProductId]);
        }

        // Per unit: the cart counts a piece of loose produce at its typical weight.
        var priced = new List<(PricedLineFact Line, decimal Each)>();
        foreach (var l in lines)
        {
            var f = await kernel.CallAsync<PriceFact>(AssistantKernel.PricesPluginName, "get_price", new KernelArguments { ["productId"] = l.ProductId }, ct).ConfigureAwait(false);
            priced.Add((l, f!.PricePerPiece));
        }

        // "What's costing me the most?" ranks what each line costs, not one unit's price.
        if (superlative.StartsWith("cost", StringComparison.Ordinal) || superlative.StartsWith("biggest", StringComparison.Ordinal) || superlative.StartsWith("most of", StringComparison.Ordinal))
        {
            var top = priced.MaxBy(x => x.Line.LineTotal);
            return Answer(QuestionIntent.Compare, kernel,
                $"{DisplayOf(top.Line.ProductId)} costs you the most: {top.Line.Qty} in the basket for {Money(top.Line.LineTotal)} SEK. Demo prices.", [top.Line.ProductId]);
        }

        var most = superlative is "cheapest" or "least expensive";
        var pick = most ? priced.MinBy(x => x.Each) : priced.MaxBy(x => x.Each);
        return Answer(QuestionIntent.Compare, kernel,
            $"The {superlative} item in your basket is {DisplayOf(pick.Line.ProductId)}: {Money(pick.Each)} SEK per unit ({pick.Line.Qty} in the basket, {Money(pick.Line.LineTotal)} SEK). Demo prices.", [pick.Line.ProductId]);
    }

    private async Task<RulesAnswer> LinesWeightAsync(AssistantKernel kernel, Resolution resolution, CancellationToken ct)
    {
        var grams = await kernel.CallAsync<double>(AssistantKernel.BasketPluginName, "sum_weight_grams", new KernelArguments { ["productIds"] = string.Join(',', resolution.Targets) }, ct).ConfigureAwait(false);
        var lines = await kernel.CallAsync<IReadOnlyList<LineWeightFact>>(AssistantKernel.BasketPluginName, "line_weights", new KernelArguments { ["productIds"] = string.Join(',', resolution.Targets) }, ct).ConfigureAwait(false) ?? [];
        var parts = new List<string>();
        foreach (var l in lines)
        {
            var p = await kernel.CallAsync<Product>(AssistantKernel.FactsPluginName, "get_product_facts", new KernelArguments { ["productId"] = l.ProductId }, ct).ConfigureAwait(false);
            parts.Add(l.Measured
                ? $"{l.Qty} × {DisplayOf(l.ProductId)}: {Grams(l.Grams)} g as the scale measured"
                : $"{l.Qty} × {DisplayOf(l.ProductId)} at about {Grams(p!.UnitWeightGrams)} g each");
        }

        // Measured where the scale weighed it; the catalog's unit weights elsewhere, said as an estimate.
        var how = lines.All(l => l.Measured) ? "as the scale measured" : lines.Any(l => l.Measured) ? "(measured where the scale weighed it, else by the catalog's unit weights)" : "by the catalog's unit weights";
        var tail = lines.All(l => l.Measured) ? string.Empty : "; loose produce is weighed at the till";
        return Answer(QuestionIntent.UnitWeight, kernel, $"Your {resolution.Named} weigh about {Grams(grams)} g together {how} ({string.Join("; ", parts)}){tail}.", resolution.Targets);
    }

    internal static string Number(double value) => value.ToString("0.##", Inv);

    /// <summary>The line's quantity a question supposes ("if I only had 2 of", "one more of", "two fewer"), or null.</summary>
    private static int? SupposedQuantity(string q, int current)
    {
        if (current <= 0)
        {
            return null;
        }

        if (SupposedHad().Match(q) is { Success: true } had && SpokenCount(had.Groups["n"].Value) is { } n && n >= 0)
        {
            return n == current ? null : n;
        }

        if (SupposedMore().Match(q) is { Success: true } more && SpokenCount(more.Groups["n"].Value) is { } k && k > 0)
        {
            // "If I took another yoghurt", "if I added 2 more": up; "2 fewer", "one less": down.
            return more.Groups["dir"].Value.ToLowerInvariant() is "fewer" or "less" or "mindre" or "färre" ? Math.Max(0, current - k) : current + k;
        }

        return null;
    }

    // A count as written in a supposition: digits, a number word, or "a" / "another" (one) and "no" / "none" (zero).
    private static int? SpokenCount(string w) => w.ToLowerInvariant() switch
    {
        "a" or "an" or "another" or "en" or "ett" => 1, "no" or "none" => 0, "två" => 2, "tre" => 3,
        var word when SpokenNumbers.TryUnit(word, out var unit) => unit,
        var d when int.TryParse(d, System.Globalization.NumberStyles.None, Inv, out var v) && v <= 1000 => v,
        _ => null,
    };

    [System.Text.RegularExpressions.GeneratedRegex(@"\bif (?:i|we) (?:only |just )?(?:had|have|took|take|got|get|bought|buy|kept|keep) (?:only |just )?(?<n>\d+|one|two|three|four|five|six|seven|eight|nine|ten|no|none|zero) (?!(?:more|extra|fewer|less|additional)\b)(?:of )?", System.Text.RegularExpressions.RegexOptions.IgnoreCase)]
    private static partial System.Text.RegularExpressions.Regex SupposedHad();

    [System.Text.RegularExpressions.GeneratedRegex(@"\bif (?:i|we) (?:\w+ )?(?:added|add|took|take|got|get|grabbed|grab|bought|buy|put in|had|have) (?<n>\d+|a|an|one|two|three|four|five|another) ?(?<dir>more|extra|fewer|less)?\b|\b(?<n>\d+|one|two|three|four|five|another) (?<dir>more|extra|fewer|less) (?:of )?|\b(?<n>\d+|one|two|three|a|an) (?:[\w'-]+ ){1,2}?(?<dir>fewer|less|more|extra)\W*$|\b(?<n>en|ett|två|tre) (?<dir>till|mindre|färre)\b", System.Text.RegularExpressions.RegexOptions.IgnoreCase)]
    private static partial System.Text.RegularExpressions.Regex SupposedMore();

    /// <summary>The total with one line at <paramref name="qty"/> units, through the one pricing rule; the basket is unchanged.</summary>
    private async Task<RulesAnswer> TotalWithQuantityAsync(AssistantKernel kernel, string productId, int qty, CancellationToken ct)
    {
        var total = await kernel.CallAsync<BasketTotalFact>(AssistantKernel.BasketPluginName, "get_total", null, ct).ConfigureAwait(false);
        var line = total?.Lines.FirstOrDefault(l => l.ProductId == productId);
        if (total is null || line is null)
        {
            return Answer(QuestionIntent.Total, kernel, "Your basket is empty: the total is 0.00 SEK.", []);
        }

        // A weighed line keeps what its units weighed on average; an estimated one the catalog weight, as the receipt does.
        var product = catalog.Get(productId);
        var supposed = qty == 0 ? 0m
            : product.Price.Per == PriceUnit.Kilogram && !line.WeightEstimated && line.Grams is { } g && line.Qty > 0
                ? Pricing.LineTotal(product, qty, g / line.Qty * qty)
                : Pricing.LineTotal(product, qty);
        var sum = total.Total - line.LineTotal + supposed;
        return Answer(QuestionIntent.Total, kernel,
            $"With {qty} × {DisplayOf(productId)} ({Money(supposed)}) instead of {line.Qty} ({Money(line.LineTotal)}), your total would be {Money(sum)} {total.Currency} instead of {Money(total.Total)} (demo prices). Nothing changes: the basket changes only when items go into or out of the cart.",
            total.Lines.Select(l => l.ProductId));
    }

    [System.Text.RegularExpressions.GeneratedRegex(@"\b(?:swap\w*|switch\w*|exchang\w*|replac\w*|trade\w*|byt\w*)\b.{0,60}\b(?:for|with|to|mot)\b|\b(?:instead of|rather than|in place of|istället för)\b", System.Text.RegularExpressions.RegexOptions.IgnoreCase)]
    private static partial System.Text.RegularExpressions.Regex SwapAsked();

    // The two sides of a swap, at its last "for", "to", "with" or "instead of".
    [System.Text.RegularExpressions.GeneratedRegex(@"^(?<before>.*)\b(?<prep>for|with|to|instead of|rather than|in place of|mot|istället för)\b(?<after>.+)$", System.Text.RegularExpressions.RegexOptions.IgnoreCase)]
    private static partial System.Text.RegularExpressions.Regex SwapSides();

    /// <summary>The total with the basket's line of <paramref name="from"/> swapped for as many of <paramref name="to"/>, through the one pricing rule.</summary>
    private async Task<RulesAnswer> SwapAsync(AssistantKernel kernel, string from, string to, bool yesNo, CancellationToken ct)
    {
        var total = await kernel.CallAsync<BasketTotalFact>(AssistantKernel.BasketPluginName, "get_total", null, ct).ConfigureAwait(false);
        if (total?.Lines.FirstOrDefault(l => l.ProductId == from) is not { } line)
        {
            return Answer(QuestionIntent.Compare, kernel, $"You have no {DisplayOf(from)} in your basket to swap.", [from]);
        }

        var other = catalog.Get(to);
        var swapped = Pricing.LineTotal(other, line.Qty);
        var diff = swapped - line.LineTotal;
        var verdict = diff < 0 ? $"{(yesNo ? "Yes: s" : "S")}wapping saves {Money(-diff)} SEK"
            : diff > 0 ? $"{(yesNo ? "No: s" : "S")}wapping costs {Money(diff)} SEK more"
            : $"{(yesNo ? "No: s" : "S")}wapping costs the same";
        var estimate = other.Price.Per == PriceUnit.Kilogram || catalog.Get(from).Price.Per == PriceUnit.Kilogram ? " Loose produce is priced at its typical weight." : string.Empty;
        return Answer(QuestionIntent.Compare, kernel,
            $"{verdict}: {line.Qty} × {DisplayOf(from)} cost {Money(line.LineTotal)} and {line.Qty} × {DisplayOf(to)} would cost {Money(swapped)}, so your total would be {Money(total.Total + diff)} {total.Currency} instead of {Money(total.Total)} (demo prices). Nothing changes: the basket changes only when items go into or out of the cart.{estimate}",
            [from, to]);
    }

    // "What's 10% of my total?", "15 percent of the bill": a share of the total, worked out (a tip, a discount the shopper
    // has at another till); never a discount applied.
    [System.Text.RegularExpressions.GeneratedRegex(@"(?<p>\d{1,3}(?:[.,]\d+)?)\s*(?:%|percent|per cent|procent)\s+(?:of|av)\s+(?:my|the|our|this|min|mitt)\s+(?:whole |entire )?(?:total|bill|basket|cart|shopping|summa|totalen|korg)", System.Text.RegularExpressions.RegexOptions.IgnoreCase)]
    private static partial System.Text.RegularExpressions.Regex PercentOfTotal();

    private async Task<RulesAnswer> PercentOfTotalAsync(AssistantKernel kernel, decimal percent, CancellationToken ct)
    {
        var total = await kernel.CallAsync<BasketTotalFact>(AssistantKernel.BasketPluginName, "get_total", null, ct).ConfigureAwait(false);
        var sum = total?.Total ?? 0m;
        var share = Math.Round(sum * percent / 100m, 2, MidpointRounding.AwayFromZero);
        return Answer(QuestionIntent.Total, kernel,
            $"{percent.ToString("0.##", Inv)} % of your total {Money(sum)} SEK is {Money(share)} SEK (demo prices). That is worked out only: no price changes.",
            total?.Lines.Select(l => l.ProductId) ?? []);
    }

    /// <summary>How many ways a question splits the bill ("half", "50/50", "between the three of us"), or null.</summary>
    private static int? SplitWays(string q)
    {
        if (System.Text.RegularExpressions.Regex.Match(q, @"\b(?:split|divid\w*|shar\w*)\b.{0,40}?\b(?:between|among|by|in(?:to)?) (?:the )?(?<n>\d+|two|three|four|five|six)\b|\b(?<n>\d+|two|three|four|five|six) ways?\b|\beach of (?:the )?(?<n>two|three|four|five|six|\d+)\b|\b(?:there(?:'s| is| are)|we(?:'re| are)) (?<n>two|three|four|five|six|\d+) of us\b(?=.*\b(?:each|split\w*|shar\w*|per (?:person|head)|apiece)\b)", System.Text.RegularExpressions.RegexOptions.IgnoreCase) is { Success: true } m
            && SpokenCount(m.Groups["n"].Value) is { } n && n >= 2)
        {
            return n;
        }

        // "Me and two mates are sharing the bill": the shopper and the others.
        if (System.Text.RegularExpressions.Regex.Match(q, @"\b(?:me|i) and (?:my )?(?<k>\d+|a|an|one|two|three|four|five) (?:other )?(?:mates?|friends?|others?|people|persons?|colleagues?|flatmates?|roommates?|pals?|buddies|guys)\b(?=.*\b(?:shar\w*|split\w*|each|per (?:person|head)|share)\b)", System.Text.RegularExpressions.RegexOptions.IgnoreCase) is { Success: true } others
            && SpokenCount(others.Groups["k"].Value) is { } k && k >= 1)
        {
            return k + 1;
        }

        // "If 3 of us share the bill", "how much per person if there are five of us": a count of people with a share word.
        if (System.Text.RegularExpressions.Regex.Match(q, @"\b(?<n>\d+|two|three|four|five|six|seven|eight|nine|ten) (?:of us|people|persons|friends|mates)\b", System.Text.RegularExpressions.RegexOptions.IgnoreCase) is { Success: true } people
            && System.Text.RegularExpressions.Regex.IsMatch(q, @"\b(?:each|split\w*|shar\w*|per (?:person|head)|apiece|divid\w*)\b", System.Text.RegularExpressions.RegexOptions.IgnoreCase)
            && SpokenCount(people.Groups["n"].Value) is { } p && p >= 2)
        {
            return p;
        }

        return System.Text.RegularExpressions.Regex.IsMatch(q, @"\b(?:half (?:of )?(?:my |the |our )?(?:total|bill|basket)|50 ?/ ?50|fifty[- ]fifty|go halves|split (?:it |the bill |the total )?(?:in half|evenly|between us)|each pay|per person)\b", System.Text.RegularExpressions.RegexOptions.IgnoreCase) ? 2 : null;
    }

    private async Task<RulesAnswer> TotalSplitAsync(AssistantKernel kernel, int ways, CancellationToken ct)
    {
        var total = await kernel.CallAsync<BasketTotalFact>(AssistantKernel.BasketPluginName, "get_total", null, ct).ConfigureAwait(false);
        var sum = total?.Total ?? 0m;
        var share = Math.Round(sum / ways, 2, MidpointRounding.AwayFromZero);
        return Answer(QuestionIntent.Total, kernel,
            $"Split {ways} ways, each share is {Money(share)} SEK of your total {Money(sum)} SEK (demo prices). Paying is done at checkout; I can only work it out.",
            total?.Lines.Select(l => l.ProductId) ?? []);
    }
}
