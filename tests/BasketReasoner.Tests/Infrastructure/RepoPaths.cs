using BasketReasoner.Composition;

namespace BasketReasoner.Tests.Infrastructure;

/// <summary>Paths inside the checkout the tests run from.</summary>
internal static class RepoPaths
{
    public static string Root { get; } = DefaultAssets.RepoRoot(AppContext.BaseDirectory)
        ?? throw new DirectoryNotFoundException("Tests must run inside the BasketReasoner checkout.");

    public static string RecognizerFolder => Path.Combine(Root, "models", "recognizer");

    public static string CatalogPath => Path.Combine(Root, "catalog", "catalog.json");
}
