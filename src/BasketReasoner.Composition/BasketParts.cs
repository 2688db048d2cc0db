namespace BasketReasoner.Composition;

/// <summary>Which parts <see cref="BasketReasoningServiceCollectionExtensions.AddBasketReasoning(Microsoft.Extensions.DependencyInjection.IServiceCollection, Microsoft.Extensions.Configuration.IConfiguration, BasketParts)"/> wires.</summary>
[Flags]
public enum BasketParts
{
    /// <summary>The options, a <see cref="TimeProvider"/> and the embedded <see cref="CartPipeline"/> (opened on first use).</summary>
    Pipeline = 1,

    /// <summary>The on-device generative model (<c>Server:OnDeviceModel</c>), when there is one.</summary>
    OnDevice = 2,

    /// <summary>The shopper assistant over the hybrid catalog search.</summary>
    Assistant = 4,

    /// <summary>Everything: what <c>basket serve</c> runs.</summary>
    All = Pipeline | OnDevice | Assistant,
}
