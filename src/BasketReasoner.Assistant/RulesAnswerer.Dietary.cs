using BasketReasoner.Core.Assistant;
using BasketReasoner.Core.Catalog;
using Microsoft.SemanticKernel;

namespace BasketReasoner.Assistant;

/// <summary>The rules stage, dietary filters over the basket and clarifying questions.</summary>
internal sealed partial class RulesAnswerer
{
    /// <summary>"Which of my drinks are safe if I'm lactose intolerant?", "is there anything with gluten in my basket?".</summary>
    private async Task<RulesAnswer> DietaryBasketAsync(AssistantKernel kernel, string q, QuestionIntent intent, IReadOnlyList<string> ids, string? group, CancellationToken ct)
    {
        var scope = group is null ? "your basket" : $"your {group}";
        if (ids.Count == 0)
        {
            return Answer(intent, kernel, group is null ? "Your basket is empty, so there is nothing to check." : $"No, there are no {group} in your basket.", []);
        }

        var products = new List<Product>();
        foreach (var id in ids)
        {
            if (await kernel.CallAsync<Product>(AssistantKernel.FactsPluginName, "get_product_facts", new KernelArguments { ["productId"] = id }, ct).ConfigureAwait(false) is { } p)
            {
                products.Add(p);
            }
        }

        var unknown = products.Where(p => p.Allergens is null && !(intent == QuestionIntent.LactoseFree && p.Attributes.LactoseFree)).ToList();
        var known = products.Except(unknown).ToList();
        var unknownNote = unknown.Count == 0 ? string.Empty : $" The catalog has no ingredient list for {string.Join(", ", unknown.Select(p => Display(p)))}, so I can't say for {(unknown.Count == 1 ? "it" : "them")}.";
        var yesNo = q.TrimStart().StartsWith("is ", StringComparison.OrdinalIgnoreCase) || q.TrimStart().StartsWith("are ", StringComparison.OrdinalIgnoreCase)
            || q.TrimStart().StartsWith("do", StringComparison.OrdinalIgnoreCase) || q.TrimStart().StartsWith("can", StringComparison.OrdinalIgnoreCase)
            || q.TrimStart().StartsWith("har", StringComparison.OrdinalIgnoreCase) || q.TrimStart().StartsWith("finns", StringComparison.OrdinalIgnoreCase)
            || System.Text.RegularExpressions.Regex.IsMatch(q, @"^\W*(?:any|anything|something|got any)\b|(?:^|[:.!?,]\s*)\W*(?:\w+\W+)?(?:does|do|is|are|any|anything|has|have|can|är|har|kan|finns)\b", System.Text.RegularExpressions.RegexOptions.IgnoreCase);
        var cited = products.Select(p => p.Id).ToList();
        // "Is everything vegan?", "can someone with a milk allergy eat everything?": yes only when every line passes.
        var all = yesNo && (AllOf().IsMatch(q) || BasketAsSubject().IsMatch(q) && !System.Text.RegularExpressions.Regex.IsMatch(q, @"\b(?:any\w*|something|which|what\w*|where)\b", System.Text.RegularExpressions.RegexOptions.IgnoreCase));

        if (intent is QuestionIntent.LactoseFree || (intent == QuestionIntent.Allergens && System.Text.RegularExpressions.Regex.IsMatch(q, @"\b(?:lactose|laktos\w*)\b", System.Text.RegularExpressions.RegexOptions.IgnoreCase)))
        {
            var safe = known.Where(p => p.Attributes.LactoseFree || !p.Allergens!.Contains("milk")).ToList();
            var not = known.Except(safe).ToList();
            // "Do I have anything with lactose?": yes names what has it.
            if (IntentLexicon.AsksLactosePresent(q))
            {
                var present = not.Count == 0
                    ? $"{(unknownNote.Length > 0 ? $"No ingredient list in {scope} names milk or lactose" : $"No, nothing in {scope} contains lactose")}{(safe.Count > 0 ? $" (checked: {string.Join(", ", safe.Select(p => Display(p) + (p.Attributes.LactoseFree ? " is lactose free" : " has no milk")))})" : string.Empty)}."
                    : $"{(yesNo ? "Yes: " : string.Empty)}{string.Join(", ", not.Select(p => Display(p)))} {(not.Count == 1 ? "contains" : "contain")} lactose (milk, not lactose free)."
                      + (safe.Count > 0 ? $" No lactose in: {string.Join(", ", safe.Select(p => Display(p)))}." : string.Empty);
                return Answer(intent, kernel, Capital(present + unknownNote), not.Count > 0 ? not.Select(p => p.Id) : cited);
            }

            if (all)
            {
                var verdict = not.Count == 0
                    ? $"Yes, everything in {scope} is safe if you're lactose intolerant{(safe.Count > 0 ? $": {string.Join(", ", safe.Select(p => Display(p) + (p.Attributes.LactoseFree ? " (lactose free)" : " (no milk)")))}" : string.Empty)}."
                    : $"No: {string.Join(", ", not.Select(p => Display(p)))} {(not.Count == 1 ? "contains" : "contain")} milk and {(not.Count == 1 ? "is" : "are")} not lactose free.";
                return Answer(intent, kernel, verdict + unknownNote, not.Count > 0 ? not.Select(p => p.Id) : cited);
            }

            var text = safe.Count == 0
                ? $"None of {scope} is safe for lactose intolerance: {string.Join(", ", not.Select(p => Display(p)))} {(not.Count == 1 ? "contains" : "contain")} milk and {(not.Count == 1 ? "is" : "are")} not lactose free."
                : $"{(yesNo ? "Yes: " : string.Empty)}safe if you're lactose intolerant: {string.Join(", ", safe.Select(p => Display(p) + (p.Attributes.LactoseFree ? " (lactose free)" : " (no milk)")))}."
                  + (not.Count > 0 ? $" Not safe (contain milk, not lactose free): {string.Join(", ", not.Select(p => Display(p)))}." : string.Empty);
            return Answer(intent, kernel, Capital(text + unknownNote), cited);
        }

        if (intent == QuestionIntent.PlantBased)
        {
            var plant = known.Where(p => p.Attributes.PlantBased).ToList();
            var animal = known.Where(p => !p.Attributes.PlantBased && p.Allergens!.Contains("milk")).ToList();
            // "Anything non-vegan in my cart?": yes names what is not.
            if (System.Text.RegularExpressions.Regex.IsMatch(q, @"\bnon[- ]?vegan\b|\bnot (?:vegan|plant[- ]based)\b|\banimal\b", System.Text.RegularExpressions.RegexOptions.IgnoreCase))
            {
                var notVegan = animal.Count == 0
                    ? $"No, nothing in {scope} contains milk{(plant.Count > 0 ? $"; plant based: {string.Join(", ", plant.Select(p => Display(p)))}" : string.Empty)}."
                    : $"{(yesNo ? "Yes: " : string.Empty)}{string.Join(", ", animal.Select(p => Display(p)))} {(animal.Count == 1 ? "is" : "are")} not vegan (contain milk).";
                return Answer(intent, kernel, Capital(notVegan + unknownNote), animal.Count > 0 ? animal.Select(p => p.Id) : cited);
            }

            if (all)
            {
                var notPlant = known.Except(plant).ToList();
                var verdict = notPlant.Count == 0
                    ? $"Yes, everything in {scope} is plant based: {string.Join(", ", plant.Select(p => Display(p)))}."
                    : $"No: {string.Join(", ", notPlant.Select(p => Display(p)))} {(notPlant.Count == 1 ? "is" : "are")} not {(animal.Count > 0 ? "vegan" : "labelled plant based")}{(animal.Count > 0 ? $" ({string.Join(", ", animal.Select(p => Display(p)))} contain{(animal.Count == 1 ? "s" : string.Empty)} milk)" : string.Empty)}.";
                return Answer(intent, kernel, verdict + unknownNote, notPlant.Count > 0 ? notPlant.Select(p => p.Id) : cited);
            }

            var text = plant.Count == 0 ? $"None of {scope} is labelled plant based." : $"{(yesNo ? "Yes: " : string.Empty)}plant based: {string.Join(", ", plant.Select(p => Display(p)))}.";
            if (animal.Count > 0)
            {
                text += $" Not vegan (contain milk): {string.Join(", ", animal.Select(p => Display(p)))}.";
            }

            return Answer(intent, kernel, Capital(text + unknownNote), cited);
        }

        var asked = IntentLexicon.AllergenWords.Where(a => a.Pattern.IsMatch(q)).Select(a => a.Allergen).Distinct().ToArray();
        if (asked.Length == 0)
        {
            var listed = known.Select(p => p.Allergens!.Count == 0 ? $"{Display(p)}: none of the 14 EU allergens" : $"{Display(p)}: {string.Join(", ", p.Allergens!)}").ToList();
            if (listed.Count == 0)
            {
                // Nothing in scope has an ingredient list: say so, never an empty list that reads as "none".
                return new RulesAnswer(ShopperAnswerKind.Unknown, unknownNote.Length > 0 ? Capital(unknownNote.Trim()) : "There is nothing to check: no product is named and the basket is empty.", cited, intent, kernel.FactsText);
            }

            return Answer(intent, kernel, $"Allergens in {scope}: {string.Join("; ", listed)}.{unknownNote}", cited);
        }

        var hits = known.Where(p => asked.Any(p.Allergens!.Contains)).ToList();
        var what = string.Join(" or ", asked);
        // "The oat drink contains gluten, the yoghurt contains milk": each product and the asked allergens it lists.
        string Holding(IEnumerable<Product> found) => string.Join(", ", found.Select(p => $"{Display(p)} contains {string.Join(", ", asked.Where(p.Allergens!.Contains))}"));
        // "Can someone with a milk allergy eat everything?", "is it all safe for a nut allergy?": yes means none has it.
        // The question is the last sentence: "my guest can't have soy. anything I should worry about?" asks presence.
        var lastSentence = System.Text.RegularExpressions.Regex.Split(q.Trim(), @"[.!?]+\s*").LastOrDefault(x => x.Trim().Length > 0) ?? q;
        // "With a milk allergy, which of my things are fine to eat?", "what in my basket is safe for me?": the safe ones, listed.
        if (!all && SafeForm().IsMatch(lastSentence) && System.Text.RegularExpressions.Regex.IsMatch(lastSentence, @"\b(?:which|what)\b(?! (?:about|if)\b)", System.Text.RegularExpressions.RegexOptions.IgnoreCase))
        {
            var fine = known.Except(hits).ToList();
            var listed = fine.Count == 0
                ? $"None of {scope} is safe for that: {Holding(hits)}."
                : $"No {what} in the ingredient list of: {string.Join(", ", fine.Select(p => Display(p)))}."
                  + (hits.Count > 0 ? $" Avoid (contain {what}): {string.Join(", ", hits.Select(p => Display(p)))}." : string.Empty);
            return Answer(intent, kernel, listed + unknownNote, fine.Count > 0 ? fine.Select(p => p.Id) : hits.Select(p => p.Id));
        }

        if (all || (yesNo && SafeForm().IsMatch(lastSentence)))
        {
            // A product without an ingredient list is never counted safe: then there is no "yes", only what was checked.
            var verdict = hits.Count == 0
                ? unknownNote.Length > 0
                    ? $"I can't say it is all safe: nothing with an ingredient list lists {what}{(known.Count > 0 ? $" (checked: {string.Join(", ", known.Select(p => Display(p)))})" : string.Empty)}."
                    : $"Yes: nothing in {scope} lists {what}{(known.Count > 0 ? $" (checked: {string.Join(", ", known.Select(p => Display(p)))})" : string.Empty)}."
                : $"No: {Holding(hits)}.";
            return Answer(intent, kernel, verdict + unknownNote, hits.Count > 0 ? hits.Select(p => p.Id) : cited);
        }

        // "Anything gluten free in my basket?", "which of my things are free from soy?": the lines whose lists lack it.
        if (FreeOf().IsMatch(q))
        {
            var free = known.Except(hits).ToList();
            var listed = free.Count == 0
                ? $"No: {Holding(hits)}."
                : $"{(yesNo ? "Yes: " : string.Empty)}no {what} in the ingredient list of {string.Join(", ", free.Select(p => Display(p)))}."
                  + (hits.Count > 0 ? $" Contains {what}: {string.Join(", ", hits.Select(p => Display(p)))}." : string.Empty);
            return Answer(intent, kernel, Capital(listed + unknownNote), cited);
        }

        // Where some product has no ingredient list, a flat "No" would claim more than was checked.
        var answer = hits.Count == 0
            ? $"{(unknownNote.Length > 0 ? $"No ingredient list in {scope} names {what}" : $"No, nothing in {scope} lists {what}")}{(known.Count > 0 ? $" (checked: {string.Join(", ", known.Select(p => Display(p)))})" : string.Empty)}."
            : $"{(yesNo ? "Yes: " : string.Empty)}{Holding(hits)}.";
        return Answer(intent, kernel, Capital(answer + unknownNote), hits.Count > 0 ? hits.Select(p => p.Id) : cited);
    }

    /// <summary>A clarifying answer when the products a singular mention covers differ on what is asked; else null.</summary>
    private RulesAnswer? Clarify(AssistantKernel kernel, QuestionIntent intent, string q, List<Product> products, string named)
    {
        var asked = IntentLexicon.AllergenWords.Where(a => a.Pattern.IsMatch(q)).Select(a => a.Allergen).ToArray();
        string? Value(Product p) => intent switch
        {
            QuestionIntent.LactoseFree => (p.Attributes.LactoseFree || p.Allergens is { } a && !a.Contains("milk")).ToString(),
            QuestionIntent.Fat => p.Attributes.FatPercent?.ToString(Inv),
            // Loose produce of one price per kg still costs differently per piece ("my apple": Royal Gala or Red Delicious).
            QuestionIntent.Price => Money(p.Price.Amount) + (p.IsLoose ? "/" + Grams(p.UnitWeightGrams) : string.Empty),
            QuestionIntent.CheaperAlternatives or QuestionIntent.QuantityPrice => Money(p.Price.Amount),
            QuestionIntent.Organic => p.Attributes.Organic.ToString(),
            QuestionIntent.PlantBased => p.Attributes.PlantBased.ToString(),
            QuestionIntent.Origin => p.Attributes.Origin,
            QuestionIntent.Brand => p.Brand,
            QuestionIntent.Flavour => p.Attributes.Flavour,
            QuestionIntent.UnitWeight => Grams(p.UnitWeightGrams),
            QuestionIntent.Volume => p.VolumeMl?.ToString(Inv),
            QuestionIntent.Allergens => p.Allergens is null ? null : string.Join(',', asked.Length == 0 ? p.Allergens : asked.Where(p.Allergens.Contains)),
            QuestionIntent.Ingredients => p.Ingredients,
            _ => p.Id,
        };

        if (products.Select(Value).Distinct().Count() <= 1)
        {
            return null;
        }

        var names = products.Select(p => Display(p)).ToArray();
        var options = names.Length == 2 ? $"{names[0]} or {names[1]}" : string.Join(", ", names[..^1]) + " or " + names[^1];
        return new RulesAnswer(ShopperAnswerKind.Clarify,
            $"You have {products.Count} kinds of {named} in your basket and they differ on that. Which one do you mean: {options}?",
            products.Select(p => p.Id).ToArray(), intent, kernel.FactsText);
    }

    // "Is everything vegan?", and the basket as the subject: "is my basket gluten free?", "can I eat my cart?", "är min
    // korg säker?" (not "anything with gluten in my basket?", which asks what has it).
    [System.Text.RegularExpressions.GeneratedRegex(@"\b(?:everything|every (?:item|product|thing|line)|all (?:of )?(?:it|this|them|my|the|these)|it all|whole (?:basket|cart|trolley)|entire (?:basket|cart|trolley)|all my|hela (?:korgen|vagnen))\b", System.Text.RegularExpressions.RegexOptions.IgnoreCase)]
    private static partial System.Text.RegularExpressions.Regex AllOf();

    // The basket itself as what is asked about, not "anything ... in my basket" (which asks what has it).
    [System.Text.RegularExpressions.GeneratedRegex(@"(?<!\b(?:in|from|of|to|into|on|i|från|av)\s)\b(?:my|the|this|our|min|vår) (?:basket|cart|trolley|shopping|groceries|korg|vagn)\b(?!\s+(?:contains?|has|have|got)\b)", System.Text.RegularExpressions.RegexOptions.IgnoreCase)]
    private static partial System.Text.RegularExpressions.Regex BasketAsSubject();

    [System.Text.RegularExpressions.GeneratedRegex(@"\b(?:safe|ok|okay|fine|suitable|allowed)\b|\b(?:can|could|may) (?:he|she|they|we|i|someone|somebody|my \w+|the kids?|kids|a person|people) (?:\w+ ){0,6}?(?:have|eat|drink|take)\b", System.Text.RegularExpressions.RegexOptions.IgnoreCase)]
    private static partial System.Text.RegularExpressions.Regex SafeForm();

    private static string Capital(string text) => text.Length == 0 ? text : char.ToUpperInvariant(text[0]) + text[1..];
}
