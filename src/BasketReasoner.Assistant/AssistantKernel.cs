using System.Text.Json;
using BasketReasoner.Assistant.Plugins;
using BasketReasoner.Core.Baskets;
using BasketReasoner.Core.Catalog;
using BasketReasoner.Core.Catalog.Reference;
using BasketReasoner.Core.Catalog.Search;
using BasketReasoner.Core.Serialization;
using Microsoft.SemanticKernel;

namespace BasketReasoner.Assistant;

/// <summary>
/// One question's Semantic Kernel: the read-only plugins over its basket and the catalog, and the facts every call
/// returned (the LLM stage's grounding). There is no plugin function that can change a basket.
/// </summary>
internal sealed class AssistantKernel
{
    public const string BasketPluginName = "basket";
    public const string FactsPluginName = "facts";
    public const string SearchPluginName = "catalog";
    public const string PricesPluginName = "prices";

    // Facts go to a model as text: keep Swedish letters readable instead of \u escapes.
    private static readonly JsonSerializerOptions FactsJson = new(SnakeCaseJson.Compact) { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    private readonly List<(string Call, string Json)> _facts = [];

    /// <param name="shared">The catalog-level plugins, built once by <see cref="CreateSharedPlugins"/>.</param>
    /// <param name="weighing">What the scale measured for loose produce, or <c>null</c> for catalog unit weights.</param>
    public AssistantKernel(ProductCatalog catalog, IReadOnlyList<KernelPlugin> shared, IReadOnlyList<BasketLine> basket, WeighingLedger? weighing = null)
    {
        Kernel = new Kernel();
        Kernel.Plugins.AddFromObject(new BasketPlugin(catalog, basket, weighing), BasketPluginName);
        foreach (var plugin in shared)
        {
            Kernel.Plugins.Add(plugin);
        }
    }

    /// <summary>The plugins that do not depend on the basket; reflection over them is done once, not per question.</summary>
    public static IReadOnlyList<KernelPlugin> CreateSharedPlugins(ProductCatalog catalog, ReferenceCatalog reference, ICatalogSearch search) =>
    [
        KernelPluginFactory.CreateFromObject(new ProductFactsPlugin(catalog, reference), FactsPluginName),
        KernelPluginFactory.CreateFromObject(new CatalogSearchPlugin(search), SearchPluginName),
        KernelPluginFactory.CreateFromObject(new PricesPlugin(catalog), PricesPluginName),
    ];

    public Kernel Kernel { get; }

    /// <summary>The calls made so far and their JSON results, one per line.</summary>
    public string FactsText => string.Join('\n', _facts.Select(f => $"{f.Call} => {f.Json}"));

    public async Task<T?> CallAsync<T>(string plugin, string function, KernelArguments? arguments = null, CancellationToken cancellationToken = default)
    {
        var result = await Kernel.InvokeAsync(plugin, function, arguments, cancellationToken).ConfigureAwait(false);
        var value = result.GetValue<T>();
        var args = arguments is null ? string.Empty : string.Join(", ", arguments.Select(a => $"{a.Key}={a.Value}"));
        _facts.Add(($"{plugin}.{function}({args})", JsonSerializer.Serialize(value, FactsJson)));
        return value;
    }
}
