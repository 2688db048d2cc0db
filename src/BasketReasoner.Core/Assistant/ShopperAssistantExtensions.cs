namespace BasketReasoner.Core.Assistant;

public static class ShopperAssistantExtensions
{
    /// <summary>Runs <see cref="IShopperAssistant.AskStreamingAsync"/> to the end and returns the final answer.</summary>
    public static async Task<ShopperAnswer> AskAsync(
        this IShopperAssistant assistant, ShopperQuestion question, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(assistant);
        await foreach (var update in assistant.AskStreamingAsync(question, cancellationToken).ConfigureAwait(false))
        {
            if (update.Final is { } final)
            {
                return final;
            }
        }

        throw new InvalidOperationException("The assistant's stream ended without a final answer.");
    }
}
