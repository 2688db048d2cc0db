using System.Diagnostics;
using System.Runtime.CompilerServices;
using BasketReasoner.Assistant.Understanding;
using BasketReasoner.Core.Assistant;
using BasketReasoner.Core.Catalog;
using BasketReasoner.Core.Catalog.Reference;
using BasketReasoner.Core.Catalog.Search;
using Microsoft.Extensions.AI;

namespace BasketReasoner.Assistant;

/// <summary>
/// The shopper assistant: a rules stage that always answers from the read-only plugins' facts, and, when a chat
/// client is configured, an LLM stage that words Answered replies from the same facts through a versioned prompt.
/// A grounding guard rejects an LLM answer with a number or product not in the facts, and the rules answer stands
/// (<see cref="ShopperAnswer.Stage"/> says which stage answered: <c>rules</c>, the chat stage's name, or
/// <c>rules (llm rejected: why)</c>). Refusals, declines and unknowns always come from the rules stage.
/// </summary>
/// <remarks>
/// Nothing here can change a basket: the question's lines are copied into read-only plugins. Rules answers stream
/// word by word; an LLM answer streams only after the guard has checked it (so a rejected one is never shown).
/// Thread-safe: each question gets its own kernel.
/// </remarks>
public sealed class ShopperAssistant : IShopperAssistant
{
    public const string RulesStage = "rules";

    private readonly ProductCatalog _catalog;
    private readonly ShopperAssistantOptions _options;
    private readonly RulesAnswerer _rules;

    public ShopperAssistant(ProductCatalog catalog, ICatalogSearch search, ReferenceCatalog? reference = null, ShopperAssistantOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(catalog);
        ArgumentNullException.ThrowIfNull(search);
        _catalog = catalog;
        _options = options ?? new ShopperAssistantOptions();
        if (_options.ChatClient is not null && _options.Prompt is null)
        {
            throw new ArgumentException("A chat client needs a prompt template (ShopperAssistantOptions.Prompt).", nameof(options));
        }

        _options.Prompt?.Require("question", "facts");

        _rules = new RulesAnswerer(catalog, reference ?? ReferenceCatalog.Empty, search, _options, _options.UseSentenceEncoder ? SharedEncoder.Get : null);
    }

    /// <summary>The intent the rules router reads in <paramref name="question"/> (for diagnostics and tests).</summary>
    public static QuestionIntent RouteIntent(string question) => RulesAnswerer.Route(question);

    /// <summary>The intent this assistant reads in <paramref name="question"/>, the encoder included when it is on.</summary>
    public QuestionIntent ReadIntent(string question) => _rules.Read(question).Intent;

    /// <summary>How this assistant reads <paramref name="question"/>: one line for diagnostics (<c>basket ask --explain</c>).</summary>
    public string Explain(string question)
    {
        ArgumentNullException.ThrowIfNull(question);
        var r = _rules.Read(question.Trim());
        var encoder = r.EncoderIntent is { } e ? $"{e.Intent} {e.Score.ToString("0.000", System.Globalization.CultureInfo.InvariantCulture)}" : "off";
        return $"intent {r.Intent} (lexicon {RulesAnswerer.Route(question.Trim())}, encoder {encoder}); yes/no {r.YesNo}, about my basket {r.BasketScoped}, plural {r.Plural}, unit {r.VolumeUnit ?? "-"}";
    }

    /// <inheritdoc />
    /// <exception cref="UnknownProductException">A basket line names a product the catalog does not have.</exception>
    public async IAsyncEnumerable<ShopperAnswerUpdate> AskStreamingAsync(ShopperQuestion question, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(question);
        ArgumentNullException.ThrowIfNull(question.Question);
        foreach (var line in question.Basket)
        {
            _catalog.Get(line.Product);
        }

        var started = _options.TimeProvider.GetTimestamp();
        var rules = await _rules.AnswerAsync(question, cancellationToken).ConfigureAwait(false);
        var text = rules.Text;
        var stage = RulesStage;
        int inputTokens = 0, outputTokens = 0;

        if (_options.ChatClient is { } chat && rules.Kind == ShopperAnswerKind.Answered && rules.Facts.Length > 0)
        {
            var (llmText, input, output, error) = await AskModelAsync(chat, question.Question, rules.Facts, cancellationToken).ConfigureAwait(false);
            inputTokens = input;
            outputTokens = output;
            var rejection = error ?? (string.IsNullOrWhiteSpace(llmText) ? "empty answer" : GroundingGuard.Check(llmText, rules.Facts, question.Question, _catalog)
                ?? GroundingGuard.CheckCoverage(llmText, rules.Text, rules.Cited, _catalog));
            if (rejection is null)
            {
                text = llmText!.Trim();
                stage = _options.ChatStageName;
            }
            else
            {
                stage = $"{RulesStage} ({_options.ChatStageName} rejected: {rejection})";
            }
        }

        foreach (var delta in Chunks(text))
        {
            yield return new ShopperAnswerUpdate(delta, null);
        }

        yield return new ShopperAnswerUpdate(null, new ShopperAnswer
        {
            Text = text,
            Kind = rules.Kind,
            CitedProductIds = rules.Cited,
            Stage = stage,
            InputTokens = inputTokens,
            OutputTokens = outputTokens,
            LatencyMs = _options.TimeProvider.GetElapsedTime(started).TotalMilliseconds,
        });
    }

    private async Task<(string? Text, int Input, int Output, string? Error)> AskModelAsync(IChatClient chat, string question, string facts, CancellationToken ct)
    {
        // The question is untrusted and sits inside a triple-quoted block: it must not be able to close it.
        var (system, user) = _options.Prompt!.Render(new Dictionary<string, string>
        {
            ["facts"] = facts,
            ["question"] = question.Replace("\"\"\"", "\"", StringComparison.Ordinal),
        });
        List<ChatMessage> messages = system.Length == 0 ? [new(ChatRole.User, user)] : [new(ChatRole.System, system), new(ChatRole.User, user)];
        var chatOptions = _options.ChatOptions ?? new ChatOptions { Temperature = 0f, MaxOutputTokens = 300 };
        try
        {
            var response = await chat.GetResponseAsync(messages, chatOptions, ct).ConfigureAwait(false);
            return (response.Text, (int)(response.Usage?.InputTokenCount ?? 0), (int)(response.Usage?.OutputTokenCount ?? 0), null);
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !ct.IsCancellationRequested)
        {
            // The model is an optional stage: any failure of it leaves the rules answer standing.
            Debug.WriteLine($"Assistant chat stage failed: {ex.Message}");
            return (null, 0, 0, "model error: " + ex.GetType().Name);
        }
    }

    private static IEnumerable<string> Chunks(string text)
    {
        var start = 0;
        for (var i = 0; i < text.Length; i++)
        {
            if (text[i] == ' ' && i > start)
            {
                yield return text[start..(i + 1)];
                start = i + 1;
            }
        }

        if (start < text.Length)
        {
            yield return text[start..];
        }
    }
}
