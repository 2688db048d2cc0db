using BasketReasoner.Core.Catalog.Reference;
using BasketReasoner.Core.Catalog.Search;
using BasketReasoner.Retrieval.CatalogSearch;
using BasketReasoner.Retrieval.CatalogSearch.Evaluation;

namespace BasketReasoner.Tests.Assistant;

/// <summary>The product-search set's generator and scorer, and the search with MiniLM vectors.</summary>
public sealed class ProductSearchSetTests
{
    private static readonly ReferenceCatalog Reference = new(
    [
        new ReferenceProduct { Id = "off:11", Code = "11", Name = "Pasta di semola integrale", Brands = "Barilla" },
        new ReferenceProduct { Id = "off:12", Code = "12", Name = "Biscotti al cacao con gocce", Brands = "Mulino Bianco" },
        new ReferenceProduct { Id = "off:13", Code = "13", Name = "Passata di pomodoro classica", Brands = "Mutti" },
        new ReferenceProduct { Id = "off:14", Code = "14", Name = "Passata di pomodoro bio", Brands = "Mutti" },
    ]);

    [Fact]
    public void Generate_SameSeed_SameSetAndTruthFromTheCatalog()
    {
        var a = ProductSearchSet.Generate(AssistantFixture.Catalog, Reference, seed: 5, referenceQueries: 10);
        var b = ProductSearchSet.Generate(AssistantFixture.Catalog, Reference, seed: 5, referenceQueries: 10);

        Assert.Equal(a.Select(c => (c.Query, c.Split, string.Join(',', c.Relevant))), b.Select(c => (c.Query, c.Split, string.Join(',', c.Relevant))));
        Assert.Contains(a, c => c.Kind == "typo");
        Assert.Contains(a, c => c.Kind == "swedish");
        Assert.Contains(a, c => c.IncludeReference);
        Assert.All(a, c => Assert.Contains(c.Split, new[] { "val", "test" }));

        // "ekologisk mjölk"-style queries are answered by every organic product of that category, and only by them.
        var organic = a.First(c => c.Kind == "swedish" && c.Query.StartsWith("ekologisk ", StringComparison.Ordinal));
        var category = AssistantFixture.Catalog.Get(organic.Relevant[0]).CoarseCategory;
        Assert.Equal(
            AssistantFixture.Catalog.Products.Where(p => p.CoarseCategory == category && p.Attributes.Organic).Select(p => p.Id).Order(),
            organic.Relevant.Order());

        // A reference query's words are all in each relevant product's name and brand.
        Assert.All(a.Where(c => c.Kind == "reference"), c => Assert.All(c.Relevant, id =>
        {
            Assert.True(Reference.TryGet(id, out var r));
            Assert.All(c.Query.Split(' '), w => Assert.Contains(w, $"{r.Name} {r.Brands}".ToLowerInvariant(), StringComparison.Ordinal));
        }));
    }

    [Fact]
    public void Score_ScriptedRankings_RecallHitAndMrrByHand()
    {
        var search = new ScriptedSearch(new Dictionary<string, string[]>
        {
            ["q1"] = ["a", "b", "x", "y", "z"],
            ["q2"] = ["x", "y", "z", "w", "v", "a"],
        });
        ProductSearchCase[] cases =
        [
            new("1", "val", "name", "q1", false, ["a", "b", "c"]),
            new("2", "val", "name", "q2", false, ["a"]),
        ];

        var m = ProductSearchScore.Score(search, cases);

        Assert.Equal(2, m.Cases);
        Assert.Equal(((2.0 / 3) + 0) / 2, m.RecallAt5, 6);
        Assert.Equal(0.5, m.HitAt5, 6);
        Assert.Equal((1.0 + (1.0 / 6)) / 2, m.Mrr, 6);
    }

    [Fact]
    public async Task Search_MiniLmVectors_384DimensionsAndFindsAParaphrase()
    {
        var minilm = MiniLmEmbedder.Shared;
        Assert.NotNull(minilm);
        using var search = await HybridCatalogSearch.CreateAsync(AssistantFixture.Catalog, null, new HybridCatalogSearchOptions { Embedder = minilm, LexicalWeight = 0 });

        var hits = search.Search("milk made from oats", top: 3);

        Assert.Equal(384, search.Embedder.Dimensions);
        Assert.Equal("Oatly-Oat-Milk", hits[0].Id);
        Assert.True(hits[0].VectorRank == 1 && hits[0].VectorSimilarity > 0.3, $"similarity {hits[0].VectorSimilarity}");
    }

    [Fact]
    public void EvalSearch_SetLineNotACase_OneLineNamingFileAndLine_Exits1()
    {
        var path = Path.Combine(Path.GetTempPath(), $"bad-search-set-{Guid.NewGuid():N}.jsonl");
        File.WriteAllLines(path, ["{\"id\":\"s-1\",\"split\":\"val\",\"kind\":\"name\",\"query\":\"kiwi\",\"include_reference\":false,\"relevant\":[\"Kiwi\"]}", "{\"query\": 1"]);
        try
        {
            var run = Infrastructure.BasketCli.RunCaptured("eval", "search", "--set", path);

            Assert.True(run.Exit == 1, $"exit {run.Exit}\n{run.Stdout}{run.Stderr}");
            var line = Assert.Single(run.Stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries));
            Assert.StartsWith($"basket: '{path}' line 2: not a product-search case", line, StringComparison.Ordinal);
        }
        finally
        {
            File.Delete(path);
        }
    }

    private sealed class ScriptedSearch(Dictionary<string, string[]> rankings) : ICatalogSearch
    {
        public IReadOnlyList<CatalogHit> Search(string query, CatalogSearchFilter? filter = null, int top = 10) =>
            rankings[query].Take(top).Select((id, i) => new CatalogHit(id, true, id, 1.0 / (i + 1), i + 1, 0, 0)).ToArray();
    }
}
