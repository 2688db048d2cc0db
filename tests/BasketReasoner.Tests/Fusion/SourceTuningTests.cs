using System.Text.Json;
using BasketReasoner.Core.Baskets;
using BasketReasoner.Core.Events;
using BasketReasoner.Core.Sessions;
using BasketReasoner.Eval.Tuning;
using BasketReasoner.Reasoning.Fusion;
using BasketReasoner.Reasoning.Fusion.Sources;

namespace BasketReasoner.Tests.Fusion;

/// <summary>The tuner's line search over added evidence sources, with the learned-weight source on synthetic sessions.</summary>
public sealed class SourceTuningTests : IDisposable
{
    private readonly string _dir = Path.Combine(Path.GetTempPath(), $"source-tuning-{Guid.NewGuid():N}");

    public SourceTuningTests() => Directory.CreateDirectory(_dir);

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    // The two 1 l cartons weigh about the same in the catalog, but the scale has learned that the milk weighs ~1120 g
    // and the oat drink ~990 g; vision slightly favours the wrong carton every time.
    private static (string Truth, double Grams) Event(int s) => s % 2 == 0 ? ("Arla-Standard-Milk", 1120.0 + (s % 7)) : ("Oatly-Oat-Milk", 990.0 + (s % 5));

    [Fact]
    public void Tune_LearnedWeightSeparatesLookAlikes_ChoosesAPositiveWeight()
    {
        var fit = Path.Combine(_dir, "train-fit.jsonl");
        SessionFile.Write(fit, Enumerable.Range(0, 60).Select(s =>
        {
            var (truth, grams) = Event(s);
            return new CartSession($"t-{s}", [new CartEvent(1, CartEventType.Add, "x.jpg", grams)], [new BasketLine(truth, 1)]) { EventTruth = [truth] };
        }));
        var evidence = Enumerable.Range(0, 40).Select(s =>
        {
            var (truth, grams) = Event(s + 1000);
            float[] probs = truth == "Arla-Standard-Milk" ? [0.44f, 0.02f, 0.48f, 0.04f, 0.02f] : [0.48f, 0.02f, 0.44f, 0.04f, 0.02f];
            return new SessionEvidence($"s-{s}", [new EventEvidence(new CartEvent(1, CartEventType.Add, $"f{s}.jpg", grams), truth, probs, new float[5], null)]);
        }).ToList();
        var start = new FusionOptions
        {
            WeightWeight = 0,
            Sources = new() { [LearnedWeightEvidence.SourceName] = JsonSerializer.SerializeToElement(new { Weight = 0, FitSessions = fit }) },
        };

        var result = FusionTuner.Tune(TestProducts.Catalog(), evidence, start, 0.99, [1.0], [0.0], [0.0], [0.001], addedSourceWeights: [0.0, 1.0]);

        var grid = result.SourceGrid!;
        Assert.Equal([0.0, 1.0], grid.Select(p => p.Weight));
        Assert.All(grid, p => Assert.Equal(LearnedWeightEvidence.SourceName, p.Source));
        Assert.Equal(0.0, grid[0].ItemAccuracy, 6);
        Assert.Equal(1.0, grid[1].ItemAccuracy, 6);
        Assert.Equal(1.0, result.Options.WeightOf(LearnedWeightEvidence.SourceName));
    }
}
