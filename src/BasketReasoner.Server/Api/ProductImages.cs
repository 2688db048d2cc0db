using BasketReasoner.Core.Catalog;
using BasketReasoner.Core.Data;

namespace BasketReasoner.Server.Api;

/// <summary>Catalog products' iconic images from the dataset, for the screen's confirmation prompts.</summary>
internal sealed class ProductImages(ProductCatalog catalog, string? dataRoot)
{
    public string? Find(string productId)
    {
        if (dataRoot is null || !catalog.TryGet(productId, out var product))
        {
            return null;
        }

        var path = Path.GetFullPath(Path.Combine(DataRoot.ImagesFolder(dataRoot), product.IconicImage));
        return File.Exists(path) ? path : null;
    }
}
