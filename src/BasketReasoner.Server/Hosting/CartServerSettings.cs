using BasketReasoner.Composition;
using BasketReasoner.Core.Escalation;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.DependencyInjection;

namespace BasketReasoner.Server.Hosting;

/// <summary>How to start a cart server: what <c>basket serve</c> passes and what tests override.</summary>
public sealed class CartServerSettings
{
    /// <summary>Listen addresses. Default: <c>http://127.0.0.1:5080</c>; port 0 picks a free port.</summary>
    public string Urls { get; set; } = "http://127.0.0.1:5080";

    /// <summary>A JSON config file (sections <c>Server</c>, <c>Escalation</c>, <c>Cloud</c>, <c>Logging</c>). Default: none.</summary>
    public string? ConfigFile { get; set; }

    /// <summary>Config keys applied after the file and the <c>BASKET_</c> environment, e.g. <c>Server:EventLogPath</c>.</summary>
    public IDictionary<string, string?> Overrides { get; } = new Dictionary<string, string?>();

    /// <summary>
    /// What <see cref="BasketReasoningServiceCollectionExtensions.AddBasketReasoning(IServiceCollection, Composition.Options.BasketOptions, BasketParts)"/>
    /// wires besides the pipeline: the on-device model and the shopper assistant. Default: <see cref="BasketParts.All"/>
    /// (what <c>basket serve</c> runs); tests that bring their own doubles ask for <see cref="BasketParts.Pipeline"/>.
    /// </summary>
    public BasketParts Parts { get; set; } = BasketParts.All;

    /// <summary>
    /// Registers services after the composition's defaults, so they win: the on-device chooser as a keyed
    /// <see cref="ICandidateChooser"/> (<c>on-device</c>), an <see cref="IChatClient"/> for the OpenAI-compatible API,
    /// an <c>IShopperAssistant</c>, a <c>CartPipeline</c> or a <see cref="TimeProvider"/>.
    /// </summary>
    public Action<IServiceCollection>? Services { get; set; }
}
