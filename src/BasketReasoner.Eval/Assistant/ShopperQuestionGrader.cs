using System.Globalization;
using System.Text.RegularExpressions;
using BasketReasoner.Core.Assistant;

namespace BasketReasoner.Eval.Assistant;

/// <summary>
/// Grades an answer against a case's expectation with exactly the keys of <c>eval/datasets/README.md</c>: kind,
/// numbers (some number in the text within tolerance), contains_all / contains_any / not_contains
/// (case-insensitive), product_ids (each among the cited ids), regex (case-insensitive).
/// </summary>
public static partial class ShopperQuestionGrader
{
    [GeneratedRegex(@"-?\d+(?:[.,]\d+)?", RegexOptions.CultureInvariant)]
    private static partial Regex Number();

    /// <summary>The failed checks; empty when the answer passes.</summary>
    public static IReadOnlyList<string> Grade(ShopperExpectation expect, ShopperAnswer answer)
    {
        var failed = new List<string>();
        var text = answer.Text;
        if (expect.Kind is { } kind && !kind.Equals(KindName(answer.Kind), StringComparison.OrdinalIgnoreCase))
        {
            failed.Add($"kind {KindName(answer.Kind)} != {kind}");
        }

        var numbers = Number().Matches(text).Select(m => double.Parse(m.Value.Replace(',', '.'), NumberStyles.Float, CultureInfo.InvariantCulture)).ToArray();
        foreach (var n in expect.Numbers ?? [])
        {
            if (!numbers.Any(x => Math.Abs(x - n.Value) <= n.Tolerance + 1e-9))
            {
                failed.Add($"number {n.Value}");
            }
        }

        foreach (var s in expect.ContainsAll ?? [])
        {
            if (!text.Contains(s, StringComparison.OrdinalIgnoreCase))
            {
                failed.Add($"contains '{s}'");
            }
        }

        if (expect.ContainsAny is { Count: > 0 } any && !any.Any(s => text.Contains(s, StringComparison.OrdinalIgnoreCase)))
        {
            failed.Add($"contains any of '{string.Join("', '", any)}'");
        }

        foreach (var s in expect.NotContains ?? [])
        {
            if (text.Contains(s, StringComparison.OrdinalIgnoreCase))
            {
                failed.Add($"not contains '{s}'");
            }
        }

        foreach (var id in expect.ProductIds ?? [])
        {
            if (!answer.CitedProductIds.Contains(id, StringComparer.OrdinalIgnoreCase))
            {
                failed.Add($"cites {id}");
            }
        }

        if (expect.Regex is { } pattern && !Regex.IsMatch(text, pattern, RegexOptions.IgnoreCase | RegexOptions.CultureInvariant, TimeSpan.FromSeconds(1)))
        {
            failed.Add($"regex {pattern}");
        }

        return failed;
    }

    public static string KindName(ShopperAnswerKind kind) => kind switch
    {
        ShopperAnswerKind.Answered => "answered",
        ShopperAnswerKind.Unknown => "unknown",
        ShopperAnswerKind.Declined => "declined",
        ShopperAnswerKind.RefusedBasketChange => "refused_basket_change",
        _ => kind.ToString(),
    };
}
