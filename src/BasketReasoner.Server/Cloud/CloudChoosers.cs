using BasketReasoner.Composition.Options;
using BasketReasoner.Core.Catalog;
using BasketReasoner.Core.Escalation;
using BasketReasoner.Reasoning.Choice;

namespace BasketReasoner.Server.Cloud;

/// <summary>
/// The cloud stage: what the server registers and what the evaluation replays the chain with, so both run the very
/// chooser, prompt and resilience pipeline.
/// </summary>
public static class CloudChoosers
{
    /// <summary>The largest cloud answer read: 1 MiB (a candidate choice is a few hundred bytes).</summary>
    public const long MaxAnswerBytes = 1 << 20;

    /// <param name="options">Endpoint, model, key, timeouts and retries (<c>Cloud</c> section).</param>
    /// <param name="prompt">The choice prompt (<c>Cloud:Prompt</c>).</param>
    /// <param name="catalog">Gives the candidates' catalogue facts to the prompt.</param>
    /// <param name="time">Clock for the resilience pipeline; default: the system's.</param>
    public static ICandidateChooser Create(CloudChooserOptions options, ChoosePrompt prompt, ProductCatalog catalog, TimeProvider? time = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(prompt);
        ArgumentNullException.ThrowIfNull(catalog);
        return new CloudCandidateChooser(
            options,
            new HttpClient(new ResponseSizeLimit(MaxAnswerBytes, new SocketsHttpHandler { PooledConnectionLifetime = TimeSpan.FromMinutes(2) })) { Timeout = Timeout.InfiniteTimeSpan },
            time ?? TimeProvider.System,
            prompt,
            catalog);
    }
}
