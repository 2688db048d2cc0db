using BasketReasoner.Core.Baskets;

namespace BasketReasoner.Core.Assistant;

/// <summary>A shopper's question on the cart's screen, with the basket it is asked about.</summary>
/// <param name="Basket">The basket as it stands; read-only to the assistant (a question never changes it).</param>
/// <param name="Question">The shopper's words, untrusted.</param>
public sealed record ShopperQuestion(IReadOnlyList<BasketLine> Basket, string Question);
