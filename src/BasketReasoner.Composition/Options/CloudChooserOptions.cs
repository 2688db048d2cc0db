namespace BasketReasoner.Composition.Options;

/// <summary>
/// The <c>Cloud</c> section: where the cloud fallback lives and how hard to try it. With no <see cref="Endpoint"/>
/// the chain has no cloud stage.
/// </summary>
public sealed class CloudChooserOptions
{
    public const string Section = "Cloud";

    /// <summary>Base URL of an OpenAI-compatible API, e.g. <c>http://fallback:8080/v1</c>. Default: none (stage off).</summary>
    public Uri? Endpoint { get; set; }

    /// <summary>Model id sent with each request. Default: <c>basket-on-device</c> (what a larger <c>basket serve</c> lists).</summary>
    public string Model { get; set; } = "basket-on-device";

    /// <summary>
    /// The candidate-choice template (its folder also holds the answer schema, <c>answer.schema.json</c>). A relative
    /// path is taken from the checkout's root, else beside the program. Default: <c>prompts/choose-product/v2.md</c>.
    /// </summary>
    public string Prompt { get; set; } = Path.Combine("prompts", "choose-product", "v2.md");

    /// <summary>Bearer key for the endpoint; keep it in the secret file. Default: none.</summary>
    public string? ApiKey { get; set; }

    /// <summary>Budget for one HTTP attempt. Default: 2 s.</summary>
    public TimeSpan AttemptTimeout { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>Budget for all attempts together. Default: 6 s.</summary>
    public TimeSpan TotalTimeout { get; set; } = TimeSpan.FromSeconds(6);

    /// <summary>Retries after the first attempt (exponential backoff with jitter). Default: 2.</summary>
    public int MaxRetryAttempts { get; set; } = 2;

    /// <summary>Median delay before the first retry; doubles each retry. Default: 200 ms.</summary>
    public TimeSpan RetryBaseDelay { get; set; } = TimeSpan.FromMilliseconds(200);

    /// <summary>Share of failed calls in <see cref="BreakerSamplingDuration"/> that opens the circuit. Default: 0.5.</summary>
    public double BreakerFailureRatio { get; set; } = 0.5;

    /// <summary>Calls needed in the window before the breaker may open. Default: 4.</summary>
    public int BreakerMinimumThroughput { get; set; } = 4;

    /// <summary>Window the failure ratio is measured over. Default: 30 s.</summary>
    public TimeSpan BreakerSamplingDuration { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>How long an open circuit fails fast before a trial call. Default: 30 s.</summary>
    public TimeSpan BreakerBreakDuration { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Most tokens the model may answer with. Default: 64.</summary>
    public int MaxOutputTokens { get; set; } = 64;
}
