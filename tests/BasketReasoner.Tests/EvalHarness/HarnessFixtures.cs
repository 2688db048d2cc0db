using BasketReasoner.Composition;
using System.Runtime.CompilerServices;
using BasketReasoner.Composition.Assistant;
using BasketReasoner.Core.Assistant;
using BasketReasoner.Core.Catalog;
using BasketReasoner.Eval.Harness.Datasets;
using BasketReasoner.Eval.Harness.Systems;

namespace BasketReasoner.Tests.EvalHarness;

/// <summary>Fakes and files shared by the harness tests: a deterministic assistant over the committed sample questions.</summary>
internal static class HarnessFixtures
{
    public static readonly Lazy<ProductCatalog> Catalog = new(() => ProductCatalog.Load(DefaultAssets.CatalogPath));

    public static string RepoRoot => DefaultAssets.RepoRoot()!;

    public static EvalEnvironment Environment() =>
        new(RepoRoot, Catalog.Value, () => throw new InvalidOperationException("these tests read no images"));

    public static string TempDir()
    {
        var dir = Path.Combine(Path.GetTempPath(), "basket-evalh-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(dir);
        return dir;
    }

    /// <summary>Writes a shopper dataset of <paramref name="count"/> questions; case i expects kind answered and the number i.</summary>
    public static string WriteShopperDataset(string dir, int count)
    {
        var path = Path.Combine(dir, "questions.jsonl");
        File.WriteAllLines(path, Enumerable.Range(0, count).Select(i =>
            "{\"id\":\"q" + i + "\",\"split\":\"val\",\"category\":\"" + (i % 3 == 0 ? "totals" : "counts")
            + "\",\"basket\":[{\"product\":\"Arla-Sour-Milk\",\"qty\":1}],\"question\":\"number " + i
            + "?\",\"expect\":{\"kind\":\"answered\",\"numbers\":[{\"value\":" + i + ",\"tolerance\":0}]}}"));
        return path;
    }

    public static string Suite(string datasetPath, string backend = "fake", string extra = "", int repeats = 1) => $"""
        name: test
        repeats: {repeats}
        concurrency: 3
        datasets:
          - name: questions
            kind: shopper
            path: {datasetPath}
        systems:
          - name: sys
            backend: {backend}
        graders:
          - type: numeric
          - type: kind
        {extra}
        """;

    /// <summary>Answers "the answer is N" for question "number N?", wrong when N % <paramref name="wrongEvery"/> == 1; counts calls.</summary>
    public sealed class CountingAssistant(int wrongEvery = 4) : IShopperAssistant
    {
        private int _calls;

        public int Calls => Volatile.Read(ref _calls);

        public async IAsyncEnumerable<ShopperAnswerUpdate> AskStreamingAsync(ShopperQuestion question, [EnumeratorCancellation] CancellationToken cancellationToken = default)
        {
            Interlocked.Increment(ref _calls);
            await Task.Yield();
            var n = int.Parse(question.Question.Split(' ')[1].TrimEnd('?'), System.Globalization.CultureInfo.InvariantCulture);
            var said = n % wrongEvery == 1 ? n + 100 : n;
            var answer = new ShopperAnswer { Text = $"the answer is {said}", Kind = ShopperAnswerKind.Answered, CitedProductIds = [], Stage = "fake", InputTokens = 10, OutputTokens = 5 };
            yield return new ShopperAnswerUpdate(answer.Text, null);
            yield return new ShopperAnswerUpdate(null, answer);
        }
    }

    public static EvalRegistry Registry(IShopperAssistant assistant, bool cacheable = true)
    {
        var registry = EvalRegistry.CreateDefault(Environment());
        registry.AddBackend("fake", new EvalBackend { Assistant = _ => assistant, Cacheable = cacheable, ModelName = "fake-model" });
        return registry;
    }

    public static EvalCase ShopperCase(string json) => DatasetLoader.Parse("d", DatasetKind.Shopper, json);
}
