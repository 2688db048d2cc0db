namespace BasketReasoner.Eval.Harness.Systems;

/// <summary>A model's reply named none of the candidates; graded as a wrong choice, with the reply kept.</summary>
public sealed class UnparsableChoiceException(string reply, int inputTokens, int outputTokens)
    : Exception($"the reply names none of the candidates: {Shorten(reply)}")
{
    public string Reply { get; } = reply;

    public int InputTokens { get; } = inputTokens;

    public int OutputTokens { get; } = outputTokens;

    private static string Shorten(string s) => s.Length <= 80 ? s : s[..80] + "...";
}
