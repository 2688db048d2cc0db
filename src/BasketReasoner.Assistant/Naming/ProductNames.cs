using BasketReasoner.Core.Catalog;

namespace BasketReasoner.Assistant.Naming;

/// <summary>
/// How the assistant names a product in an answer: the catalog's shopper name (English), then the pack's own words
/// in parentheses where the catalog gives them, with numbers written one way (1.5%, not 1,5%).
/// </summary>
internal static class ProductNames
{
    /// <summary>The shopper-facing name: English, then the Swedish pack name in parentheses where it differs.</summary>
    public static string Display(Product product)
    {
        ArgumentNullException.ThrowIfNull(product);
        var name = ShopperText.DecimalPoints(product.ShopperFacingName);
        return product.PackName is { Length: > 0 } pack ? $"{name} ({ShopperText.DecimalPoints(pack)})" : name;
    }
}
