using System.Text.RegularExpressions;

namespace BasketReasoner.Assistant.Understanding;

/// <summary>
/// The question inside a message padded with small talk, as shoppers type on a busy day: a greeting or "could you help me
/// with something?" before it, the morning's troubles before "anyway", "thanks, gotta run" or "(sorry, my kid is
/// yelling)" after it. What is dropped is never read for the question: "the bus never showed up" is not a question about
/// buses. The caller keeps the whole message when it asks for a change anywhere.
/// </summary>
internal static partial class Chatter
{
    private const RegexOptions Options = RegexOptions.IgnoreCase | RegexOptions.CultureInvariant;

    /// <summary><paramref name="message"/> without its small talk; the message itself when nothing is left to ask.</summary>
    public static string Strip(string message)
    {
        var text = message;
        for (var i = 0; i < 3; i++)
        {
            var before = text;
            text = TrailingAside().Replace(text, string.Empty);
            text = SignOff().Replace(text, string.Empty);
            text = Opener().Replace(text, string.Empty);
            if (text == before)
            {
                break;
            }
        }

        if (Pivot().Match(text) is { Success: true } pivot && Words(pivot.Groups["rest"].Value) >= 3)
        {
            text = pivot.Groups["rest"].Value;
        }
        else if (ButAsks().Match(text) is { Success: true } but && Words(but.Groups["pre"].Value) >= 6 && Words(but.Groups["rest"].Value) >= 3)
        {
            text = but.Groups["rest"].Value;
        }

        text = text.Trim();
        return Words(text) >= 2 ? text : message;
    }

    private static int Words(string s) => s.Split(' ', StringSplitOptions.RemoveEmptyEntries).Length;

    // "(sorry my kid is yelling)" closing the message; a parenthesis inside a question ("drinks (oat or soy milk)") stays.
    [GeneratedRegex(@"\s*\([^()?]{1,80}\)\W*$", Options)]
    private static partial Regex TrailingAside();

    [GeneratedRegex(@"(?:[\s.!,;:]*\b(?:ok(?:ay)?|anyway|anyways|so)?\s*(?:thanks?(?: (?:so much|a lot|in advance|again|a bunch))?|thank you(?: (?:so much|very much|in advance|again))?|many thanks|cheers|thx|ty|bye|bye bye|gotta (?:run|go)|got to (?:run|go)|you'?re (?:a |the )?(?:lifesaver|star|best|legend)|have a (?:nice|good|great) (?:day|one)|please|pls|plz|tack(?: så mycket)?|hej då)\b)+[\s!.,;:]*$", Options)]
    private static partial Regex SignOff();

    [GeneratedRegex(@"^\W*(?:(?:so|ok|okay|um|well|right)\b[\s!.,]+(?=\w))?(?:(?:hi|hey|hello|hej|hiya|good (?:morning|afternoon|evening))(?: there| again)?\b[\s!.,]*|(?:could|can|would) (?:you|u) (?:please )?help me(?: (?:with|out with) (?:something|a question|this|a thing))?\W*|(?:i have a |just a |a )?quick question\W*|can i ask (?:you )?(?:something|a question)\W*|(?:i )?hope you'?re having a (?:nice|good|great|lovely) day\W*|sorry to bother you\W*|excuse me\W*|sorry\b[\s,.!:;-]+(?=\w))", Options)]
    private static partial Regex Opener();

    // "ugh what a morning, the bus never showed up ..., anyway what do I pay for all this": the question after "anyway".
    [GeneratedRegex(@"^(?<pre>[^?]{12,}?)[\s,;.!-]+(?:anyway|anyhow|anyways|so anyway|but anyway|long story short)\b[\s,:;!-]*(?<rest>.+)$", Options | RegexOptions.Singleline)]
    private static partial Regex Pivot();

    // "we're having people over on saturday and I'm planning ahead, but do you have kiwis?": a long statement, then the question.
    [GeneratedRegex(@"^(?!\W*(?:how|what|which|where|when|who|why|is|are|do|does|did|can|could|will|would|should|have|has)\b)(?<pre>[^?]+?),\s*but\s+(?<rest>(?:do|does|can|could|is|are|how|what|which|where|when|have|has)\b.+)$", Options | RegexOptions.Singleline)]
    private static partial Regex ButAsks();
}
