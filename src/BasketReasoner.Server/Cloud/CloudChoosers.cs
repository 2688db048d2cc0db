using BasketReasoner.Composition.Options;
using BasketReasoner.Core.Catalog;
using BasketReasoner.Core.Escalation;
using BasketReasoner.Reasoning.Choice;

namespace BasketReasoner.Server.Cloud;

/// <summary>
/// The cloud stage as the server builds it, for callers outside the server (the evaluation replays the chain with
/// the very chooser, prompt and resilience pipeline the cart runs).
/// </summary>
public static class CloudChoosers
{
    /// <param name="options">Endpoint, model, key, timeouts and retries (<c>Cloud</c> section).</param>
    /// <param name="promptPath">The choice prompt (<c>Cloud:Prompt</c>, resolved).</param>
    /// <param name="catalog">Gives the candidates' catalogue facts to the prompt.</param>
    /// <param name="time">Clock for the resilience pipeline; default: the system's.</param>
    public static ICandidateChooser Create(CloudChooserOptions options, string promptPath, ProductCatalog catalog, TimeProvider? time = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(catalog);
        return new CloudCandidateChooser(
            options,
            new HttpClient(new SocketsHttpHandler { PooledConnectionLifetime = TimeSpan.FromMinutes(2) }) { Timeout = Timeout.InfiniteTimeSpan },
            time ?? TimeProvider.System,
            ChoosePrompt.FromFile(promptPath),
            catalog);
    }
}
