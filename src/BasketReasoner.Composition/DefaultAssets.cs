namespace BasketReasoner.Composition;

/// <summary>
/// Where the embedded defaults live: the catalog, the recognizer folder, the product index and the fusion config.
/// They are copied beside the program at build time; a checkout's own copies win when run from inside it, so a
/// freshly rebuilt catalog or model is picked up without a rebuild.
/// </summary>
public static class DefaultAssets
{
    public static string CatalogPath => Find(Path.Combine("catalog", "catalog.json"));

    public static string RecognizerFolder => Find(Path.Combine("models", "recognizer"));

    /// <summary>
    /// The item detector's folder (<c>models/detector</c>): the checkout's, else beside the program; it may not
    /// exist (attribution is then off).
    /// </summary>
    public static string DetectorFolder => Optional(Path.Combine("models", "detector"));

    public static string IndexFolder => Path.Combine(RecognizerFolder, "index");

    public static string FusionConfigPath => Find(Path.Combine("config", "fusion.json"));

    public static string EscalationConfigPath => Find(Path.Combine("config", "escalation.json"));

    /// <summary>
    /// The OCR models' folder (<c>models/ocr</c>, fetched by <c>scripts/fetch-ocr-models.sh</c>, not committed): the
    /// checkout's, else beside the program; it may not exist.
    /// </summary>
    public static string OcrFolder => Optional(Path.Combine("models", "ocr"));

    private static string Optional(string relative) =>
        RepoRoot() is { } root && Directory.Exists(Path.Combine(root, relative))
            ? Path.Combine(root, relative)
            : Path.Combine(AppContext.BaseDirectory, relative);

    /// <summary>
    /// The checkout's root (the folder holding BasketReasoner.sln) at or above <paramref name="start"/> (default: the
    /// working directory), or <c>null</c> outside a checkout.
    /// </summary>
    public static string? RepoRoot(string? start = null)
    {
        for (var dir = new DirectoryInfo(start ?? Directory.GetCurrentDirectory()); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "BasketReasoner.sln")))
            {
                return dir.FullName;
            }
        }

        return null;
    }

    private static string Find(string relative)
    {
        if (RepoRoot() is { } root && Path.Exists(Path.Combine(root, relative)))
        {
            return Path.Combine(root, relative);
        }

        var beside = Path.Combine(AppContext.BaseDirectory, relative);
        return Path.Exists(beside)
            ? beside
            : throw new FileNotFoundException($"Embedded default '{relative}' was found neither in the checkout nor beside the program.");
    }
}
