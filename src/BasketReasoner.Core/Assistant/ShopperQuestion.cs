using BasketReasoner.Core.Baskets;

namespace BasketReasoner.Core.Assistant;

/// <summary>A shopper's question on the cart's screen, with the basket it is asked about.</summary>
/// <param name="Basket">The basket as it stands; read-only to the assistant (a question never changes it).</param>
/// <param name="Question">The shopper's words, untrusted.</param>
public sealed record ShopperQuestion(IReadOnlyList<BasketLine> Basket, string Question)
{
    /// <summary>
    /// What the scale measured for the basket's loose produce (a copy), so totals match the receipt and the cart API;
    /// <c>null</c>: loose produce is priced at the catalog's unit weight and the answer says it is an estimate.
    /// </summary>
    public WeighingLedger? Weighing { get; init; }
}
