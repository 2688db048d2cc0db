namespace BasketReasoner.Core.Assistant;

/// <summary>What kind of reply the assistant gave; graders and the screen treat each differently.</summary>
public enum ShopperAnswerKind
{
    /// <summary>Answered from basket and catalog facts, citing the products used.</summary>
    Answered,

    /// <summary>In scope, but the catalog holds no fact that answers it (the assistant says so instead of guessing).</summary>
    Unknown,

    /// <summary>Out of scope (not about the basket, the catalog or the store); declined politely.</summary>
    Declined,

    /// <summary>Asked to change the basket (add, remove, discount...); a question can never do that.</summary>
    RefusedBasketChange,

    /// <summary>The question names a product the basket holds several of, differing on what was asked: the answer asks which one (never a guess).</summary>
    Clarify,
}
