using System.Text.RegularExpressions;

namespace BasketReasoner.Assistant.Understanding;

/// <summary>
/// Recognises requests to change the basket, its prices or payment, or the assistant's instructions, however phrased:
/// "SYSTEM:"-style prefixes, role-play, "from now on", discounts and freebies, marking or ticking items off always
/// count; plain action verbs (add, put in, remove, swap...) count only in a request, not in a question about the
/// basket ("how many did I put in?" asks, "put two more in" requests).
/// </summary>
internal static partial class ChangeGuard
{
    private const RegexOptions Options = RegexOptions.IgnoreCase | RegexOptions.CultureInvariant;

    // Something dressed as a system, admin or developer line, anywhere a line starts.
    [GeneratedRegex(@"(?:^|\n)\W*(?:system|sys|admin|administrator|developer|dev|root|operator|assistant|instructions?|prompt|note to (?:the )?(?:ai|assistant|model))\s*(?:message|mode|note|override|prompt)?\s*[:\]>|\-]", Options)]
    private static partial Regex SystemLine();

    [GeneratedRegex(@"\b(?:ignore|disregard|forget|override|bypass)\b.{0,40}\b(?:instructions?|rules?|prompt|told|said|above|before|previous|guidelines|restrictions?)\b|\b(?:from now on|new (?:instructions?|rules?|task)|system prompt|developer mode|admin mode|jailbreak|you are now|you're now|you must now|act as|pretend|role-?play|let'?s play|play the role|in character|simulate being|you (?:are|be) (?:the|a|my) (?:cashier|manager|clerk|employee|checkout))\b", Options)]
    private static partial Regex Instructions();

    [GeneratedRegex(@"\b(?:for free|free of charge|at no cost|for (?:0|zero|nothing)\b|0 ?(?:kr|sek|kronor)|zero (?:kr|sek|kronor|crowns)|discount|rabatt|coupon|voucher|promo code|price ?match|knock\w* .{0,30}\boff|waive\w*|comp (?:it|them|my)|on the house|mark\w* .{0,40}\b(?:as )?(?:paid|free|done|bought|scanned|purchased)|tick\w* .{0,40}\boff|check\w* .{0,30}\boff|(?:set|change|make|lower|reduce|drop|cut|update|adjust|edit) (?:the |my |every |all |each )?(?:\w+ )?(?:price|prices|total|cost|bill|quantity|quantities|amount|weight)|(?:you|please) make .{1,60}\b(?:free|cheaper)\b|^\W*make .{1,60}\b(?:free|cheaper)\b|refund|void|gratis|sänk priset|billigare åt mig|employee discount|staff discount|manager override|\d+ ?(?:%|percent|per cent) off|(?:percent|per cent) off|(?<!how much (?:do|will|would|should|did|must|shall) (?:i|we) )\bpay (?:for )?(?:my|the|this|our) (?:basket|cart|groceries|shopping|order|bill|items|stuff)\b|card on file|charge (?:my|the) card|complete (?:my |the |this )?(?:purchase|order|payment|checkout)|place (?:my |the |an |this )?order|check (?:me )?out now|don'?t (?:charge|bill)|not (?:charge|bill) me)\b", Options)]
    private static partial Regex Money();

    [GeneratedRegex(@"\b(?:add(?! up\b)|adding(?! up\b)|put|place|throw|toss|remove|delete|drop|take (?:out|off|away|back)|take .{1,40}\b(?:out|off)|swap|exchange|replace|substitute .{1,30}\bfor|make .{1,60}\b(?:free|cheaper)|empty|clear|cancel|scan|undo|return (?:the|my|it|them|this|these|that|those)\b(?! (?:policy|policies|form))|ta bort|lägg (?:till|i|in)|byt|töm)\b", Options)]
    private static partial Regex ActionVerb();

    // A question about the basket rather than a request: it opens with a question word and does not ask the assistant to act.
    [GeneratedRegex(@"^\W*(?:(?:hey|hi|hello|ok|okay|so|um|hmm|cart|sorry|quick question)\W+)*(?:how|what|what's|whats|which|when|where|who|why|did|do|does|have|has|had|is|are|was|were|am|hur|vad|vilk\w*|när|varför|har|är|hade)\b(?!.*\b(?:can you|could you|would you|will you|please|kan du)\b)", Options)]
    private static partial Regex QuestionForm();

    /// <summary>True when <paramref name="question"/> asks to change something rather than asks about it.</summary>
    public static bool IsChangeRequest(string question)
    {
        if (SystemLine().IsMatch(question) || Instructions().IsMatch(question) || Money().IsMatch(question))
        {
            return true;
        }

        // "The pears I put in - what does that come to?": a shopper telling what they did is not asking for a change.
        var asked = Narrative().Replace(question, " ");
        return ActionVerb().IsMatch(asked) && !QuestionForm().IsMatch(asked);
    }

    [GeneratedRegex(@"\b(?:i|i'?ve|we|we'?ve)(?: just| already)? (?:put|added|placed|threw|tossed|took|grabbed)(?: (?:in|into|out))?\b", Options)]
    private static partial Regex Narrative();
}
