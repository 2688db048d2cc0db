using BasketReasoner.Retrieval.CatalogSearch;

namespace BasketReasoner.Assistant.Understanding;

/// <summary>
/// The process's MiniLM encoder (<see cref="MiniLmEmbedder.Shared"/>, the one the catalog's text search uses too),
/// loaded at the first call: assistants share it, and nothing on the cart-event path ever touches it. Null when the
/// model's resource DLL is absent.
/// </summary>
internal static class SharedEncoder
{
    private static readonly Lazy<ITextEncoder?> Instance = new(
        () => MiniLmEmbedder.Shared is { } model ? new CachingEncoder(new MiniLmTextEncoder(model)) : null,
        LazyThreadSafetyMode.ExecutionAndPublication);

    public static ITextEncoder? Get() => Instance.Value;

    private sealed class MiniLmTextEncoder(MiniLmEmbedder model) : ITextEncoder
    {
        public float[] Embed(string text) => model.Embed(text);
    }
}
