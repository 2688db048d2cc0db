using System.CommandLine;
using System.Text.Json;
using BasketReasoner.Assistant;
using BasketReasoner.Assistant.ToolCalls;
using BasketReasoner.Composition.Assistant;
using BasketReasoner.Core.Assistant;
using BasketReasoner.Core.Baskets;
using BasketReasoner.Core.Catalog;

namespace BasketReasoner.Cli.Commands;

/// <summary>
/// <c>basket ask --basket FILE "question"</c>: streams the shopper assistant's answer, then the cited product ids and
/// the stage that answered. Grading on a shopper-question dataset is the evaluation harness's job
/// (<c>basket eval run eval/suites/shopper.yaml</c>): one set of graders, one number.
/// </summary>
internal static class AskCommand
{
    public static Command Create()
    {
        var question = new Argument<string?>("question") { Description = "The shopper's question", Arity = ArgumentArity.ZeroOrOne }.NotAnOption();
        var basket = new Option<string?>("--basket") { Description = $"A JSON file holding a list of {{\"product\",\"qty\"}} (qty a whole number from 1 to {MaxQty}), or that list inline (starting with '['); default: an empty basket" };
        var offTsv = new Option<string?>("--off-tsv") { Description = "Open Food Facts TSV; default: datasets/openfoodfacts/products-it-2021.tsv beside the dataset" };
        var explain = new Option<bool>("--explain") { Description = "Also print how the question was read (intent, lexicon, encoder score)" };
        var toolModel = new Option<string?>("--tool-model") { Description = "Tool-call model folder (e.g. models/toolcall) that reads the question into a JSON tool call; default: none, the rules read it" };
        var toolPolicy = new Option<string>("--tool-policy") { Description = "model_first: the call picks the tool and products; lexicon_first: only where the keyword lexicon cannot read the question", DefaultValueFactory = _ => ToolCallPolicyNames.LexiconFirst }.OneOf([.. ToolCallPolicyNames.All]);
        var catalogPath = CommonOptions.Catalog();
        var dataRoot = CommonOptions.DataRoot();
        var cmd = new Command("ask", "Ask the shopper assistant about a basket (read-only: a question never changes the basket)")
        {
            question, basket, offTsv, catalogPath, dataRoot, explain, toolModel, toolPolicy,
        };
        cmd.SetAction((parse, ct) => CommandAction.RunAsync(parse, async (stdout, stderr) =>
        {
            // The command line's own mistakes first (exit 2, nothing ran), before any model or index is opened.
            var text = parse.GetValue(question);
            if (string.IsNullOrWhiteSpace(text))
            {
                throw new UsageException("Give a question, e.g. basket ask --basket basket.json \"what is my total?\"");
            }

            var items = parse.GetValue(basket) is { } basketPath ? ReadBasket(basketPath) : [];
            using var tools = parse.GetValue(toolModel) is { Length: > 0 } toolFolder ? ToolCallModel.Open(toolFolder) : null;
            using var composition = await AssistantComposition.OpenAsync(parse.GetValue(catalogPath), parse.GetValue(dataRoot), parse.GetValue(offTsv), new ShopperAssistantOptions
            {
                ToolCallClient = tools?.Client,
                ToolCallPolicy = ToolCallPolicyNames.Parse(parse.GetValue(toolPolicy)!),
            });
            var lines = ToLines(items, composition.Catalog);
            ShopperAnswer? final = null;
            await foreach (var update in composition.Assistant.AskStreamingAsync(new ShopperQuestion(lines, text), ct))
            {
                if (update.Restart)
                {
                    // What was printed cannot be taken back: the answer that stands starts on a line of its own.
                    stdout.WriteLine();
                    stdout.WriteLine("(withdrawn; the answer is:)");
                }

                if (update.TextDelta is { } delta)
                {
                    stdout.Write(delta);
                    stdout.Flush();
                }

                final = update.Final ?? final;
            }

            stdout.WriteLine();
            if (parse.GetValue(explain))
            {
                stdout.WriteLine("read: " + composition.Assistant.Explain(text));
            }

            stdout.WriteLine($"[{final!.Kind}] stage: {final.Stage}; cited: {(final.CitedProductIds.Count == 0 ? "-" : string.Join(", ", final.CitedProductIds))}; {final.LatencyMs:F1} ms");
            return 0;
        }));
        return cmd;
    }

    /// <summary>
    /// Most units of one product a basket line may hold: 1000. A cart never holds more of one product; a larger qty is a
    /// typo or a made-up basket, and the totals the assistant states would be nonsense.
    /// </summary>
    internal const int MaxQty = 1000;

    /// <summary>
    /// Reads a basket file, or the list itself when <paramref name="path"/> starts with '['. A file that is not a JSON
    /// list of lines is an <see cref="InvalidDataException"/> (exit 1); a qty that is not a whole number from 1 to
    /// <see cref="MaxQty"/> is a <see cref="UsageException"/> (exit 2, a value out of range), naming the file or
    /// <c>--basket</c> and the line's JSON path.
    /// </summary>
    internal static IReadOnlyList<(string Product, int Qty)> ReadBasket(string path)
    {
        var inline = path.TrimStart().StartsWith('[');
        List<BasketFileLine>? items;
        try
        {
            items = JsonSerializer.Deserialize<List<BasketFileLine>>(inline ? path : File.ReadAllText(path), CliJson.Options);
        }
        catch (JsonException e)
        {
            // The serializer's message names .NET types; the shopper's file needs the place that is wrong.
            var where = e.LineNumber is { } line ? $" (line {line + 1}, position {e.BytePositionInLine + 1}{(string.IsNullOrEmpty(e.Path) || e.Path == "$" ? string.Empty : $", at {e.Path}")})" : string.Empty;
            throw new InvalidDataException($"{(inline ? "--basket" : $"'{path}'")} is not a JSON list of {{\"product\": id, \"qty\": whole number}}{where}.");
        }

        var source = inline ? "--basket" : $"'{path}'";
        if (items is null)
        {
            throw new InvalidDataException($"{source} is not a JSON list of {{\"product\",\"qty\"}}.");
        }

        var read = new List<(string, int)>(items.Count);
        for (var i = 0; i < items.Count; i++)
        {
            var item = items[i];
            if (string.IsNullOrWhiteSpace(item.Product))
            {
                throw new InvalidDataException($"{source}: every line needs a \"product\" ($[{i}] has none).");
            }

            // Read as any JSON value, not an int, so -2, 2.5, 1e12 and "2" are all the one usage error here (exit 2)
            // rather than a JSON error (exit 1). A missing qty is one unit.
            var qty = item.Qty.ValueKind == JsonValueKind.Undefined ? 1
                : item.Qty.ValueKind == JsonValueKind.Number && item.Qty.TryGetDouble(out var number) ? number
                : double.NaN;
            if (qty is not (>= 1 and <= MaxQty) || qty != Math.Floor(qty))
            {
                var shown = double.IsNaN(qty) ? item.Qty.GetRawText() : qty.ToString(System.Globalization.CultureInfo.InvariantCulture);
                throw new UsageException($"{source} $[{i}].qty: '{(shown.Length > 40 ? shown[..40] + "…" : shown)}' must be a whole number from 1 to {MaxQty}");
            }

            read.Add((item.Product, (int)qty));
        }

        return read;
    }

    /// <summary>
    /// The basket lines of <paramref name="items"/>: an unknown product is an <see cref="UnknownProductException"/>
    /// (one-line error); the same product twice ("Banana" 2 and "Banana" 3) is one basket line of 5, as a cart's
    /// basket holds it.
    /// </summary>
    internal static IReadOnlyList<BasketLine> ToLines(IReadOnlyList<(string Product, int Qty)> items, ProductCatalog catalog) =>
        items.Select(i => new BasketLine(catalog.Get(i.Product).Id, i.Qty))
            .GroupBy(l => l.Product, StringComparer.Ordinal).Select(g => new BasketLine(g.Key, g.Sum(l => l.Qty))).ToArray();

    private sealed record BasketFileLine(string Product, JsonElement Qty = default);
}
