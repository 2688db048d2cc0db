using BasketReasoner.Core.Baskets;
using BasketReasoner.Core.Catalog;
using BasketReasoner.Core.Events;
using BasketReasoner.Core.Evidence;

namespace BasketReasoner.Reasoning.Fusion.Sources;

/// <summary>
/// log prior(c | basket, event type): adds are uniform or favour what the basket already holds
/// (<see cref="FusionOptions.AddRepeatBoost"/>); removals take what the basket holds, in proportion to how many of it,
/// with <see cref="FusionOptions.RemoveOutsideBasketMass"/> left for a basket that is itself wrong. Weight: 1.
/// </summary>
internal sealed class BasketPriorEvidence(ProductCatalog catalog, FusionOptions options) : IEvidenceSource
{
    public string Name => EvidenceSources.Prior;

    public bool Score(in EvidenceInputs inputs, Span<double> logTerms)
    {
        if (inputs.Event.Type == CartEventType.Add)
        {
            FillAddPrior(inputs.Basket, logTerms);
        }
        else
        {
            FillRemovePrior(inputs.Basket, logTerms);
        }

        return true;
    }

    private void FillRemovePrior(Basket basket, Span<double> prior)
    {
        var n = catalog.Count;
        var units = basket.TotalQuantity;
        if (units == 0)
        {
            prior.Fill(-Math.Log(n));
            return;
        }

        var outside = Math.Log(options.RemoveOutsideBasketMass / n);
        var inside = Math.Log(1 - options.RemoveOutsideBasketMass);
        for (var c = 0; c < n; c++)
        {
            var k = basket.Count(catalog[c].Id);
            prior[c] = k > 0 ? WeightLikelihood.LogAddExp(inside + Math.Log((double)k / units), outside) : outside;
        }
    }

    private void FillAddPrior(Basket basket, Span<double> prior)
    {
        var n = catalog.Count;
        var boost = Math.Max(0, options.AddRepeatBoost);
        var z = 0.0;
        for (var c = 0; c < n; c++)
        {
            prior[c] = boost > 0 && basket.Contains(catalog[c].Id) ? 1 + boost : 1;
            z += prior[c];
        }

        for (var c = 0; c < n; c++)
        {
            prior[c] = Math.Log(prior[c] / z);
        }
    }
}
