using BasketReasoner.Composition;
using BasketReasoner.Core.Data;
using BasketReasoner.Core.Sessions;
using BasketReasoner.Eval.Replay;
using BasketReasoner.Reasoning.Fusion;
using BasketReasoner.Tests.Infrastructure;

namespace BasketReasoner.Tests.EndToEnd;

/// <summary>
/// The whole pipeline on real dataset images: the committed catalog, recognizer, product index and fusion config,
/// replaying sessions simulated from the val split (tests never tune anything, and the test split is left to
/// the reported benchmarks).
/// </summary>
public sealed class PipelineEndToEndTests : IDisposable
{
    private readonly string _dir = Path.Combine(Path.GetTempPath(), $"e2e-{Guid.NewGuid():N}");
    private readonly string _images = DataRoot.ImagesFolder(DataRoot.Resolve());

    public PipelineEndToEndTests() => Directory.CreateDirectory(_dir);

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private static CartPipeline OpenDefaults() => CartPipeline.Open(
        RepoPaths.CatalogPath, RepoPaths.RecognizerFolder, Path.Combine(RepoPaths.Root, "config", "fusion.json"), log: TextWriter.Null);

    private static IReadOnlyList<CartSession> ValSessions(int count) =>
        SessionFile.Read(Path.Combine(RepoPaths.Root, "eval", "sessions", "val-400.jsonl")).Sessions.Take(count).ToArray();

    [Fact]
    public void Replay_RealValSessions_ResolvesEveryEventWithEvidence()
    {
        using var pipeline = OpenDefaults();
        var sessions = ValSessions(25);

        var report = SessionEvaluation.Run(pipeline.Resolver, _images, sessions, []);

        Assert.Equal(25, report.Sessions);
        Assert.Equal(sessions.Sum(s => s.Events.Count), report.Events);
        Assert.Empty(report.Errors);
        Assert.True(report.LatencyMs.P50 > 0);
        // A floor well below the measured val accuracy (eval/README.md): catches a broken model, index or fusion.
        Assert.True(report.ItemAccuracy >= 0.5, $"item accuracy {report.ItemAccuracy:P1}");
    }

    [Fact]
    public void Resolve_RealFrame_ReturnsCandidatesWithAllSignals()
    {
        using var pipeline = OpenDefaults();
        var session = ValSessions(1)[0];
        var ev = session.Events.First(e => e.WeightDeltaGrams is not null);

        var r = pipeline.Resolver.Resolve(ev, File.ReadAllBytes(Path.Combine(_images, ev.Image)), new Core.Baskets.Basket());

        Assert.Equal(ev.Seq, r.Seq);
        Assert.Equal("fusion", r.Stage);
        Assert.InRange(r.Confidence, 0, 1);
        Assert.Equal(r.ProductId, r.Candidates[0].ProductId);
        Assert.True(r.Candidates.Count >= 2);
        Assert.All(r.Candidates, c => Assert.InRange(c.LogLikelihood(EvidenceSources.Retrieval), -1.0001, 1.0001));
        Assert.Contains(r.Candidates, c => c.LogLikelihood(EvidenceSources.Weight) != 0);
        Assert.True(pipeline.Catalog.TryGet(r.ProductId, out _));
    }

    [Fact]
    public void Replay_BadLinesMissingAndCorruptImages_ReportsThemAndScoresTheRest()
    {
        var good = ValSessions(3);
        File.WriteAllBytes(Path.Combine(_dir, "corrupt.jpg"), [0xFF, 0xD8, 0xFF, 0x00, 0x13, 0x37]);
        var corruptImage = Path.GetRelativePath(_images, Path.Combine(_dir, "corrupt.jpg"));
        var lines = new List<string>
        {
            SessionFile.ToLine(good[0]),
            "{ this is not json",
            """{"id":"bad-weight","events":[{"seq":1,"type":"add","image":"x.jpg","weight_delta_g":"NaN"}],"expected":[]}""",
            """{"id":"missing-image","events":[{"seq":1,"type":"add","image":"val/does/not/exist.jpg","weight_delta_g":100.0,"product":"Lemon"}],"expected":[{"product":"Lemon","qty":1}]}""",
            $$"""{"id":"corrupt-image","events":[{"seq":1,"type":"add","image":"{{corruptImage}}","weight_delta_g":100.0,"product":"Lemon"}],"expected":[{"product":"Lemon","qty":1}]}""",
            """{"id":"unknown-product","events":[{"seq":1,"type":"add","image":"x.jpg","weight_delta_g":100.0}],"expected":[{"product":"Caviar-Deluxe","qty":1}]}""",
            SessionFile.ToLine(good[1]),
        };
        var file = Path.Combine(_dir, "mixed.jsonl");
        File.WriteAllLines(file, lines);
        using var pipeline = OpenDefaults();

        var report = SessionEvaluation.Run(pipeline.Resolver, _images, file, pipeline.Catalog);

        Assert.Equal(4, report.Sessions);
        Assert.Equal(3, report.SkippedLines);
        Assert.Contains(report.Errors, e => e.Line == 6 && e.Message.Contains("unknown product 'Caviar-Deluxe'"));
        Assert.Contains(report.Errors, e => e.Line == 2);
        Assert.Contains(report.Errors, e => e.Line == 3 && e.Message.Contains("weight_delta_g"));
        Assert.Contains(report.Errors, e => e.Session == "missing-image");
        Assert.Contains(report.Errors, e => e.Session == "corrupt-image");
        Assert.Equal(good[0].Events.Count + good[1].Events.Count, report.Events);
        Assert.Equal(2, report.FailedEvents);
    }
}
