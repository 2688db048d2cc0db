namespace BasketReasoner.Core.Baskets;

/// <summary>What is in one cart: product id to quantity. Not thread-safe; one cart has one writer.</summary>
public sealed class Basket
{
    private readonly SortedDictionary<string, int> _lines = new(StringComparer.Ordinal);

    public int Count(string productId) => _lines.GetValueOrDefault(productId);

    public bool Contains(string productId) => _lines.ContainsKey(productId);

    /// <summary>Units in the basket, all lines together. O(lines).</summary>
    public int TotalQuantity
    {
        get
        {
            var total = 0;
            foreach (var qty in _lines.Values)
            {
                total += qty;
            }

            return total;
        }
    }

    public IEnumerable<string> ProductIds => _lines.Keys;

    public void Add(string productId, int qty = 1)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(qty);
        _lines[productId] = Count(productId) + qty;
    }

    /// <summary>Removes one unit; returns <c>false</c> (and changes nothing) when the product is not in the basket.</summary>
    public bool Remove(string productId)
    {
        var n = Count(productId);
        if (n == 0)
        {
            return false;
        }

        if (n == 1)
        {
            _lines.Remove(productId);
        }
        else
        {
            _lines[productId] = n - 1;
        }

        return true;
    }

    public IReadOnlyList<BasketLine> Lines() => _lines.Select(kv => new BasketLine(kv.Key, kv.Value)).ToArray();

    /// <summary>Exact equality of products and quantities with <paramref name="expected"/>.</summary>
    public bool Matches(IEnumerable<BasketLine> expected)
    {
        var want = new SortedDictionary<string, int>(StringComparer.Ordinal);
        foreach (var line in expected)
        {
            want[line.Product] = want.GetValueOrDefault(line.Product) + line.Qty;
        }

        return want.Count == _lines.Count && want.All(kv => _lines.TryGetValue(kv.Key, out var q) && q == kv.Value);
    }
}
