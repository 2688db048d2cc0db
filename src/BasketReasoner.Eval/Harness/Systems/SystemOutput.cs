namespace BasketReasoner.Eval.Harness.Systems;

/// <summary>What a system answered for one case, in the shape graders read.</summary>
public sealed record SystemOutput
{
    /// <summary>The answer's text (a shopper answer, a chosen id, a rendered basket).</summary>
    public string Text { get; init; } = "";

    /// <summary>For ambiguous items: the product chosen.</summary>
    public string? ChosenProductId { get; init; }

    /// <summary>For shopper questions: answered / unknown / declined / refused_basket_change.</summary>
    public string? Kind { get; init; }

    /// <summary>For shopper questions: what answered (<c>ShopperAnswer.Stage</c>: <c>rules</c>, <c>tool-call</c>, a model's stage, or why a stage was passed over).</summary>
    public string? Stage { get; init; }

    /// <summary>Product ids the answer cites.</summary>
    public IReadOnlyList<string> ProductIds { get; init; } = [];

    /// <summary>For sessions: (truth, decision) per event; for ambiguous items one pair. Feeds the confusion view.</summary>
    public IReadOnlyList<EventDecision> Decisions { get; init; } = [];

    /// <summary>For sessions: whether the final basket equals the expected one.</summary>
    public bool? BasketMatches { get; init; }

    public int InputTokens { get; init; }

    public int OutputTokens { get; init; }

    /// <summary>The raw model reply, when it differs from <see cref="Text"/> (parsing is graded, so keep what was parsed).</summary>
    public string? Raw { get; init; }
}

/// <summary>One decision against its truth.</summary>
public sealed record EventDecision(string? Truth, string Decided);
