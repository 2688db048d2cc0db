using BasketReasoner.Core.Baskets;
using BasketReasoner.Core.Escalation;
using BasketReasoner.Core.Events;
using BasketReasoner.Core.Resolutions;
using BasketReasoner.Core.Sessions;
using BasketReasoner.Eval.Chain;
using BasketReasoner.Eval.Replay;
using BasketReasoner.Reasoning.Escalation;

namespace BasketReasoner.Tests.Sessions;

/// <summary>The whole chain in a replay: fusion, a later stage, the simulated shopper, and what the basket ends as.</summary>
public sealed class ChainReplayTests : IDisposable
{
    private readonly string _images = Path.Combine(Path.GetTempPath(), $"chain-{Guid.NewGuid():N}");

    public ChainReplayTests() => Directory.CreateDirectory(_images);

    public void Dispose() => Directory.Delete(_images, recursive: true);

    [Fact]
    public void Replay_CloudAndShopper_FinalBasketTakesTheirAnswersAndFusionFieldsStayFusions()
    {
        // 1 Banana: fusion sure and right. 2 Milk: fusion unsure between Oatghurt and Milk, the cloud is sure of Milk.
        // 3 Cucumber: fusion unsure, the cloud unsure too: the shopper taps Cucumber among the tiles.
        // 4 Golden-Delicious: fusion unsure and the truth not among its candidates: "None of these", then the picker.
        var session = Session("s1",
            (CartEventType.Add, "Banana"), (CartEventType.Add, "Arla-Standard-Milk"), (CartEventType.Add, "Cucumber"), (CartEventType.Add, "Golden-Delicious"));
        var resolver = new ScriptedResolver(e => e.Seq switch
        {
            1 => Fused(e, ("Banana", 0.9999), ("Cucumber", 0.0001)),
            2 => Fused(e, ("Oatly-Natural-Oatghurt", 0.6), ("Arla-Standard-Milk", 0.4)),
            3 => Fused(e, ("Cucumber", 0.7), ("Banana", 0.3)),
            _ => Fused(e, ("Banana", 0.5), ("Cucumber", 0.5)),
        });
        var cloud = new ScriptedChooser(r => r.Candidates.Any(c => c.ProductId == "Arla-Standard-Milk") ? ("Arla-Standard-Milk", 0.97) : (r.Candidates[0].ProductId, 0.5));

        var (report, replay) = Run(resolver, cloud, session);

        Assert.Equal(0.5, report.ItemAccuracy); // fusion's own best guesses: the banana and the cucumber
        Assert.Equal(0.0, report.BasketAccuracy); // the basket fusion alone would have built
        Assert.Equal(1.0, report.FinalItemAccuracy);
        Assert.Equal(1.0, report.FinalBasketAccuracy);
        Assert.Equal(0.5, report.ShopperAskRate);
        Assert.Equal(0.25, report.ShopperPickerRate);
        Assert.Equal(0.5, report.DecidedWithoutShopperRate);
        var stages = report.Stages!;
        Assert.Equal((4, 1), (stages["fusion"].Reached, stages["fusion"].Decided));
        Assert.Equal((3, 1, 1.0), (stages["cloud"].Reached, stages["cloud"].Decided, stages["cloud"].Precision));
        // On the three events it chose on, accepted or not: right on the milk and the cucumber, where fusion's top-1 was
        // right on the cucumber alone: the comparison a later stage must win.
        Assert.Equal(3, stages["cloud"].Chose);
        Assert.Equal(2.0 / 3, stages["cloud"].ChoiceAccuracy!.Value, 9);
        Assert.Equal(1.0 / 3, stages["cloud"].FusionAccuracyOnSame!.Value, 9);
        Assert.NotNull(stages["cloud"].CalibrationError);
        Assert.Equal((2, 2), (stages["shopper"].Reached, stages["shopper"].Decided));
        Assert.Equal(0, stages["on-device"].Reached);
        var events = replay.Sessions[0].Events;
        Assert.Equal(["fusion", "cloud", "shopper", "shopper"], events.Select(e => e.Chain!.DecidedBy));
        Assert.Equal([null, null, ShopperAnswer.Tile, ShopperAnswer.Picker], events.Select(e => e.Chain!.ShopperAnswer));
    }

    [Fact]
    public void Replay_UnsureRemoval_ShopperIsOfferedOnlyWhatTheBasketHolds()
    {
        // The removal's candidates are Cucumber (not in the basket) then Banana: the tiles hold Banana alone.
        var session = Session("s2", (CartEventType.Add, "Banana"), (CartEventType.Remove, "Banana"));
        var resolver = new ScriptedResolver(e => e.Seq == 1
            ? Fused(e, ("Banana", 0.9999), ("Cucumber", 0.0001))
            : Fused(e, ("Cucumber", 0.55), ("Banana", 0.45)));

        var (report, replay) = Run(resolver, cloud: null, session);

        var removal = replay.Sessions[0].Events[1].Chain!;
        Assert.Equal(("shopper", "Banana", ShopperAnswer.Tile), (removal.DecidedBy, removal.ProductId, removal.ShopperAnswer));
        Assert.Equal(1.0, report.FinalBasketAccuracy);
        Assert.Empty(replay.Sessions[0].ChainBasket!);
    }

    [Fact]
    public void Replay_FailingCloud_EventGoesToTheShopperAndTheFailureIsCounted()
    {
        var session = Session("s3", (CartEventType.Add, "Cucumber"));
        var resolver = new ScriptedResolver(e => Fused(e, ("Banana", 0.6), ("Cucumber", 0.4)));
        var cloud = new ScriptedChooser(_ => throw new HttpRequestException("connection refused"));

        var (report, _) = Run(resolver, cloud, session);

        Assert.Equal(1, report.Stages!["cloud"].Failed);
        Assert.Equal(1.0, report.ShopperAskRate);
        Assert.Equal(1.0, report.FinalItemAccuracy);
    }

    [Fact]
    public void Answer_TruthUnknown_TapsTheFirstTile()
    {
        var (product, answer) = SimulatedShopper.Answer([new ChoiceCandidate("Banana", "Banana", 0.6), new ChoiceCandidate("Cucumber", "Cucumber", 0.4)], truth: null);

        Assert.Equal(("Banana", ShopperAnswer.FirstTileWithoutTruth), (product, answer));
    }

    private (SessionReport Report, ReplayResult Replay) Run(ICartEventResolver resolver, ICandidateChooser? cloud, CartSession session)
    {
        foreach (var e in session.Events)
        {
            var path = Path.Combine(_images, e.Image);
            Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            File.WriteAllBytes(path, [0xFF, 0xD8, 0xFF]);
        }

        var catalog = TestCatalog.Create();
        var policy = new EscalationPolicy(catalog, new EscalationOptions { FusionAcceptThreshold = 0.999, CloudAcceptThreshold = 0.9 }, onDevice: null, cloud);
        var replay = new SessionReplayer(resolver, _images) { Chain = new ChainReplay(policy) }.Replay([session]);
        return (SessionScorer.Score(replay, catalog: catalog), replay);
    }

    private static CartSession Session(string id, params (CartEventType Type, string Product)[] events) =>
        TestSessions.Of(id, [.. events.Select((e, i) => (e.Type, e.Product, i + 1))]);

    private static Resolution Fused(CartEvent e, params (string Product, double Posterior)[] candidates) => new()
    {
        Seq = e.Seq,
        Type = e.Type,
        ProductId = candidates[0].Product,
        Confidence = candidates[0].Posterior,
        IsAmbiguous = candidates[0].Posterior < 0.999,
        Candidates = candidates.Select(c => new CandidateEvidence(c.Product, c.Posterior, [])).ToArray(),
        Stage = "fusion",
        LatencyMs = 1,
    };

    private sealed class ScriptedResolver(Func<CartEvent, Resolution> decide) : ICartEventResolver
    {
        public Resolution Resolve(CartEvent cartEvent, ReadOnlySpan<byte> encodedImage, Basket basket) => decide(cartEvent);
    }

    private sealed class ScriptedChooser(Func<ChoiceRequest, (string Product, double Probability)> choose) : ICandidateChooser
    {
        public string Stage => "cloud";

        public Task<CandidateChoice> ChooseAsync(ChoiceRequest request, CancellationToken cancellationToken = default)
        {
            var (product, p) = choose(request);
            var rest = (1 - p) / (request.Candidates.Count - 1);
            return Task.FromResult(new CandidateChoice(product, p, request.Candidates.ToDictionary(c => c.ProductId, c => c.ProductId == product ? p : rest)));
        }
    }
}
