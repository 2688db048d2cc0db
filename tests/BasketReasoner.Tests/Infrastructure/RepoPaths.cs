namespace BasketReasoner.Tests.Infrastructure;

/// <summary>Paths inside the checkout the tests run from.</summary>
internal static class RepoPaths
{
    public static string Root { get; } = FindRoot();

    public static string RecognizerFolder => Path.Combine(Root, "models", "recognizer");

    public static string CatalogPath => Path.Combine(Root, "catalog", "catalog.json");

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "BasketReasoner.sln")))
            {
                return dir.FullName;
            }
        }

        throw new DirectoryNotFoundException("Tests must run inside the BasketReasoner checkout.");
    }
}
