using System.Globalization;
using System.Runtime.CompilerServices;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using BasketReasoner.Core.Assistant;
using BasketReasoner.Core.Catalog;
using BasketReasoner.Core.Prompts;
using Microsoft.Extensions.AI;

namespace BasketReasoner.Eval.Harness.Systems;

/// <summary>
/// An <see cref="IShopperAssistant"/> over any <see cref="IChatClient"/>, for evaluating prompts and models: the
/// <c>shopper</c> prompt gets the basket's and the catalog's facts and asks for a JSON reply
/// <c>{"kind","answer","products"}</c>. A reply that is not such JSON counts as an <c>answered</c> text, so the
/// kind and citation graders see the model's format failures.
/// </summary>
public sealed class ChatShopperAssistant : IShopperAssistant
{
    private readonly IChatClient _client;
    private readonly PromptFile _prompt;
    private readonly Func<ChatOptions> _options;
    private readonly ProductCatalog _catalog;
    private readonly string _catalogFacts;

    public ChatShopperAssistant(IChatClient client, PromptFile prompt, Func<ChatOptions> options, ProductCatalog catalog, string stage = "chat")
    {
        _client = client;
        _prompt = prompt;
        _options = options;
        _catalog = catalog;
        Stage = stage;
        _catalogFacts = string.Join('\n', catalog.Products.Select(Facts));
    }

    public string Stage { get; }

    public async IAsyncEnumerable<ShopperAnswerUpdate> AskStreamingAsync(ShopperQuestion question, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(question);
        var basket = new StringBuilder();
        foreach (var line in question.Basket)
        {
            basket.Append(CultureInfo.InvariantCulture, $"- {line.Qty} × ")
                .Append(_catalog.TryGet(line.Product, out var p) ? Facts(p) : line.Product + " (not in the catalog)")
                .Append('\n');
        }

        var (system, user) = _prompt.Render(new Dictionary<string, string>
        {
            ["basket"] = basket.Length == 0 ? "(empty)" : basket.ToString().TrimEnd(),
            ["catalog"] = _catalogFacts,
            ["question"] = question.Question,
        });
        var started = System.Diagnostics.Stopwatch.GetTimestamp();
        var response = await _client.GetResponseAsync([new ChatMessage(ChatRole.System, system), new ChatMessage(ChatRole.User, user)], _options(), cancellationToken).ConfigureAwait(false);
        var answer = Parse(response.Text) with
        {
            Stage = Stage,
            InputTokens = (int)(response.Usage?.InputTokenCount ?? 0),
            OutputTokens = (int)(response.Usage?.OutputTokenCount ?? 0),
            LatencyMs = System.Diagnostics.Stopwatch.GetElapsedTime(started).TotalMilliseconds,
        };
        yield return new ShopperAnswerUpdate(answer.Text, null);
        yield return new ShopperAnswerUpdate(null, answer);
    }

    /// <summary>Reads <c>{"kind","answer","products"}</c> from the reply (the first <c>{</c> to the last <c>}</c>).</summary>
    public static ShopperAnswer Parse(string reply)
    {
        var start = reply.IndexOf('{', StringComparison.Ordinal);
        var end = reply.LastIndexOf('}');
        if (start >= 0 && end > start)
        {
            try
            {
                if (JsonNode.Parse(reply[start..(end + 1)]) is JsonObject o && o["answer"] is JsonValue a && a.TryGetValue<string>(out var text))
                {
                    var kind = o["kind"]?.GetValue<string>() switch
                    {
                        "unknown" => ShopperAnswerKind.Unknown,
                        "declined" => ShopperAnswerKind.Declined,
                        "refused_basket_change" => ShopperAnswerKind.RefusedBasketChange,
                        "clarify" => ShopperAnswerKind.Clarify,
                        _ => ShopperAnswerKind.Answered,
                    };
                    var products = o["products"] is JsonArray arr ? arr.Select(x => x?.ToString() ?? "").Where(x => x.Length > 0).ToArray() : [];
                    return new ShopperAnswer { Text = text, Kind = kind, CitedProductIds = products, Stage = "chat" };
                }
            }
            catch (Exception ex) when (ex is JsonException or InvalidOperationException or FormatException)
            {
                // Not JSON after all: fall through and grade the raw text.
            }
        }

        return new ShopperAnswer { Text = reply.Trim(), Kind = ShopperAnswerKind.Answered, CitedProductIds = [], Stage = "chat" };
    }

    private static string Facts(Product p)
    {
        var a = p.Attributes;
        var facts = new StringBuilder();
        facts.Append(CultureInfo.InvariantCulture, $"{p.Id} \"{p.DisplayName}\": {p.Price.Amount:0.00} {p.Price.Currency} per {p.Price.Per.ToString().ToLowerInvariant()}");
        facts.Append(CultureInfo.InvariantCulture, $", {(p.IsLoose ? "about " : "")}{p.UnitWeightGrams:0} g{(p.IsLoose ? " per piece" : "")}");
        if (a.Organic)
        {
            facts.Append(", organic");
        }

        if (a.LactoseFree)
        {
            facts.Append(", lactose-free");
        }

        if (a.PlantBased)
        {
            facts.Append(", plant-based");
        }

        if (a.FatPercent is { } fat)
        {
            facts.Append(CultureInfo.InvariantCulture, $", {fat:0.#} % fat");
        }

        if (a.Flavour is { } flavour)
        {
            facts.Append(", flavour ").Append(flavour);
        }

        return facts.Append(", category ").Append(p.CoarseCategory).ToString();
    }
}
