using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using BasketReasoner.Composition;
using BasketReasoner.Core.Baskets;
using BasketReasoner.Core.Escalation;
using BasketReasoner.Core.Events;
using BasketReasoner.Core.Evidence;
using BasketReasoner.Core.Flywheel;
using BasketReasoner.Reasoning.Fusion.Sources;
using BasketReasoner.Server.Api;
using BasketReasoner.Server.Durability;
using BasketReasoner.Server.Flywheel;
using BasketReasoner.Server.Hosting;
using BasketReasoner.Server.Tests.Escalation;
using BasketReasoner.Server.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace BasketReasoner.Server.Tests.Flywheel;

/// <summary>Learning from the shopper through a live server: labelled examples on disk and the learned weight statistics.</summary>
[Collection(ServerCollection.Name)]
public sealed class FlywheelTests(ServerFixture fx)
{
    // An apple weight fusion stays unsure at (apples weigh alike), so the event waits for the shopper.
    private const double AppleGrams = 182;

    [Fact]
    public async Task Confirm_Product_WritesOneExampleWithItsFrameAndWeight()
    {
        var folder = NewFolder();
        await using var server = await fx.StartAsync(s => s.Overrides["Server:FlywheelFolder"] = folder);
        using var http = server.Client(ServerFixture.KeyA);
        var frame = fx.Frame(EscalationStageTests.AmbiguousApple);

        var pending = await Events.PostAsync(http, "cart-a", Events.Body("e1", "add", AppleGrams, frame));
        Assert.Equal("pending_confirmation", pending.GetProperty("status").GetString());
        Assert.False(File.Exists(Path.Combine(folder, "examples.jsonl")) && File.ReadAllLines(Path.Combine(folder, "examples.jsonl")).Length > 0);
        using var confirm = await http.PostAsJsonAsync("/v1/carts/cart-a/confirm", new { event_id = "e1", product_id = "Granny-Smith" });
        confirm.EnsureSuccessStatusCode();

        await DrainAsync(server);
        var lines = File.ReadAllLines(Path.Combine(folder, "examples.jsonl"));
        var example = JsonSerializer.Deserialize<LabelledExample>(Assert.Single(lines))!;
        Assert.Equal(("cart-a", "e1", "add", "Granny-Smith", "shopper"), (example.CartId, example.EventId, example.Type, example.ProductId, example.Stage));
        Assert.Equal(AppleGrams, example.WeightDeltaGrams);
        Assert.Equal(frame, File.ReadAllBytes(Path.Combine(folder, Assert.Single(example.Frames))));
    }

    [Fact]
    public async Task Confirm_NoneOfThese_WritesNoExample()
    {
        var folder = NewFolder();
        await using var server = await fx.StartAsync(s => s.Overrides["Server:FlywheelFolder"] = folder);
        using var http = server.Client(ServerFixture.KeyA);

        var pending = await Events.PostAsync(http, "cart-a", Events.Body("e1", "add", AppleGrams, fx.Frame(EscalationStageTests.AmbiguousApple)));
        Assert.Equal("pending_confirmation", pending.GetProperty("status").GetString());
        using var none = await http.PostAsJsonAsync("/v1/carts/cart-a/confirm", new { event_id = "e1", product_id = (string?)null });
        none.EnsureSuccessStatusCode();

        await DrainAsync(server);
        var file = Path.Combine(folder, "examples.jsonl");
        Assert.True(!File.Exists(file) || File.ReadAllLines(file).Length == 0);
        Assert.Empty(Directory.EnumerateFiles(Path.Combine(folder, "frames")));
    }

    [Fact]
    public async Task Confirm_FolderFull_KeepsTheOlderExamplesAndStillConfirms()
    {
        var folder = NewFolder();
        await using var server = await fx.StartAsync(s =>
        {
            s.Overrides["Server:FlywheelFolder"] = folder;
            s.Overrides["Server:FlywheelMaxExamples"] = "1";
        });
        using var http = server.Client(ServerFixture.KeyA);

        foreach (var (id, product) in new[] { ("e1", "Granny-Smith"), ("e2", "Golden-Delicious") })
        {
            var pending = await Events.PostAsync(http, "cart-a", Events.Body(id, "add", AppleGrams, fx.Frame(EscalationStageTests.AmbiguousApple)));
            Assert.Equal("pending_confirmation", pending.GetProperty("status").GetString());
            using var confirm = await http.PostAsJsonAsync("/v1/carts/cart-a/confirm", new { event_id = id, product_id = product });
            confirm.EnsureSuccessStatusCode();
        }

        await DrainAsync(server);
        var example = JsonSerializer.Deserialize<LabelledExample>(Assert.Single(File.ReadAllLines(Path.Combine(folder, "examples.jsonl"))))!;
        Assert.Equal("e1", example.EventId);
        Assert.Single(Directory.EnumerateFiles(Path.Combine(folder, "frames")));
        Assert.Equal(2, Events.Lines(await Events.BasketAsync(http, "cart-a")).Values.Sum());
    }

    [Fact]
    public async Task Events_CloudDecides_WritesCloudExample()
    {
        var folder = NewFolder();
        var cloud = ScriptedCandidateChooserDouble.Picking("Golden-Delicious", 0.99, stage: "cloud");
        await using var server = await fx.StartAsync(s =>
        {
            s.Overrides["Server:FlywheelFolder"] = folder;
            s.Overrides["Escalation:CloudAcceptThreshold"] = "0.9";
            s.Services = x => x.AddKeyedSingleton<ICandidateChooser>(CartServer.CloudKey, cloud);
        });
        using var http = server.Client(ServerFixture.KeyA);

        var decided = await Events.PostAsync(http, "cart-a", Events.Body("e1", "add", AppleGrams, fx.Frame(EscalationStageTests.AmbiguousApple)));

        Assert.Equal("cloud", decided.GetProperty("decided_by").GetString());
        await DrainAsync(server);
        var example = JsonSerializer.Deserialize<LabelledExample>(Assert.Single(File.ReadAllLines(Path.Combine(folder, "examples.jsonl"))))!;
        Assert.Equal(("Golden-Delicious", "cloud"), (example.ProductId, example.Stage));
    }

    [Fact]
    public async Task Confirm_SameProductAtOneWeight_LearnedStatisticsCountTheCartsShareOfTheConfirmations()
    {
        // This pipeline has its own catalog and therefore its own learned table.
        using var pipeline = OpenPipeline(LearnedWeightConfig());
        var learned = pipeline.Resolver.Sources.OfType<LearnedWeightEvidence>().Single();
        var before = learned.Observations("Granny-Smith");
        var likelihoodBefore = LogLikelihood(learned, pipeline, "Granny-Smith", AppleGrams);
        await using var server = await fx.StartAsync(s =>
        {
            s.Overrides["Server:FlywheelFolder"] = "";
            s.Services = x => x.AddSingleton(pipeline);
        });
        using var http = server.Client(ServerFixture.KeyA);

        const int n = 3;
        for (var i = 0; i < n; i++)
        {
            var frame = fx.Frame(i % 2 == 0 ? EscalationStageTests.AmbiguousApple : EscalationStageTests.AmbiguousApple2);
            var pending = await Events.PostAsync(http, "cart-a", Events.Body($"e{i}", "add", AppleGrams, frame));
            Assert.Equal("pending_confirmation", pending.GetProperty("status").GetString());
            using var confirm = await http.PostAsJsonAsync("/v1/carts/cart-a/confirm", new { event_id = $"e{i}", product_id = "Granny-Smith" });
            confirm.EnsureSuccessStatusCode();
        }

        // A "none of these" teaches nothing.
        await Events.PostAsync(http, "cart-a", Events.Body("none", "add", AppleGrams, fx.Frame(EscalationStageTests.AmbiguousApple)));
        using var none = await http.PostAsJsonAsync("/v1/carts/cart-a/confirm", new { event_id = "none", product_id = (string?)null });
        none.EnsureSuccessStatusCode();

        // One cart teaches at most its share of a product (LearnedWeightOptions.MaxPerContributor, 2): the third
        // confirmation of the same apple on the same cart is not learned.
        var share = Math.Min(n, new LearnedWeightOptions().MaxPerContributor);
        Assert.Equal(before + share, learned.Observations("Granny-Smith"));
        Assert.True(LogLikelihood(learned, pipeline, "Granny-Smith", AppleGrams) > likelihoodBefore, "the learned density did not move toward the confirmed weight");
        Assert.Equal(before + share, pipeline.CreateWorker().Resolver.Sources.OfType<LearnedWeightEvidence>().Single().Observations("Granny-Smith"));
    }

    private static double LogLikelihood(LearnedWeightEvidence source, CartPipeline pipeline, string productId, double grams)
    {
        var terms = new double[pipeline.Catalog.Count];
        var none = new float[pipeline.Catalog.Count];
        Assert.True(source.Score(new EvidenceInputs
        {
            Event = new CartEvent(1, CartEventType.Add, "x", grams),
            MeasuredGrams = grams,
            Basket = new Basket(),
            Probabilities = none,
            Similarity = none,
            Text = [],
        }, terms));
        Assert.True(pipeline.Catalog.TryGet(productId, out var product));
        return terms[product.ClassIndex];
    }

    [Fact]
    public async Task Start_LogHoldsConfirmations_LearnedStatisticsRebuiltFromIt()
    {
        var configPath = LearnedWeightConfig();
        var log = fx.NewLogPath();
        const int n = 2;
        int before;
        using (var pipeline = OpenPipeline(configPath))
        {
            before = pipeline.Resolver.Sources.OfType<LearnedWeightEvidence>().Single().Observations("Granny-Smith");
            await using var server = await fx.StartAsync(
                s =>
                {
                    s.Overrides["Server:FlywheelFolder"] = "";
                    s.Services = x => x.AddSingleton(pipeline);
                },
                log);
            using var http = server.Client(ServerFixture.KeyA);
            for (var i = 0; i < n; i++)
            {
                var pending = await Events.PostAsync(http, "cart-a", Events.Body($"e{i}", "add", AppleGrams, fx.Frame(EscalationStageTests.AmbiguousApple)));
                Assert.Equal("pending_confirmation", pending.GetProperty("status").GetString());
                using var confirm = await http.PostAsJsonAsync("/v1/carts/cart-a/confirm", new { event_id = $"e{i}", product_id = "Granny-Smith" });
                confirm.EnsureSuccessStatusCode();
            }
        }

        // A new process: a fresh pipeline (its own catalog, so its own learned table) over the same log.
        using var restartedPipeline = OpenPipeline(configPath);
        var learned = restartedPipeline.Resolver.Sources.OfType<LearnedWeightEvidence>().Single();
        Assert.Equal(before, learned.Observations("Granny-Smith"));
        await using var restarted = await fx.StartAsync(
            s =>
            {
                s.Overrides["Server:FlywheelFolder"] = "";
                s.Services = x => x.AddSingleton(restartedPipeline);
            },
            log);

        Assert.Equal(before + n, learned.Observations("Granny-Smith"));
    }

    [Fact]
    public async Task Start_LogHoldsAPoisoningSequenceOfConfirmations_ReplayLearnsOnlyTheCartsShareOfPlausibleWeights()
    {
        // The reported attack, as a log written before answers were checked against the scale holds it: one cart
        // confirmed "garlic" (50 g) 20 times at 1062 g, then 20 times at 250 g (five typical pieces, the heaviest still
        // believed). Replayed at every start, it moved garlic's learned weight for every cart.
        var log = fx.NewLogPath();
        using (var durable = new DurableLog(log))
        {
            var k = 0;
            foreach (var grams in Enumerable.Repeat(1062.0, 20).Concat(Enumerable.Repeat(250.0, 20)))
            {
                var id = $"g{k++}";
                var at = DateTimeOffset.UtcNow;
                var pending = new EventResult
                {
                    EventId = id, CartId = "cart-a", Status = "pending_confirmation", Type = "add", WeightDeltaG = grams,
                    DecidedBy = "shopper", Stages = [], Candidates = [], Evidence = [], At = at,
                };
                await durable.AppendAsync("cart-a", "event", id, "add", null, JsonSerializer.Serialize(pending, ServerJson.Options), at, "seed-" + id);
                var answer = new ConfirmResult(id, "cart-a", "Garlic", "Garlic", false, at);
                await durable.AppendAsync("cart-a", "confirm", id, "add", "Garlic", JsonSerializer.Serialize(answer, ServerJson.Options), at, "product:Garlic");
            }
        }

        using var pipeline = OpenPipeline(LearnedWeightConfig());
        var learned = pipeline.Resolver.Sources.OfType<LearnedWeightEvidence>().Single();
        var (fitted, typical) = (learned.Observations("Garlic"), LogLikelihood(learned, pipeline, "Garlic", 50));
        await using var server = await fx.StartAsync(
            s =>
            {
                s.Overrides["Server:FlywheelFolder"] = "";
                s.Services = x => x.AddSingleton(pipeline);
            },
            log);

        Assert.Equal(fitted + new LearnedWeightOptions().MaxPerContributor, learned.Observations("Garlic"));
        Assert.InRange(LogLikelihood(learned, pipeline, "Garlic", 50) - typical, -0.5, 0.5);
    }

    [Fact]
    public async Task Confirm_ServerStopsRightAfter_QueuedExampleIsOnDisk()
    {
        var folder = NewFolder();
        var server = await fx.StartAsync(s => s.Overrides["Server:FlywheelFolder"] = folder);
        await using (server)
        {
            using var http = server.Client(ServerFixture.KeyA);
            var pending = await Events.PostAsync(http, "cart-a", Events.Body("e1", "add", AppleGrams, fx.Frame(EscalationStageTests.AmbiguousApple)));
            Assert.Equal("pending_confirmation", pending.GetProperty("status").GetString());
            using var confirm = await http.PostAsJsonAsync("/v1/carts/cart-a/confirm", new { event_id = "e1", product_id = "Granny-Smith" });
            confirm.EnsureSuccessStatusCode();
        }

        // No drain: stopping the server writes what the background writer still held.
        var example = JsonSerializer.Deserialize<LabelledExample>(Assert.Single(File.ReadAllLines(Path.Combine(folder, "examples.jsonl"))))!;
        Assert.Equal(("e1", "Granny-Smith"), (example.EventId, example.ProductId));
    }

    // The shipped fusion config builds no learned-weight source (weight 0); this one weighs it a little so it exists.
    private string LearnedWeightConfig()
    {
        var config = JsonNode.Parse(File.ReadAllText(Path.Combine(fx.RepoRoot, "config", "fusion.json")))!;
        config["Sources"]!["learned-weight"]!["Weight"] = 0.01;
        var path = Path.Combine(fx.Scratch, Guid.NewGuid().ToString("N") + "-fusion.json");
        File.WriteAllText(path, config.ToJsonString());
        return path;
    }

    private CartPipeline OpenPipeline(string fusionConfig) =>
        CartPipeline.Open(Path.Combine(fx.RepoRoot, "catalog", "catalog.json"), Path.Combine(fx.RepoRoot, "models", "recognizer"), fusionConfig);

    private static Task DrainAsync(RunningServer server) => server.App.Services.GetRequiredService<ExampleStore>().DrainAsync();

    private string NewFolder() => Path.Combine(fx.Scratch, "flywheel-" + Guid.NewGuid().ToString("N"));
}
