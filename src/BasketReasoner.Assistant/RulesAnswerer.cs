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

/// <summary>
/// The rules stage: reads the intent from keyword families (<see cref="IntentLexicon"/>), finds the products named
/// (<see cref="MentionResolver"/>), calls the read-only plugin functions through the kernel and words the answer
/// from their results only, citing the products used. Always available; no model involved.
/// </summary>
internal sealed partial class RulesAnswerer(ProductCatalog catalog, ReferenceCatalog referenceCatalog, ICatalogSearch search, ShopperAssistantOptions options)
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

    private string Names(IEnumerable<string> ids) => string.Join(", ", ids.Select(id => catalog.TryGet(id, out var p) ? p.DisplayName : id));

    internal static string Money(decimal amount) => amount.ToString("0.00", Inv);

    internal static string Grams(double grams) => grams.ToString("0.#", Inv);
}
