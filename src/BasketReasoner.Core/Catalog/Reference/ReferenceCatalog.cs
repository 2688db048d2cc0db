using System.Globalization;

namespace BasketReasoner.Core.Catalog.Reference;

/// <summary>
/// The Open Food Facts TSV export (<c>products-it-2021.tsv</c>) as a read-only list of reference products. Rows
/// without a product name are skipped. Loading parses O(rows × columns) once; lookups by id are O(1).
/// </summary>
public sealed class ReferenceCatalog
{
    /// <summary>Environment variable that overrides where the TSV is looked for.</summary>
    public const string EnvironmentVariable = "BASKET_OFF_TSV";

    /// <summary>The TSV's file name inside <c>datasets/openfoodfacts</c>.</summary>
    public const string FileName = "products-it-2021.tsv";

    private static readonly Dictionary<string, string> AllergenTags = new(StringComparer.OrdinalIgnoreCase)
    {
        ["en:gluten"] = "gluten",
        ["en:crustaceans"] = "crustaceans",
        ["en:eggs"] = "eggs",
        ["en:fish"] = "fish",
        ["en:peanuts"] = "peanuts",
        ["en:soybeans"] = "soy",
        ["en:milk"] = "milk",
        ["en:nuts"] = "nuts",
        ["en:celery"] = "celery",
        ["en:mustard"] = "mustard",
        ["en:sesame-seeds"] = "sesame",
        ["en:sulphur-dioxide-and-sulphites"] = "sulphites",
        ["en:lupin"] = "lupin",
        ["en:molluscs"] = "molluscs",
    };

    private readonly Dictionary<string, ReferenceProduct> _byId;

    public ReferenceCatalog(IEnumerable<ReferenceProduct> products)
    {
        Products = products.ToArray();
        _byId = new Dictionary<string, ReferenceProduct>(StringComparer.OrdinalIgnoreCase);
        foreach (var p in Products)
        {
            _byId.TryAdd(p.Id, p);
        }
    }

    /// <summary>An empty reference catalog, for when the TSV is not available.</summary>
    public static ReferenceCatalog Empty { get; } = new([]);

    public IReadOnlyList<ReferenceProduct> Products { get; }

    public bool TryGet(string id, out ReferenceProduct product) => _byId.TryGetValue(id, out product!);

    /// <summary>
    /// Where the TSV is: <see cref="EnvironmentVariable"/>, else <c>openfoodfacts/products-it-2021.tsv</c> beside the
    /// GroceryStoreDataset folder <paramref name="groceryDataRoot"/>; <c>null</c> when neither exists.
    /// </summary>
    public static string? FindDefault(string? groceryDataRoot)
    {
        if (Environment.GetEnvironmentVariable(EnvironmentVariable) is { Length: > 0 } env)
        {
            return File.Exists(env) ? env : null;
        }

        if (groceryDataRoot is null || Path.GetDirectoryName(Path.GetFullPath(groceryDataRoot).TrimEnd('/', '\\')) is not { } datasets)
        {
            return null;
        }

        var path = Path.Combine(datasets, "openfoodfacts", FileName);
        return File.Exists(path) ? path : null;
    }

    /// <exception cref="InvalidDataException">The header lacks <c>code</c> or <c>product_name</c>.</exception>
    public static ReferenceCatalog Load(string path)
    {
        using var reader = new StreamReader(path);
        var header = reader.ReadLine()?.Split('\t') ?? throw new InvalidDataException($"'{path}' is empty.");
        var column = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var i = 0; i < header.Length; i++)
        {
            column.TryAdd(header[i], i);
        }

        if (!column.ContainsKey("code") || !column.ContainsKey("product_name"))
        {
            throw new InvalidDataException($"'{path}' is not an Open Food Facts TSV: no code/product_name columns.");
        }

        var products = new List<ReferenceProduct>();
        while (reader.ReadLine() is { } line)
        {
            var f = line.Split('\t');
            string? Get(string name) => column.TryGetValue(name, out var i) && i < f.Length && f[i].Trim() is { Length: > 0 } v ? v : null;
            double? Number(string name) =>
                Get(name) is { } v && double.TryParse(v, NumberStyles.Float, CultureInfo.InvariantCulture, out var d) && double.IsFinite(d) ? d : null;

            if (Get("product_name") is not { } name || Get("code") is not { } code)
            {
                continue;
            }

            var allergens = Tags(Get("allergens_tags") ?? Get("allergens"));
            var ingredients = Get("ingredients_text");
            products.Add(new ReferenceProduct
            {
                Id = "off:" + code,
                Code = code,
                Name = name,
                Brands = Get("brands"),
                Quantity = Get("quantity"),
                Categories = Get("categories"),
                Labels = Get("labels"),
                Ingredients = ingredients,
                Allergens = allergens.Count > 0 || ingredients is not null ? allergens : null,
                Traces = Tags(Get("traces_tags") ?? Get("traces")),
                EnergyKcalPer100g = Number("energy-kcal_100g"),
                FatPer100g = Number("fat_100g"),
                SugarsPer100g = Number("sugars_100g"),
                ProteinsPer100g = Number("proteins_100g"),
                SaltPer100g = Number("salt_100g"),
            });
        }

        return new ReferenceCatalog(products);
    }

    // "en:eggs,en:gluten" → ["eggs", "gluten"]; unknown tags keep their name without the language prefix.
    private static List<string> Tags(string? value)
    {
        var list = new List<string>();
        if (value is null)
        {
            return list;
        }

        foreach (var raw in value.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var name = AllergenTags.TryGetValue(raw, out var canonical) ? canonical : raw[(raw.IndexOf(':') + 1)..];
            if (name.Length > 0 && !list.Contains(name))
            {
                list.Add(name);
            }
        }

        return list;
    }
}
