using BasketReasoner.Eval.Chain;
using BasketReasoner.Eval.Replay;

namespace BasketReasoner.Cli.Commands;

/// <summary>The chain's figures of a session report, as lines for the terminal.</summary>
internal static class ChainPrinter
{
    public static void Print(TextWriter output, SessionReport report)
    {
        if (report.Stages is not { } stages)
        {
            return;
        }

        output.WriteLine(
            $"after the chain: item accuracy {report.FinalItemAccuracy:P2}, basket accuracy {report.FinalBasketAccuracy:P2}; " +
            $"the cart decided {report.DecidedWithoutShopperRate:P1} alone ({report.AccuracyDecidedWithoutShopper:P2} correct), " +
            $"the shopper was asked on {report.ShopperAskRate:P1} (truth not among the tiles, picker: {report.ShopperPickerRate:P1})");
        foreach (var name in ChainScorer.StageOrder.Concat(stages.Keys).Distinct())
        {
            if (!stages.TryGetValue(name, out var s))
            {
                continue;
            }

            output.WriteLine(s.Reached == 0
                ? $"  {name,-9} not in the chain"
                : $"  {name,-9} reached {s.Reached,5}, decided {s.Decided,5} ({s.DecidedRate:P1} of events), precision {(s.Precision is { } p ? p.ToString("P2") : "-")}, " +
                  $"failed {s.Failed}, latency ms p50 {s.LatencyMs.P50:F1} p95 {s.LatencyMs.P95:F1} p99 {s.LatencyMs.P99:F1}");
        }
    }
}
