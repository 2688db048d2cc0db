using System.Text.RegularExpressions;

namespace BasketReasoner.Assistant.Understanding;

/// <summary>What a question asks, as read from its words: the intent and the shape of the answer it wants.</summary>
/// <param name="Intent">What is asked.</param>
/// <param name="YesNo">A yes/no question ("is it...?", "do I have...?"): the answer starts with yes or no.</param>
/// <param name="Plural">It asks about several ("the apples", "both", "all my..."): never a clarifying question.</param>
/// <param name="BasketScoped">It is about the shopper's own basket ("my milk", "I have"): answered from it only.</param>
/// <param name="VolumeUnit">"l", "dl" or "ml" when it asks for a volume in that unit.</param>
/// <param name="AlsoCount">A two-part total question that also asks how many items.</param>
/// <param name="EncoderIntent">The encoder's best intent and score, for diagnostics (null without an encoder).</param>
internal sealed record QuestionReading(
    QuestionIntent Intent, bool YesNo, bool Plural, bool BasketScoped, string? VolumeUnit, bool AlsoCount, (QuestionIntent Intent, double Score)? EncoderIntent)
{
    /// <summary>The amount a <see cref="QuestionIntent.QuantityPrice"/> question prices; null otherwise.</summary>
    public AskedQuantity? Quantity { get; init; }

    /// <summary>The change guard or the keyword lexicon read the intent (not the encoder, and not "none").</summary>
    public bool ByLexicon { get; init; }
}

/// <summary>
/// Reads a question: the change guard first, then the keyword lexicon and, when an encoder is available, the nearest
/// labelled exemplars. The lexicon is the guard: where it recognises the question its intent stands (measured: letting
/// the encoder overrule it broke totals such as "what does my cart come to?"); the encoder reads what the lexicon
/// misses (paraphrases, typos) and can only add a refusal, never remove one.
/// </summary>
internal sealed partial class QuestionReader(Func<IntentClassifier?> classifier, CategoryVocabulary? vocabulary = null)
{
    /// <summary>Encoder score needed to act on an intent the lexicon did not see. Chosen on the val split.</summary>
    internal const double MinEncoderScore = 0.35;

    private const RegexOptions Options = RegexOptions.IgnoreCase | RegexOptions.CultureInvariant;

    [GeneratedRegex(@"(?:^|[.!?:]\s*)\W*(?:(?:hey|hi|hej|hello|ok|okay|so|quick question|just checking|sorry|excuse me|um|please|cart)\W+)*(?:is|are|does|do|did|can|could|has|have|was|were|will|would|should|am|isn't|aren't|doesn't|har|är|kan|innehåller|finns|fick)\b", Options)]
    private static partial Regex YesNoForm();

    [GeneratedRegex(@"\b(?:my(?! (?:\w+ )?(?:allerg\w*|intoleran\w*)\b)(?! (?:\w+ )?(?:daughter|son|kids?|child|children|boy|girl|little one|grandson|granddaughter|grandchild|niece|nephew|wife|husband|friend|girlfriend|boyfriend|grilfriend|gf|bf|neighbou?r|colleague|sister|brother|grandma|grandpa|toddler|partner|mum|mom|mother|dad|father|baby|family|swedish|english|budget|card|money|doctor|diet|recipe|dinner|guests?|boss|allergy|allergies)\b)|mine|our|(?<!\b(?:can|could|may|should|might|shall|will|would|to) )(?:i have|i've|i got|i'?ve got)(?! (?:an? |some |bad |severe |mild |real )?(?:\w+ )?(?:allerg\w*|intoleran\w*|coeliac|celiac|sensitivity|condition|diabetes)\b)|i picked|i took|i bought|i'?m buying|am i|did i|have i|do i(?! (?:actually |really |even )?(?:get|find|pay for \d)\b)|cost me|costing me|i pay(?! for \d)|i'?m paying|in (?:the|my|this) (?:basket|cart|trolley|bag)|(?:min|mitt|mina)(?! (?:barn|dotter|son|fru|man|mamma|pappa|vän|kompis|svenska|budget)\b)|jag)\b", Options)]
    private static partial Regex BasketWords();

    [GeneratedRegex(@"\b(?:both|all|every|each|any of|which of|which ones|all of|alla|båda|together|altogether)\b", Options)]
    private static partial Regex PluralWords();

    [GeneratedRegex(@"\b(?:dl|decilit\w*|deciliters?)\b", Options)]
    private static partial Regex Decilitres();

    [GeneratedRegex(@"\b(?:ml|millilit\w*)\b", Options)]
    private static partial Regex Millilitres();

    [GeneratedRegex(@"\b(?:l|litres?|liters?|liter|litre)\b", Options)]
    private static partial Regex Litres();

    [GeneratedRegex(@"(?:^|[.!?]\s*)\W*(?:(?:hey|hi|so|ok|okay|quick question|hey cart|doing the weekly shop)\W+)*(?:do|did|have|has) (?:i|we) (?:\w+ )?(?:have|hav|hve|got|get|grab|grabbed|pick|picked|take|took|remember|forget|forgot|miss|already|put)\b|(?:^|[.!?]\s*)\W*(?:\w+\W+)?(?:is|are) there (?:any|a|an|some)?\b.*\b(?:in|on) (?:my|the|this) (?:cart|basket|trolley|bag)\b|\b(?:is|are) (?:there|three) [\w\s'-]{1,40}? in (?:here|there)\b|(?:^|[.!?]\s*)\W*(?:have|did) (?:i|we) (?:got|get|already|remember)\b|^\W*(?:so )?got [\w\s'-]{1,40}? yet\b|^\W*(?:did|has|have|was|were) (?:the |my |a |an )?[\w\s'-]{1,30}? (?:get |gotten |been |go |gone )?(?:added|scanned|registered|counted|in)\W*$|^\W*am i missing\b|^\W*(?:is|are) (?:the |a |an |any |some )?[\w\s'-]{1,40}? (?:in|inside) (?:my|the) (?:cart|basket|trolley|bag)\W*$|^\W*(?:(?:so|ok|okay|um|uh|hey|and)\W+)*(?:any|got any) [\w\s'-]{1,40}? (?:in|on) (?:my|the|this) (?:cart|basket|trolley|bag)\b|^\W*(?:har jag|har vi|finns det)\b", Options)]
    private static partial Regex HaveForm();

    [GeneratedRegex(@"\b(?:tell me (?:about|more about)|what (?:is|are)|what's|describe|information (?:on|about)|info (?:on|about)|know about|berätta om)\b", Options)]
    private static partial Regex DescribeForm();

    [GeneratedRegex(@"\b(?:how much (?:would|will|should|for)|what (?:would|will)|gonna cost|going to cost|price\W*$|how much\W*$|if i (?:buy|get|take|add|want)|(?:do|would|will) i pay|i want to buy|i'?d like|cost me|would (?:it |that |they |this |those )?(?:come|cost|be)|comes? to)\b", Options)]
    private static partial Regex HypotheticalPrice();

    /// <summary>The attribute words that can name a product or be asked: lactose free, organic.</summary>
    internal const string AttributeWords = @"lactose[- ]?free|laktosfri\w*|organic|eco|eko|ecological|ekologisk\w*";

    [GeneratedRegex(@"\b(?:" + AttributeWords + @")\s+(?=(?:\d+(?:[.,]\d+)?\s*%?\s+)?(?<next>\p{L}{3,}))", Options)]
    private static partial Regex AttributiveWord();

    /// <summary>
    /// The attribute words used as part of a product's name, before a word that names products ("the organic milk",
    /// "my lactose free arla"), not as the question ("is it lactose free thanks", "organic or not").
    /// </summary>
    internal static IEnumerable<Match> AttributiveNames(string q, CategoryVocabulary? vocabulary) =>
        AttributiveWord().Matches(q).Where(m => vocabulary?.IsProductWord(m.Groups["next"].Value) == true);

    private string WithoutAttributiveNames(string q)
    {
        var text = q;
        foreach (var m in AttributiveNames(q, vocabulary).Reverse())
        {
            text = text.Remove(m.Index, m.Length).Insert(m.Index, " ");
        }

        return text;
    }

    [GeneratedRegex(@"\b(?:milk|dairy|mjölk|cow'?s milk|cows milk) ?(?:allerg\w*|protein)|\ballerg\w* to (?:cow'?s |cows )?(?:milk|dairy)|\bmjölkallerg\w*", Options)]
    private static partial Regex MilkAllergy();

    public QuestionReading Read(string q)
    {
        var yesNo = YesNoForm().IsMatch(q);
        var basketScoped = BasketWords().IsMatch(q);
        var plural = PluralWords().IsMatch(q);
        var unit = Decilitres().IsMatch(q) ? "dl" : Millilitres().IsMatch(q) ? "ml" : Litres().IsMatch(q) ? "l" : null;
        if (ChangeGuard.IsChangeRequest(q))
        {
            return new QuestionReading(QuestionIntent.BasketChange, false, plural, basketScoped, unit, false, null) { ByLexicon = true };
        }

        var lexicon = RulesAnswerer.RouteLexicon(q);
        // "Is the organic milk lactose free?", "what do my lactose free milk come to?": an attribute before a product word
        // is part of its name; the question is what the rest asks, when the rest asks something.
        if (WithoutAttributiveNames(q) is var named && named != q && RulesAnswerer.RouteLexicon(named) is var rest0 and not QuestionIntent.None)
        {
            lexicon = rest0;
        }

        // "My soy yoghurt, how much fat?": an allergen word inside a product's name does not make an allergen question.
        if (lexicon == QuestionIntent.Allergens && vocabulary?.WithoutProductPhrases(q) is { } rest && rest != q.ToLowerInvariant()
            && !IntentLexicon.Allergens().IsMatch(rest) && !IntentLexicon.AllergenWords.Any(a => a.Pattern.IsMatch(rest)))
        {
            lexicon = RulesAnswerer.RouteLexicon(rest);
        }

        // "What in my cart has milk in it?" filters the list by an allergen: a dietary question.
        if (lexicon == QuestionIntent.ListBasket && (IntentLexicon.Allergens().IsMatch(q) || IntentLexicon.PlantBased().IsMatch(q) || IntentLexicon.AllergenWords.Any(a => a.Pattern.IsMatch(q))))
        {
            lexicon = IntentLexicon.Lactose().IsMatch(q) ? QuestionIntent.LactoseFree : IntentLexicon.PlantBased().IsMatch(q) ? QuestionIntent.PlantBased : QuestionIntent.Allergens;
        }

        var dietary = lexicon is QuestionIntent.Allergens or QuestionIntent.LactoseFree or QuestionIntent.PlantBased or QuestionIntent.Organic;
        if (HaveForm().IsMatch(q) && !dietary && lexicon is QuestionIntent.None or QuestionIntent.ListBasket)
        {
            lexicon = QuestionIntent.HaveItem;
        }

        if (unit is not null && lexicon is QuestionIntent.CountUnits or QuestionIntent.None or QuestionIntent.Price && !IntentLexicon.Price().IsMatch(q.Replace("how much", string.Empty, StringComparison.OrdinalIgnoreCase)))
        {
            lexicon = QuestionIntent.Volume;
        }

        // "What's the price per litre of my juice?": a price, whatever volume word it carries.
        if (lexicon == QuestionIntent.Volume && System.Text.RegularExpressions.Regex.IsMatch(q, @"\b(?:price|prices|cost|costs|kr|sek|kronor|pris|kostar)\b", RegexOptions.IgnoreCase))
        {
            lexicon = QuestionIntent.Price;
        }

        // "Total litres of juice in my basket": a volume, in the unit asked.
        if (unit is not null && lexicon == QuestionIntent.Total && !IntentLexicon.Price().IsMatch(q))
        {
            lexicon = QuestionIntent.Volume;
        }

        if (lexicon == QuestionIntent.None && DescribeForm().IsMatch(q))
        {
            lexicon = QuestionIntent.Describe;
        }

        // "How much is everything, and how many items is that?": two parts, the total and the count.
        if (lexicon == QuestionIntent.CountUnits && IntentLexicon.Total().IsMatch(q) && q.Contains("how much", StringComparison.OrdinalIgnoreCase))
        {
            lexicon = QuestionIntent.Total;
        }

        var alsoCount = lexicon == QuestionIntent.Total && IntentLexicon.Count().IsMatch(q);
        (QuestionIntent, double)? encoded = null;
        var intent = lexicon;
        if (classifier() is { } c)
        {
            var scores = c.Score(q);
            var top = scores[0];
            encoded = top;
            if (lexicon == QuestionIntent.None)
            {
                // A weak nearest neighbour among the change exemplars is not a refusal ("uh my lemons how much"): the
                // next intent reads it, and only the strong rule below refuses.
                var pick = top.Intent == QuestionIntent.BasketChange && scores.Count > 1 ? scores[1] : top;
                intent = pick.Score >= MinEncoderScore ? pick.Intent : QuestionIntent.None;
            }
            // A request the guard's patterns missed but that sits among the change exemplars is still refused.
            if (top.Intent == QuestionIntent.BasketChange && top.Score >= 0.62 && scores[1].Score < top.Score - 0.08)
            {
                intent = QuestionIntent.BasketChange;
            }
        }

        // "Can I have it if I'm lactose intolerant?": the lactose answer (safe or not), not the allergen list.
        var asking = vocabulary?.WithoutProductPhrases(q) ?? q;
        // (A milk allergy is not lactose intolerance: "can my daughter with a milk allergy drink the lactose-free milk?"
        // asks about milk, whatever the name says.)
        var milkAllergy = MilkAllergy().IsMatch(q);
        if (milkAllergy && intent is QuestionIntent.LactoseFree)
        {
            intent = QuestionIntent.Allergens;
        }

        if (intent == QuestionIntent.Allergens && !milkAllergy && IntentLexicon.Lactose().IsMatch(q)
            && IntentLexicon.AllergenWords.Where(a => a.Pattern.IsMatch(asking)).All(a => a.Allergen == "milk"))
        {
            intent = QuestionIntent.LactoseFree;
        }

        // "Does it have milk in it?" asks about the allergen named, whatever neighbour the encoder found (lactose).
        if (intent is QuestionIntent.LactoseFree or QuestionIntent.PlantBased && !IntentLexicon.Lactose().IsMatch(q) && !IntentLexicon.PlantBased().IsMatch(q)
            && IntentLexicon.AllergenWords.Any(a => a.Pattern.IsMatch(q)))
        {
            intent = QuestionIntent.Allergens;
        }

        // "How much for 2 kg of bananas?", "what would four yoghurts cost?": a price for the amount stated. Not for the
        // basket's own lines ("how much are my 3 bananas?"), unless it is hypothetical ("if I take 3 more").
        var quantity = intent == QuestionIntent.QuantityPrice ? AskedQuantity.Find(q) : intent is QuestionIntent.Price or QuestionIntent.Total or QuestionIntent.None or QuestionIntent.Describe or QuestionIntent.Volume or QuestionIntent.UnitWeight or QuestionIntent.OutOfScope
            && (IntentLexicon.Price().IsMatch(q) || HypotheticalPrice().IsMatch(q)) && !IntentLexicon.WeightWord().IsMatch(q)
            && (!basketScoped || HypotheticalPrice().IsMatch(q))
            ? AskedQuantity.Find(q) : null;
        if (quantity is not null)
        {
            intent = QuestionIntent.QuantityPrice;
        }

        return new QuestionReading(intent, yesNo, plural, basketScoped, unit, alsoCount, encoded) { ByLexicon = lexicon != QuestionIntent.None, Quantity = quantity };
    }
}
