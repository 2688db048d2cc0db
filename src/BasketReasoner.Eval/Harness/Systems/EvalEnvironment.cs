using BasketReasoner.Core.Catalog;

namespace BasketReasoner.Eval.Harness.Systems;

/// <summary>What systems and graders share: the repository root, the prompts, the catalog and the images.</summary>
public sealed class EvalEnvironment
{
    private readonly Lazy<string> _images;

    /// <param name="repoRoot">Suite paths (datasets, schemas) are relative to it.</param>
    /// <param name="catalog">Names and facts for candidates and baskets.</param>
    /// <param name="imagesFolder">Resolves the dataset's images folder on first use only, so a suite without images
    /// runs where the dataset is absent.</param>
    public EvalEnvironment(string repoRoot, ProductCatalog catalog, Func<string> imagesFolder)
    {
        RepoRoot = repoRoot;
        Catalog = catalog;
        _images = new Lazy<string>(imagesFolder);
    }

    public string RepoRoot { get; }

    /// <summary><c>prompts/</c> under the repository root.</summary>
    public string PromptsFolder => Path.Combine(RepoRoot, "prompts");

    public ProductCatalog Catalog { get; }

    public string ImagesFolder => _images.Value;

    /// <summary>A suite path: absolute as given, else relative to the repository root.</summary>
    public string Resolve(string path) => Path.IsPathRooted(path) ? path : Path.Combine(RepoRoot, path);

    public string DisplayName(string productId) => Catalog.TryGet(productId, out var p) ? p.DisplayName : productId;
}
