using System.Globalization;
using System.Text;
using BasketReasoner.Core.Assistant;
using BasketReasoner.Core.Baskets;
using BasketReasoner.Core.Catalog;
using BasketReasoner.Core.Catalog.Reference;
using BasketReasoner.Core.Catalog.Search;
using BasketReasoner.Reasoning.Assistant.Plugins;
using Microsoft.SemanticKernel;

namespace BasketReasoner.Reasoning.Assistant;

/// <summary>
/// The rules stage: reads the intent from keyword families (<see cref="IntentLexicon"/>), finds the products named
/// (<see cref="MentionResolver"/>), calls the read-only plugin functions through the kernel and words the answer
/// from their results only, citing the products used. Always available; no model involved.
/// </summary>
internal sealed class RulesAnswerer(ProductCatalog catalog, ReferenceCatalog referenceCatalog, ICatalogSearch search, ShopperAssistantOptions options)
{
    private static readonly CultureInfo Inv = CultureInfo.InvariantCulture;
    private readonly MentionResolver _mentions = new(search, catalog, options);
    private readonly IReadOnlyList<KernelPlugin> _sharedPlugins = AssistantKernel.CreateSharedPlugins(catalog, referenceCatalog, search);

    public static QuestionIntent Route(string q)
    {
        if (IntentLexicon.BasketChange().IsMatch(q))
        {
            return QuestionIntent.BasketChange;
        }

        if (IntentLexicon.OutOfScope().IsMatch(q))
        {
            return QuestionIntent.OutOfScope;
        }

        if (IntentLexicon.CheaperAlternatives().IsMatch(q))
        {
            return QuestionIntent.CheaperAlternatives;
        }

        if (IntentLexicon.Compare().IsMatch(q))
        {
            return QuestionIntent.Compare;
        }

        if (IntentLexicon.UnknownFact().IsMatch(q))
        {
            return QuestionIntent.UnknownFact;
        }

        if (IntentLexicon.ListBasket().IsMatch(q))
        {
            return QuestionIntent.ListBasket;
        }

        if (IntentLexicon.Count().IsMatch(q))
        {
            return IntentLexicon.Distinct().IsMatch(q) ? QuestionIntent.CountLines : QuestionIntent.CountUnits;
        }

        var weight = IntentLexicon.Weight().IsMatch(q);
        if (IntentLexicon.Total().IsMatch(q))
        {
            return weight ? QuestionIntent.BasketWeight : QuestionIntent.Total;
        }

        return weight ? QuestionIntent.UnitWeight
            : IntentLexicon.Volume().IsMatch(q) ? QuestionIntent.Volume
            : IntentLexicon.Ingredients().IsMatch(q) ? QuestionIntent.Ingredients
            : IntentLexicon.Price().IsMatch(q) ? QuestionIntent.Price
            : IntentLexicon.Fat().IsMatch(q) && !IntentLexicon.Allergens().IsMatch(q) ? QuestionIntent.Fat
            : IntentLexicon.Flavour().IsMatch(q) ? QuestionIntent.Flavour
            : IntentLexicon.Lactose().IsMatch(q) && !IntentLexicon.Allergens().IsMatch(q.Replace("lactose", string.Empty, StringComparison.OrdinalIgnoreCase)) && !IntentLexicon.Organic().IsMatch(q) ? QuestionIntent.LactoseFree
            : IntentLexicon.Allergens().IsMatch(q) ? QuestionIntent.Allergens
            : IntentLexicon.PlantBased().IsMatch(q) ? QuestionIntent.PlantBased
            : IntentLexicon.Organic().IsMatch(q) ? QuestionIntent.Organic
            : IntentLexicon.Origin().IsMatch(q) ? QuestionIntent.Origin
            : QuestionIntent.None;
    }

    public async Task<RulesAnswer> AnswerAsync(ShopperQuestion question, CancellationToken cancellationToken)
    {
        var q = question.Question.Trim();
        var intent = Route(q);
        var kernel = new AssistantKernel(catalog, _sharedPlugins, question.Basket);
        switch (intent)
        {
            case QuestionIntent.BasketChange:
                return new RulesAnswer(ShopperAnswerKind.RefusedBasketChange,
                    "I can't change your basket, prices or my instructions: I can only answer questions about it. The basket changes only when items go into or out of the cart.",
                    [], intent, string.Empty);
            case QuestionIntent.OutOfScope:
                return Declined(intent);
        }

        // "Does anything in my basket contain milk?" names an allergen, not a product: it is about every line.
        var basketWide = intent is QuestionIntent.Allergens && System.Text.RegularExpressions.Regex.IsMatch(
            q, @"\b(?:anything|any of|any products?|any items?|which (?:items|products|ones)|what in my|something in my|något i)\b", System.Text.RegularExpressions.RegexOptions.IgnoreCase);
        var mentions = basketWide ? [] : _mentions.Resolve(q, question.Basket, intent is QuestionIntent.Allergens or QuestionIntent.LactoseFree);
        var basketIds = question.Basket.Select(l => l.Product).ToArray();
        var store = mentions.Where(m => m.IsStoreProduct).Select(m => m.Id).ToList();
        var reference = mentions.FirstOrDefault(m => !m.IsStoreProduct);
        if (store.Count == 0 && reference is not null)
        {
            return await ReferenceAsync(kernel, reference.Id, intent, cancellationToken).ConfigureAwait(false);
        }

        // A product-level question that names no product is about what the basket holds.
        var targets = store.Count > 0 ? store : basketIds.ToList();
        switch (intent)
        {
            case QuestionIntent.Total:
                return await TotalAsync(kernel, cancellationToken).ConfigureAwait(false);
            case QuestionIntent.ListBasket:
                return await ListAsync(kernel, cancellationToken).ConfigureAwait(false);
            case QuestionIntent.CountLines:
                return Answer(intent, kernel, $"Your basket holds {await kernel.CallAsync<int>(AssistantKernel.BasketPluginName, "count_lines", null, cancellationToken).ConfigureAwait(false)} different products.", basketIds);
            case QuestionIntent.CountUnits:
                return await CountAsync(kernel, store, cancellationToken).ConfigureAwait(false);
            case QuestionIntent.BasketWeight:
                var grams = await kernel.CallAsync<double>(AssistantKernel.BasketPluginName, "get_total_weight_grams", null, cancellationToken).ConfigureAwait(false);
                return Answer(intent, kernel, $"Your basket weighs about {Grams(grams)} g ({(grams / 1000).ToString("0.##", Inv)} kg) by the catalog's unit weights.", basketIds);
            case QuestionIntent.None when store.Count == 0:
            case QuestionIntent.UnknownFact when store.Count == 0 && basketIds.Length == 0:
                return Declined(intent);
        }

        if (targets.Count == 0)
        {
            return new RulesAnswer(ShopperAnswerKind.Unknown, "Your basket is empty and the question names no product I can find in the catalog.", [], intent, string.Empty);
        }

        if (intent == QuestionIntent.UnknownFact)
        {
            return new RulesAnswer(ShopperAnswerKind.Unknown,
                $"The catalog doesn't say: it has no such information for {Names(targets)}.", targets, intent, string.Empty);
        }

        if (intent == QuestionIntent.Compare && targets.Count >= 2)
        {
            return await CompareAsync(kernel, q, targets, cancellationToken).ConfigureAwait(false);
        }

        if (intent is QuestionIntent.CheaperAlternatives or QuestionIntent.Compare)
        {
            return await AlternativesAsync(kernel, targets, cancellationToken).ConfigureAwait(false);
        }

        var products = new List<Product>();
        foreach (var id in targets)
        {
            if (await kernel.CallAsync<Product>(AssistantKernel.FactsPluginName, "get_product_facts", new KernelArguments { ["productId"] = id }, cancellationToken).ConfigureAwait(false) is { } p)
            {
                products.Add(p);
            }
        }

        return intent switch
        {
            QuestionIntent.Price => await PriceAsync(kernel, products, cancellationToken).ConfigureAwait(false),
            QuestionIntent.Allergens => Allergens(kernel, q, products),
            _ => ProductFacts(kernel, intent, products),
        };
    }

    private static RulesAnswer Declined(QuestionIntent intent) =>
        new(ShopperAnswerKind.Declined,
            "Sorry, I can only help with your basket and the store's products: prices, totals, weights, ingredients, allergens and cheaper alternatives.",
            [], intent == QuestionIntent.None ? QuestionIntent.OutOfScope : intent, string.Empty);

    private static RulesAnswer Answer(QuestionIntent intent, AssistantKernel kernel, string text, IEnumerable<string> cited) =>
        new(ShopperAnswerKind.Answered, text, cited.Distinct().ToArray(), intent, kernel.FactsText);

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
            parts.Add($"{f.Name} costs {Money(f.Amount)} {f.Currency} {per}{comparable}");
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
            var verdict = a.UnitWeightGrams == b.UnitWeightGrams ? "They weigh the same per unit" : $"{heavier.DisplayName} is heavier";
            return Answer(QuestionIntent.Compare, kernel,
                $"{verdict}: {heavier.DisplayName} {Grams(heavier.UnitWeightGrams)} g vs {lighter.DisplayName} {Grams(lighter.UnitWeightGrams)} g per unit.", [heavier.Id, lighter.Id]);
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
        var verdictPrice = pa == pb ? "They cost the same" : $"{cheaper.Name} is cheaper";
        return Answer(QuestionIntent.Compare, kernel,
            $"{verdictPrice}: {cheaper.Name} {Money(Math.Min(pa, pb))} SEK vs {dearer.Name} {Money(Math.Max(pa, pb))} SEK {unit} (demo prices).", [cheaper.ProductId, dearer.ProductId]);
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
                parts.Add($"{own.Name} ({Money(own.ComparablePrice)} SEK per {own.ComparableUnit}) has no cheaper alternative in {own.CoarseCategory}: it is already the cheapest");
                continue;
            }

            var best = alternatives.Take(3).ToArray();
            cited.AddRange(best.Select(b => b.ProductId));
            parts.Add($"Instead of {own.Name} ({Money(own.ComparablePrice)} SEK per {own.ComparableUnit}) you could take "
                + string.Join(" or ", best.Select(b => $"{b.Name} ({Money(b.ComparablePrice)} SEK per {b.ComparableUnit})")));
        }

        return Answer(QuestionIntent.CheaperAlternatives, kernel, string.Join(". ", parts) + ". Demo prices.", cited);
    }

    private static RulesAnswer Allergens(AssistantKernel kernel, string q, List<Product> products)
    {
        // "Does the milk contain gluten?": the allergen asked about follows "contain" / "free" / "allergic to".
        var tail = System.Text.RegularExpressions.Regex.Match(q, @"\b(?:contain\w*|free|allerg\w* to|safe for|innehåller|intoleran\w*)\b(.*)$", System.Text.RegularExpressions.RegexOptions.IgnoreCase);
        var askedText = tail.Success && IntentLexicon.AllergenWords.Any(a => a.Pattern.IsMatch(tail.Groups[1].Value)) ? tail.Groups[1].Value : q;
        var asked = IntentLexicon.AllergenWords.Where(a => a.Pattern.IsMatch(askedText)).Select(a => a.Allergen).Distinct().ToArray();
        var parts = new List<string>();
        var unknown = new List<Product>();
        var cited = new List<string>();
        foreach (var p in products)
        {
            if (p.Allergens is not { } list)
            {
                unknown.Add(p);
                continue;
            }

            if (asked.Length == 0)
            {
                parts.Add(list.Count == 0 ? $"{p.DisplayName}'s ingredient list names none of the 14 EU allergens" : $"{p.DisplayName} contains {string.Join(", ", list)}");
                cited.Add(p.Id);
                continue;
            }

            var has = asked.Where(list.Contains).ToArray();
            var hasNot = asked.Except(has).ToArray();
            if (has.Length > 0)
            {
                parts.Add($"Yes, {p.DisplayName} contains {string.Join(", ", has)}");
                cited.Add(p.Id);
            }

            if (hasNot.Length > 0 && (products.Count == 1 || has.Length > 0))
            {
                parts.Add($"{p.DisplayName}'s ingredient list does not name {string.Join(", ", hasNot)}");
                cited.Add(p.Id);
            }
        }

        if (products.Count > 1 && asked.Length > 0 && parts.Count == 0)
        {
            var known = products.Where(p => p.AllergensKnown).ToArray();
            if (known.Length > 0)
            {
                parts.Add($"None of {string.Join(", ", known.Select(p => p.DisplayName))} lists {string.Join(", ", asked)}");
                cited.AddRange(known.Select(p => p.Id));
            }
        }

        if (unknown.Count > 0)
        {
            parts.Add($"the catalog has no ingredient list for {string.Join(", ", unknown.Select(p => p.DisplayName))}, so I can't say (unknown)");
        }

        var text = string.Join(". ", parts) + ".";
        text = char.ToUpperInvariant(text[0]) + text[1..];
        var kind = cited.Count == 0 ? ShopperAnswerKind.Unknown : ShopperAnswerKind.Answered;
        return new RulesAnswer(kind, text, cited.Count == 0 ? unknown.Select(p => p.Id).ToArray() : cited.Distinct().ToArray(), QuestionIntent.Allergens, kernel.FactsText);
    }

    private static RulesAnswer ProductFacts(AssistantKernel kernel, QuestionIntent intent, List<Product> products)
    {
        var parts = new List<string>();
        var cited = new List<string>();
        var unknown = new List<string>();
        foreach (var p in products)
        {
            string? fact = intent switch
            {
                QuestionIntent.UnitWeight => p.IsLoose
                    ? $"one {p.DisplayName} weighs about {Grams(p.UnitWeightGrams)} g{(p.UnitWeightEstimated ? " (a typical weight; the catalog estimates it)" : string.Empty)}; it is sold by weight"
                    : $"{p.DisplayName} weighs {Grams(p.UnitWeightGrams)} g per unit with packaging{(p.NetWeightGrams is { } net ? $" (net {Grams(net)} g)" : p.VolumeMl is { } ml ? $" ({Grams(ml)} ml)" : string.Empty)}{(p.UnitWeightEstimated ? " (estimated)" : string.Empty)}",
                QuestionIntent.Volume => p.VolumeMl is { } v ? $"{p.DisplayName} holds {Grams(v)} ml ({(v / 1000).ToString("0.##", Inv)} l)"
                    : p.NetWeightGrams is { } n ? $"{p.DisplayName} has no declared volume; its net weight is {Grams(n)} g" : null,
                QuestionIntent.Ingredients => p.Ingredients is { } i ? $"{p.DisplayName} ingredients: {i}" : null,
                QuestionIntent.Organic => p.Attributes.Organic ? $"Yes, {p.DisplayName} is organic" : $"No, {p.DisplayName} is not labelled organic",
                QuestionIntent.LactoseFree => p.Attributes.LactoseFree ? $"Yes, {p.DisplayName} is lactose free"
                    : p.Allergens is { } a ? (a.Contains("milk") ? $"No, {p.DisplayName} is not lactose free: it contains milk" : $"{p.DisplayName} contains no milk according to its ingredient list, so no lactose from milk") : null,
                QuestionIntent.PlantBased => p.Attributes.PlantBased ? $"Yes, {p.DisplayName} is plant based"
                    : p.Allergens is { } a2 && a2.Contains("milk") ? $"No, {p.DisplayName} is not plant based: it contains milk"
                    : p.TopCategory is "Fruit" or "Vegetables" ? $"{p.DisplayName} is fresh produce (a plant)" : null,
                QuestionIntent.Fat => p.Attributes.FatPercent is { } f ? $"{p.DisplayName} has {f.ToString("0.##", Inv)} % fat" : null,
                QuestionIntent.Flavour => p.Attributes.Flavour is { } fl ? $"{p.DisplayName} tastes of {fl}" : null,
                QuestionIntent.Origin => p.Attributes.Origin is { } o ? $"{p.DisplayName} comes from {o}" : null,
                _ => Describe(p),
            };
            if (fact is null)
            {
                unknown.Add(p.DisplayName);
            }
            else
            {
                parts.Add(fact);
                cited.Add(p.Id);
            }
        }

        if (parts.Count == 0)
        {
            return new RulesAnswer(ShopperAnswerKind.Unknown, $"The catalog doesn't say for {string.Join(", ", unknown)}.", products.Select(p => p.Id).ToArray(), intent, kernel.FactsText);
        }

        if (unknown.Count > 0)
        {
            parts.Add($"the catalog doesn't say for {string.Join(", ", unknown)}");
        }

        var text = string.Join("; ", parts) + ".";
        return Answer(intent, kernel, char.ToUpperInvariant(text[0]) + text[1..], cited);
    }

    private static string Describe(Product p)
    {
        var sb = new StringBuilder($"{p.DisplayName}: {Money(p.Price.Amount)} {p.Price.Currency} {(p.Price.Per == PriceUnit.Kilogram ? "per kg" : "per unit")} (demo price), {Grams(p.UnitWeightGrams)} g per unit");
        if (p.Attributes.Origin is { } o)
        {
            sb.Append($", from {o}");
        }

        if (p.Attributes.Organic)
        {
            sb.Append(", organic");
        }

        if (p.Allergens is { Count: > 0 } a)
        {
            sb.Append($", contains {string.Join(", ", a)}");
        }

        return sb.ToString();
    }

    private async Task<RulesAnswer> ReferenceAsync(AssistantKernel kernel, string id, QuestionIntent intent, CancellationToken ct)
    {
        var r = await kernel.CallAsync<ReferenceProduct>(AssistantKernel.FactsPluginName, "get_reference_product", new KernelArguments { ["id"] = id }, ct).ConfigureAwait(false);
        if (r is null)
        {
            return Declined(intent);
        }

        var sb = new StringBuilder($"{r.Name}{(r.Brands is { } b ? $" ({b})" : string.Empty)} is not sold by this store; Open Food Facts lists it");
        if (r.Quantity is { } qty)
        {
            sb.Append($" as {qty}");
        }

        sb.Append('.');
        switch (intent)
        {
            case QuestionIntent.Allergens or QuestionIntent.LactoseFree or QuestionIntent.PlantBased:
                sb.Append(r.Allergens is { } a ? (a.Count == 0 ? " It lists no allergens." : $" Allergens: {string.Join(", ", a)}.") : " Its allergens are unknown.");
                if (r.Traces.Count > 0)
                {
                    sb.Append($" May contain traces of {string.Join(", ", r.Traces)}.");
                }

                break;
            case QuestionIntent.Ingredients:
                sb.Append(r.Ingredients is { } i ? $" Ingredients: {i}" : " Its ingredients are unknown.");
                break;
            case QuestionIntent.Price or QuestionIntent.Total:
                sb.Append(" The store has no price for it.");
                break;
            default:
                if (r.EnergyKcalPer100g is { } kcal)
                {
                    sb.Append($" Per 100 g: {kcal.ToString("0.#", Inv)} kcal");
                    if (r.FatPer100g is { } fat)
                    {
                        sb.Append($", {fat.ToString("0.#", Inv)} g fat");
                    }

                    sb.Append('.');
                }

                if (r.Allergens is { Count: > 0 } al)
                {
                    sb.Append($" Allergens: {string.Join(", ", al)}.");
                }

                break;
        }

        return new RulesAnswer(ShopperAnswerKind.Answered, sb.ToString(), [r.Id], intent, kernel.FactsText);
    }

    private string Names(IEnumerable<string> ids) => string.Join(", ", ids.Select(id => catalog.TryGet(id, out var p) ? p.DisplayName : id));

    internal static string Money(decimal amount) => amount.ToString("0.00", Inv);

    internal static string Grams(double grams) => grams.ToString("0.#", Inv);
}
