using System.Globalization;
using System.Text;
using BasketReasoner.Assistant.Plugins;
using BasketReasoner.Assistant.Understanding;
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
    /// <param name="withLines">The question is about the basket's own lines ("how much do my bananas cost me?"): what they cost is added.</param>
    private async Task<RulesAnswer> PriceAsync(AssistantKernel kernel, List<Product> products, bool withLines, string q, CancellationToken ct)
    {
        var lines = withLines ? (await kernel.CallAsync<BasketTotalFact>(AssistantKernel.BasketPluginName, "get_total", null, ct).ConfigureAwait(false))?.Lines ?? [] : [];
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
            var line = lines.FirstOrDefault(l => l.ProductId == f.ProductId) is { } l
                ? $"; your {l.Qty} in the basket {(l.Qty == 1 ? "costs" : "cost")} {Money(l.LineTotal)} {f.Currency}{(l.WeightEstimated ? $" (about {Grams(l.Grams ?? 0)} g, estimated weight)" : string.Empty)}" : string.Empty;
            parts.Add($"{DisplayOf(f.ProductId)} costs {Money(f.Amount)} {f.Currency} {per}{comparable}{piece}{line}");
        }

        var text = string.Join("; ", parts) + ". These are demo prices.";
        // "Is it sold by weight?": yes or no for the way the last such phrase asks, then the price.
        var soldBy = IntentLexicon.SoldBy().Matches(q);
        // "Do you weigh them or is it per piece?" offers both ways: it is answered by the way, not by yes or no.
        var eitherWay = soldBy.Count > 1 && soldBy.Select(m => System.Text.RegularExpressions.Regex.IsMatch(m.Value, @"weight|kilo|kg|weigh", System.Text.RegularExpressions.RegexOptions.IgnoreCase)).Distinct().Count() > 1;
        if (eitherWay && products.Count == 1)
        {
            var looseOnly = products[0].Price.Per == PriceUnit.Kilogram;
            text = $"{Display(products[0])} is sold {(looseOnly ? "by weight" : "per unit")}: " + text;
        }
        else if (soldBy.Count > 0 && products.Count == 1)
        {
            var byWeight = System.Text.RegularExpressions.Regex.IsMatch(soldBy[^1].Value, @"weight|kilo|kg|weigh", System.Text.RegularExpressions.RegexOptions.IgnoreCase);
            var loose = products[0].Price.Per == PriceUnit.Kilogram;
            text = $"{(byWeight == loose ? "Yes" : "No")}, {Display(products[0])} is sold {(loose ? "by weight" : "per unit")}: " + text;
        }

        return Answer(QuestionIntent.Price, kernel, text, products.Select(p => p.Id));
    }

    private async Task<RulesAnswer> CompareAsync(AssistantKernel kernel, string q, List<string> targets, bool yesNo, CancellationToken ct)
    {
        var a = catalog.Get(targets[0]);
        var b = catalog.Get(targets[1]);
        // Weighs more, heavier, lighter: a weight comparison. "Cheaper per kilo" names a unit, not a weight question.
        if (IntentLexicon.WeightWord().IsMatch(q) || System.Text.RegularExpressions.Regex.IsMatch(q, @"\b(?:heav\w*|light(?:er|est))\b", System.Text.RegularExpressions.RegexOptions.IgnoreCase))
        {
            await kernel.CallAsync<Product>(AssistantKernel.FactsPluginName, "get_product_facts", new KernelArguments { ["productId"] = a.Id }, ct).ConfigureAwait(false);
            await kernel.CallAsync<Product>(AssistantKernel.FactsPluginName, "get_product_facts", new KernelArguments { ["productId"] = b.Id }, ct).ConfigureAwait(false);
            var heavier = a.UnitWeightGrams >= b.UnitWeightGrams ? a : b;
            var lighter = heavier == a ? b : a;
            var verdict = YesNoPrefix(q, yesNo, a, b, heavier.Id, "heavier|weighs? more|more weight", "lighter|weighs? less|less weight", a.UnitWeightGrams == b.UnitWeightGrams)
                + (a.UnitWeightGrams == b.UnitWeightGrams ? "They weigh the same per unit" : $"{Display(heavier)} is heavier");
            return Answer(QuestionIntent.Compare, kernel,
                $"{verdict}: {Display(heavier)} {Grams(heavier.UnitWeightGrams)} g vs {Display(lighter)} {Grams(lighter.UnitWeightGrams)} g per unit.", [heavier.Id, lighter.Id]);
        }

        // "Which has more fat, the oat drink or the soy drink?": fat, not price.
        if (FatAsked().IsMatch(q) && a.Attributes.FatPercent is { } fatA && b.Attributes.FatPercent is { } fatB)
        {
            var fatter = fatA >= fatB ? a : b;
            var leaner = fatter == a ? b : a;
            var verdict = YesNoPrefix(q, yesNo, a, b, fatter.Id, "more fat|fattier|higher fat|higher in fat|creamier|richer", "less fat|lower fat|lower in fat|leaner|lighter|less fatty", fatA == fatB)
                + (fatA == fatB ? "They have the same fat content"
                    : System.Text.RegularExpressions.Regex.IsMatch(q, @"\b(?:less|lower|least|lowest|leaner)\b", System.Text.RegularExpressions.RegexOptions.IgnoreCase) ? $"{Display(leaner)} has less fat" : $"{Display(fatter)} has more fat");
            return Answer(QuestionIntent.Compare, kernel,
                $"{verdict}: {Display(fatter)} {fatter.Attributes.FatPercent!.Value.ToString("0.##", Inv)}% vs {Display(leaner)} {leaner.Attributes.FatPercent!.Value.ToString("0.##", Inv)}% fat.", [fatter.Id, leaner.Id]);
        }

        // Fat asked where the catalog lacks it for one or both: say so, never compare prices instead.
        if (FatAsked().IsMatch(q))
        {
            var given = new[] { a, b }.Where(p => p.Attributes.FatPercent is not null).ToList();
            var missing = new[] { a, b }.Except(given).ToList();
            var known = given.Count == 0 ? string.Empty : $"{string.Join(" and ", given.Select(p => $"{Display(p)} has {p.Attributes.FatPercent!.Value.ToString("0.##", Inv)}% fat"))}, but ";
            return new RulesAnswer(ShopperAnswerKind.Unknown,
                $"{known}the catalog doesn't give the fat content of {string.Join(" or ", missing.Select(Display))}, so I can't compare their fat.",
                [a.Id, b.Id], QuestionIntent.Compare, kernel.FactsText);
        }

        var fa = await kernel.CallAsync<PriceFact>(AssistantKernel.PricesPluginName, "get_price", new KernelArguments { ["productId"] = a.Id }, ct).ConfigureAwait(false);
        var fb = await kernel.CallAsync<PriceFact>(AssistantKernel.PricesPluginName, "get_price", new KernelArguments { ["productId"] = b.Id }, ct).ConfigureAwait(false);
        if (fa is null || fb is null)
        {
            return new RulesAnswer(ShopperAnswerKind.Unknown, "The catalog doesn't say.", targets, QuestionIntent.Compare, kernel.FactsText);
        }

        // Shelf prices compare directly only in the same unit; otherwise compare per kg/litre where both have one.
        // "Per kilo" or "per litre" asked: compare in that unit where both have it.
        var perAsked = System.Text.RegularExpressions.Regex.IsMatch(q, @"\b(?:per|by the|a) (?:kilo|kg|kilogram|litre|liter|l)\b", System.Text.RegularExpressions.RegexOptions.IgnoreCase)
            && fa.ComparableUnit == fb.ComparableUnit;
        // A banana (per kg) against an oat drink (per litre) share no unit: one item of each, as the shelf sells it.
        var (pa, pb, unit) = fa.Per == fb.Per && !perAsked
            ? (fa.Amount, fb.Amount, fa.Per == PriceUnit.Kilogram ? "per kg" : "per unit")
            : fa.ComparableUnit == fb.ComparableUnit ? (fa.ComparablePrice, fb.ComparablePrice, "per " + fa.ComparableUnit)
            : (fa.PricePerPiece, fb.PricePerPiece, "per item");
        var cheaper = pa <= pb ? fa : fb;
        var dearer = cheaper == fa ? fb : fa;
        var prefix = YesNoPrefix(q, yesNo, a, b, cheaper == fa ? b.Id : a.Id, "more expensive|pricier|dearer|costs? more|higher price|more than", "cheaper|less expensive|costs? less|lower price|better value|less than|save", pa == pb);
        // "Which is cheaper, X or Y?" is answered by naming it first; "is X cheaper than Y?" by yes or no.
        var verdictPrice = prefix.Length == 0 && pa != pb
            ? $"The cheaper one is {DisplayOf(cheaper.ProductId)}"
            : prefix + (pa == pb ? "They cost the same" : $"{DisplayOf(cheaper.ProductId)} is cheaper");
        var difference = pa == pb ? string.Empty : $", {Money(Math.Abs(pa - pb))} SEK {unit} less";
        return Answer(QuestionIntent.Compare, kernel,
            $"{verdictPrice}: {DisplayOf(cheaper.ProductId)} {Money(Math.Min(pa, pb))} SEK vs {DisplayOf(dearer.ProductId)} {Money(Math.Max(pa, pb))} SEK {unit}{difference} ({(unit == "per item" ? "loose produce at its typical weight; " : string.Empty)}demo prices).", [cheaper.ProductId, dearer.ProductId]);
    }

    [System.Text.RegularExpressions.GeneratedRegex(@"\b(?:fat|fats|fatty|fattier|fattiest|fett|fetthalt|creamier|leaner)\b(?![- ]?(?:free))", System.Text.RegularExpressions.RegexOptions.IgnoreCase)]
    private static partial System.Text.RegularExpressions.Regex FatAsked();

    /// <summary>
    /// "Is X cheaper than Y?" starts with "Yes, " or "No, ": X is the product named before "than", "more" compares as
    /// <paramref name="moreWords"/> (true for <paramref name="moreId"/>), "less" as <paramref name="lessWords"/>.
    /// Empty when it is not a yes/no question or either side can't be placed.
    /// </summary>
    private string YesNoPrefix(string q, bool yesNo, Product a, Product b, string moreId, string moreWords, string lessWords, bool equal)
    {
        // The pivot: "X cheaper than Y", "going with X instead of Y", "X rather than Y".
        var than = System.Text.RegularExpressions.Regex.Match(q, @"\b(?:than|instead of|rather than)\b", System.Text.RegularExpressions.RegexOptions.IgnoreCase);

        // "Is there a cheaper potato than the sweet potatoes?": yes when the product after "than" is the dearer one.
        if (than.Success && !equal && System.Text.RegularExpressions.Regex.IsMatch(q[..than.Index], @"^\W*(?:\w+\W+)?(?:is there|are there|any|anything|something)\b.*\b(?:cheaper|less expensive)\b", System.Text.RegularExpressions.RegexOptions.IgnoreCase))
        {
            // The more specific mention wins: after "than the sweet potatoes", the sweet potato (two words), not any potato.
            var after = BasketResolver.Words(q[than.Index..]);
            var afterA = after.Count(w => Mentions(a, [w]));
            var afterB = after.Count(w => Mentions(b, [w]));
            var referenceIsA = afterA > afterB;
            var referenceIsB = afterB > afterA;
            if (referenceIsA != referenceIsB)
            {
                return (referenceIsA ? a.Id : b.Id) == moreId ? "Yes. " : "No. ";
            }
        }

        // "X more expensive per kg than Y? yes or no": a statement asked as a question is a yes/no question too.
        yesNo |= System.Text.RegularExpressions.Regex.IsMatch(q, @"\b(?:is|are|does|do|would|will|could|should|can)\b[^?]*\b(?:than|instead of|rather than)\b|\byes or no\b|\bor not\b|^(?!\W*(?:which|what|how|who|where|why|whats|what's)\b)[^?]*\bthan\b[^?]*\?", System.Text.RegularExpressions.RegexOptions.IgnoreCase);
        if (!yesNo || !than.Success)
        {
            return string.Empty;
        }

        // The subject is the product the words before "than" name more specifically ("arla lactose free milk" over a soy
        // "milk" drink).
        var before = BasketResolver.Words(q[..than.Index]);
        var inA = before.Count(w => Mentions(a, [w]));
        var inB = before.Count(w => Mentions(b, [w]));
        if (inA == inB)
        {
            // "Is Arla gräddfil cheaper than Arla organic sour cream?": both sides' words fit both before "than"; the
            // side named more specifically after it ("organic") is the other one.
            var after = BasketResolver.Words(q[(than.Index + than.Length)..]);
            var afterA = after.Count(w => Mentions(a, [w]));
            var afterB = after.Count(w => Mentions(b, [w]));
            if (afterA == afterB)
            {
                return string.Empty;
            }

            inA = afterB;
            inB = afterA;
        }

        var subject = inA > inB ? a : b;
        var more = System.Text.RegularExpressions.Regex.IsMatch(q, $@"\b(?:{moreWords})\b", System.Text.RegularExpressions.RegexOptions.IgnoreCase);
        var less = System.Text.RegularExpressions.Regex.IsMatch(q, $@"\b(?:{lessWords})\b", System.Text.RegularExpressions.RegexOptions.IgnoreCase);
        if (more == less)
        {
            return string.Empty;
        }

        var holds = !equal && (subject.Id == moreId) == more;
        return holds ? "Yes. " : "No. ";
    }

    // The product's names, its category's everyday words and its brand, fuzzily in these words.
    private bool Mentions(Product p, IReadOnlyList<string> words)
    {
        var names = BasketResolver.Words(string.Join(' ', p.Id.Replace('-', ' '), p.DisplayName, p.ShopperName, p.PackName, p.Brand, p.CoarseCategory.Replace('-', ' ')))
            .Where(n => n.Length >= 3 && !IntentLexicon.Stopwords.Contains(n))
            .Concat(_vocabulary.Aliases.Where(al => !al.IsGroup && al.Categories.Contains(p.CoarseCategory)).SelectMany(al => al.Phrase.Split(' ')))
            .ToHashSet(StringComparer.Ordinal);
        return words.Any(w => w.Length >= 3 && !IntentLexicon.Stopwords.Contains(w) && names.Any(n => SameWord(w, n) || SameWord(Singular(w), n)));
    }

    private static bool SameWord(string w, string n) => CategoryVocabulary.Same(w, n) || (w.Length >= 4 && n.StartsWith(w, StringComparison.Ordinal));

    // "ladies" -> "lady", "tomatoes" -> "tomato", "pears" -> "pear".
    private static string Singular(string w) =>
        w.EndsWith("ies", StringComparison.Ordinal) && w.Length > 4 ? w[..^3] + "y"
        : w.EndsWith("oes", StringComparison.Ordinal) && w.Length > 4 ? w[..^2]
        : w.EndsWith('s') && !w.EndsWith("ss", StringComparison.Ordinal) && w.Length > 3 ? w[..^1] : w;

    private async Task<RulesAnswer> AlternativesAsync(AssistantKernel kernel, List<string> targets, bool yesNo, bool broad, CancellationToken ct)
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

            // A sibling kind (an oat drink for a soy drink) only when the shopper asks broadly ("a cheaper plant milk",
            // "anything cheaper"), not for "a cheaper soy milk".
            if (!broad)
            {
                alternatives = alternatives.Where(a => catalog.Get(a.ProductId).CoarseCategory == own.CoarseCategory).ToList();
                if (alternatives.Count == 0)
                {
                    parts.Add($"{DisplayOf(own.ProductId)} ({Money(own.ComparablePrice)} SEK per {own.ComparableUnit}) has no cheaper alternative in {own.CoarseCategory}: it is already the cheapest");
                    continue;
                }
            }

            // Nothing cheaper of its own kind, only of a sibling kind: say both.
            if (alternatives.All(a => catalog.Get(a.ProductId).CoarseCategory != own.CoarseCategory))
            {
                var sibling = alternatives.OrderBy(a => a.ComparablePrice).Take(2).ToArray();
                cited.AddRange(sibling.Select(b => b.ProductId));
                parts.Add($"There is no cheaper {own.CoarseCategory.Replace('-', ' ').ToLowerInvariant()} than {DisplayOf(own.ProductId)} ({Money(own.ComparablePrice)} SEK per {own.ComparableUnit}), but, also plant based, "
                    + string.Join(" or ", sibling.Select(b => $"{DisplayOf(b.ProductId)} costs {Money(b.ComparablePrice)} SEK per {b.ComparableUnit}")));
                continue;
            }

            // The same flavour first: a cheaper apple juice for an apple juice, before a cheaper orange one.
            var flavour = catalog.Get(id).Attributes.Flavour;
            var best = alternatives.OrderBy(a => flavour is not null && catalog.Get(a.ProductId).Attributes.Flavour == flavour ? 0 : 1).ThenBy(a => a.ComparablePrice).Take(3).ToArray();
            cited.AddRange(best.Select(b => b.ProductId));
            parts.Add($"Instead of {DisplayOf(own.ProductId)} ({Money(own.ComparablePrice)} SEK per {own.ComparableUnit}) you could take "
                + string.Join(" or ", best.Select(b => $"{DisplayOf(b.ProductId)} ({Money(b.ComparablePrice)} SEK per {b.ComparableUnit})")));
        }

        var text = string.Join(". ", parts) + ". Demo prices.";
        if (yesNo && targets.Count == 1 && parts.Count == 1)
        {
            text = (parts[0].StartsWith("Instead of", StringComparison.Ordinal) || parts[0].StartsWith("There is no cheaper", StringComparison.Ordinal) ? "Yes. " : "No. ") + text;
        }

        return Answer(QuestionIntent.CheaperAlternatives, kernel, text, cited);
    }

    /// <summary>
    /// "How much more does the organic sour cream cost than the regular one?", "any cheaper milk than the Arla 3%?": each
    /// side of "than" read on its own, so two products of one category stay two (the pair to compare), and the right
    /// product's own kind on the left asks for alternatives to it (the answer). Neither when the sides do not read so.
    /// </summary>
    private async Task<(RulesAnswer? Answer, List<string>? Pair)> CompareSidesAsync(AssistantKernel kernel, string q, IReadOnlyList<BasketLine> basket,
        QuestionReading reading, bool dietaryIntent, IReadOnlySet<string> keepWords, CancellationToken cancellationToken)
    {
        if (CompareSides().Match(q) is not { Success: true } sides || FatAsked().IsMatch(q) || IntentLexicon.WeightWord().IsMatch(q))
        {
            return (null, null);
        }

        Resolution Side(string text)
        {
            var found = _mentions.Resolve(text, basket, dietaryIntent, keepWords);
            var side = _resolver.Resolve(text, basket, reading with { BasketScoped = false }, found);
            var organic = IntentLexicon.Organic().IsMatch(text);
            var lactoseFree = System.Text.RegularExpressions.Regex.IsMatch(text, @"\blact\w*[- ]free|laktosfri", System.Text.RegularExpressions.RegexOptions.IgnoreCase);
            var plain = System.Text.RegularExpressions.Regex.IsMatch(text, @"\b(?:regular|normal|ordinary|plain|standard|usual|conventional|non[- ]organic)\b", System.Text.RegularExpressions.RegexOptions.IgnoreCase);
            if (side.Targets.Count == 0 || !(organic || lactoseFree || plain))
            {
                return side;
            }

            // "The organic sour cream" against "the regular one": the side's own qualifier picks the product, among the
            // ones found or, when the one found lacks it, among its brand's products of the same category.
            bool Fits(Product p) => organic ? p.Attributes.Organic : lactoseFree ? p.Attributes.LactoseFree : !p.Attributes.Organic && !p.Attributes.LactoseFree;
            var kept = side.Targets.Where(t => Fits(catalog.Get(t))).ToList();
            if (kept.Count == 0 && side.Targets.Count == 1 && catalog.Get(side.Targets[0]) is var one)
            {
                kept = catalog.Products.Where(p => p.CoarseCategory == one.CoarseCategory && p.Brand == one.Brand && Fits(p)).Select(p => p.Id).ToList();
            }

            return kept.Count == 1 ? side with { Targets = kept, ByCategory = false, Group = false } : side;
        }

        var left = Side(sides.Groups["left"].Value);
        var right = Side(sides.Groups["right"].Value);
        if (right.Scope is MentionScope.Basket or MentionScope.Catalog && right.Targets.Count == 1 && !right.ByCategory)
        {
            var rightCategory = catalog.Get(right.Targets[0]).CoarseCategory;
            // "Any cheaper pepper than the red pepper?": the left side is the right product's kind, not another product.
            var leftIsKind = left.ByCategory && left.Targets.Any(t => catalog.Get(t).CoarseCategory == rightCategory);
            if (left.Scope is MentionScope.Basket or MentionScope.Catalog && left.Targets.Count == 1 && left.Targets[0] != right.Targets[0] && !leftIsKind)
            {
                return (null, [left.Targets[0], right.Targets[0]]);
            }

            if ((left.Scope == MentionScope.None || leftIsKind) && System.Text.RegularExpressions.Regex.IsMatch(sides.Groups["left"].Value, @"\b(?:cheaper|less expensive|lower price)\b", System.Text.RegularExpressions.RegexOptions.IgnoreCase))
            {
                return (await AlternativesAsync(kernel, [right.Targets[0]], yesNo: true,
                    broad: left.Scope == MentionScope.None || System.Text.RegularExpressions.Regex.IsMatch(sides.Groups["left"].Value, @"\b(?:plant|vegan|non[- ]?dairy|dairy[- ]free|alternatives?|anything|something|substitute)\b", System.Text.RegularExpressions.RegexOptions.IgnoreCase),
                    cancellationToken).ConfigureAwait(false), null);
            }
        }

        return (null, null);
    }

    [System.Text.RegularExpressions.GeneratedRegex(@"^(?<left>.+?)\b(?:than|compared (?:to|with))\b(?<right>.+)$", System.Text.RegularExpressions.RegexOptions.IgnoreCase | System.Text.RegularExpressions.RegexOptions.CultureInvariant)]
    private static partial System.Text.RegularExpressions.Regex CompareSides();
}
