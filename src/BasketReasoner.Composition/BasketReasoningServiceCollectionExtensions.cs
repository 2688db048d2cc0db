using BasketReasoner.Composition.Assistant;
using BasketReasoner.Composition.Options;
using BasketReasoner.Core.Assistant;
using BasketReasoner.Core.Catalog.Reference;
using BasketReasoner.Core.Escalation;
using BasketReasoner.Core.Prompts;
using BasketReasoner.Generation;
using BasketReasoner.Generation.Chat;
using BasketReasoner.Assistant;
using BasketReasoner.Reasoning.Choice;
using BasketReasoner.Retrieval.CatalogSearch;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.SemanticKernel.ChatCompletion;

namespace BasketReasoner.Composition;

/// <summary>
/// The composition root: everything the cart brain needs, from one configuration read once. The server's host
/// builder calls it (and adds its HTTP parts); the CLI, the tests and the benches call it or the factories beside it
/// (<see cref="CartPipeline.Open"/>, <see cref="AssistantComposition"/>, <c>EvalHarnessComposition</c>).
/// </summary>
public static class BasketReasoningServiceCollectionExtensions
{
    /// <summary>Binds and validates the configuration (<see cref="BasketOptions.Load"/>) and wires <paramref name="parts"/>.</summary>
    /// <exception cref="InvalidConfigurationException">A bad value; the message names its key.</exception>
    public static IServiceCollection AddBasketReasoning(this IServiceCollection services, IConfiguration configuration, BasketParts parts = BasketParts.All) =>
        services.AddBasketReasoning(BasketOptions.Load(configuration), parts);

    /// <summary>
    /// Wires <paramref name="parts"/> from options already loaded. Defaults are added only where absent, and services
    /// registered afterwards win (tests put a shared pipeline or a fake <see cref="TimeProvider"/> in that way).
    /// </summary>
    public static IServiceCollection AddBasketReasoning(this IServiceCollection services, BasketOptions options, BasketParts parts = BasketParts.All)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(options);
        services.TryAddSingleton(options);
        services.TryAddSingleton(options.Server);
        services.TryAddSingleton(options.Cloud);
        services.TryAddSingleton(options.Escalation);
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton(_ => CartPipeline.Open(options));

        if (parts.HasFlag(BasketParts.OnDevice) && options.OnDeviceModelFolder is { } model)
        {
            AddOnDevice(services, options, model);
        }

        if (parts.HasFlag(BasketParts.Assistant))
        {
            AddAssistant(services, options);
        }

        return services;
    }

    private static void AddOnDevice(IServiceCollection services, BasketOptions options, string model)
    {
        services.AddOnDeviceGeneration(model, options.OnDevicePromptPath!, options.OnDeviceEngine);

        // The escalation chain asks the keyed chooser. Off by default: the trained VLM is overconfident (0.9999997 on
        // a wrong apple), so no threshold guards it yet.
        if (options.Server.OnDeviceStage)
        {
            services.AddKeyedSingleton<ICandidateChooser>(ChooserKeys.OnDevice, (sp, _) => sp.GetRequiredService<ICandidateChooser>());
        }

        // Other carts' cloud choosers get the VLM's scored candidate choice of the structured request they send. The
        // request comes off the network: only this store's products, scored under the catalog's names (the VLM reads
        // names, so a request's own names would decide its answer).
        services.RemoveAll<IChatClient>();
        services.AddSingleton<IChatClient>(sp => new ChoosingChatClient(
            new OnDeviceChatClient(sp.GetRequiredService<GenerationEngine>()),
            new CatalogCandidateChooser(sp.GetRequiredService<CartPipeline>().Catalog, sp.GetRequiredService<ICandidateChooser>()),
            options.Server.ModelId));
        if (options.Server.ChatBackend is "recognizer" or "fusion")
        {
            // Asked for explicitly: the recognizer's (or the whole fusion's) constrained choice serves
            // /v1/chat/completions; the VLM still runs the on-device stage.
            services.RemoveAll<IChatClient>();
            services.RemoveAll<IChatCompletionService>();
        }
    }

    private static void AddAssistant(IServiceCollection services, BasketOptions options)
    {
        var answerPrompt = options.AssistantPromptPath is { } p ? PromptFile.FromFile(p) : null;
        services.TryAddSingleton(_ => AssistantComposition.LoadReference(options.Server.DataRoot, options.ReferenceProductsPath));

        // Built once at the first resolution (basket serve resolves the assistant before it listens).
        services.TryAddSingleton(sp => HybridCatalogSearch.CreateAsync(sp.GetRequiredService<CartPipeline>().Catalog, sp.GetRequiredService<ReferenceCatalog>())
            .GetAwaiter().GetResult());
        services.TryAddSingleton<IShopperAssistant>(sp =>
        {
            var chat = answerPrompt is null ? null : sp.GetService<IChatClient>()
                ?? throw new InvalidConfigurationException($"{CartServerOptions.Section}:{nameof(CartServerOptions.AssistantUsesModel)}",
                    "is true but no chat model is installed (Server:OnDeviceModel is empty or missing, or Server:ChatBackend is recognizer)");
            return new ShopperAssistant(sp.GetRequiredService<CartPipeline>().Catalog, sp.GetRequiredService<HybridCatalogSearch>(), sp.GetRequiredService<ReferenceCatalog>(),
                new ShopperAssistantOptions
                {
                    ChatClient = chat,
                    Prompt = answerPrompt,
                    ToolCallClient = sp.GetService<ToolCallModel>()?.Client,
                    ToolCallPolicy = options.AssistantToolPolicy,
                    TimeProvider = sp.GetRequiredService<TimeProvider>(),
                });
        });
        if (options.AssistantToolModelFolder is { } toolModel)
        {
            // Opened with the assistant; a bad folder stops the start with InvalidModelException naming the file.
            services.TryAddSingleton(_ => ToolCallModel.Open(toolModel));
        }
    }
}
