using System.Reflection;
using System.Text.Json;
using BasketReasoner.Core.Escalation;
using BasketReasoner.Core.Events;
using BasketReasoner.Reasoning.Escalation;
using BasketReasoner.Server.Hosting;
using BasketReasoner.Server.Tests.Infrastructure;

namespace BasketReasoner.Server.Tests.Composition;

/// <summary>The config files under <c>deploy/</c> name only real options, so a renamed key cannot silently fall back to its default.</summary>
[Collection(ServerCollection.Name)]
public sealed class DeployConfigTests(ServerFixture fx)
{
    private static readonly Dictionary<string, Type> Sections = new(StringComparer.Ordinal)
    {
        [CartServerOptions.Section] = typeof(CartServerOptions),
        ["Escalation"] = typeof(EscalationOptions),
        [CloudChooserOptions.Section] = typeof(CloudChooserOptions),
    };

    [Theory]
    [InlineData("deploy/config/edge.json")]
    [InlineData("deploy/cloud/k8s/cloud.json")]
    [InlineData("deploy/cloud/k8s/cloud-ensemble.json")]
    public void DeployConfig_EveryKey_IsASettableOptionOfItsSection(string relative)
    {
        using var doc = JsonDocument.Parse(File.ReadAllText(Path.Combine(fx.RepoRoot, relative)));

        foreach (var section in doc.RootElement.EnumerateObject())
        {
            Assert.True(Sections.TryGetValue(section.Name, out var type), $"{relative}: unknown section '{section.Name}'.");
            foreach (var key in section.Value.EnumerateObject())
            {
                var property = type.GetProperty(key.Name, BindingFlags.Public | BindingFlags.Instance);
                Assert.True(property is { CanWrite: true }, $"{relative}: '{section.Name}:{key.Name}' is not an option of {type.Name}.");
            }
        }
    }

    [Fact]
    public async Task EnsembleCloudConfig_OpenedAsTheCloudRunsIt_ItsFusionWeighsTheCartsMeasuredWeight()
    {
        // The larger cloud configuration, opened through the same CartPipeline.Open the server uses: the two-member
        // recognizer in models/recognizer-cloud, both views, its own index and fusion config, ChatBackend fusion.
        var (stage, asSatsuma, asOrange) = await WeighSatsumaAsync("deploy/cloud/k8s/cloud-ensemble.json");

        Assert.Equal("fusion", stage);
        Assert.Equal(1.0, asSatsuma.CandidateProbabilities.Values.Sum(), 6);
        Assert.True(asSatsuma.CandidateProbabilities["Satsumas"] > asOrange.CandidateProbabilities["Satsumas"],
            $"satsumas {asSatsuma.CandidateProbabilities["Satsumas"]:F4} at 100 g, {asOrange.CandidateProbabilities["Satsumas"]:F4} at 280 g");
    }

    [Fact]
    public async Task ShippedCloudConfig_OpenedInProcess_AnswersFromTheRecognizerAlone()
    {
        // ChatBackend recognizer: the pixels only, so the weight sent changes nothing.
        var (stage, asSatsuma, asOrange) = await WeighSatsumaAsync("deploy/cloud/k8s/cloud.json");

        Assert.Equal("recognizer", stage);
        Assert.Equal(asOrange.CandidateProbabilities["Satsumas"], asSatsuma.CandidateProbabilities["Satsumas"], 9);
        Assert.Equal(1.0, asSatsuma.CandidateProbabilities.Values.Sum(), 6);
    }

    // The config's cloud, opened in-process, asked about one satsuma frame weighed as a satsuma (100 g) and as an orange (280 g).
    private async Task<(string Stage, CandidateChoice AsSatsuma, CandidateChoice AsOrange)> WeighSatsumaAsync(string config)
    {
        using var cloud = BasketReasoner.Composition.Eval.InProcessCloud.Open(Path.Combine(fx.RepoRoot, config), TextWriter.Null);
        ChoiceRequest Ask(double grams) => new(CartEventType.Add, [fx.Frame("test/Fruit/Satsumas/Satsumas_001.jpg")], grams,
            [new ChoiceCandidate("Orange", "Orange", 0.5), new ChoiceCandidate("Satsumas", "Satsumas", 0.5)]);
        return (cloud.Chooser.Stage, await cloud.Chooser.ChooseAsync(Ask(100)), await cloud.Chooser.ChooseAsync(Ask(280)));
    }
}
