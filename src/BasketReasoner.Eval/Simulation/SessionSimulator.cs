using BasketReasoner.Core.Baskets;
using BasketReasoner.Core.Catalog;
using BasketReasoner.Core.Data;
using BasketReasoner.Core.Events;
using BasketReasoner.Core.Sessions;

namespace BasketReasoner.Eval.Simulation;

/// <summary>
/// Generates realistic, replayable cart sessions from one split's images. A session has
/// <see cref="SimulatorOptions.MinAdds"/>..<see cref="SimulatorOptions.MaxAdds"/> adds; each add takes a product with
/// images in the split (uniformly), or with <see cref="SimulatorOptions.RepeatProbability"/> another unit of a product
/// already in the basket. Between adds, once the basket holds <see cref="SimulatorOptions.MinItemsForRemove"/> units,
/// each step is a removal of a random unit with <see cref="SimulatorOptions.RemoveProbability"/>. Every event's frame is
/// a split image of its product, not reused within the session while unused ones remain. Weights follow
/// <see cref="WeightModel"/>. The expected basket is the true final basket; per-event truth goes in
/// <see cref="CartSession.EventTruth"/>.
/// </summary>
/// <remarks>Output is a pure function of catalog, images, options and count: <see cref="Generate"/> starts a fresh
/// <see cref="Random"/> from <see cref="SimulatorOptions.Seed"/> on every call.</remarks>
public sealed class SessionSimulator
{
    private readonly ProductCatalog _catalog;
    private readonly SimulatorOptions _options;
    private readonly Product[] _products;
    private readonly Dictionary<string, string[]> _imagesByProduct = new(StringComparer.Ordinal);

    /// <param name="catalog">Products with their weights; every image's class index must be in it.</param>
    /// <param name="images">One split's images (see <see cref="SplitFile.Read"/>).</param>
    /// <param name="options">Defaults when <c>null</c>.</param>
    public SessionSimulator(ProductCatalog catalog, IReadOnlyList<SplitImage> images, SimulatorOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(catalog);
        ArgumentNullException.ThrowIfNull(images);
        _catalog = catalog;
        _options = options ?? new SimulatorOptions();
        _options.Validate();

        var byClass = new SortedDictionary<int, List<string>>();
        foreach (var image in images)
        {
            if (image.ClassIndex < 0 || image.ClassIndex >= catalog.Count)
            {
                throw new ArgumentException(
                    $"Image '{image.Path}' has class {image.ClassIndex}, which the catalog (classes 0..{catalog.Count - 1}) does not have.",
                    nameof(images));
            }

            if (!byClass.TryGetValue(image.ClassIndex, out var list))
            {
                byClass[image.ClassIndex] = list = [];
            }

            list.Add(image.Path);
        }

        if (byClass.Count == 0)
        {
            throw new ArgumentException("The split has no images to build sessions from.", nameof(images));
        }

        _products = byClass.Keys.Select(i => catalog[i]).ToArray();
        foreach (var (classIndex, paths) in byClass)
        {
            _imagesByProduct[catalog[classIndex].Id] = [.. paths];
        }
    }

    /// <summary>Products that have images in the split, in class order: the ones sessions can contain.</summary>
    public IReadOnlyList<Product> Products => _products;

    /// <summary>Generates <paramref name="count"/> sessions with ids <c>{IdPrefix}1</c>..<c>{IdPrefix}{count}</c>.</summary>
    public IReadOnlyList<CartSession> Generate(int count)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        var random = new Random(_options.Seed);
        var weights = new WeightModel(_catalog, _options, random);
        var sessions = new List<CartSession>(count);
        for (var i = 1; i <= count; i++)
        {
            sessions.Add(GenerateOne(_options.IdPrefix + i.ToString(System.Globalization.CultureInfo.InvariantCulture), random, weights));
        }

        return sessions;
    }

    private CartSession GenerateOne(string id, Random random, WeightModel weights)
    {
        var adds = random.Next(_options.MinAdds, _options.MaxAdds + 1);
        var inCart = new List<CartUnit>();
        var usedImages = new HashSet<string>(StringComparer.Ordinal);
        var events = new List<CartEvent>();
        var truth = new List<string?>();
        var done = 0;
        while (done < adds)
        {
            var seq = events.Count + 1;
            if (inCart.Count >= _options.MinItemsForRemove && random.NextDouble() < _options.RemoveProbability)
            {
                var index = random.Next(inCart.Count);
                var unit = inCart[index];
                inCart.RemoveAt(index);
                var image = PickImage(unit.Product, random, usedImages);
                events.Add(new CartEvent(seq, CartEventType.Remove, image, weights.Read(-unit.Grams)));
                truth.Add(unit.Product.Id);
                continue;
            }

            var product = inCart.Count > 0 && random.NextDouble() < _options.RepeatProbability
                ? random.Pick(DistinctProducts(inCart))
                : random.Pick(_products);
            var grams = weights.DrawUnit(product);
            inCart.Add(new CartUnit(product, grams));
            events.Add(new CartEvent(seq, CartEventType.Add, PickImage(product, random, usedImages), weights.Read(grams)));
            truth.Add(product.Id);
            done++;
        }

        var expected = inCart
            .GroupBy(u => u.Product.Id, StringComparer.Ordinal)
            .OrderBy(g => g.Key, StringComparer.Ordinal)
            .Select(g => new BasketLine(g.Key, g.Count()))
            .ToArray();
        return new CartSession(id, events, expected) { EventTruth = truth };
    }

    // First-added order, so the pick does not depend on hashing.
    private static List<Product> DistinctProducts(List<CartUnit> inCart)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var list = new List<Product>();
        foreach (var unit in inCart)
        {
            if (seen.Add(unit.Product.Id))
            {
                list.Add(unit.Product);
            }
        }

        return list;
    }

    private string PickImage(Product product, Random random, HashSet<string> used)
    {
        var all = _imagesByProduct[product.Id];
        var unused = all.Where(p => !used.Contains(p)).ToList();
        var image = unused.Count > 0 ? random.Pick(unused) : random.Pick(all);
        used.Add(image);
        return image;
    }

    /// <summary>One physical unit in the simulated cart, with the weight it really has.</summary>
    private readonly record struct CartUnit(Product Product, double Grams);
}
