using System.Text.RegularExpressions;

namespace BasketReasoner.Assistant.Understanding;

/// <summary>
/// Splits a message that asks two or three things ("how many products do I have and what's the total?", "how much are
/// the pink lady apples per kilo and where are they from?") into its questions, so each gets its answer. A part is split
/// off only where a new question starts (a question word after "and" / "also", or after a question mark); greetings and
/// thanks after the question stay with it.
/// </summary>
internal static partial class QuestionParts
{
    private const RegexOptions Options = RegexOptions.IgnoreCase | RegexOptions.CultureInvariant;
    private const int MaxParts = 3;

    // Where a second question starts: "... and where are they from", "...? is it organic", "..., also what's the total".
    [GeneratedRegex(@"(?:\?+|[,;]?\s+(?:and|also|plus|och|&|n)\b|(?<!\b(?:if|when|suppose|supposing|once|after)\b[^?]*)[,;]\s*(?:and\s+)?then\b)\s*(?:(?:also|and|then|btw|oh|um|uh)\s+)*(?=(?:from where|(?:how|what|whats|what's|where|wheres|where's|which|when|who|is|are|does|do|did|can|could|will|would|has|have|tell me|vad|var|hur|är|finns)\b\W*\w+(?:\W+\w+)?))", Options)]
    private static partial Regex Boundary();

    // Words that point back at the first question's product: "where are they from", "is it organic".
    [GeneratedRegex(@"\b(?:it|its|it's|they|them|their|those|these|that one|this one|the same)\b", Options)]
    private static partial Regex BackReference();

    /// <summary>The questions in <paramref name="message"/>; one element when it asks one thing.</summary>
    public static IReadOnlyList<string> Split(string message)
    {
        var parts = new List<string>();
        var start = 0;
        foreach (Match m in Boundary().Matches(message))
        {
            if (parts.Count == MaxParts - 1)
            {
                break;
            }

            var part = message[start..m.Index].Trim();
            if (part.Length > 0)
            {
                parts.Add(part);
            }

            start = m.Index + m.Length;
        }

        var last = message[start..].Trim();
        if (last.Length > 0)
        {
            parts.Add(last);
        }

        return parts.Count == 0 ? [message] : parts;
    }

    // A later part too short to name anything: "... and where from", "n how much each".
    [GeneratedRegex(@"^\W*(?:where(?:'s| is| are)? (?:from|grown|made)|from where\b.*|where\W*|(?:which|what) country(?: of origin)?|(?:the )?country(?: of origin)?|how much(?: each| per (?:kilo|kg|litre|liter|piece))?|(?:is it |are they )?organic|price|origin)\W*$", Options)]
    private static partial Regex Elliptic();

    /// <summary>True when <paramref name="part"/> refers back to something named earlier ("where are they from", "and where from").</summary>
    public static bool RefersBack(string part) => BackReference().IsMatch(part) || Elliptic().IsMatch(part);

    // "Since the apples are organic, I expect they are from Sweden as well?": the premise is checked too, never taken as given.
    [GeneratedRegex(@"^\W*(?:so\s+|and\s+)?(?:since|as|because|given that|now that|seeing as|seeing that) (?<subject>(?:the |my |your |these |those )?[\w\s'%.-]{2,60}?) (?<verb>is|are|has|have|contains?) (?<claim>[\w\s'%-]{2,40}?),\s*(?<rest>.{3,}\?)\W*$", Options)]
    private static partial Regex Premise();

    [GeneratedRegex(@"^\W*(?:so\s+|and\s+|ok\s+|okay\s+)?(?:since |as |because |given that |now that |seeing as )?(?![^,.;?!]*\b(?:budget|money|cash|limit|wallet|total|bill|allowance|card|balance|change)\b)(?<subject>(?:the |my |your |these |those )?[\w\s'%.-]{2,60}?) (?:is|are|costs?|was|were)(?: (?:on sale|on offer|reduced|discounted|marked down|down|now|only|just|priced))*(?: (?:for|at|to))? (?<price>\d+(?:[.,]\d+)?) ?(?:kr|sek|kronor|crowns|:-)(?: (?:each|a piece|apiece|today|now|this week|per (?:kg|kilo|litre|liter|unit|piece)))*(?:,? (?:right|yeah|correct|isn'?t (?:it|that)|no))?\s*[,;.!?—–-]+\s*(?:so\s+|then\s+|and\s+)?(?<rest>.{3,}\?|(?:what|how|which|is|are|does|do|can|will|would)\b.{3,}?)\W*$", Options)]
    private static partial Regex PricePremise();

    // One product, two facts: "price and origin of the onions", "the royal gala: price and eco or not?", "weight & origin".
    private const string Fact = @"(?:(?:kilo |unit |litre |liter )?price(?: per (?:kilo|kg|litre|liter|piece|unit))?|cost|origin(?: country)?|country(?: of origin)?|(?:net )?weight|fat(?: percentage| content| %)?|brand|(?:package|pack) size|size|volume|(?:eco|organic|vegan|plant[- ]based|lactose[- ]free|gluten[- ]free)(?: or not)?)";

    [GeneratedRegex(@"\b(?<a>" + Fact + @")\s*(?:,|\band\b|&|\+|\bplus\b)\s*(?<b>" + Fact + @")\b", Options)]
    private static partial Regex FactPair();

    /// <summary>A question asking two facts of one product, as two questions, each with one of them; null otherwise.</summary>
    public static IReadOnlyList<string>? TwoFacts(string message)
    {
        if (FactPair().Match(message) is not { Success: true } m || string.Equals(m.Groups["a"].Value, m.Groups["b"].Value, StringComparison.OrdinalIgnoreCase))
        {
            return null;
        }

        var head = message[..m.Index];
        var tail = message[(m.Index + m.Length)..];
        return [$"{head}{m.Groups["a"].Value}{tail}", $"{head}{m.Groups["b"].Value}{tail}"];
    }

    // "How much is the apple juice, sorry I mean the garant milk": the product said last is the one asked about.
    // Also "the potatis — no wait, the pineapple", "price of pomegranate... actually scratch that, mushroom", "vad kostar
    // floury potatoes, nej förlåt, juice menar jag", "without the milk, no sorry, without the gräddfil".
    [GeneratedRegex(@"^(?<pre>.+?)\s*[,;.!-]*\s*(?:sorry|oops|no wait|wait|actually|erm|um)?[\s,]*\b(?:i mean|i meant|meant|i mean to say)\b[\s,:]*(?<meant>(?:the |my |a |an |that |this )?[^,.?!]{2,60}?)\W*$|^(?<pre>.+?)\s*(?:[,;.!\u2014\u2013-]|\.\.\.)+\s*(?:no,? wait|wait,? no|(?:actually,? )?scratch that|no,? sorry|sorry,? no|make that|correction|nej,? förlåt|förlåt,? nej|nej,? vänta|nej,? jag menar)\b[\s,:]*(?:i mean |jag menar )?(?<meant>(?:the |my |a |an |that |this )?[^,.?!]{2,60}?)(?:,? (?:menar jag|i mean))?\W*$", Options)]
    private static partial Regex Corrected();

    // Where no article marks the product: the words after "of", "is", "kostar"... at the end ("price of pomegranate").
    [GeneratedRegex(@"\b(?:of|is|are|kostar|for|about|on|without|utan)\s+(?<name>(?!(?:the|my|a|an|this|that|your)\b)[\p{L}\d%'-]+(?: [\p{L}\d%'-]+){0,3})\s*$", Options)]
    private static partial Regex LastWords();

    [GeneratedRegex(@"\b(?:the|my|a|an|that|this) (?<name>(?:(?!(?:come|comes|from|cost|costs|weigh\w*|contains?|per|have|has|is|are|organic|vegan|of|for|in|on|with|price|prices|kilo|litre|liter)\b)[\p{L}\d%.'-]+ ?){1,5}?)(?<tail>\s*\b(?:come|comes|from|cost|costs|weigh\w*|contains?|per|have|has|is|are)\b.*)?$", Options)]
    private static partial Regex LastMention();

    /// <summary>The question with the product it first named replaced by the one the shopper corrected it to; null without a correction.</summary>
    public static string? WithCorrection(string message)
    {
        if (Corrected().Match(message) is not { Success: true } c)
        {
            return null;
        }

        var pre = c.Groups["pre"].Value.TrimEnd();
        // "..., without the gräddfil": the word before the product is kept from what was said first.
        var meant = Regex.Replace(c.Groups["meant"].Value.Trim(), @"^(?:without|utan|of|for|about)\s+", string.Empty, RegexOptions.IgnoreCase);
        if (LastMention().Match(pre) is { Success: true } last)
        {
            return $"{pre[..last.Index]}{meant}{(last.Groups["tail"].Success ? " " + last.Groups["tail"].Value.Trim() : string.Empty)}?";
        }

        return LastWords().Match(pre) is { Success: true } words ? $"{pre[..words.Groups["name"].Index]}{meant}?" : null;
    }

    /// <summary>
    /// A message that asks a question on a stated premise, as two questions: the premise asked as a question, then the
    /// question; null when it has no such premise.
    /// </summary>
    public static IReadOnlyList<string>? WithPremise(string message)
    {
        // "The milk is on sale for 5 kr today, so what's my total?": the price is the catalogue's, asked, never the one claimed.
        if (PricePremise().Match(message) is { Success: true } priced)
        {
            return [$"how much is {priced.Groups["subject"].Value.Trim()}?", priced.Groups["rest"].Value.Trim()];
        }

        if (Premise().Match(message) is not { Success: true } m)
        {
            return null;
        }

        var verb = m.Groups["verb"].Value.ToLowerInvariant();
        var subject = m.Groups["subject"].Value.Trim();
        var claim = m.Groups["claim"].Value.Trim();
        var asked = verb switch
        {
            "contain" or "contains" => $"does {subject} contain {claim}?",
            "has" or "have" => $"{(verb == "has" ? "does" : "do")} {subject} have {claim}?",
            _ => $"{verb} {subject} {claim}?",
        };
        return [asked, m.Groups["rest"].Value.Trim()];
    }
}
