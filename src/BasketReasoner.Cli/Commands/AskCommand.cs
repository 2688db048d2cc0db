using System.CommandLine;
using System.Text.Json;
using BasketReasoner.Cli.Composition;
using BasketReasoner.Core.Assistant;
using BasketReasoner.Core.Baskets;
using BasketReasoner.Core.Catalog;
using BasketReasoner.Eval.Assistant;

namespace BasketReasoner.Cli.Commands;

/// <summary>
/// <c>basket ask --basket FILE "question"</c>: streams the shopper assistant's answer, then the cited product ids and
/// the stage that answered. <c>basket ask --eval FILE [--split val]</c> grades the rules assistant on a
/// shopper-question dataset instead.
/// </summary>
internal static class AskCommand
{
    public static Command Create()
    {
        var question = new Argument<string?>("question") { Description = "The shopper's question", Arity = ArgumentArity.ZeroOrOne };
        var basket = new Option<string?>("--basket") { Description = "JSON list of {\"product\",\"qty\"}; default: an empty basket" };
        var evalFile = new Option<string?>("--eval") { Description = "Grade on a shopper-question dataset (JSON Lines) instead of asking one question" };
        var split = new Option<string?>("--split") { Description = "With --eval: only cases of this split (val or test)" };
        var offTsv = new Option<string?>("--off-tsv") { Description = "Open Food Facts TSV; default: datasets/openfoodfacts/products-it-2021.tsv beside the dataset" };
        var catalogPath = CommonOptions.Catalog();
        var dataRoot = CommonOptions.DataRoot();
        var json = CommonOptions.Json();
        var failures = new Option<string?>("--failures") { Description = "With --eval: write failed cases with the answers as JSON Lines" };
        var cmd = new Command("ask", "Ask the shopper assistant about a basket (read-only: a question never changes the basket)")
        {
            question, basket, evalFile, split, offTsv, catalogPath, dataRoot, json, failures,
        };
        cmd.SetAction((parse, ct) => CommandAction.RunAsync(parse, async (stdout, stderr) =>
        {
            using var composition = await AssistantComposition.OpenAsync(parse.GetValue(catalogPath), parse.GetValue(dataRoot), parse.GetValue(offTsv));
            if (parse.GetValue(evalFile) is { } file)
            {
                var cases = ShopperQuestionFile.Read(file).Where(c => parse.GetValue(split) is not { } s || c.Split == s).ToList();
                var report = await ShopperQuestionEvaluation.RunAsync(composition.Assistant, composition.Catalog, cases, ct);
                stdout.WriteLine(report.ToTable());
                CliJson.Write(parse.GetValue(json), report.Summary);
                if (parse.GetValue(failures) is { } failPath)
                {
                    File.WriteAllLines(failPath, report.Failures.Select(f => JsonSerializer.Serialize(f, BasketReasoner.Core.Serialization.SnakeCaseJson.Compact)));
                }

                return 0;
            }

            var text = parse.GetValue(question);
            if (string.IsNullOrWhiteSpace(text))
            {
                throw new ArgumentException("Give a question, e.g. basket ask --basket basket.json \"what is my total?\"");
            }

            var lines = parse.GetValue(basket) is { } basketPath ? ReadBasket(basketPath, composition.Catalog) : [];
            ShopperAnswer? final = null;
            await foreach (var update in composition.Assistant.AskStreamingAsync(new ShopperQuestion(lines, text), ct))
            {
                if (update.TextDelta is { } delta)
                {
                    stdout.Write(delta);
                }

                final = update.Final ?? final;
            }

            stdout.WriteLine();
            stdout.WriteLine($"[{final!.Kind}] stage: {final.Stage}; cited: {(final.CitedProductIds.Count == 0 ? "-" : string.Join(", ", final.CitedProductIds))}; {final.LatencyMs:F1} ms");
            return 0;
        }));
        return cmd;
    }

    /// <summary>Reads a basket file; an unknown product is an <see cref="UnknownProductException"/> (one-line error).</summary>
    internal static IReadOnlyList<BasketLine> ReadBasket(string path, ProductCatalog catalog)
    {
        var items = JsonSerializer.Deserialize<List<BasketFileLine>>(File.ReadAllText(path), CliJson.Options)
            ?? throw new InvalidDataException($"'{path}' is not a JSON list of {{\"product\",\"qty\"}}.");
        return items.Select(i =>
        {
            if (string.IsNullOrWhiteSpace(i.Product))
            {
                throw new InvalidDataException($"'{path}': every line needs a \"product\".");
            }

            if (i.Qty is < 1 or > 1000)
            {
                throw new InvalidDataException($"'{path}': qty of '{i.Product}' must be 1..1000, not {i.Qty}.");
            }

            return new BasketLine(catalog.Get(i.Product).Id, i.Qty);
        }).ToArray();
    }

    private sealed record BasketFileLine(string Product, int Qty = 1);
}
