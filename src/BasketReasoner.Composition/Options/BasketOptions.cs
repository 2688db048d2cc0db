using BasketReasoner.Assistant.ToolCalls;
using BasketReasoner.Generation;
using BasketReasoner.Reasoning.Escalation;
using BasketReasoner.Vision.Onnx;
using Microsoft.Extensions.Configuration;

namespace BasketReasoner.Composition.Options;

/// <summary>
/// The app's configuration, bound and validated once at start (<see cref="Load"/>): the <c>Server</c>, <c>Cloud</c>
/// and <c>Escalation</c> sections plus the paths they name, resolved. Every consumer (the server's host, the CLI,
/// the tests) gets this one object instead of reading the configuration again.
/// </summary>
public sealed class BasketOptions
{
    /// <summary>The sections this app owns: an unknown key in any of them is an error.</summary>
    public static IReadOnlyDictionary<string, Type> Sections { get; } = new Dictionary<string, Type>(StringComparer.OrdinalIgnoreCase)
    {
        [CartServerOptions.Section] = typeof(CartServerOptions),
        [CloudChooserOptions.Section] = typeof(CloudChooserOptions),
        [EscalationSection] = typeof(EscalationOptions),
    };

    public const string EscalationSection = "Escalation";

    private BasketOptions(CartServerOptions server, CloudChooserOptions cloud, EscalationOptions escalation)
    {
        Server = server;
        Cloud = cloud;
        Escalation = escalation;
    }

    public CartServerOptions Server { get; }

    public CloudChooserOptions Cloud { get; }

    /// <summary><see cref="CartServerOptions.EscalationConfig"/> (default: the embedded <c>config/escalation.json</c>) with the <c>Escalation</c> section over it.</summary>
    public EscalationOptions Escalation { get; }

    /// <summary>The on-device model folder, or <c>null</c> when there is none (empty, or the default folder absent).</summary>
    public string? OnDeviceModelFolder { get; private init; }

    /// <summary>How <see cref="OnDeviceModelFolder"/> is opened: <see cref="CartServerOptions.OnDeviceRuntime"/> and its GGUF.</summary>
    public EngineOptions OnDeviceEngine { get; private init; } = new();

    /// <summary>The on-device chooser's prompt file; set when <see cref="OnDeviceModelFolder"/> is.</summary>
    public string? OnDevicePromptPath { get; private init; }

    /// <summary>The assistant's answer prompt; set when <see cref="CartServerOptions.AssistantUsesModel"/> is true.</summary>
    public string? AssistantPromptPath { get; private init; }

    /// <summary>The cloud stage's candidate-choice template; set when <see cref="CloudChooserOptions.Endpoint"/> is.</summary>
    public string? CloudPromptPath { get; private init; }

    /// <summary>The assistant's tool-call model folder (<see cref="CartServerOptions.AssistantToolModel"/>), or <c>null</c>.</summary>
    public string? AssistantToolModelFolder { get; private init; }

    /// <summary>How the tool call and the rules reader combine (<see cref="CartServerOptions.AssistantToolPolicy"/>).</summary>
    public ToolCallPolicy AssistantToolPolicy { get; private init; }

    /// <summary>Which graph of the recognizer folder runs (<see cref="CartServerOptions.RecognizerPrecision"/>).</summary>
    public RecognizerPrecision RecognizerPrecision { get; private init; }

    /// <summary>The recognizer folder the server runs (<see cref="CartServerOptions.RecognizerModel"/>), resolved.</summary>
    public string RecognizerFolder { get; private init; } = DefaultAssets.RecognizerFolder;

    /// <summary>The fusion config file (<see cref="CartServerOptions.FusionConfig"/>), or <c>null</c> for the embedded one.</summary>
    public string? FusionConfigPath { get; private init; }

    /// <summary>The Open Food Facts TSV named by <see cref="CartServerOptions.ReferenceProducts"/>, or <c>null</c>.</summary>
    public string? ReferenceProductsPath { get; private init; }

    /// <summary>Binds the app's sections of <paramref name="configuration"/> and validates every value.</summary>
    /// <param name="configuration">Everything the host reads, the app's sections among it.</param>
    /// <param name="ownSources">
    /// The sources this app's users write (the <c>--config</c> file, <c>BASKET_</c> environment variables, overrides),
    /// part of <paramref name="configuration"/>: a top-level section in them that this app does not read (<c>Sever</c>)
    /// is refused as an unknown key is. The host's other sources (the machine's environment, <c>ASPNETCORE_</c> and
    /// <c>DOTNET_</c> variables) are never judged. Default: none judged.
    /// </param>
    /// <exception cref="InvalidConfigurationException">
    /// An unknown section or key, a value of the wrong type or shape, out of range or naming a missing file; the message
    /// names the key, the value and what it may be.
    /// </exception>
    public static BasketOptions Load(IConfiguration configuration, IConfigurationRoot? ownSources = null)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        if (ownSources is not null)
        {
            UnknownKeys.CheckSections(ownSources, Sections.Keys);
        }

        foreach (var (name, type) in Sections)
        {
            UnknownKeys.Check(configuration.GetSection(name), type);
        }

        var server = Bind(configuration, CartServerOptions.Section, new CartServerOptions());
        var cloud = Bind(configuration, CloudChooserOptions.Section, new CloudChooserOptions());
        OptionsRules.Check(server);
        OptionsRules.Check(cloud);

        var escalationFile = server.EscalationConfig is { Length: > 0 } e
            ? OptionsRules.ExistingFile($"{CartServerOptions.Section}:{nameof(CartServerOptions.EscalationConfig)}", e)
            : null;
        EscalationOptions escalation;
        try
        {
            escalation = EscalationConfig.Load(escalationFile);
        }
        catch (System.Text.Json.JsonException ex)
        {
            throw new InvalidConfigurationException($"{CartServerOptions.Section}:{nameof(CartServerOptions.EscalationConfig)}", $"is not valid JSON: {ex.Message}", ex);
        }

        escalation = Bind(configuration, EscalationSection, escalation);
        OptionsRules.Check(escalation);

        var model = OptionsRules.OnDeviceModel(server.OnDeviceModel);
        var recognizer = OptionsRules.RecognizerFolder(server.RecognizerModel);
        var engine = OptionsRules.OnDeviceEngine(server, model);
        var assistantPrompt = server.AssistantUsesModel ? OptionsRules.ExistingFile(Key(nameof(CartServerOptions.AssistantPrompt)), server.AssistantPrompt) : null;
        if (assistantPrompt is not null && model is not null && server.ChatBackend == "none")
        {
            // The on-device model is the chat client that words the answers (AddOnDevice); with none, or with the
            // recognizer or fusion on the chat API, AddAssistant refuses the setting instead.
            OptionsRules.AssistantPromptFits(model, engine, assistantPrompt);
        }

        return new BasketOptions(server, cloud, escalation)
        {
            OnDeviceModelFolder = model,
            OnDeviceEngine = engine,
            OnDevicePromptPath = model is null ? null : OptionsRules.ExistingFile(Key(nameof(CartServerOptions.OnDevicePrompt)), server.OnDevicePrompt),
            AssistantPromptPath = assistantPrompt,
            CloudPromptPath = cloud.Endpoint is null ? null : OptionsRules.ExistingFile($"{CloudChooserOptions.Section}:{nameof(CloudChooserOptions.Prompt)}", cloud.Prompt),
            AssistantToolModelFolder = OptionsRules.AssistantToolModel(server.AssistantToolModel),
            AssistantToolPolicy = OptionsRules.ToolPolicy(server.AssistantToolPolicy),
            RecognizerPrecision = OptionsRules.RecognizerPrecision(server.RecognizerPrecision, recognizer),
            RecognizerFolder = recognizer,
            FusionConfigPath = server.FusionConfig is { Length: > 0 } f ? OptionsRules.ExistingFile(Key(nameof(CartServerOptions.FusionConfig)), f) : null,
            ReferenceProductsPath = server.ReferenceProducts is { Length: > 0 } r ? OptionsRules.ExistingFile(Key(nameof(CartServerOptions.ReferenceProducts)), r) : null,
        };
    }

    private static string Key(string property) => $"{CartServerOptions.Section}:{property}";

    // The binder names the key it could not convert ("Failed to convert configuration value 'four' at
    // 'Server:MaxFrames' to type 'System.Int32'."); that becomes the one-line error in the config's words, with the
    // value and what the key takes ("must be a whole number of at least 1, got 'four'").
    private static T Bind<T>(IConfiguration configuration, string section, T options)
        where T : class
    {
        try
        {
            configuration.GetSection(section).Bind(options);
            return options;
        }
        catch (InvalidOperationException ex) when (Quoted(ex.Message, " at '") is { } key)
        {
            var expected = ConfigValues.Expected(Quoted(ex.Message, "to type '"), key);
            throw new InvalidConfigurationException(key, $"must be {expected}, got '{configuration[key]}'", ex);
        }
    }

    private static string? Quoted(string message, string before)
    {
        var start = message.IndexOf(before, StringComparison.Ordinal);
        if (start < 0)
        {
            return null;
        }

        start += before.Length;
        var end = message.IndexOf('\'', start);
        return end > start ? message[start..end] : null;
    }
}
