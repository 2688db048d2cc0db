using BasketReasoner.Core.Escalation;
using BasketReasoner.Generation.Chat;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.SemanticKernel.ChatCompletion;

namespace BasketReasoner.Generation;

/// <summary>Registers the on-device model for Microsoft.Extensions.AI and Semantic Kernel.</summary>
public static class GenerationServiceCollectionExtensions
{
    /// <summary>
    /// Adds one <see cref="GenerationEngine"/> over <paramref name="modelDirectory"/> (opened on first use), an
    /// <see cref="IChatClient"/> over it, Semantic Kernel's <see cref="IChatCompletionService"/> adapted from that
    /// client (<c>AsChatCompletionService</c>), and the on-device <see cref="ICandidateChooser"/>.
    /// </summary>
    public static IServiceCollection AddOnDeviceGeneration(this IServiceCollection services, string modelDirectory, string promptTemplatePath,
        EngineOptions? engineOptions = null, OnDeviceChatClientOptions? clientOptions = null)
    {
        services.AddSingleton(_ => GenerationEngine.Open(modelDirectory, engineOptions));
        services.AddSingleton<IChatClient>(sp => new OnDeviceChatClient(sp.GetRequiredService<GenerationEngine>(), clientOptions));
        services.AddSingleton<IChatCompletionService>(sp => sp.GetRequiredService<IChatClient>().AsChatCompletionService(sp));
        services.AddSingleton<ICandidateChooser>(sp => new OnDeviceCandidateChooser(sp.GetRequiredService<GenerationEngine>(), ChoicePromptTemplate.Load(promptTemplatePath)));
        return services;
    }
}
