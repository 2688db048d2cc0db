using System.Globalization;
using System.Text.Json;
using BasketReasoner.Assistant;
using BasketReasoner.Assistant.ToolCalls;
using BasketReasoner.Core.Prompts;
using BasketReasoner.Generation;
using BasketReasoner.Generation.Model;
using BasketReasoner.Reasoning.Escalation;
using BasketReasoner.Vision.Onnx;

namespace BasketReasoner.Composition.Options;

/// <summary>The ranges, enum values, URLs and paths every option must satisfy; the first violation stops the start.</summary>
internal static class OptionsRules
{
    /// <summary>The values <see cref="CartServerOptions.ChatBackend"/> takes.</summary>
    public static readonly string[] ChatBackends = ["none", "recognizer", "fusion"];

    /// <summary>The values <see cref="CartServerOptions.OnDeviceRuntime"/> takes.</summary>
    public static readonly string[] OnDeviceRuntimes = ["ort", "llama", "genai"];

    /// <summary>The values <see cref="CartServerOptions.AssistantToolPolicy"/> takes.</summary>
    public static readonly string[] ToolPolicies = [.. ToolCallPolicyNames.All];

    /// <summary>The values <see cref="CartServerOptions.OnDeviceGguf"/> takes.</summary>
    public static readonly string[] OnDeviceGgufTypes = ["f32", "f16", "q8_0", "q4_0"];

    public static void Check(CartServerOptions o)
    {
        const string s = CartServerOptions.Section;
        ServerBounds(o, Within);
        if (o.FlywheelFolder is { Length: > 0 } flywheel && File.Exists(flywheel))
        {
            throw new InvalidConfigurationException($"{s}:{nameof(o.FlywheelFolder)}", $"names a file, not a folder: '{Path.GetFullPath(flywheel)}'");
        }

        NotEmpty($"{s}:{nameof(o.ModelId)}", o.ModelId);
        OneOf($"{s}:{nameof(o.ChatBackend)}", o.ChatBackend, ChatBackends);
        OneOf($"{s}:{nameof(o.OnDeviceRuntime)}", o.OnDeviceRuntime, OnDeviceRuntimes);
        OneOf($"{s}:{nameof(o.AssistantToolPolicy)}", o.AssistantToolPolicy, ToolPolicies);
        OneOf($"{s}:{nameof(o.OnDeviceGguf)}", o.OnDeviceGguf, OnDeviceGgufTypes);
        OneOf($"{s}:{nameof(o.RecognizerPrecision)}", o.RecognizerPrecision, [.. RecognizerPrecisionNames.Choices]);
        WritableFile($"{s}:{nameof(o.EventLogPath)}", o.EventLogPath);
        foreach (var (cart, key) in o.Carts)
        {
            NotEmpty($"{s}:{nameof(o.Carts)}:{cart}", key);
            if (!ResourceIds.IsValid(cart))
            {
                // The id is a path segment of every cart route: one the routes cannot address must not start.
                throw new InvalidConfigurationException($"{s}:{nameof(o.Carts)}:{cart}", $"names a cart id that is not {ResourceIds.Rule}");
            }
        }

        for (var i = 0; i < o.ChatApiKeys.Count; i++)
        {
            NotEmpty($"{s}:{nameof(o.ChatApiKeys)}:{i}", o.ChatApiKeys[i]);
        }

        if (o.CartKeysFile is { Length: > 0 } keys)
        {
            ExistingFile($"{s}:{nameof(o.CartKeysFile)}", keys);
        }

        if (o.DataRoot is { Length: > 0 } data && !Directory.Exists(AppPaths.Resolve(data)))
        {
            throw new InvalidConfigurationException($"{s}:{nameof(o.DataRoot)}", $"names a folder that does not exist: '{AppPaths.Resolve(data)}'");
        }
    }

    /// <summary>
    /// What the numeric option <paramref name="key"/> allows, e.g. <c>between 0 and 256</c> or <c>of at least 1</c>, for
    /// the message when its value is not a number at all; <c>null</c> when it has no bound here.
    /// </summary>
    public static string? Allowed(string key)
    {
        string? found = null;
        void Record(string k, double value, double min, double max)
        {
            if (found is null && string.Equals(k, key, StringComparison.OrdinalIgnoreCase))
            {
                found = double.IsPositiveInfinity(max) ? Invariant($"of at least {min}") : Invariant($"between {min} and {max}");
            }
        }

        // The defaults' bounds: only FrameWaitTimeoutMs's lower bound depends on another option (the join window).
        ServerBounds(new CartServerOptions(), Record);
        CloudBounds(new CloudChooserOptions(), Record);
        EscalationBounds(new EscalationOptions(), Record);
        return found;
    }

    /// <summary>A numeric rule: <paramref name="value"/> must lie in [<paramref name="min"/>, <paramref name="max"/>]; an infinite max means "at least".</summary>
    private delegate void Bound(string key, double value, double min, double max);

    // Every numeric bound in one place, so the start-up check and the "is not a number" message quote the same range.
    private static void ServerBounds(CartServerOptions o, Bound bound)
    {
        const string s = CartServerOptions.Section;
        const double Unbounded = double.PositiveInfinity;
        // 100,000 workers never reached "listening" and grew toward out-of-memory; a 10-byte body limit refused every event.
        bound($"{s}:{nameof(o.ResolverWorkers)}", o.ResolverWorkers, 0, 256);
        bound($"{s}:{nameof(o.MaxRequestBodyBytes)}", o.MaxRequestBodyBytes, 64L << 10, 1L << 30);
        bound($"{s}:{nameof(o.MaxFrameBytes)}", o.MaxFrameBytes, 1, Unbounded);
        bound($"{s}:{nameof(o.MaxFrames)}", o.MaxFrames, 1, Unbounded);
        bound($"{s}:{nameof(o.MaxQuestionChars)}", o.MaxQuestionChars, 1, Unbounded);
        bound($"{s}:{nameof(o.MaxQueuedEvents)}", o.MaxQueuedEvents, 1, 100_000);
        bound($"{s}:{nameof(o.MaxQueuedEventsPerCart)}", o.MaxQueuedEventsPerCart, 1, 1000);
        bound($"{s}:{nameof(o.MaxPendingConfirmations)}", o.MaxPendingConfirmations, 1, 1000);
        bound($"{s}:{nameof(o.MaxSamplesPerBatch)}", o.MaxSamplesPerBatch, 1, 100_000);
        bound($"{s}:{nameof(o.MaxQueuedRefinements)}", o.MaxQueuedRefinements, 1, 10_000);
        bound($"{s}:{nameof(o.RefinementNice)}", o.RefinementNice, 0, 19);
        bound($"{s}:{nameof(o.ScaleSampleRateHz)}", o.ScaleSampleRateHz, 0.001, 10_000);
        bound($"{s}:{nameof(o.FrameJoinWindowMs)}", o.FrameJoinWindowMs, 1, 60_000);
        bound($"{s}:{nameof(o.MaxWaitingFrames)}", o.MaxWaitingFrames, 1, 1000);
        bound($"{s}:{nameof(o.MaxFrameLeadMs)}", o.MaxFrameLeadMs, 1, 86_400_000);
        bound($"{s}:{nameof(o.MaxFrameLagMs)}", o.MaxFrameLagMs, 1, 86_400_000);
        bound($"{s}:{nameof(o.MaxScaleGapMs)}", o.MaxScaleGapMs, 1, 86_400_000);
        // A frame must be able to wait out its join window before the server's clock gives up on it.
        bound($"{s}:{nameof(o.FrameWaitTimeoutMs)}", o.FrameWaitTimeoutMs, o.FrameJoinWindowMs, 3_600_000);
        bound($"{s}:{nameof(o.FlywheelMaxExamples)}", o.FlywheelMaxExamples, 1, 10_000_000);
    }

    // Polly's own bounds: at least one retry, at least 2 calls.
    private static void CloudBounds(CloudChooserOptions o, Bound bound)
    {
        const string s = CloudChooserOptions.Section;
        bound($"{s}:{nameof(o.MaxRetryAttempts)}", o.MaxRetryAttempts, 1, double.PositiveInfinity);
        bound($"{s}:{nameof(o.BreakerMinimumThroughput)}", o.BreakerMinimumThroughput, 2, double.PositiveInfinity);
        bound($"{s}:{nameof(o.MaxOutputTokens)}", o.MaxOutputTokens, 1, double.PositiveInfinity);
    }

    private static void EscalationBounds(EscalationOptions o, Bound bound) =>
        bound($"{BasketOptions.EscalationSection}:{nameof(o.CandidateCount)}", o.CandidateCount, 2, double.PositiveInfinity);

    // NaN compares false with everything, so it fails here too.
    private static void Within(string key, double value, double min, double max)
    {
        if (!(value >= min && value <= max))
        {
            throw new InvalidConfigurationException(key, double.IsPositiveInfinity(max)
                ? Invariant($"must be at least {min}, got {value}")
                : Invariant($"must be between {min} and {max}, got {value}"));
        }
    }

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);

    public static void Check(CloudChooserOptions o)
    {
        const string s = CloudChooserOptions.Section;
        if (o.Endpoint is { } endpoint && (!endpoint.IsAbsoluteUri || endpoint.Scheme is not ("http" or "https")))
        {
            throw new InvalidConfigurationException($"{s}:{nameof(o.Endpoint)}", $"must be an absolute http or https URL, got '{endpoint.OriginalString}'");
        }

        NotEmpty($"{s}:{nameof(o.Model)}", o.Model);
        Positive($"{s}:{nameof(o.AttemptTimeout)}", o.AttemptTimeout);
        Positive($"{s}:{nameof(o.TotalTimeout)}", o.TotalTimeout);
        if (o.TotalTimeout < o.AttemptTimeout)
        {
            throw new InvalidConfigurationException($"{s}:{nameof(o.TotalTimeout)}", $"must be at least {s}:{nameof(o.AttemptTimeout)} ({o.AttemptTimeout}), got {o.TotalTimeout}");
        }

        // Polly's own bounds: at least one retry, a ratio in (0, 1], at least 2 calls, windows of at least 0.5 s.
        CloudBounds(o, Within);
        if (o.RetryBaseDelay < TimeSpan.Zero)
        {
            throw new InvalidConfigurationException($"{s}:{nameof(o.RetryBaseDelay)}", $"must not be negative, got {o.RetryBaseDelay}");
        }

        if (!double.IsFinite(o.BreakerFailureRatio) || o.BreakerFailureRatio is <= 0 or > 1)
        {
            throw new InvalidConfigurationException($"{s}:{nameof(o.BreakerFailureRatio)}", $"must be in (0, 1], got {Show(o.BreakerFailureRatio)}");
        }

        AtLeast($"{s}:{nameof(o.BreakerSamplingDuration)}", o.BreakerSamplingDuration, TimeSpan.FromMilliseconds(500));
        AtLeast($"{s}:{nameof(o.BreakerBreakDuration)}", o.BreakerBreakDuration, TimeSpan.FromMilliseconds(500));
    }

    public static void Check(EscalationOptions o)
    {
        const string s = BasketOptions.EscalationSection;
        Probability($"{s}:{nameof(o.FusionAcceptThreshold)}", o.FusionAcceptThreshold);

        // Above 1 is allowed for the chooser stages: it means "never accept" (what config/escalation.json ships for the VLM).
        if (!double.IsFinite(o.OnDeviceAcceptThreshold) || o.OnDeviceAcceptThreshold < 0)
        {
            throw new InvalidConfigurationException($"{s}:{nameof(o.OnDeviceAcceptThreshold)}", $"must be a number ≥ 0 (above 1: never accept), got {Show(o.OnDeviceAcceptThreshold)}");
        }

        if (!double.IsFinite(o.CloudAcceptThreshold) || o.CloudAcceptThreshold < 0)
        {
            throw new InvalidConfigurationException($"{s}:{nameof(o.CloudAcceptThreshold)}", $"must be a number ≥ 0 (above 1: never accept), got {Show(o.CloudAcceptThreshold)}");
        }

        EscalationBounds(o, Within);
        Positive($"{s}:{nameof(o.OnDeviceTimeout)}", o.OnDeviceTimeout);
        Positive($"{s}:{nameof(o.CloudTimeout)}", o.CloudTimeout);
    }

    /// <summary>The on-device model folder: <c>null</c> when empty or when the default is absent; a named folder must exist.</summary>
    public static string? OnDeviceModel(string? configured) =>
        OptionalFolder(nameof(CartServerOptions.OnDeviceModel), configured, new CartServerOptions().OnDeviceModel, "an on-device model");

    /// <summary>
    /// A checked <see cref="CartServerOptions.RecognizerPrecision"/> as the recognizer's enum (<c>default</c> resolved
    /// through the folder's <c>recognizer.json</c>); the recognizer folder the server runs must hold that precision's
    /// graph, so a missing one stops the start instead of the first event.
    /// </summary>
    public static RecognizerPrecision RecognizerPrecision(string checkedValue, string recognizerFolder)
    {
        var precision = RecognizerPrecisionNames.ParseChoice(checkedValue) ?? FolderDefaultPrecision(recognizerFolder);
        ExistingFile($"{CartServerOptions.Section}:{nameof(CartServerOptions.RecognizerPrecision)}",
            Path.Combine(recognizerFolder, RecognizerModelCard.ModelFile(precision)));
        return precision;
    }

    private static RecognizerPrecision FolderDefaultPrecision(string recognizerFolder)
    {
        try
        {
            return RecognizerModelCard.Load(recognizerFolder).DefaultPrecision;
        }
        catch (Exception e) when (e is InvalidDataException or JsonException or FileNotFoundException)
        {
            throw new InvalidConfigurationException($"{CartServerOptions.Section}:{nameof(CartServerOptions.RecognizerModel)}", e.Message);
        }
    }

    /// <summary>
    /// The recognizer folder: the embedded <c>models/recognizer</c> when <paramref name="configured"/> is empty, else
    /// the named folder, which must exist and hold <c>recognizer.json</c>.
    /// </summary>
    public static string RecognizerFolder(string? configured)
    {
        if (string.IsNullOrWhiteSpace(configured))
        {
            return DefaultAssets.RecognizerFolder;
        }

        var key = $"{CartServerOptions.Section}:{nameof(CartServerOptions.RecognizerModel)}";
        var path = AppPaths.Resolve(configured);
        if (!Directory.Exists(path))
        {
            throw new InvalidConfigurationException(key, $"names a folder that does not exist: '{path}'");
        }

        ExistingFile(key, Path.Combine(path, "recognizer.json"));
        return path;
    }

    /// <summary>A checked <see cref="CartServerOptions.AssistantToolPolicy"/> as the assistant's enum.</summary>
    public static ToolCallPolicy ToolPolicy(string checkedValue) =>
        ToolCallPolicyNames.Parse(checkedValue);

    /// <summary>The assistant's tool-call model folder, by the same rule as <see cref="OnDeviceModel"/>.</summary>
    public static string? AssistantToolModel(string? configured) =>
        OptionalFolder(nameof(CartServerOptions.AssistantToolModel), configured, new CartServerOptions().AssistantToolModel, "a tool-call model");

    private static string? OptionalFolder(string property, string? configured, string? byDefault, string what)
    {
        if (string.IsNullOrWhiteSpace(configured))
        {
            return null;
        }

        var path = AppPaths.Resolve(configured);
        if (Directory.Exists(path))
        {
            return path;
        }

        return configured == byDefault
            ? null
            : throw new InvalidConfigurationException($"{CartServerOptions.Section}:{property}",
                $"names a folder that does not exist: '{path}'; set it to \"\" to run without {what}");
    }

    /// <summary>
    /// With <see cref="CartServerOptions.AssistantUsesModel"/> on, the on-device model that words the answers must hold
    /// the assistant prompt's fixed part (the prompt file rendered with no facts and no question) plus the answer's
    /// budget (<see cref="ShopperAssistantOptions.DefaultMaxOutputTokens"/>). Checked at start because otherwise the
    /// setting fails on every question, quietly: each /ask fell back to the rules with "The prompt has 620 tokens; the
    /// model holds at most 512" in its stage (the shipped VLM's context is 512 tokens).
    /// </summary>
    public static void AssistantPromptFits(string modelFolder, EngineOptions engine, string promptPath)
    {
        const string s = CartServerOptions.Section;
        List<PromptMessage> messages;
        try
        {
            var (system, user) = PromptFile.FromFile(promptPath).Render(new Dictionary<string, string> { ["facts"] = "", ["question"] = "" });
            messages = system.Length == 0 ? [new(PromptRole.User, user)] : [new(PromptRole.System, system), new(PromptRole.User, user)];
        }
        catch (FormatException ex)
        {
            throw new InvalidConfigurationException($"{s}:{nameof(CartServerOptions.AssistantPrompt)}", $"is not an assistant prompt with {{{{facts}}}} and {{{{question}}}}: {ex.Message}", ex);
        }

        PromptFit fit;
        try
        {
            fit = PromptFit.Measure(modelFolder, engine, messages);
        }
        catch (InvalidModelException ex)
        {
            throw new InvalidConfigurationException($"{s}:{nameof(CartServerOptions.OnDeviceModel)}", ex.Message, ex);
        }

        var answer = ShopperAssistantOptions.DefaultMaxOutputTokens;
        if (fit.PromptTokens + answer > fit.ContextTokens)
        {
            throw new InvalidConfigurationException($"{s}:{nameof(CartServerOptions.AssistantUsesModel)}", string.Create(CultureInfo.InvariantCulture,
                $"is true, but the on-device model '{modelFolder}' holds {fit.ContextTokens} tokens and the assistant prompt needs {fit.PromptTokens} before any facts or question ({Path.GetFileName(promptPath)}) plus {answer} for the answer; set it to false (the rules stage words the answers) or use a model with a longer context"));
        }
    }

    /// <summary>How the on-device model folder is opened; with the llama runtime its GGUF file must exist.</summary>
    public static EngineOptions OnDeviceEngine(CartServerOptions o, string? folder)
    {
        var runtime = Enum.Parse<GenerationRuntime>(o.OnDeviceRuntime, ignoreCase: true);
        var gguf = Enum.Parse<GgufQuantization>(o.OnDeviceGguf, ignoreCase: true);
        if (folder is not null && runtime == GenerationRuntime.Llama)
        {
            var file = Path.Combine(folder, $"basket-vlm-{o.OnDeviceGguf}.gguf");
            if (!File.Exists(file))
            {
                throw new InvalidConfigurationException($"{CartServerOptions.Section}:{nameof(o.OnDeviceGguf)}",
                    $"is {o.OnDeviceGguf} but the on-device model folder has no '{file}' (models/training/vlm/export_gguf.py writes it)");
            }
        }

        return new EngineOptions { Runtime = runtime, GgufQuantization = gguf };
    }

    public static string ExistingFile(string key, string path)
    {
        var full = AppPaths.Resolve(path);
        return File.Exists(full) ? full : throw new InvalidConfigurationException(key, $"names a file that does not exist: '{full}'");
    }

    private static void WritableFile(string key, string? path)
    {
        NotEmpty(key, path);
        var full = Path.GetFullPath(path!);
        if (Directory.Exists(full))
        {
            throw new InvalidConfigurationException(key, $"names a folder, not a file: '{full}'");
        }

        try
        {
            Directory.CreateDirectory(Path.GetDirectoryName(full)!);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or NotSupportedException)
        {
            throw new InvalidConfigurationException(key, $"cannot be created at '{full}': {ex.Message}", ex);
        }
    }

    private static void Probability(string key, double value)
    {
        if (!double.IsFinite(value) || value is < 0 or > 1)
        {
            throw new InvalidConfigurationException(key, $"must be in [0, 1], got {Show(value)}");
        }
    }

    private static void AtLeast<T>(string key, T value, T min)
        where T : IComparable<T>
    {
        if (value.CompareTo(min) < 0)
        {
            throw new InvalidConfigurationException(key, string.Create(CultureInfo.InvariantCulture, $"must be at least {min}, got {value}"));
        }
    }

    private static void Positive(string key, TimeSpan value)
    {
        if (value <= TimeSpan.Zero)
        {
            throw new InvalidConfigurationException(key, $"must be a positive duration, got {value}");
        }
    }

    private static void NotEmpty(string key, string? value)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            throw new InvalidConfigurationException(key, "must not be empty");
        }
    }

    private static void OneOf(string key, string? value, string[] allowed)
    {
        if (value is null || !allowed.Contains(value, StringComparer.Ordinal))
        {
            throw new InvalidConfigurationException(key, $"must be one of {string.Join(", ", allowed)}, got '{value}'");
        }
    }

    private static string Show(double value) => value.ToString(CultureInfo.InvariantCulture);
}
