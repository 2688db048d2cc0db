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
    [GeneratedRegex(@"(?:\?+|[,;]?\s+(?:and|also|plus|och|&)\b)\s*(?:(?:also|and|then|btw|oh|um|uh)\s+)*(?=(?:how|what|whats|what's|where|wheres|where's|which|when|who|is|are|does|do|did|can|could|will|would|has|have|tell me|vad|var|hur|är|finns)\b\W*\w+\W+\w+)", Options)]
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

    /// <summary>True when <paramref name="part"/> refers back to something named earlier ("where are they from").</summary>
    public static bool RefersBack(string part) => BackReference().IsMatch(part);
}
