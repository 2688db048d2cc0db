namespace BasketReasoner.Core.Assistant;

/// <summary>Answers shoppers' questions from the basket and the catalog, never by inventing facts.</summary>
public interface IShopperAssistant
{
    /// <summary>Streams the answer; the last update carries <see cref="ShopperAnswerUpdate.Final"/>.</summary>
    IAsyncEnumerable<ShopperAnswerUpdate> AskStreamingAsync(ShopperQuestion question, CancellationToken cancellationToken = default);
}
