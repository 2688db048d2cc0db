using BasketReasoner.Core.Catalog;
using BasketReasoner.Eval.Scale;
using BasketReasoner.Tests.Infrastructure;

namespace BasketReasoner.Tests.Scale;

public sealed class ScaleSimulatorTests
{
    private static readonly ScaleSignalOptions Short = new() { Minutes = 3 };

    [Fact]
    public void Generate_SameSeed_SameStreamAndTruth()
    {
        var a = new ScaleSimulator().Generate(Short with { Seed = 7 });
        var b = new ScaleSimulator().Generate(Short with { Seed = 7 });

        Assert.Equal(a.Grams, b.Grams);
        Assert.Equal(a.Truth, b.Truth);
        Assert.Equal(a.MotionSeconds, b.MotionSeconds);
    }

    [Fact]
    public void Generate_OtherSeed_OtherStream()
    {
        var a = new ScaleSimulator().Generate(Short with { Seed = 7 });
        var b = new ScaleSimulator().Generate(Short with { Seed = 8 });

        Assert.NotEqual(a.Grams, b.Grams);
    }

    [Fact]
    public void Generate_Options_RateDurationAndTruthAreConsistent()
    {
        var s = new ScaleSimulator().Generate(new ScaleSignalOptions { Seed = 3, Minutes = 20, SampleRateHz = 50 });

        Assert.Equal(20 * 60 * 50, s.Grams.Length);
        Assert.NotEmpty(s.Truth);
        Assert.All(s.Truth, e => Assert.InRange(e.TimeSeconds, 0, s.DurationSeconds));
        Assert.InRange(s.MotionSeconds, 60, s.DurationSeconds - 60);
        Assert.True(s.Jostles > 0);
        Assert.True(s.Leans > 0);
        Assert.All(s.Truth.Where(e => e.PairId is not null).GroupBy(e => e.PairId), g => Assert.Equal(2, g.Count()));
    }

    [Fact]
    public void Generate_Catalog_UsesItsProducts()
    {
        var catalog = ProductCatalog.Load(RepoPaths.CatalogPath);

        var s = new ScaleSimulator(catalog).Generate(new ScaleSignalOptions { Seed = 2, Minutes = 20 });

        Assert.All(s.Truth, e => Assert.True(catalog.TryGet(e.ProductId, out _), e.ProductId));
        Assert.Contains(s.Truth, e => e.Packaged);
        Assert.Contains(s.Truth, e => !e.Packaged);
    }

    [Fact]
    public void Generate_RemovedItem_WeighsWhatItWeighedGoingIn()
    {
        var s = new ScaleSimulator().Generate(new ScaleSignalOptions { Seed = 4, Minutes = 30 });
        var removals = s.Truth.Where(e => e.DeltaGrams < 0).ToArray();

        Assert.NotEmpty(removals);
        Assert.All(removals, r => Assert.Contains(s.Truth, a => a.TimeSeconds < r.TimeSeconds && a.DeltaGrams == -r.DeltaGrams));
    }

    [Fact]
    public void Write_Csv_WritesReadingsAndTruth()
    {
        var dir = Path.Combine(Path.GetTempPath(), $"scale-{Guid.NewGuid():N}");
        try
        {
            var s = new ScaleSimulator().Generate(new ScaleSignalOptions { Seed = 1, Minutes = 0.5 });
            var path = Path.Combine(dir, "s.csv");

            var truth = ScaleStreamFile.Write(path, s);

            var lines = File.ReadAllLines(path);
            Assert.Equal("t_seconds,grams", lines[0]);
            Assert.Equal(s.Grams.Length + 1, lines.Length);
            Assert.Contains("\"events\"", File.ReadAllText(truth), StringComparison.Ordinal);
        }
        finally
        {
            if (Directory.Exists(dir))
            {
                Directory.Delete(dir, recursive: true);
            }
        }
    }
    [Fact]
    public void Generate_Script_TruthIsTheScriptInOrderAndTheStreamEndsQuietAfterIt()
    {
        ScaleAction[] script =
        [
            new("milk-1l", 1061, true), new("apple", 171, false), new("banana", 118, false), new("milk-1l", -1061, true),
            new("melon", 1480, false), new("garlic", 47, false), new("apple", -171, false),
        ];
        var quiet = new ScaleSignalOptions { Seed = 9, NeverSettleProbability = 0 };

        var s = new ScaleSimulator().Generate(quiet, script);

        Assert.Equal(script.Select(a => (a.ProductId, a.DeltaGrams, a.Packaged)), s.Truth.Select(t => (t.ProductId, t.DeltaGrams, t.Packaged)));
        Assert.True(s.Truth.Zip(s.Truth.Skip(1)).All(p => p.First.TimeSeconds < p.Second.TimeSeconds));
        Assert.True(s.DurationSeconds >= s.Truth[^1].TimeSeconds + ScaleSimulator.ScriptTailSeconds);
        var detected = ScaleEvaluation.Detect(s);
        var final = s.Grams[^100..].Average() - s.Grams[..100].Average();
        Assert.InRange(final, script.Sum(a => a.DeltaGrams) - 15, script.Sum(a => a.DeltaGrams) + 15);
        Assert.NotEmpty(detected);
        Assert.Equal(s.Grams, new ScaleSimulator().Generate(quiet, script).Grams);
    }
}
