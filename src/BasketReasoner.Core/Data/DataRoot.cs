namespace BasketReasoner.Core.Data;

/// <summary>
/// Finds the GroceryStoreDataset folder (the one holding <c>dataset/</c>). Order: an explicit path, the
/// <c>BASKET_DATA_ROOT</c> environment variable, then <c>shared/datasets/GroceryStoreDataset</c> in an ancestor of
/// the working directory or of the program's folder (so a checkout beside <c>../shared</c> needs no setting).
/// </summary>
public static class DataRoot
{
    public const string EnvironmentVariable = "BASKET_DATA_ROOT";
    private static readonly string[] RelativeCandidates =
        [Path.Combine("shared", "datasets", "GroceryStoreDataset"), Path.Combine("datasets", "GroceryStoreDataset")];

    public static string Resolve(string? explicitPath = null)
    {
        if (!string.IsNullOrWhiteSpace(explicitPath))
        {
            return Validate(Path.GetFullPath(explicitPath), "--data-root");
        }

        var fromEnv = Environment.GetEnvironmentVariable(EnvironmentVariable);
        if (!string.IsNullOrWhiteSpace(fromEnv))
        {
            return Validate(Path.GetFullPath(fromEnv), EnvironmentVariable);
        }

        foreach (var start in new[] { Directory.GetCurrentDirectory(), AppContext.BaseDirectory })
        {
            for (var dir = new DirectoryInfo(start); dir is not null; dir = dir.Parent)
            {
                foreach (var rel in RelativeCandidates)
                {
                    var candidate = Path.Combine(dir.FullName, rel);
                    if (Directory.Exists(Path.Combine(candidate, "dataset")))
                    {
                        return candidate;
                    }
                }
            }
        }

        throw new DirectoryNotFoundException(
            "GroceryStoreDataset not found: pass --data-root DIR (the folder holding dataset/), set " +
            $"{EnvironmentVariable}, or keep the checkout beside ../shared/datasets.");
    }

    /// <summary>The dataset's <c>dataset/</c> folder, which session image paths are relative to.</summary>
    public static string ImagesFolder(string root) => Path.Combine(root, "dataset");

    private static string Validate(string path, string origin) =>
        Directory.Exists(Path.Combine(path, "dataset"))
            ? path
            : throw new DirectoryNotFoundException($"{origin} '{path}' has no dataset/ folder: it must name the GroceryStoreDataset folder.");
}
