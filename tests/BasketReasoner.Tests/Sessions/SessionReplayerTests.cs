using BasketReasoner.Core.Baskets;
using BasketReasoner.Core.Events;
using BasketReasoner.Core.Sessions;
using BasketReasoner.Eval.Replay;
using BasketReasoner.Eval.Simulation;

namespace BasketReasoner.Tests.Sessions;

public sealed class SessionReplayerTests : IDisposable
{
    private readonly string _images = Path.Combine(Path.GetTempPath(), $"replay-{Guid.NewGuid():N}");

    public SessionReplayerTests() => Directory.CreateDirectory(_images);

    public void Dispose() => Directory.Delete(_images, recursive: true);

    private void WriteFrame(string relative, byte[]? bytes = null)
    {
        var path = Path.Combine(_images, relative);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllBytes(path, bytes ?? [0xFF, 0xD8, 0xFF]);
    }

    private static CartSession Session(string id, params (CartEventType Type, string Product, int Frame)[] events) => TestSessions.Of(id, events);

    [Fact]
    public void Replay_PerfectResolverOnSimulatedSessions_EveryBasketMatches()
    {
        var catalog = TestCatalog.Create();
        var images = TestCatalog.Images(catalog);
        foreach (var image in images)
        {
            WriteFrame(image.Path);
        }

        var sessions = new SessionSimulator(catalog, images).Generate(60);
        var report = SessionScorer.Score(new SessionReplayer(new PathOracleResolver(), _images).Replay(sessions), catalog: catalog);

        Assert.Equal(60, report.Sessions);
        Assert.Equal(sessions.Sum(s => s.Events.Count), report.Events);
        Assert.Equal(1.0, report.ItemAccuracy);
        Assert.Equal(1.0, report.BasketAccuracy);
        Assert.Equal(0, report.RemovesNotInBasket);
        Assert.Empty(report.Errors);
        Assert.Equal(["Fruit", "Packages", "Vegetables"], report.ByTopCategory.Keys);
    }

    [Fact]
    public void Replay_MissingImage_RecordsSessionAndSeqAndContinues()
    {
        WriteFrame("test/P/A/A_001.jpg");
        WriteFrame("test/P/B/B_001.jpg");
        var session = Session("s-7", (CartEventType.Add, "A", 1), (CartEventType.Add, "C", 1), (CartEventType.Add, "B", 1));

        var result = new SessionReplayer(new PathOracleResolver(), _images).Replay([session, session with { Id = "s-8" }]);

        Assert.Equal([("s-7", 2), ("s-8", 2)], result.Errors.Select(e => (e.SessionId, e.Seq)));
        Assert.Contains("C_001.jpg", result.Errors[0].Message, StringComparison.Ordinal);
        Assert.Equal([1, 3], result.Sessions[0].Events.Select(e => e.Event.Seq));
        Assert.Equal([new BasketLine("A", 1), new BasketLine("B", 1)], result.Sessions[0].FinalBasket);
        Assert.False(result.Sessions[0].BasketMatches);
    }

    [Fact]
    public void Replay_ResolverThrowsInvalidImage_RecordsErrorAndContinues()
    {
        WriteFrame("test/P/A/A_001.jpg");
        WriteFrame("test/P/A/A_002.jpg", []);
        WriteFrame("test/P/A/A_003.jpg");
        var session = Session("s-1", (CartEventType.Add, "A", 1), (CartEventType.Add, "A", 2), (CartEventType.Add, "A", 3));

        var result = new SessionReplayer(new PathOracleResolver(), _images).Replay([session]);

        var error = Assert.Single(result.Errors);
        Assert.Equal(("s-1", 2), (error.SessionId, error.Seq));
        Assert.Contains("InvalidImageException", error.Message, StringComparison.Ordinal);
        Assert.Equal([new BasketLine("A", 2)], result.Sessions[0].FinalBasket);
    }

    [Fact]
    public void Replay_RemoveOfProductNotInBasket_FlagsRemoveMissedAndLeavesBasket()
    {
        WriteFrame("test/P/A/A_001.jpg");
        WriteFrame("test/P/A/A_002.jpg");
        var session = Session("s-1", (CartEventType.Add, "A", 1), (CartEventType.Remove, "A", 2));
        var resolver = new PathOracleResolver { Override = e => e.Type == CartEventType.Remove ? "Z" : "A" };

        var outcome = new SessionReplayer(resolver, _images).Replay([session]).Sessions[0];

        Assert.Equal([false, true], outcome.Events.Select(e => e.RemoveMissed));
        Assert.Equal([new BasketLine("A", 1)], outcome.FinalBasket);
    }

    [Fact]
    public void Replay_Resolver_SeesBasketBeforeEachEventAndFreshBasketPerSession()
    {
        WriteFrame("test/P/A/A_001.jpg");
        WriteFrame("test/P/A/A_002.jpg");
        var session = Session("s-1", (CartEventType.Add, "A", 1), (CartEventType.Add, "A", 2));
        var resolver = new PathOracleResolver();

        new SessionReplayer(resolver, _images).Replay([session, session with { Id = "s-2" }]);

        Assert.Equal([0, 1, 0, 1], resolver.Seen.Select(s => s.Before.Sum(l => l.Qty)));
    }

    [Fact]
    public void Replay_Progress_ReportsSessionsDone()
    {
        WriteFrame("test/P/A/A_001.jpg");
        var session = Session("s-1", (CartEventType.Add, "A", 1));
        var progress = new ListProgress();

        new SessionReplayer(new PathOracleResolver(), _images).Replay([session, session, session], progress);

        Assert.Equal([1, 2, 3], progress.Values);
    }

    [Fact]
    public void Replay_SessionWithoutTruth_OutcomesHaveNullCorrect()
    {
        WriteFrame("test/P/A/A_001.jpg");
        var session = Session("s-1", (CartEventType.Add, "A", 1)) with { EventTruth = null };

        var outcome = new SessionReplayer(new PathOracleResolver(), _images).Replay([session]).Sessions[0];

        Assert.Null(Assert.Single(outcome.Events).Correct);
    }

    [Fact]
    public void Run_SessionFileWithBadLine_ReportCarriesLineErrorAndScores()
    {
        WriteFrame("test/P/A/A_001.jpg");
        var path = Path.Combine(_images, "sessions.jsonl");
        File.WriteAllText(path, SessionFile.ToLine(Session("s-1", (CartEventType.Add, "A", 1))) + "\n{broken\n");

        var report = SessionEvaluation.Run(new PathOracleResolver(), _images, path);

        Assert.Equal(1, report.Sessions);
        Assert.Equal(1, report.SkippedLines);
        Assert.Equal(2, Assert.Single(report.Errors).Line);
        Assert.Equal(1.0, report.BasketAccuracy);
    }
}
