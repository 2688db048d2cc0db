using BasketReasoner.Core.Catalog;
using BasketReasoner.Core.Events;
using BasketReasoner.Eval.Tuning;
using BasketReasoner.Reasoning.Fusion;

namespace BasketReasoner.Tests.Fusion;

/// <summary>The tuner's label-text stage and the evidence cache, on synthetic evidence.</summary>
public sealed class TextTuningTests : IDisposable
{
    private readonly string _dir = Path.Combine(Path.GetTempPath(), $"text-tuning-{Guid.NewGuid():N}");

    public TextTuningTests() => Directory.CreateDirectory(_dir);

    public void Dispose() => Directory.Delete(_dir, recursive: true);


    // Vision cannot tell the two 1 l cartons apart (slightly favouring the wrong one); the label text names the right one.
    private static List<SessionEvidence> Sessions(int count)
    {
        var sessions = new List<SessionEvidence>();
        for (var s = 0; s < count; s++)
        {
            var milk = s % 2 == 0;
            var truth = milk ? "Arla-Standard-Milk" : "Oatly-Oat-Milk";
            float[] probs = milk ? [0.44f, 0.02f, 0.48f, 0.04f, 0.02f] : [0.48f, 0.02f, 0.44f, 0.04f, 0.02f];
            float[] text = milk ? [1.2f, 0, 0, 0, 0] : [0, 0, 2.0f, 0, 0];
            var e = new CartEvent(1, CartEventType.Add, $"f{s}.jpg", 1056.0);
            sessions.Add(new SessionEvidence($"s-{s}", [new EventEvidence(e, truth, probs, new float[5], text)]));
        }

        return sessions;
    }

    [Fact]
    public void Tune_TextSeparatesLookAlikes_ChoosesPositiveTextWeight()
    {
        var result = FusionTuner.Tune(TestProducts.Branded(), Sessions(40), new FusionOptions(), 0.99, [1.0], [0.0], [0.0], [0.001], [0.0, 0.5, 1.0, 2.0], [0.05, 0.5]);

        Assert.True(result.Options.TextWeight > 0);
        Assert.NotNull(result.TextGrid);
        var off = result.TextGrid!.First(p => p.TextWeight == 0);
        var on = result.TextGrid!.First(p => p.TextWeight == result.Options.TextWeight && p.Gate == result.Options.TextGatePackagedMass);
        Assert.Equal(0.0, off.ItemAccuracy, 6);
        Assert.Equal(1.0, on.ItemAccuracy, 6);
        Assert.Equal(1.0, on.PackagedAccuracy, 6);
    }

    [Fact]
    public void Score_GateAboveThePackagedMass_FusesWithoutText()
    {
        var score = FusionTuner.Score(TestProducts.Branded(), Sessions(10), new FusionOptions { TextWeight = 2, TextGatePackagedMass = 0.99 });

        Assert.Equal(0, score.TextReadRate);
        Assert.Equal(0.0, score.ItemAccuracy, 6); // vision alone always takes the look-alike
    }

    [Fact]
    public void EvidenceCache_RoundTrip_KeepsTextScoresAndRefusesAnotherFile()
    {
        var path = Path.Combine(_dir, "evidence.json");
        var sessions = Sessions(4);

        EvidenceCache.Save(path, "eval/sessions/val-400.jsonl", 0.01, sessions);
        var loaded = EvidenceCache.TryLoad(path, "val-400.jsonl", 0.05)!;

        Assert.Equal(sessions[1].Events[0].Text, loaded[1].Events[0].Text);
        Assert.Equal(sessions[1].Events[0].Event, loaded[1].Events[0].Event);
        Assert.Throws<InvalidDataException>(() => EvidenceCache.TryLoad(path, "test-400.jsonl", 0.05));
        Assert.Throws<InvalidDataException>(() => EvidenceCache.TryLoad(path, "val-400.jsonl", 0.001));
        Assert.Null(EvidenceCache.TryLoad(Path.Combine(_dir, "missing.json"), "val-400.jsonl", 0.05));
    }
}
