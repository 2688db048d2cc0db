using BasketReasoner.Composition;
using BasketReasoner.Server.Hosting;
using BasketReasoner.Server.Tests.Infrastructure;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace BasketReasoner.Server.Tests.Hosting;

/// <summary>
/// A bad configuration refuses to start the real server host (<see cref="CartServer.Build"/> → <c>AddBasketReasoning</c>'s
/// one binding and validation) with one line that names the key; <c>basket serve</c> prints that line and exits 1.
/// </summary>
[Collection(ServerCollection.Name)]
public sealed class ConfigValidationTests(ServerFixture fx)
{
    public static TheoryData<string, string?, string> BadValues => new()
    {
        // Ranges, NaN, counts and byte limits.
        { "Escalation:FusionAcceptThreshold", "-1", "Escalation:FusionAcceptThreshold must be in [0, 1], got -1" },
        { "Escalation:FusionAcceptThreshold", "1.5", "Escalation:FusionAcceptThreshold must be in [0, 1], got 1.5" },
        { "Escalation:FusionAcceptThreshold", "NaN", "Escalation:FusionAcceptThreshold must be in [0, 1], got NaN" },
        { "Escalation:OnDeviceAcceptThreshold", "-0.1", "Escalation:OnDeviceAcceptThreshold must be a number ≥ 0" },
        { "Escalation:CloudAcceptThreshold", "NaN", "Escalation:CloudAcceptThreshold must be a number ≥ 0" },
        { "Escalation:CandidateCount", "1", "Escalation:CandidateCount must be at least 2, got 1" },
        { "Escalation:CloudTimeout", "00:00:00", "Escalation:CloudTimeout must be a positive duration" },
        { "Escalation:OnDeviceTimeout", "-00:00:01", "Escalation:OnDeviceTimeout must be a positive duration" },
        { "Server:MaxFrames", "0", "Server:MaxFrames must be at least 1, got 0" },
        { "Server:MaxFrameBytes", "0", "Server:MaxFrameBytes must be at least 1, got 0" },
        { "Server:MaxRequestBodyBytes", "-5", "Server:MaxRequestBodyBytes must be between 65536 and 1073741824, got -5" },
        { "Server:MaxRequestBodyBytes", "10", "Server:MaxRequestBodyBytes must be between 65536 and 1073741824, got 10" },
        { "Server:ResolverWorkers", "100000", "Server:ResolverWorkers must be between 0 and 256, got 100000" },
        { "Server:MaxQuestionChars", "0", "Server:MaxQuestionChars must be at least 1, got 0" },
        { "Server:ResolverWorkers", "-1", "Server:ResolverWorkers must be between 0 and 256, got -1" },
        { "Server:RefinementNice", "20", "Server:RefinementNice must be between 0 and 19, got 20" },
        { "Server:FlywheelMaxExamples", "0", "Server:FlywheelMaxExamples must be between 1 and 10000000, got 0" },
        { "Server:MaxFrameLeadMs", "0", "Server:MaxFrameLeadMs must be between 1 and 86400000, got 0" },
        { "Server:MaxFrameLagMs", "0", "Server:MaxFrameLagMs must be between 1 and 86400000, got 0" },
        { "Server:MaxFrameLagMs", "1e9", "Server:MaxFrameLagMs must be between 1 and 86400000, got 1000000000" },
        { "Server:MaxQueuedEvents", "0", "Server:MaxQueuedEvents must be between 1 and 100000, got 0" },
        { "Server:MaxPendingConfirmations", "1001", "Server:MaxPendingConfirmations must be between 1 and 1000, got 1001" },
        { "Server:MaxScaleGapMs", "NaN", "Server:MaxScaleGapMs must be between 1 and 86400000, got NaN" },
        { "Server:FrameWaitTimeoutMs", "1000", "Server:FrameWaitTimeoutMs must be between 2500 and 3600000, got 1000" },
        { "Server:FlywheelFolder", "/etc/passwd", "Server:FlywheelFolder names a file, not a folder" },
        { "Cloud:BreakerFailureRatio", "0", "Cloud:BreakerFailureRatio must be in (0, 1], got 0" },
        { "Cloud:BreakerMinimumThroughput", "1", "Cloud:BreakerMinimumThroughput must be at least 2, got 1" },
        { "Cloud:MaxRetryAttempts", "0", "Cloud:MaxRetryAttempts must be at least 1, got 0" },
        { "Cloud:MaxOutputTokens", "0", "Cloud:MaxOutputTokens must be at least 1, got 0" },
        { "Cloud:AttemptTimeout", "00:00:00", "Cloud:AttemptTimeout must be a positive duration" },
        { "Cloud:TotalTimeout", "00:00:01", "Cloud:TotalTimeout must be at least Cloud:AttemptTimeout" },

        // Values of the wrong type.
        // Values of the wrong type, said in the config's words with what the key takes (was: "is not a valid Int32").
        { "Server:MaxFrames", "four", "Server:MaxFrames must be a whole number of at least 1, got 'four'" },
        { "Server:ResolverWorkers", "99999999999", "Server:ResolverWorkers must be a whole number between 0 and 256, got '99999999999'" },
        { "Server:MaxFrameLagMs", "soon", "Server:MaxFrameLagMs must be a number between 1 and 86400000, got 'soon'" },
        { "Cloud:AttemptTimeout", "2 seconds", "Cloud:AttemptTimeout must be a duration written hours:minutes:seconds, e.g. 00:00:02 for two seconds, got '2 seconds'" },
        { "Server:OnDeviceStage", "maybe", "Server:OnDeviceStage must be true or false, got 'maybe'" },

        // Values of the wrong shape, which the binder ignored, leaving the default in force.
        { "Server:ResolverWorkers:0", "2", "Server:ResolverWorkers must be a whole number between 0 and 256, got a list or a section" },
        { "Server:ChatApiKeys", "one-key-for-all", "Server:ChatApiKeys must be a list, e.g. [\"first\", \"second\"] (in the environment: __0, __1), got 'one-key-for-all'" },

        // Sections this app does not read: every setting under them would have stayed at its default.
        { "Sever:ResolverWorkers", "2", "Sever is not a configuration section this app knows (did you mean Server?); its sections are Server, Cloud and Escalation, besides the host's Logging, Kestrel and AllowedHosts" },
        { "Escalaton:FusionAcceptThreshold", "0.5", "Escalaton is not a configuration section this app knows (did you mean Escalation?)" },
        { "MaxFrames", "2", "MaxFrames is not a configuration section this app knows; its sections are Server, Cloud and Escalation" },

        // Enum values, URLs and non-empty strings.
        { "Server:ChatBackend", "gpt", "Server:ChatBackend must be one of none, recognizer, fusion, got 'gpt'" },
        { "Server:OnDeviceRuntime", "torch", "Server:OnDeviceRuntime must be one of ort, llama, genai, got 'torch'" },
        { "Server:OnDeviceGguf", "q5_k", "Server:OnDeviceGguf must be one of f32, f16, q8_0, q4_0, got 'q5_k'" },
        { "Server:AssistantToolPolicy", "model", "Server:AssistantToolPolicy must be one of model_first, lexicon_first, got 'model'" },
        { "Server:RecognizerPrecision", "fp16", "Server:RecognizerPrecision must be one of default, float32, int8, got 'fp16'" },
        { "Cloud:Endpoint", "not a url", "Cloud:Endpoint must be an absolute http or https URL, got 'not a url'" },
        { "Cloud:Endpoint", "ftp://example.org/v1", "Cloud:Endpoint must be an absolute http or https URL" },
        { "Cloud:Model", " ", "Cloud:Model must not be empty" },
        { "Server:ModelId", "", "Server:ModelId must not be empty" },
        { "Server:ChatApiKeys:0", " ", "Server:ChatApiKeys:0 must not be empty" },
        { "Server:Carts:a/b", "key-for-cart-ab-0123456789", "Server:Carts:a/b names a cart id that is not 1 to 128 characters of A-Z" },
        { "Server:Carts:.hidden", "key-for-cart-hd-0123456789", "Server:Carts:.hidden names a cart id that is not" },

        // Unknown keys in the app's own sections, with the likely intended one.
        { "Server:EventLogPth", "x.db", "Server:EventLogPth is not a setting this app knows (did you mean Server:EventLogPath?)" },
        { "Escalation:FusionAcceptTreshold", "0.5", "Escalation:FusionAcceptTreshold is not a setting this app knows (did you mean Escalation:FusionAcceptThreshold?)" },
        { "Cloud:Endpiont", "http://127.0.0.1:1/v1", "Cloud:Endpiont is not a setting this app knows (did you mean Cloud:Endpoint?)" },
        { "Server:Bogus", "1", "Server:Bogus is not a setting this app knows" },

        // Files and folders that must exist.
        { "Server:OnDeviceModel", "/nonexistent/vlm", "Server:OnDeviceModel names a folder that does not exist: '/nonexistent/vlm'" },
        { "Server:AssistantToolModel", "/nonexistent/toolcall", "Server:AssistantToolModel names a folder that does not exist: '/nonexistent/toolcall'" },
        { "Server:CartKeysFile", "/nonexistent/cart-keys.json", "Server:CartKeysFile names a file that does not exist: '/nonexistent/cart-keys.json'" },
        { "Server:EscalationConfig", "/nonexistent/escalation.json", "Server:EscalationConfig names a file that does not exist" },
        { "Server:ReferenceProducts", "/nonexistent/off.tsv", "Server:ReferenceProducts names a file that does not exist" },
        { "Server:DataRoot", "/nonexistent/GroceryStoreDataset", "Server:DataRoot names a folder that does not exist" },
        { "Server:RecognizerModel", "/nonexistent/recognizer-cloud", "Server:RecognizerModel names a folder that does not exist: '/nonexistent/recognizer-cloud'" },
        { "Server:RecognizerModel", "/tmp", "Server:RecognizerModel names a file that does not exist: '/tmp/recognizer.json'" },
        { "Server:FusionConfig", "/nonexistent/fusion.json", "Server:FusionConfig names a file that does not exist: '/nonexistent/fusion.json'" },
        { "Server:RecognizerMirror", "both", "Server:RecognizerMirror must be true or false, got 'both'" },
    };

    [Theory]
    [MemberData(nameof(BadValues))]
    public void Build_BadValue_RefusesToStartNamingTheKey(string key, string? value, string expected)
    {
        var ex = Assert.Throws<InvalidConfigurationException>(() => Build(s => s.Overrides[key] = value));

        Assert.StartsWith(expected, ex.Message, StringComparison.Ordinal);
        Assert.DoesNotContain('\n', ex.Message);
        Assert.DoesNotContain("System.", ex.Message, StringComparison.Ordinal);
        Assert.StartsWith(ex.Key, ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Build_MisspeltSectionInConfigFile_RefusesNamingItTheFileAndTheKnownSections()
    {
        // It used to start with every Server setting at its default.
        var config = WriteConfig("""{ "Sever": { "ResolverWorkers": 2 } }""");

        var ex = Assert.Throws<InvalidConfigurationException>(() => Build(s => s.ConfigFile = config));

        Assert.Equal("Sever", ex.Key);
        Assert.Equal($"Sever is not a configuration section this app knows (did you mean Server?) (in {config}); "
            + "its sections are Server, Cloud and Escalation, besides the host's Logging, Kestrel and AllowedHosts", ex.Message);
    }

    [Fact]
    public void Build_EmptyMisspeltSectionInConfigFile_Refused()
    {
        var config = WriteConfig("""{ "Escalaton": {} }""");

        var ex = Assert.Throws<InvalidConfigurationException>(() => Build(s => s.ConfigFile = config));

        Assert.Equal("Escalaton", ex.Key);
    }

    [Theory]
    [InlineData("""{ "Server": { "MaxFrames": null } }""", "Server:MaxFrames must be a whole number of at least 1, got an empty value")]
    [InlineData("""{ "Server": { "MaxFrames": 2.5 } }""", "Server:MaxFrames must be a whole number of at least 1, got '2.5'")]
    [InlineData("""{ "Server": { "ResolverWorkers": [1, 2] } }""", "Server:ResolverWorkers must be a whole number between 0 and 256, got a list or a section")]
    [InlineData("""{ "Cloud": { "BreakerFailureRatio": "half" } }""", "Cloud:BreakerFailureRatio must be a number, got 'half'")]
    [InlineData("""{ "Server": 5 }""", "Server must be a section of settings, e.g. \"Server\": { \"Name\": value }, got '5'")]
    public void Build_ValueOfTheWrongTypeInConfigFile_OnePlainSentence(string json, string expected)
    {
        var config = WriteConfig(json);

        var ex = Assert.Throws<InvalidConfigurationException>(() => Build(s => s.ConfigFile = config));

        Assert.Equal(expected, ex.Message);
    }

    [Fact]
    public async Task Build_HostSectionsBesideTheAppsOwn_Starts()
    {
        // ASP.NET Core reads these from the same configuration: a config file may carry them.
        var config = WriteConfig("""
            {
              "$schema": "https://example.org/basket.schema.json",
              "Logging": { "LogLevel": { "Default": "Warning" } },
              "AllowedHosts": "*",
              "Kestrel": { "Limits": { "MaxRequestHeaderCount": 50 } },
              "Server": { "MaxFrames": 3 }
            }
            """);

        await using var server = await fx.StartAsync(s => s.ConfigFile = config);

        Assert.Equal(3, server.App.Services.GetRequiredService<BasketOptions>().Server.MaxFrames);
    }

    [Fact]
    public void Build_MalformedConfigFile_OneLineWithWhereItBreaks()
    {
        var config = WriteConfig("""{ "Server": { "MaxFrames": 2 }""");

        var ex = Assert.Throws<InvalidConfigurationException>(() => Build(s => s.ConfigFile = config));

        Assert.Equal("--config", ex.Key);
        Assert.StartsWith($"--config file '{config}' is not valid JSON at line 1, character ", ex.Message, StringComparison.Ordinal);
        Assert.DoesNotContain('\n', ex.Message);
    }

    [Fact]
    public void Build_MissingConfigFile_OneLineNamingIt()
    {
        var config = Path.Combine(fx.Scratch, Guid.NewGuid().ToString("N") + ".json");

        var ex = Assert.Throws<InvalidConfigurationException>(() => Build(s => s.ConfigFile = config));

        Assert.Equal($"--config names a file that does not exist: '{config}'", ex.Message);
    }

    [Fact]
    public void Build_EventLogPathUnderAFile_RefusesNamingTheKey()
    {
        var file = Path.Combine(fx.Scratch, Guid.NewGuid().ToString("N") + ".txt");
        File.WriteAllText(file, "a file, not a folder");

        var ex = Assert.Throws<InvalidConfigurationException>(() => Build(s => s.Overrides["Server:EventLogPath"] = Path.Combine(file, "events.db")));

        Assert.Equal("Server:EventLogPath", ex.Key);
        Assert.StartsWith($"Server:EventLogPath cannot be created at '{Path.Combine(file, "events.db")}'", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Build_EventLogPathIsAFolder_RefusesNamingTheKey()
    {
        var ex = Assert.Throws<InvalidConfigurationException>(() => Build(s => s.Overrides["Server:EventLogPath"] = fx.Scratch));

        Assert.Equal($"Server:EventLogPath names a folder, not a file: '{fx.Scratch}'", ex.Message);
    }

    [Fact]
    public void Build_AssistantUsesModelWithMissingPrompt_RefusesNamingThePromptKey()
    {
        var ex = Assert.Throws<InvalidConfigurationException>(() => Build(s =>
        {
            s.Overrides["Server:AssistantUsesModel"] = "true";
            s.Overrides["Server:AssistantPrompt"] = "/nonexistent/answer.md";
        }));

        Assert.Equal("Server:AssistantPrompt", ex.Key);
    }

    [Fact]
    public void Build_AssistantUsesModelWithTheShippedVlm_RefusesAtStartNamingTheKeyAndTheContext()
    {
        // The shipped VLM holds 512 tokens; the assistant prompt with its facts never fit, so every /ask fell back to
        // the rules ("The prompt has 620 tokens; the model holds at most 512") while the setting looked on.
        var ex = Assert.Throws<InvalidConfigurationException>(() => Build(s => s.Overrides["Server:AssistantUsesModel"] = "true"));

        Assert.Equal("Server:AssistantUsesModel", ex.Key);
        Assert.StartsWith("Server:AssistantUsesModel is true, but the on-device model ", ex.Message, StringComparison.Ordinal);
        Assert.Contains("holds 512 tokens and the assistant prompt needs ", ex.Message, StringComparison.Ordinal);
        Assert.DoesNotContain('\n', ex.Message);
    }

    [Fact]
    public void Load_AssistantUsesModelWithALongerContext_Accepted()
    {
        // The same tokenizer and template with 4096 positions: the check is about the context, not the setting.
        var model = Directory.CreateDirectory(Path.Combine(fx.Scratch, "long-context-" + Guid.NewGuid().ToString("N"))).FullName;
        var vlm = Path.Combine(fx.RepoRoot, "models", "vlm");
        File.Copy(Path.Combine(vlm, "tokenizer.json"), Path.Combine(model, "tokenizer.json"));
        var config = System.Text.Json.Nodes.JsonNode.Parse(File.ReadAllText(Path.Combine(vlm, "config.json")))!;
        config["max_position_embeddings"] = 4096;
        File.WriteAllText(Path.Combine(model, "config.json"), config.ToJsonString());
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Server:AssistantUsesModel"] = "true",
            ["Server:OnDeviceModel"] = model,
            ["Server:EventLogPath"] = fx.NewLogPath(),
        }).Build();

        var options = BasketOptions.Load(configuration);

        Assert.Equal(model, options.OnDeviceModelFolder);
        Assert.NotNull(options.AssistantPromptPath);
    }

    [Fact]
    public void Build_MisspeltKeyInConfigFile_RefusesNamingTheKey()
    {
        var config = Path.Combine(fx.Scratch, Guid.NewGuid().ToString("N") + ".json");
        File.WriteAllText(config, """{ "Server": { "EventLogPth": "var/x.db" } }""");

        var ex = Assert.Throws<InvalidConfigurationException>(() => Build(s => s.ConfigFile = config));

        Assert.Equal("Server:EventLogPth", ex.Key);
    }

    [Fact]
    public async Task Build_GoodOverrides_StartsAndServesWithThem()
    {
        await using var server = await fx.StartAsync(s =>
        {
            s.Overrides["Escalation:FusionAcceptThreshold"] = "0.5";
            s.Overrides["Server:MaxFrames"] = "2";
            s.Overrides["Server:ChatBackend"] = "recognizer";
        });

        var options = server.App.Services.GetRequiredService<BasketOptions>();
        Assert.Equal(0.5, options.Escalation.FusionAcceptThreshold);
        Assert.Equal(2, options.Server.MaxFrames);
        Assert.Same(options.Server, server.App.Services.GetRequiredService<CartServerOptions>());
    }

    [Fact]
    public async Task BasketServe_MisspeltKey_ExitsWithOneLineNamingTheKey()
    {
        var config = WriteConfig("""{ "Escalation": { "FusionAcceptThreshold": -1 } }""");

        var (exitCode, stderr) = await ServeAsync(config, new Dictionary<string, string>());

        Assert.Equal(1, exitCode);
        Assert.Equal("basket: Escalation:FusionAcceptThreshold must be in [0, 1], got -1", stderr.Trim());
    }

    [Fact]
    public async Task BasketServe_MisspeltSectionInBasketEnvironment_ExitsWithOneLineNamingTheVariable()
    {
        var (exitCode, stderr) = await ServeAsync(null, new Dictionary<string, string> { ["BASKET_Sever__ResolverWorkers"] = "2" });

        Assert.Equal(1, exitCode);
        Assert.Equal("basket: Sever is not a configuration section this app knows (did you mean Server?) (the environment variable "
            + "BASKET_Sever__ResolverWorkers); its sections are Server, Cloud and Escalation, besides the host's Logging, Kestrel and AllowedHosts", stderr.Trim());
    }

    [Fact]
    public async Task BasketServe_MachineEnvironmentAndFlatBasketVariables_NotJudged()
    {
        // The machine's own variables reach IConfiguration unprefixed, and the scripts' flat BASKET_ variables
        // (BASKET_DATA_ROOT) are not settings: neither is judged, so the error is the config file's own.
        var config = WriteConfig("""{ "Escalation": { "FusionAcceptThreshold": -1 } }""");

        var (exitCode, stderr) = await ServeAsync(config, new Dictionary<string, string>
        {
            ["Sever__ResolverWorkers"] = "2",
            ["SERVER"] = "build-host-7",
            ["BASKET_SOME_SCRIPT_SETTING"] = "1",
            ["ASPNETCORE_DETAILEDERRORS"] = "false",
        });

        Assert.Equal(1, exitCode);
        Assert.Equal("basket: Escalation:FusionAcceptThreshold must be in [0, 1], got -1", stderr.Trim());
    }

    private string WriteConfig(string json)
    {
        var config = Path.Combine(fx.Scratch, Guid.NewGuid().ToString("N") + ".json");
        File.WriteAllText(config, json);
        return config;
    }

    private async Task<(int ExitCode, string Stderr)> ServeAsync(string? config, Dictionary<string, string> environment)
    {
        var info = new System.Diagnostics.ProcessStartInfo("dotnet")
        {
            WorkingDirectory = fx.RepoRoot,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        string[] args = ["exec", BasketProcess.CliDll(fx.RepoRoot), "serve", "--urls", "http://127.0.0.1:0", .. config is null ? [] : new[] { "--config", config }];
        foreach (var a in args)
        {
            info.ArgumentList.Add(a);
        }

        foreach (var (name, value) in environment)
        {
            info.Environment[name] = value;
        }

        using var process = System.Diagnostics.Process.Start(info)!;
        var stderr = await process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync(new CancellationTokenSource(TimeSpan.FromMinutes(2)).Token);
        return (process.ExitCode, stderr);
    }

    // The real host with the fixture's carts and log, the pipeline only; validation runs before anything opens.
    [Fact]
    public void Build_TwoCartsWithOneKey_RefusesNamingBoth()
    {
        // One key would open both carts: the key is what keeps one cart out of another's basket.
        var ex = Assert.Throws<InvalidConfigurationException>(() => Build(s =>
        {
            s.Overrides["Server:Carts:cart-x"] = ServerFixture.KeyA;
        }));

        Assert.Equal("Server:Carts gives carts 'cart-a' and 'cart-x' the same API key: each cart needs its own", ex.Message);
    }

    [Fact]
    public void Build_KeysFileListingACartTwice_RefusesNamingTheKey()
    {
        var file = Path.Combine(fx.Scratch, Guid.NewGuid().ToString("N") + ".json");
        File.WriteAllText(file, """{"cart-x": "first-key-0123456789", "cart-x": "second-key-0123456789"}""");

        var ex = Assert.Throws<InvalidConfigurationException>(() => Build(s => s.Overrides["Server:CartKeysFile"] = file));

        Assert.Equal("Server:CartKeysFile", ex.Key);
        Assert.Contains("each cart once", ex.Message, StringComparison.Ordinal);
        Assert.DoesNotContain('\n', ex.Message);
    }

    [Theory]
    [InlineData("[]", "holds an array: it must be a JSON object of cart id to key, each cart once, e.g. {\"cart-1\": \"a-key-of-16-or-more-characters\"}")]
    [InlineData("""{"ok":5}""", "gives cart 'ok' a number for its key: each key is a string of at least 16 characters")]
    [InlineData("\"cart-x\"", "holds a string: it must be a JSON object of cart id to key")]
    [InlineData("{", "is not valid JSON")]
    public void Build_KeysFileOfTheWrongShape_SaysTheShapeExpectedWithoutTypeNames(string json, string expected)
    {
        var file = Path.Combine(fx.Scratch, Guid.NewGuid().ToString("N") + ".json");
        File.WriteAllText(file, json);

        var ex = Assert.Throws<InvalidConfigurationException>(() => Build(s => s.Overrides["Server:CartKeysFile"] = file));

        Assert.Equal("Server:CartKeysFile", ex.Key);
        Assert.StartsWith($"Server:CartKeysFile '{file}' {expected}", ex.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("System.", ex.Message, StringComparison.Ordinal);
        Assert.DoesNotContain('\n', ex.Message);
    }

    private void Build(Action<CartServerSettings> configure)
    {
        var settings = new CartServerSettings { Urls = "http://127.0.0.1:0", Parts = BasketParts.Pipeline };
        settings.Overrides["Server:Carts:cart-a"] = ServerFixture.KeyA;
        settings.Overrides["Server:EventLogPath"] = fx.NewLogPath();
        configure(settings);
        settings.Services = s => s.AddSingleton(fx.Pipeline);
        var app = CartServer.Build(settings);
        app.DisposeAsync().AsTask().GetAwaiter().GetResult();
        Assert.Fail("the server started with a bad configuration");
    }
}
