using System.CommandLine;
using BasketReasoner.Composition;
using BasketReasoner.Composition.Options;
using BasketReasoner.Core.Catalog;
using BasketReasoner.Core.Escalation;
using BasketReasoner.Eval.Chain;
using BasketReasoner.Generation;
using BasketReasoner.Reasoning.Choice;
using BasketReasoner.Reasoning.Escalation;
using BasketReasoner.Server.Cloud;
using Microsoft.Extensions.DependencyInjection;

namespace BasketReasoner.Cli.Commands;

/// <summary>
/// The options that make a replay run the chain the server runs after fusion (<c>eval sessions</c>, <c>demo</c>):
/// the escalation config, an on-device model and a cloud endpoint, each as <c>basket serve</c> takes them.
/// </summary>
internal sealed class ChainOptions
{
    public Option<bool> FusionOnly { get; } = new("--fusion-only")
    {
        Description = "Replay fusion alone: the basket takes fusion's best guess and no later stage or shopper is simulated",
    };

    public Option<string?> EscalationConfig { get; } = new("--escalation-config")
    {
        Description = "Escalation thresholds; default: the embedded config/escalation.json (what basket serve uses)",
    };

    public Option<string?> OnDevice { get; } = new("--on-device")
    {
        Description = "On-device generative model folder (e.g. models/vlm) for the on-device stage; default: none " +
            "(the shipped escalation config never accepts its choice, see config/escalation.json)",
    };

    public Option<string?> Cloud { get; } = new Option<string?>("--cloud")
    {
        Description = "OpenAI-compatible base URL of the cloud stage (a second basket serve, e.g. http://127.0.0.1:5081/v1); default: none",
    }.Must(value => value is null || (Uri.TryCreate(value, UriKind.Absolute, out var uri) && uri.Scheme is "http" or "https")
        ? null
        : $"'{value}' is not an http(s) URL");

    public Option<string?> CloudKey { get; } = new("--cloud-key")
    {
        Description = "API key for --cloud; default: the BASKET_CLOUD_KEY environment variable",
    };

    public IEnumerable<Option> All => [FusionOnly, EscalationConfig, OnDevice, Cloud, CloudKey];

    /// <summary>
    /// The threshold at which the chain's fusion stage accepts (label text is read only below it), or <c>null</c> with
    /// <c>--fusion-only</c>, where no stage follows and the fusion config's own text gate applies.
    /// </summary>
    public double? FusionAcceptThreshold(ParseResult parse) =>
        parse.GetValue(FusionOnly)
            ? null
            : Composition.EscalationConfig.Load(parse.GetValue(EscalationConfig) is { } path ? AppPaths.Resolve(path) : null).FusionAcceptThreshold;

    /// <summary>The chain to replay, or <c>null</c> with <c>--fusion-only</c>. Dispose the result's services after the replay.</summary>
    public (ChainReplay? Chain, IDisposable? Services, string Description) Build(ParseResult parse, ProductCatalog catalog)
    {
        if (parse.GetValue(FusionOnly))
        {
            return (null, null, "fusion only");
        }

        var options = Composition.EscalationConfig.Load(parse.GetValue(EscalationConfig) is { } path ? AppPaths.Resolve(path) : null);
        ServiceProvider? services = null;
        ICandidateChooser? onDevice = null;
        if (parse.GetValue(OnDevice) is { } vlm)
        {
            services = new ServiceCollection()
                .AddOnDeviceGeneration(AppPaths.Resolve(vlm), AppPaths.Resolve(new CartServerOptions().OnDevicePrompt))
                .BuildServiceProvider();
            onDevice = services.GetRequiredService<ICandidateChooser>();
        }

        ICandidateChooser? cloud = null;
        if (parse.GetValue(Cloud) is { } endpoint)
        {
            var cloudOptions = new CloudChooserOptions
            {
                Endpoint = new Uri(endpoint),
                ApiKey = parse.GetValue(CloudKey) ?? Environment.GetEnvironmentVariable("BASKET_CLOUD_KEY"),
            };
            cloud = CloudChoosers.Create(cloudOptions, ChoosePrompt.FromFile(AppPaths.Resolve(cloudOptions.Prompt)), catalog);
        }

        var policy = new EscalationPolicy(catalog, options, onDevice, cloud);
        var description = $"fusion ≥ {options.FusionAcceptThreshold}" +
            (onDevice is null ? "" : $" → on-device ≥ {options.OnDeviceAcceptThreshold}") +
            (cloud is null ? "" : $" → cloud ≥ {options.CloudAcceptThreshold}") +
            $" → shopper (top {options.CandidateCount} candidates)";
        return (new ChainReplay(policy), services, description);
    }
}
