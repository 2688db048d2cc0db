using System.Globalization;
using System.Text.RegularExpressions;
using BasketReasoner.Core.Catalog;

namespace BasketReasoner.Assistant;

/// <summary>
/// Rejects a model's answer that states what the facts do not: every number in it must occur in the facts or the
/// question (within 0.005, or as a rounding of a fact to whole numbers), and every store product it names (by
/// display name or id) must be one the facts are about.
/// </summary>
internal static partial class GroundingGuard
{
    [GeneratedRegex(@"\d+(?:[.,]\d+)?", RegexOptions.CultureInvariant)]
    private static partial Regex Number();

    /// <summary><c>null</c> when grounded, else why not.</summary>
    public static string? Check(string answer, string facts, string question, ProductCatalog catalog)
    {
        var known = Numbers(facts).Concat(Numbers(question)).ToArray();
        foreach (var n in Numbers(answer))
        {
            if (!known.Any(k => Math.Abs(k - n) < 0.005 || (n == Math.Round(n) && Math.Abs(Math.Round(k) - n) < 0.5) || Math.Abs((k / 1000) - n) < 0.005))
            {
                return $"number {n.ToString(CultureInfo.InvariantCulture)} is not in the facts";
            }
        }

        foreach (var p in catalog.Products)
        {
            var named = answer.Contains(p.DisplayName, StringComparison.OrdinalIgnoreCase) || answer.Contains(p.Id, StringComparison.OrdinalIgnoreCase);
            if (named && !facts.Contains(p.Id, StringComparison.OrdinalIgnoreCase))
            {
                return $"product '{p.DisplayName}' is not in the facts";
            }
        }

        return null;
    }

    /// <summary>
    /// <c>null</c> when the model's answer still carries what the rules stage found, else why not: it must state at
    /// least one of the rules answer's numbers, or else name at least one product the rules answer cites. A grounded
    /// answer that drops the facts (a stock refusal, a change of subject) is no answer.
    /// </summary>
    public static string? CheckCoverage(string answer, string rulesText, IReadOnlyList<string> cited, ProductCatalog catalog)
    {
        var numbers = Numbers(rulesText).ToArray();
        if (numbers.Length > 0)
        {
            var said = Numbers(answer).ToArray();
            return numbers.Any(n => said.Any(a => Math.Abs(a - n) < 0.005)) ? null : "it states none of the answer's numbers";
        }

        if (cited.Count == 0)
        {
            return null;
        }

        foreach (var id in cited)
        {
            if (answer.Contains(id, StringComparison.OrdinalIgnoreCase)
                || (catalog.TryGet(id, out var product) && answer.Contains(product.DisplayName, StringComparison.OrdinalIgnoreCase)))
            {
                return null;
            }
        }

        return "it names none of the products the answer is about";
    }

    private static IEnumerable<double> Numbers(string text) =>
        Number().Matches(text).Select(m => double.Parse(m.Value.Replace(',', '.'), NumberStyles.Float, CultureInfo.InvariantCulture));
}
