using BasketReasoner.Core.Catalog;

namespace BasketReasoner.CatalogBuilding;

/// <summary>
/// Builds the store catalog from the GroceryStoreDataset texts: one <see cref="Product"/> per fine class in
/// <c>dataset/classes.csv</c>, with facts parsed from each class's information and description files.
/// Weights follow <see cref="UnitWeightEstimator"/>, sold-by follows <see cref="SoldByRule"/>, and prices are demo
/// values from <see cref="DemoPriceList"/>, not real ones.
/// </summary>
public static class CatalogBuilder
{
    /// <summary>The note saved with a built catalog, stating where prices and weights come from.</summary>
    public const string Note =
        "Built from GroceryStoreDataset (classes.csv and the per-class Information/Description texts). " +
        "Prices are DEMO store prices in SEK, made up from a per-category rule table; they are not real. " +
        "unit_weight_grams is what the scale sees for one unit: for packs, declared net content (volume times a " +
        "per-category density: milk 1.03, juice 1.04, yoghurt 1.05) plus typical packaging (about 30 g for a 1 l " +
        "carton); for loose produce, the texts' 'ca N g' per piece; where the texts give no weight, a typical piece " +
        "weight with unit_weight_estimated = true. Packages are sold per unit; loose produce by weight unless the " +
        "texts give an exact pack weight without 'ca'. ingredients is the pack's ingredient list as printed; allergens " +
        "are the EU allergens its words name (keyword table in AllergenTable.cs); a product without ingredients has " +
        "no allergens field: unknown, not 'none'.";

    /// <summary>Builds the catalog from the dataset under <paramref name="dataRoot"/> (the folder holding <c>dataset/</c>).</summary>
    /// <exception cref="DirectoryNotFoundException">The dataset or a class folder is missing.</exception>
    public static ProductCatalog Build(string dataRoot)
    {
        var datasetFolder = Path.Combine(dataRoot, "dataset");
        var csv = Path.Combine(datasetFolder, "classes.csv");
        if (!File.Exists(csv))
        {
            throw new DirectoryNotFoundException($"'{csv}' not found: the data root must hold dataset/classes.csv.");
        }

        return new ProductCatalog(ClassRow.ReadAll(csv).Select(row => BuildProduct(datasetFolder, row)));
    }

    // Drop the leading "INGREDIENSER:" / "Ingredienser/ Ainesosat:" label the field repeats.
    private static string? CleanIngredients(string? ingredients)
    {
        if (string.IsNullOrWhiteSpace(ingredients))
        {
            return null;
        }

        var colon = ingredients.IndexOf(':');
        return colon is > 0 and < 40 && ingredients[..colon].Contains("ingrediens", StringComparison.OrdinalIgnoreCase)
            ? ingredients[(colon + 1)..].Trim()
            : ingredients.Trim();
    }

    private static Product BuildProduct(string datasetFolder, ClassRow row)
    {
        var folder = Path.Combine(datasetFolder, row.Folder);
        if (!Directory.Exists(folder))
        {
            throw new DirectoryNotFoundException($"Class folder '{folder}' for '{row.Name}' not found.");
        }

        // Most files are "<Class>_Information.txt", but Cabbage's is "Cabbage-Information.txt".
        var infoPath = Directory.EnumerateFiles(folder, "*Information.txt").Order(StringComparer.Ordinal).FirstOrDefault();
        var info = infoPath is null ? InformationFile.Parse(string.Empty) : InformationFile.Load(infoPath);
        var descriptionPath = Path.Combine(datasetFolder, row.DescriptionPath);
        var description = File.Exists(descriptionPath) ? File.ReadAllText(descriptionPath).Trim().TrimStart('\uFEFF') : info.Description ?? string.Empty;

        var isPackage = row.TopCategory.Equals("Packages", StringComparison.OrdinalIgnoreCase);
        var quantity = QuantityParser.Parse(isPackage ? info.ManufacturerAndVolume : info.CountryAndVolume);
        var brand = isPackage ? BrandExtractor.Extract(info.ManufacturerAndVolume) : null;
        var attributes = AttributeExtractor.Extract(info, isPackage, row.CoarseName);
        var soldBy = SoldByRule.Decide(isPackage, quantity);
        var weight = UnitWeightEstimator.Estimate(quantity, row.CoarseName, isPackage);

        var title = DisplayNameCleaner.Clean(info.Title, brand, row.Name);
        var (shopperName, packName) = ShopperNames.For(row.Name, title);
        return new Product
        {
            Id = row.Name,
            ClassIndex = row.ClassId,
            DisplayName = title,
            ShopperName = shopperName,
            PackName = packName,
            Brand = brand,
            CoarseCategory = row.CoarseName,
            TopCategory = row.TopCategory,
            SoldBy = soldBy,
            UnitWeightGrams = weight.Grams,
            UnitWeightEstimated = weight.Estimated,
            VolumeMl = isPackage ? quantity?.Millilitres : null,
            // Only a fixed pack's weight is a net weight; produce's "ca 180g" is a typical piece, not a label.
            NetWeightGrams = quantity is { Kind: QuantityKind.Mass, IsApproximate: false } ? quantity.Value.Amount : null,
            Attributes = attributes,
            Description = description,
            Ingredients = CleanIngredients(info.Ingredients),
            Allergens = info.Ingredients is { } ingredients ? AllergenTable.Find(ingredients) : null,
            Price = DemoPriceList.Price(row.Name, row.CoarseName, isPackage, soldBy, quantity, attributes, info.Title),
            IconicImage = row.IconicImagePath,
            Source = infoPath is null ? null : Path.GetRelativePath(datasetFolder, infoPath).Replace('\\', '/'),
        };
    }
}
