using BasketReasoner.Core.Catalog.Search;

namespace BasketReasoner.Retrieval.CatalogSearch.Evaluation;

/// <summary>How one search did on a set of product-search cases.</summary>
/// <param name="Cases">Cases scored.</param>
/// <param name="RecallAt5">Mean over cases of |relevant ∩ top 5| / min(|relevant|, 5): 1 when the top 5 holds every relevant product it can.</param>
/// <param name="HitAt5">Share of cases with at least one relevant product in the top 5.</param>
/// <param name="Mrr">Mean reciprocal rank of the first relevant product in the top 10 (0 when none is).</param>
public sealed record ProductSearchMetrics(int Cases, double RecallAt5, double HitAt5, double Mrr);

/// <summary>Scores an <see cref="ICatalogSearch"/> on <see cref="ProductSearchCase"/>s.</summary>
public static class ProductSearchScore
{
    /// <summary>The metrics over <paramref name="cases"/> (all of them; filter first for a split or a kind).</summary>
    public static ProductSearchMetrics Score(ICatalogSearch search, IEnumerable<ProductSearchCase> cases)
    {
        ArgumentNullException.ThrowIfNull(search);
        ArgumentNullException.ThrowIfNull(cases);
        int n = 0, hits = 0;
        double recall = 0, mrr = 0;
        foreach (var c in cases)
        {
            var top = search.Search(c.Query, new CatalogSearchFilter { IncludeReference = c.IncludeReference }, 10);
            var relevant = c.Relevant.ToHashSet(StringComparer.OrdinalIgnoreCase);
            var found = top.Take(5).Count(h => relevant.Contains(h.Id));
            recall += (double)found / Math.Min(relevant.Count, 5);
            hits += found > 0 ? 1 : 0;
            for (var i = 0; i < top.Count; i++)
            {
                if (relevant.Contains(top[i].Id))
                {
                    mrr += 1.0 / (i + 1);
                    break;
                }
            }

            n++;
        }

        return n == 0 ? new ProductSearchMetrics(0, 0, 0, 0) : new ProductSearchMetrics(n, recall / n, (double)hits / n, mrr / n);
    }
}
