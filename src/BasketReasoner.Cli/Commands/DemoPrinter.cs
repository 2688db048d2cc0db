using System.Globalization;
using BasketReasoner.Core.Baskets;
using BasketReasoner.Core.Catalog;
using BasketReasoner.Core.Events;
using BasketReasoner.Core.Sessions;
using BasketReasoner.Eval.Chain;
using BasketReasoner.Eval.Replay;
using BasketReasoner.Reasoning.Escalation;

namespace BasketReasoner.Cli.Commands;

/// <summary>
/// What <c>basket demo</c> prints while the replayer runs: each decision with the evidence of its top three
/// candidates, the path it took through the chain (fusion, later stages, the shopper) when one runs, basket
/// reconciliations, then each session's receipt (loose produce priced by measured weight).
/// </summary>
internal sealed class DemoPrinter(TextWriter stdout, ProductCatalog catalog) : IReplayObserver
{
    private WeighingLedger _ledger = new();

    public int Events { get; private set; }

    public int Correct { get; private set; }

    public int Ambiguous { get; private set; }

    public int ExactBaskets { get; private set; }

    public void SessionStarted(CartSession session)
    {
        stdout.WriteLine();
        stdout.WriteLine($"── session {session.Id} ({session.Events.Count} events) " + new string('─', 40));
        _ledger = new WeighingLedger();
        Events += session.Events.Count;
    }

    public void EventResolved(EventOutcome outcome, BasketChange change)
    {
        var (ev, r, truth) = (outcome.Event, outcome.Resolution, outcome.Truth);
        var mark = truth is null ? "" : r.ProductId == truth ? "  ✓" : $"  ✗ (was {truth})";
        Correct += outcome.Correct == true ? 1 : 0;
        Ambiguous += r.IsAmbiguous ? 1 : 0;
        var weight = ev.WeightDeltaGrams is { } w ? string.Create(CultureInfo.InvariantCulture, $"{w,+9:+0.0;-0.0} g") : "  no weight";
        // With the chain, "unsure" is the chain's own fusion stage (its accept threshold), not fusion's ambiguity flag,
        // so an event the chain accepts is never printed as unsure.
        var flag = outcome.Chain is { } path
            ? path.Stages.FirstOrDefault()?.Outcome == StageOutcome.Accepted ? "" : "  unsure"
            : r.IsAmbiguous ? "  AMBIGUOUS → next stage" : "";
        stdout.WriteLine($" #{ev.Seq,-3} {Kind(ev.Type)} {weight}  → {r.ProductId,-34} p={r.Confidence:0.000}  [{r.Stage} {r.LatencyMs:0.0} ms]{flag}{mark}");
        if (outcome.Chain is { } chain)
        {
            stdout.WriteLine($"        chain: {Path(chain)}");
        }

        foreach (var c in r.Candidates.Take(3))
        {
            var terms = string.Join("  ", c.Terms.Select(t => string.Create(CultureInfo.InvariantCulture, $"{t.Source} {t.LogLikelihood:0.00}")));
            stdout.WriteLine(string.Create(CultureInfo.InvariantCulture, $"        {c.ProductId,-34} post {c.Posterior:0.0000}  {terms}"));
        }

        if (change.AppliedProductId is { } applied)
        {
            if (ev.Type == CartEventType.Add)
            {
                _ledger.RecordAdd(applied, ev.WeightDeltaGrams);
            }
            else
            {
                _ledger.RecordRemove(applied, ev.WeightDeltaGrams);
            }
        }

        if (change.Reconciled)
        {
            stdout.WriteLine($"        basket reconciled: {r.ProductId} was not in the basket; took out {change.AppliedProductId}, the likeliest line it holds");
        }
    }

    public void EventFailed(ReplayError error) => stdout.WriteLine($" #{error.Seq,-3} skipped: {error.Message}");

    public void SessionFinished(SessionOutcome outcome)
    {
        var basket = outcome.ChainBasket ?? outcome.FinalBasket;
        var receipt = Receipt.Build(catalog, basket, _ledger);
        stdout.WriteLine($"  receipt (DEMO store prices, not real, {receipt.Currency}):");
        foreach (var l in receipt.Lines)
        {
            var name = catalog.Get(l.ProductId).ShopperFacingName;
            var what = l.Grams is { } g
                ? string.Create(CultureInfo.InvariantCulture, $"{l.Qty} × {name} ({g / 1000:0.000} kg{(l.GramsEstimated ? ", partly estimated" : "")} @ {l.UnitPrice:0.00}/kg)")
                : string.Create(CultureInfo.InvariantCulture, $"{l.Qty} × {name} @ {l.UnitPrice:0.00}");
            stdout.WriteLine(string.Create(CultureInfo.InvariantCulture, $"    {what,-66} {l.Total,9:0.00}"));
        }

        stdout.WriteLine(string.Create(CultureInfo.InvariantCulture, $"    {"total",-66} {receipt.Total,9:0.00}"));
        var ok = outcome.ChainBasketMatches ?? outcome.BasketMatches;
        ExactBaskets += ok ? 1 : 0;
        stdout.WriteLine($"  final basket {(ok ? "matches the expected basket ✓" : "differs from the expected basket ✗")}");
    }

    // e.g. "fusion unsure 0.62 → cloud 0.97 Arla-Standard-Milk, accepted" or "fusion unsure 0.55 → shopper: tapped Banana".
    private static string Path(ChainOutcome chain) => string.Join(" → ", chain.Stages
        .Where(s => s.Outcome != StageOutcome.Skipped)
        .Select(s => s.Outcome switch
        {
            StageOutcome.Asked => chain.ShopperAnswer == ShopperAnswer.Picker
                ? $"shopper: not among the tiles, found {chain.ProductId} with the picker"
                : $"shopper: tapped {chain.ProductId}",
            StageOutcome.Failed => $"{s.Stage} failed ({s.Detail})",
            _ => string.Create(CultureInfo.InvariantCulture,
                $"{s.Stage} {(s.Outcome == StageOutcome.Accepted ? "accepted" : "unsure")} {s.ProductId} {s.Probability:0.000} [{s.LatencyMs:0.0} ms]"),
        }));

    private static string Kind(CartEventType t) => t == CartEventType.Add ? "add   " : "remove";
}
