namespace BasketReasoner.Reasoning.Choice;

/// <summary>
/// A model's reply is not a valid candidate choice. The harness grades it as a wrong choice with the reply kept; the
/// cloud stage does not retry it (asking again rarely fixes it, and the shopper is the next stage anyway).
/// </summary>
public sealed class UnparsableChoiceException(string problem, string reply, int inputTokens, int outputTokens)
    : Exception($"{problem}: {Shorten(reply)}")
{
    public string Reply { get; } = reply;

    public int InputTokens { get; } = inputTokens;

    public int OutputTokens { get; } = outputTokens;

    private static string Shorten(string s) => s.Length == 0 ? "(empty)" : s.Length <= 120 ? s : s[..120] + "…";
}
