using BasketReasoner.Composition;
using BasketReasoner.Core.Data;
using BasketReasoner.Core.Escalation;
using BasketReasoner.Reasoning.Escalation;
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
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Logging;
using OpenTelemetry.Metrics;

namespace BasketReasoner.Server.Hosting;

/// <summary>How to start a cart server: what <c>basket serve</c> passes and what tests override.</summary>
public sealed class CartServerSettings
{
    /// <summary>Listen addresses. Default: <c>http://127.0.0.1:5080</c>; port 0 picks a free port.</summary>
    public string Urls { get; set; } = "http://127.0.0.1:5080";

    /// <summary>A JSON config file (sections <c>Server</c>, <c>Escalation</c>, <c>Cloud</c>, <c>Logging</c>). Default: none.</summary>
    public string? ConfigFile { get; set; }

    /// <summary>Config keys applied after the file, e.g. <c>Server:EventLogPath</c>.</summary>
    public IDictionary<string, string?> Overrides { get; } = new Dictionary<string, string?>();

    /// <summary>
    /// Registers services before the defaults, which are added only where absent: the on-device chooser as a keyed
    /// <see cref="ICandidateChooser"/> (<c>on-device</c>), an <see cref="IChatClient"/> for the OpenAI-compatible API,
    /// an <c>IShopperAssistant</c>, a <see cref="CartPipeline"/> or a <see cref="TimeProvider"/>.
    /// </summary>
    public Action<IServiceCollection>? Services { get; set; }
}

/// <summary>Builds the cart server: every endpoint, the durable log, the escalation chain and the metrics.</summary>
public static class CartServer
{
    public const string OnDeviceKey = "on-device";
    public const string CloudKey = "cloud";

    public static WebApplication Build(CartServerSettings settings)
    {
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { ContentRootPath = Directory.GetCurrentDirectory() });
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Logging:LogLevel:Default"] = "Warning",
            ["Logging:LogLevel:Microsoft.Hosting.Lifetime"] = "Information",
        });
        if (settings.ConfigFile is { } file)
        {
            builder.Configuration.AddJsonFile(Path.GetFullPath(file), optional: false, reloadOnChange: false);
        }

        builder.Configuration.AddEnvironmentVariables("BASKET_");
        builder.Configuration.AddInMemoryCollection(settings.Overrides);
        builder.WebHost.UseUrls(settings.Urls);

        var options = builder.Configuration.GetSection(CartServerOptions.Section).Get<CartServerOptions>() ?? new CartServerOptions();
        var cloudOptions = builder.Configuration.GetSection(CloudChooserOptions.Section).Get<CloudChooserOptions>() ?? new CloudChooserOptions();
        var escalation = EscalationConfig.Load(options.EscalationConfig);
        builder.Configuration.GetSection("Escalation").Bind(escalation);
        builder.WebHost.ConfigureKestrel(k => k.Limits.MaxRequestBodySize = options.MaxRequestBodyBytes);
        builder.Services.ConfigureHttpJsonOptions(o => ServerJson.Configure(o.SerializerOptions));

        settings.Services?.Invoke(builder.Services);
        var s = builder.Services;
        s.AddSingleton(options);
        s.AddSingleton(cloudOptions);
        s.AddSingleton(escalation);
        s.TryAddSingleton(TimeProvider.System);
        s.TryAddSingleton(_ => CartPipeline.Open());
        s.AddSingleton<PipelineHost>();
        s.AddSingleton<CartKeys>();
        s.AddSingleton(_ => new DurableLog(options.EventLogPath));
        s.AddSingleton<ServerMetrics>();
        if (cloudOptions.Endpoint is not null)
        {
            s.TryAddKeyedSingleton<ICandidateChooser>(CloudKey, (sp, _) => new CloudCandidateChooser(
                cloudOptions, new HttpClient(new SocketsHttpHandler { PooledConnectionLifetime = TimeSpan.FromMinutes(2) }) { Timeout = Timeout.InfiniteTimeSpan },
                sp.GetRequiredService<TimeProvider>()));
        }

        s.AddSingleton(sp => new EscalationPolicy(
            sp.GetRequiredService<PipelineHost>().Catalog, escalation,
            sp.GetKeyedService<ICandidateChooser>(OnDeviceKey), sp.GetKeyedService<ICandidateChooser>(CloudKey),
            sp.GetRequiredService<TimeProvider>()));
        s.AddSingleton<CartService>();
        s.AddSingleton(sp => new ChatBackend(
            sp.GetService<IChatClient>() ?? (options.ChatBackend == "recognizer" ? new RecognizerChatClient(sp.GetRequiredService<PipelineHost>(), options.ModelId) : null)));
        s.AddSingleton(sp => new ProductImages(sp.GetRequiredService<PipelineHost>().Catalog, ResolveDataRoot(options.DataRoot)));
        s.AddErrorResponses();
        s.AddHealthChecks().AddCheck<ReadyCheck>("ready", tags: ["ready"]);
        s.AddOpenTelemetry().WithMetrics(m => m.AddMeter(ServerMetrics.MeterName).AddPrometheusExporter());

        var app = builder.Build();
        app.UseErrorResponses();
        app.MapHealthChecks("/health/live", new HealthCheckOptions { Predicate = _ => false });
        app.MapHealthChecks("/health/ready", new HealthCheckOptions { Predicate = c => c.Tags.Contains("ready") });
        app.MapHealthChecks("/health", new HealthCheckOptions { Predicate = c => c.Tags.Contains("ready") });
        app.MapPrometheusScrapingEndpoint("/metrics");
        CartEndpoints.Map(app);
        ChatCompletionsEndpoints.Map(app);
        ScreenEndpoints.Map(app);

        // Open the pipeline and replay the log before the first request, so readiness means ready.
        var carts = app.Services.GetRequiredService<CartService>();
        app.Logger.LogInformation("Replayed {Records} log records into {Carts} carts.", carts.Replayed, app.Services.GetRequiredService<CartKeys>().CartIds.Count());
        return app;
    }

    private static string? ResolveDataRoot(string? configured)
    {
        try
        {
            return DataRoot.Resolve(configured);
        }
        catch (Exception ex) when (ex is DirectoryNotFoundException or IOException or ArgumentException)
        {
            return null;
        }
    }
}

/// <summary>The <see cref="IChatClient"/> behind <c>/v1/chat/completions</c>, or <c>null</c> when none is installed.</summary>
internal sealed record ChatBackend(IChatClient? Client);

/// <summary>Ready when the pipeline is open and the log answers.</summary>
internal sealed class ReadyCheck(DurableLog log, PipelineHost pipeline) : IHealthCheck
{
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default) =>
        Task.FromResult(log.IsHealthy() && pipeline.Catalog.Count > 0
            ? HealthCheckResult.Healthy("pipeline warm, event log open")
            : HealthCheckResult.Unhealthy("event log not answering"));
}
