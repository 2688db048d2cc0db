using BasketReasoner.Composition;
using System.Text.Json;
using BasketReasoner.Core.Baskets;
using BasketReasoner.Core.Data;
using BasketReasoner.Core.Events;
using BasketReasoner.Reasoning.Fusion;
using BasketReasoner.Tests.Infrastructure;

namespace BasketReasoner.Tests.Ocr;

/// <summary>The composed pipeline with label text on: one real pack frame, so the OCR cost in CI stays one read.</summary>
public sealed class LabelTextPipelineTests : IDisposable
{
    private readonly string _dir = Path.Combine(Path.GetTempPath(), $"label-text-{Guid.NewGuid():N}");

    public LabelTextPipelineTests() => Directory.CreateDirectory(_dir);

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    // The committed config with text switched on whatever its tuned weight is, and every gate wide open: the packaged
    // mass, the skip confidence, and the decided-at / reachability gate (with recognizer v3 and text weight 0.5 no
    // label could lift the Arla frame past the acceptance threshold, so the shipped gate rightly skips its OCR).
    private string ConfigWithText()
    {
        var node = JsonDocument.Parse(File.ReadAllText(Path.Combine(RepoPaths.Root, "config", "fusion.json"))).RootElement;
        var dict = JsonSerializer.Deserialize<Dictionary<string, JsonElement>>(node.GetRawText())!;
        var text = dict.TryGetValue("TextWeight", out var w) && w.GetDouble() > 0 ? w.GetDouble() : 1.0;
        var merged = dict.ToDictionary(kv => kv.Key, kv => (object)kv.Value);
        merged["TextWeight"] = text;
        merged["TextGatePackagedMass"] = 0.0;
        merged["TextSkipConfidence"] = 1.0;
        merged["TextGate"] = new Dictionary<string, object?> { ["DecidedAt"] = 1.01, ["OnlyWhenReachable"] = false };
        var path = Path.Combine(_dir, "fusion.json");
        File.WriteAllText(path, JsonSerializer.Serialize(merged));
        return path;
    }

    [Fact]
    public void Resolve_ArlaPackFrame_ReadsTheLabelAndScoresArlaProducts()
    {
        using var pipeline = CartPipeline.Open(RepoPaths.CatalogPath, RepoPaths.RecognizerFolder, ConfigWithText(), log: TextWriter.Null);
        Assert.NotNull(pipeline.Ocr);
        var frame = File.ReadAllBytes(Path.Combine(
            DataRoot.Resolve(), "dataset", "test", "Packages", "Milk", "Arla-Standard-Milk", "Arla-Standard-Milk_002.jpg"));

        var before = pipeline.Resolver.TextReads; // the start-up warm-up may have read its synthetic frame

        var r = pipeline.Resolver.Resolve(new CartEvent(1, CartEventType.Add, "arla.jpg", 1062.0), frame, new Basket());

        Assert.Equal(before + 1, pipeline.Resolver.TextReads);
        Assert.Contains(r.Candidates, c => c.ProductId.StartsWith("Arla-", StringComparison.Ordinal) && c.LogLikelihood(EvidenceSources.Text) > 0);
        Assert.StartsWith("Arla-", r.Candidates.MaxBy(c => c.LogLikelihood(EvidenceSources.Text))!.ProductId, StringComparison.Ordinal);
    }

    [Fact]
    public void Open_LabelTextOff_HasNoReaderAndZeroTextWeight()
    {
        using var pipeline = CartPipeline.Open(RepoPaths.CatalogPath, RepoPaths.RecognizerFolder, ConfigWithText(), log: TextWriter.Null, labelText: false);

        Assert.Null(pipeline.Ocr);
        Assert.Equal(0, pipeline.Resolver.Options.TextWeight);
    }
}
