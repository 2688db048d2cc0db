namespace BasketReasoner.Composition.Options;

/// <summary>
/// A configuration value the app refuses to start with. The message is one line that names the key, e.g.
/// <c>Escalation:FusionAcceptThreshold must be in [0, 1], got -1</c>; the CLI prints it as one line and exits 1.
/// </summary>
public sealed class InvalidConfigurationException : Exception
{
    public InvalidConfigurationException(string key, string problem, Exception? inner = null)
        : base($"{key} {problem}", inner)
    {
        Key = key;
    }

    /// <summary>The configuration key, e.g. <c>Server:EventLogPath</c>.</summary>
    public string Key { get; }
}
