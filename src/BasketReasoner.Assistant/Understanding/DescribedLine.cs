using System.Text.RegularExpressions;
using BasketReasoner.Core.Baskets;
using BasketReasoner.Core.Catalog;

namespace BasketReasoner.Assistant.Understanding;

/// <summary>
/// A basket line named by what it is rather than by its name: "the organic one in my basket", "my lactose-free item",
/// "my priciest item, is it organic?", "the heaviest thing I have — where is it from?". The description is replaced
/// by the line's name when exactly one line fits, so the rest of the question is read as if the shopper had named it.
/// A bare ranking ("what's my priciest item?") is left to the ranking answer: only a description with more asked of it
/// is replaced.
/// </summary>
internal static partial class DescribedLine
{
    private const RegexOptions Options = RegexOptions.IgnoreCase | RegexOptions.CultureInvariant;

    private const string Noun = @"(?:one|item|thing|product|line)";
    private const string Where = @"(?:\s+(?:in|from) (?:my|the) (?:basket|cart|trolley)|\s+(?:i|we) (?:have|got|'ve got|picked|bought)|\s+i'?ve got)?";

    [GeneratedRegex(@"\b(?:the|my) (?<attr>organic|eco|ecological|lactose[- ]free|plant[- ]based|vegan) " + Noun + Where, Options)]
    private static partial Regex ByAttribute();

    [GeneratedRegex(@"\b(?:the|my) (?<rank>priciest|most expensive|dearest|cheapest|least expensive|heaviest|lightest|biggest|largest) " + Noun + Where + @"(?=\s*(?:[,:;\u2014\u2013-]|\?\s*(?:is it|is that|does it|how|what|where|who)\b|\s+(?:is it|is that|does it|how|what|where|who)\b))", Options)]
    private static partial Regex ByRank();

    /// <summary><paramref name="question"/> with a described line replaced by its name; null when none is described or several lines fit.</summary>
    public static string? Named(string question, IReadOnlyList<BasketLine> basket, ProductCatalog catalog)
    {
        var products = basket.Where(l => l.Qty > 0).Select(l => catalog.TryGet(l.Product, out var p) ? p : null).OfType<Product>().DistinctBy(p => p.Id).ToList();
        if (products.Count == 0)
        {
            return null;
        }

        if (ByAttribute().Match(question) is { Success: true } a)
        {
            var attr = a.Groups["attr"].Value.ToLowerInvariant();
            Func<Product, bool> has = attr.StartsWith("lact", StringComparison.Ordinal) ? p => p.Attributes.LactoseFree
                : attr is "organic" or "eco" or "ecological" ? p => p.Attributes.Organic
                : p => p.Attributes.PlantBased;
            return products.Where(has).ToList() is [var only] ? Replace(question, a, only) : null;
        }

        // "Which is the cheapest item I've got?" asks for the ranking itself.
        if (ByRank().Match(question) is { Success: true } r && !Regex.IsMatch(question[..r.Index], @"\b(?:which|what|whats|what's|tell me|name)\b", Options))
        {
            var rank = r.Groups["rank"].Value.ToLowerInvariant();
            Func<Product, double> key = rank is "heaviest" or "lightest" or "biggest" or "largest" ? p => p.UnitWeightGrams : p => (double)Pricing.UnitPrice(p);
            var highest = rank is not ("cheapest" or "least expensive" or "lightest");
            var ordered = (highest ? products.OrderByDescending(key) : products.OrderBy(key)).ToList();
            // A tie has no one line to name.
            return ordered.Count == 1 || key(ordered[0]) != key(ordered[1]) ? Replace(question, r, ordered[0]) : null;
        }

        return null;
    }

    private static string Replace(string question, Match m, Product p) =>
        $"{question[..m.Index]}the {p.ShopperFacingName}{question[(m.Index + m.Length)..]}";
}
