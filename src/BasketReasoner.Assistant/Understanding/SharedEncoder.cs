using System.Diagnostics;

namespace BasketReasoner.Assistant.Understanding;

/// <summary>
/// One MiniLM encoder per process, loaded at the first call (about 90 MB of weights, a second or so): assistants
/// share it, and nothing on the cart-event path ever touches it. Null when the model's resource DLL is absent.
/// </summary>
internal static class SharedEncoder
{
    private static readonly Lazy<ITextEncoder?> Instance = new(Load, LazyThreadSafetyMode.ExecutionAndPublication);

    public static ITextEncoder? Get() => Instance.Value;

    private static CachingEncoder? Load()
    {
        try
        {
            return new CachingEncoder(MiniLmEncoder.Load());
        }
        catch (FileNotFoundException ex)
        {
            // Reading falls back to the lexicon alone; the answer stays grounded either way.
            Debug.WriteLine($"Assistant encoder unavailable: {ex.Message}");
            return null;
        }
    }
}
