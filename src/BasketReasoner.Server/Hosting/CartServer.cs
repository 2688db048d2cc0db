using BasketReasoner.Composition;
using BasketReasoner.Composition.Options;
using BasketReasoner.Core.Data;
using BasketReasoner.Core.Escalation;
using BasketReasoner.Reasoning.Choice;
using BasketReasoner.Reasoning.Escalation;
using BasketReasoner.Retrieval.CatalogSearch;
using BasketReasoner.Server.Api;
using BasketReasoner.Server.Carts;
using BasketReasoner.Server.Chat;
using BasketReasoner.Server.Cloud;
using BasketReasoner.Server.Durability;
using BasketReasoner.Server.Security;
using BasketReasoner.Server.Telemetry;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using OpenTelemetry.Metrics;

namespace BasketReasoner.Server.Hosting;

/// <summary>
/// Builds the cart server: the configuration sources, then <see cref="BasketReasoningServiceCollectionExtensions.AddBasketReasoning(IServiceCollection, BasketOptions, BasketParts)"/>
/// (which binds and validates it, once), then the HTTP parts: every endpoint, the durable log, the escalation chain
/// and the metrics.
/// </summary>
public static class CartServer
{
    public const string OnDeviceKey = ChooserKeys.OnDevice;
    public const string CloudKey = ChooserKeys.Cloud;

    /// <summary>The logger category of the start-up line that says how many log records were replayed (logged at Information).</summary>
    public const string StartupLogCategory = "BasketReasoner.Server.Startup";

    /// <exception cref="InvalidConfigurationException">A bad configuration value; the message names its key.</exception>
    public static WebApplication Build(CartServerSettings settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        // No file watching: the configuration is read once and validated once, and a watcher per server costs an
        // inotify instance (128 per user by default), which a host running many servers (tests, one per cart pool)
        // runs out of.
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions
        {
            ContentRootPath = Directory.GetCurrentDirectory(),
            Args = ["--hostBuilder:reloadConfigOnChange=false"],
        });
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Logging:LogLevel:Default"] = "Warning",
            ["Logging:LogLevel:Microsoft.Hosting.Lifetime"] = "Information",
            // The one start-up line of our own at Information (the rest stays at Warning): how many log records were replayed.
            [$"Logging:LogLevel:{StartupLogCategory}"] = "Information",
        });

        // The sources this app's users write, in order: the file, then BASKET_ variables, then overrides. They are read
        // a second time on their own so that their top-level sections can be judged (a misspelt "Sever") without judging
        // the machine's environment; not chained in, because a chained source drops empty values ("" = none).
        var file = settings.ConfigFile is { } given ? ConfigFile.Check("--config", given) : null;
        void AddOwn(IConfigurationBuilder sources)
        {
            if (file is not null)
            {
                sources.AddJsonFile(file, optional: false, reloadOnChange: false);
            }

            sources.AddEnvironmentVariables("BASKET_");
            sources.AddInMemoryCollection(settings.Overrides);
        }

        AddOwn(builder.Configuration);
        var own = new ConfigurationBuilder();
        AddOwn(own);
        var ownSources = own.Build();
        builder.WebHost.UseUrls(settings.Urls);

        var basket = BasketOptions.Load(builder.Configuration, ownSources);
        var options = basket.Server;
        builder.WebHost.ConfigureKestrel(k => k.Limits.MaxRequestBodySize = options.MaxRequestBodyBytes);
        builder.Services.ConfigureHttpJsonOptions(o => ServerJson.Configure(o.SerializerOptions));

        var s = builder.Services;
        s.AddBasketReasoning(basket, settings.Parts);
        settings.Services?.Invoke(s);
        s.AddSingleton<PipelineHost>();
        s.AddSingleton<CartKeys>();
        s.AddSingleton(_ => new DurableLog(options.EventLogPath));
        s.AddSingleton<ServerMetrics>();
        if (basket.Cloud.Endpoint is not null)
        {
            var prompt = ChoosePrompt.FromFile(basket.CloudPromptPath!);
            s.TryAddKeyedSingleton(CloudKey, (sp, _) => CloudChoosers.Create(
                basket.Cloud, prompt, sp.GetRequiredService<PipelineHost>().Catalog, sp.GetRequiredService<TimeProvider>()));
        }

        s.AddSingleton(sp => new EscalationPolicy(
            sp.GetRequiredService<PipelineHost>().Catalog, basket.Escalation,
            sp.GetKeyedService<ICandidateChooser>(OnDeviceKey), sp.GetKeyedService<ICandidateChooser>(CloudKey),
            sp.GetRequiredService<TimeProvider>()));
        s.AddSingleton(sp => new BasketReasoner.Server.Flywheel.ExampleStore(options, sp.GetRequiredService<ServerMetrics>()));
        s.AddSingleton<CartService>();
        s.AddSingleton<BasketReasoner.Server.Sensors.SensorService>();
        s.AddSingleton(sp => new ChatBackend(
            sp.GetService<IChatClient>() ?? options.ChatBackend switch
            {
                "recognizer" => new ChoosingChatClient(null, RecognizerChooser(sp.GetRequiredService<PipelineHost>()), options.ModelId),
                "fusion" => new ChoosingChatClient(null, FusionChooser(sp.GetRequiredService<PipelineHost>()), options.ModelId),
                _ => null,
            }));
        s.AddSingleton(sp => new ProductFinder(sp.GetRequiredService<PipelineHost>().Catalog, sp.GetService<HybridCatalogSearch>()));
        s.AddSingleton(sp => new ProductImages(sp.GetRequiredService<PipelineHost>().Catalog, ResolveDataRoot(options.DataRoot)));
        s.AddErrorResponses();
        // One instance: it keeps the last probe's answer (see ReadyCheck).
        s.AddSingleton<ReadyCheck>();
        s.AddHealthChecks().AddCheck<ReadyCheck>("ready", tags: ["ready"]);
        s.AddCartApiDocument();
        // ASP.NET Core's own meters give http.server.request.duration (by route, method and status) and Kestrel's
        // connection figures; the instrumentation adds them with histogram buckets sized for request latencies.
        s.AddOpenTelemetry().WithMetrics(m => m.AddMeter(ServerMetrics.MeterName).AddAspNetCoreInstrumentation().AddPrometheusExporter());

        var app = builder.Build();
        app.UseErrorResponses();
        // Probes read: GET only, as documented (a POST, PUT or DELETE is a 405, not a 200).
        var probe = new Microsoft.AspNetCore.Routing.HttpMethodMetadata(["GET"]);
        app.MapHealthChecks("/health/live", new HealthCheckOptions { Predicate = _ => false }).WithMetadata(probe);
        app.MapHealthChecks("/health/ready", new HealthCheckOptions { Predicate = c => c.Tags.Contains("ready") }).WithMetadata(probe);
        app.MapHealthChecks("/health", new HealthCheckOptions { Predicate = c => c.Tags.Contains("ready") }).WithMetadata(probe);
        app.MapPrometheusScrapingEndpoint("/metrics");
        app.MapCartApiDocument();
        CartEndpoints.Map(app);
        ChatCompletionsEndpoints.Map(app);
        ScreenEndpoints.Map(app);

        // Open the pipeline and replay the log before the first request, so readiness means ready.
        var carts = app.Services.GetRequiredService<CartService>();
        var startup = app.Services.GetRequiredService<ILoggerFactory>().CreateLogger(StartupLogCategory);
        app.Lifetime.ApplicationStopping.Register(() =>
        {
            if (!carts.DrainRefinements(RefinementDrainTimeout))
            {
                startup.LogWarning("Stopped with {Count} label-text refinements undecided: the next start asks the shopper for them.", carts.Refinements);
            }
        });
        var configured = app.Services.GetRequiredService<CartKeys>().CartIds.ToHashSet(StringComparer.Ordinal);
        startup.LogInformation("Replayed {Records} log records into {Carts} carts.", carts.Replayed, configured.Count);
        if (configured.Count == 0)
        {
            startup.LogWarning("No carts are configured (Server:Carts, Server:CartKeysFile): every cart route answers 404.");
        }

        // A cart taken out of the config keeps its acknowledged events in the log; said at every start, never lost in silence.
        foreach (var (cart, events) in carts.UnconfiguredCarts(configured))
        {
            startup.LogWarning("The event log holds {Events} events of cart '{Cart}', which is not configured: they are kept but cannot be reached until the cart is configured again.", events, cart);
        }
        return app;
    }

    // Within Kubernetes' default 30 s grace period, with room for the request drain that follows.
    private static readonly TimeSpan RefinementDrainTimeout = TimeSpan.FromSeconds(10);

    // ChatBackend = recognizer: this server's recognizer on the frames alone.
    private static RecognizerCandidateChooser RecognizerChooser(PipelineHost host) =>
        new(host.Catalog, (frames, ct) => host.ClassProbabilitiesAsync(frames, ct));

    // ChatBackend = fusion: the whole fusion of this server's pipeline, label text read inside the call.
    private static FusionCandidateChooser FusionChooser(PipelineHost host) =>
        new(host.Catalog, (cartEvent, frames, basket, ct) => host.ResolveWithTextAsync(cartEvent, frames, basket, ct));

    private static string? ResolveDataRoot(string? configured)
    {
        try
        {
            return DataRoot.Resolve(configured is null ? null : AppPaths.Resolve(configured));
        }
        catch (Exception ex) when (ex is DirectoryNotFoundException or IOException or ArgumentException)
        {
            return null;
        }
    }
}
