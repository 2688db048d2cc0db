using System.Net;
using System.Net.Sockets;
using BasketReasoner.Core.Catalog;
using BasketReasoner.Core.Escalation;
using BasketReasoner.Core.Events;
using BasketReasoner.Core.Resolutions;
using BasketReasoner.Reasoning.Choice;
using BasketReasoner.Reasoning.Escalation;
using BasketReasoner.Server.Cloud;
using BasketReasoner.Server.Tests.Infrastructure;
using Microsoft.Extensions.Time.Testing;
using Polly.CircuitBreaker;

namespace BasketReasoner.Server.Tests.Escalation;

/// <summary>The chain's rules without a server: failures pass the event on, never lose it.</summary>
[Collection(ServerCollection.Name)]
public sealed class EscalationPolicyTests(ServerFixture fx)
{
    private static readonly ReadOnlyMemory<byte>[] NoImage = [new byte[] { 0xFF, 0xD8, 0xFF }];

    private ProductCatalog Catalog => fx.Pipeline.Catalog;

    [Fact]
    public async Task DecideAsync_OnDeviceThrowsAndCloudTimesOut_ShopperAskedWithBothFailuresRecorded()
    {
        var time = new FakeTimeProvider();
        var throwing = new ScriptedCandidateChooserDouble("on-device", _ => throw new InvalidOperationException("model crashed"));
        var slow = new SlowChooserDouble();
        var policy = new EscalationPolicy(Catalog, new EscalationOptions { CloudTimeout = TimeSpan.FromMilliseconds(100) }, throwing, slow, time);

        var deciding = policy.DecideAsync(Fusion(0.6), NoImage);
        await slow.Asked.Task.WaitAsync(TimeSpan.FromSeconds(30));
        time.Advance(TimeSpan.FromMilliseconds(99));
        Assert.False(deciding.IsCompleted, "the cloud stage gave up before its budget");
        time.Advance(TimeSpan.FromMilliseconds(1));
        var decision = await deciding.WaitAsync(TimeSpan.FromSeconds(30));

        Assert.True(decision.NeedsShopper);
        Assert.Equal("shopper", decision.DecidedBy);
        Assert.Equal([StageOutcome.Unsure, StageOutcome.Failed, StageOutcome.Failed, StageOutcome.Asked], decision.Stages.Select(s => s.Outcome).ToArray());
        Assert.Contains("model crashed", decision.Stages[1].Detail);
        Assert.Contains("timed out after 100 ms", decision.Stages[2].Detail);
        Assert.Equal(100, decision.Stages[2].LatencyMs);
    }

    [Fact]
    public async Task DecideAsync_ChooserAnswersANonCandidate_TreatedAsFailed()
    {
        var rogue = new ScriptedCandidateChooserDouble("on-device", _ => new CandidateChoice("Arla-Standard-Milk", 0.99, new Dictionary<string, double>()));
        var policy = new EscalationPolicy(Catalog, new EscalationOptions(), rogue, null);

        var decision = await policy.DecideAsync(Fusion(0.6), NoImage);

        Assert.Equal(StageOutcome.Failed, decision.Stages[1].Outcome);
        Assert.Equal(StageOutcome.Skipped, decision.Stages[2].Outcome);
        Assert.True(decision.NeedsShopper);
    }

    [Fact]
    public async Task DecideAsync_ConfidentFusion_AcceptedWithoutCandidatesBeingAsked()
    {
        var chooser = ScriptedCandidateChooserDouble.Picking(null, 0.99);
        var decision = await new EscalationPolicy(Catalog, new EscalationOptions(), chooser, chooser).DecideAsync(Fusion(0.9995), NoImage);

        Assert.Equal("fusion", decision.DecidedBy);
        Assert.Equal("Golden-Delicious", decision.ProductId);
        Assert.Equal(0, chooser.Calls);
    }

    [Theory]
    [InlineData(0.0)]     // the scale saw nothing go in
    [InlineData(5000.0)]  // 5 kg is no apple
    public async Task DecideAsync_CloudSureOfAProductTheWeightRulesOut_NotAcceptedShopperAsked(double grams)
    {
        // The cloud (or the on-device model) accepted what fusion's weight rule refused: 0 g adds were billed by it.
        var cloud = ScriptedCandidateChooserDouble.Picking("Golden-Delicious", 0.995, stage: "cloud");
        var fusion = Fusion(0.6) with { WeightDeltaGrams = grams };

        var decision = await new EscalationPolicy(Catalog, new EscalationOptions(), null, cloud).DecideAsync(fusion, NoImage);

        Assert.True(decision.NeedsShopper);
        var stage = decision.Stages.Single(s => s.Stage == "cloud");
        Assert.Equal(StageOutcome.Unsure, stage.Outcome);
        Assert.Contains("does not fit Golden-Delicious", stage.Detail);
    }

    [Fact]
    public async Task DecideAsync_CloudSureOfAProductThatWeighsWhatWasMeasured_Accepted()
    {
        var cloud = ScriptedCandidateChooserDouble.Picking("Golden-Delicious", 0.995, stage: "cloud");

        var decision = await new EscalationPolicy(Catalog, new EscalationOptions(), null, cloud).DecideAsync(Fusion(0.6) with { WeightDeltaGrams = 180 }, NoImage);

        Assert.Equal("cloud", decision.DecidedBy);
    }

    [Fact]
    public async Task DecideAsync_ConfidentFusionWhoseWeightContradicts_NotAcceptedByFusion()
    {
        var chooser = ScriptedCandidateChooserDouble.Picking(null, 0.5);
        var contradicted = Fusion(0.9995) with { WeightContradicts = true, IsAmbiguous = true, WeightDeltaGrams = 100_000 };

        var decision = await new EscalationPolicy(Catalog, new EscalationOptions(), chooser, chooser).DecideAsync(contradicted, NoImage);

        Assert.NotEqual("fusion", decision.DecidedBy);
        Assert.Equal(StageOutcome.Unsure, decision.Stages[0].Outcome);
        Assert.Contains("does not fit", decision.Stages[0].Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task CloudChooser_EndpointDown_RetriesThenOpensCircuitAndFailsFast()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop(); // nothing listens there now: connection refused
        var options = new CloudChooserOptions
        {
            Endpoint = new Uri($"http://127.0.0.1:{port}/v1/"),
            RetryBaseDelay = TimeSpan.Zero,
            MaxRetryAttempts = 1,
            BreakerMinimumThroughput = 2,
            BreakerBreakDuration = TimeSpan.FromMinutes(1),
        };
        using var http = new HttpClient();
        var cloud = new CloudCandidateChooser(options, http, new FakeTimeProvider(), ChoosePrompt.Load(Path.Combine(fx.RepoRoot, "prompts")));
        var request = new ChoiceRequest(CartEventType.Add, NoImage, null,
            [new ChoiceCandidate("Golden-Delicious", "Apple Golden Delicious", 0.6), new ChoiceCandidate("Granny-Smith", "Apple Granny Smith", 0.3)]);

        // The transport error surfaces as whatever the connector wraps it in; it is not the breaker yet.
        var first = await Record.ExceptionAsync(() => cloud.ChooseAsync(request));
        Assert.NotNull(first);
        Assert.IsNotType<BrokenCircuitException>(first);
        await Assert.ThrowsAsync<BrokenCircuitException>(() => cloud.ChooseAsync(request));
    }

    private static Resolution Fusion(double confidence) => new()
    {
        Seq = 1,
        Type = CartEventType.Add,
        ProductId = "Golden-Delicious",
        Confidence = confidence,
        IsAmbiguous = confidence < 0.999,
        Candidates =
        [
            new CandidateEvidence("Golden-Delicious", confidence, []),
            new CandidateEvidence("Granny-Smith", 1 - confidence, []),
        ],
        Stage = "fusion",
        LatencyMs = 8,
    };

    // Answers only when cancelled: the stage's budget on the fake clock decides when that is.
    private sealed class SlowChooserDouble : ICandidateChooser
    {
        public TaskCompletionSource Asked { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public string Stage => "cloud";

        public async Task<CandidateChoice> ChooseAsync(ChoiceRequest request, CancellationToken cancellationToken = default)
        {
            Asked.TrySetResult();
            await Task.Delay(Timeout.InfiniteTimeSpan, cancellationToken);
            throw new InvalidOperationException("unreachable");
        }
    }
}
