using BasketReasoner.Core.Prompts;
using BasketReasoner.Composition;
using BasketReasoner.Core.Assistant;
using BasketReasoner.Core.Catalog.Reference;
using BasketReasoner.Core.Data;
using BasketReasoner.Core.Escalation;
using BasketReasoner.Generation;
using BasketReasoner.Generation.Chat;
using BasketReasoner.Assistant;
using BasketReasoner.Retrieval.CatalogSearch;
using BasketReasoner.Server.Hosting;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.SemanticKernel.ChatCompletion;

namespace BasketReasoner.Cli.Composition;

/// <summary>
/// What <c>basket serve</c> plugs into the cart server: the real shopper assistant (catalog + Open Food Facts reference
/// products + <see cref="HybridCatalogSearch"/>, as in <see cref="AssistantComposition"/>) and, when
/// <see cref="CartServerOptions.OnDeviceModel"/> names a model, the on-device generation engine (the keyed
/// <c>on-device</c> chooser and the <see cref="IChatClient"/> behind <c>/v1/chat/completions</c>).
/// </summary>
/// <remarks>
/// The server library knows none of Generation, Retrieval or the assistant; this is where they meet. Services the
/// caller already put in <see cref="CartServerSettings.Services"/> are registered after these, so they win.
/// </remarks>
public static class ServeComposition
{
    /// <summary>
    /// Reads the <c>Server</c> section the way <see cref="CartServer.Build"/> will (file, <c>BASKET_</c> environment,
    /// overrides) and chains the real services in front of <paramref name="settings"/>' own.
    /// </summary>
    /// <exception cref="DirectoryNotFoundException">A configured (non-default) model folder does not exist.</exception>
    /// <exception cref="FileNotFoundException">A configured prompt or reference file does not exist.</exception>
    public static CartServerSettings Compose(CartServerSettings settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        var options = ReadOptions(settings);
        var model = ResolveModel(options.OnDeviceModel);
        var choicePrompt = model is null ? null : RequireFile(ResolvePath(options.OnDevicePrompt), "Server:OnDevicePrompt");
        var answerPrompt = options.AssistantUsesModel ? PromptFile.FromFile(RequireFile(ResolvePath(options.AssistantPrompt), "Server:AssistantPrompt")) : null;
        var referencePath = options.ReferenceProducts is { Length: > 0 } r ? RequireFile(ResolvePath(r), "Server:ReferenceProducts") : null;

        var callers = settings.Services;
        settings.Services = s =>
        {
            if (model is not null)
            {
                s.AddOnDeviceGeneration(model, choicePrompt!);

                // The escalation chain asks the keyed chooser; AddOnDeviceGeneration registers the non-keyed one. Off by
                // default: the trained VLM is overconfident (0.9999997 on a wrong apple), so no threshold guards it yet.
                if (options.OnDeviceStage)
                {
                    s.AddKeyedSingleton<ICandidateChooser>(CartServer.OnDeviceKey, (sp, _) => sp.GetRequiredService<ICandidateChooser>());
                }

                // Other carts' cloud choosers get the VLM's scored candidate choice (see CandidateChoiceChatClient).
                s.RemoveAll<IChatClient>();
                s.AddSingleton<IChatClient>(sp => new CandidateChoiceChatClient(
                    new OnDeviceChatClient(sp.GetRequiredService<GenerationEngine>()), sp.GetRequiredService<ICandidateChooser>()));
                if (options.ChatBackend == "recognizer")
                {
                    // Asked for explicitly: the recognizer's constrained choice serves /v1/chat/completions; the VLM
                    // still runs the on-device stage.
                    s.RemoveAll<IChatClient>();
                    s.RemoveAll<IChatCompletionService>();
                }
            }

            s.TryAddSingleton(_ => AssistantComposition.LoadReference(options.DataRoot, referencePath));

            // Built once at the first resolution (basket serve resolves the assistant before it listens).
            s.TryAddSingleton(sp => HybridCatalogSearch.CreateAsync(sp.GetRequiredService<CartPipeline>().Catalog, sp.GetRequiredService<ReferenceCatalog>())
                .GetAwaiter().GetResult());
            s.TryAddSingleton<IShopperAssistant>(sp =>
            {
                var search = sp.GetRequiredService<HybridCatalogSearch>();
                var chat = answerPrompt is null ? null : sp.GetService<IChatClient>()
                    ?? throw new InvalidOperationException("Server:AssistantUsesModel is true but no chat model is installed (Server:OnDeviceModel is empty or missing, or Server:ChatBackend is recognizer).");
                return new ShopperAssistant(sp.GetRequiredService<CartPipeline>().Catalog, search, sp.GetRequiredService<ReferenceCatalog>(),
                    new ShopperAssistantOptions { ChatClient = chat, Prompt = answerPrompt, TimeProvider = sp.GetRequiredService<TimeProvider>() });
            });
            callers?.Invoke(s);
        };
        return settings;
    }

    /// <summary>
    /// The model folder for <paramref name="configured"/>: <c>null</c> when empty, or when the default
    /// (<c>models/vlm</c>) is absent, e.g. outside a checkout.
    /// </summary>
    internal static string? ResolveModel(string? configured)
    {
        if (string.IsNullOrWhiteSpace(configured))
        {
            return null;
        }

        var path = ResolvePath(configured);
        if (Directory.Exists(path))
        {
            return path;
        }

        return configured == new CartServerOptions().OnDeviceModel
            ? null
            : throw new DirectoryNotFoundException($"Server:OnDeviceModel '{configured}' was not found (looked at '{path}'); set it to \"\" to run without an on-device model.");
    }

    /// <summary>A relative path is taken from the checkout's root when it exists there, else from the working directory.</summary>
    internal static string ResolvePath(string path)
    {
        if (Path.IsPathRooted(path))
        {
            return path;
        }

        return DefaultAssets.RepoRoot() is { } root && Path.Exists(Path.Combine(root, path)) ? Path.Combine(root, path) : Path.GetFullPath(path);
    }

    private static CartServerOptions ReadOptions(CartServerSettings settings)
    {
        var builder = new ConfigurationBuilder();
        if (settings.ConfigFile is { } file)
        {
            builder.AddJsonFile(Path.GetFullPath(file), optional: false, reloadOnChange: false);
        }

        builder.AddEnvironmentVariables("BASKET_");
        builder.AddInMemoryCollection(settings.Overrides);
        return builder.Build().GetSection(CartServerOptions.Section).Get<CartServerOptions>() ?? new CartServerOptions();
    }

    private static string RequireFile(string path, string key) =>
        File.Exists(path) ? path : throw new FileNotFoundException($"{key}: '{path}' was not found.", path);
}
