using System.Text.Json;
using BasketReasoner.Core.Serialization;

namespace BasketReasoner.Core.Catalog;

/// <summary>The store's products, looked up by id in O(1) and by recognizer class index in O(1).</summary>
public sealed class ProductCatalog
{
    public static JsonSerializerOptions JsonOptions => SnakeCaseJson.Options;

    private readonly Dictionary<string, Product> _byId;
    private readonly Product[] _byClass;

    public ProductCatalog(IEnumerable<Product> products)
    {
        Products = products.OrderBy(p => p.ClassIndex).ToArray();
        _byId = new Dictionary<string, Product>(StringComparer.OrdinalIgnoreCase);
        foreach (var p in Products)
        {
            if (!_byId.TryAdd(p.Id, p))
            {
                throw new ArgumentException($"Duplicate product id '{p.Id}'.", nameof(products));
            }
        }

        _byClass = new Product[Products.Count];
        foreach (var p in Products)
        {
            if (p.ClassIndex < 0 || p.ClassIndex >= _byClass.Length || _byClass[p.ClassIndex] is not null)
            {
                throw new ArgumentException($"Class indexes must be 0..{_byClass.Length - 1}, each once; '{p.Id}' has {p.ClassIndex}.", nameof(products));
            }

            _byClass[p.ClassIndex] = p;
        }
    }

    public IReadOnlyList<Product> Products { get; }

    public int Count => _byClass.Length;

    public Product this[int classIndex] => _byClass[classIndex];

    public bool TryGet(string id, out Product product) => _byId.TryGetValue(id, out product!);

    public Product Get(string id) =>
        TryGet(id, out var p) ? p : throw new UnknownProductException(id);

    public static ProductCatalog Load(string path)
    {
        using var stream = File.OpenRead(path);
        var doc = JsonSerializer.Deserialize<CatalogDocument>(stream, JsonOptions)
            ?? throw new InvalidDataException($"Catalog '{path}' is empty.");
        return new ProductCatalog(doc.Products);
    }

    public void Save(string path, string note)
    {
        var doc = new CatalogDocument { Note = note, Products = Products.ToList() };
        File.WriteAllText(path, JsonSerializer.Serialize(doc, JsonOptions) + "\n");
    }

    private sealed class CatalogDocument
    {
        public string? Note { get; init; }

        public List<Product> Products { get; init; } = [];
    }
}
