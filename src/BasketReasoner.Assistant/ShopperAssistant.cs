using System.Diagnostics;
using System.Runtime.CompilerServices;
using System.Text;
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
/// Nothing here can change a basket: the question's lines are copied into read-only plugins. A rules answer goes
/// out whole the moment it is composed; an LLM answer streams sentence by sentence as the model decodes it, each
/// sentence shown only once the text so far has passed the grounding guard.
/// Thread-safe: each question gets its own kernel.
/// </remarks>
public sealed class ShopperAssistant : IShopperAssistant
{
    public const string RulesStage = "rules";

    /// <summary>The stage recorded when the tool-call model's call picked the tool and products (the rules stage words the answer).</summary>
    public const string ToolCallPath = "tool-call";

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
        var text = _rules.Normalize(question.Trim());
        var r = _rules.Read(text);
        var encoder = r.EncoderIntent is { } e ? $"{e.Intent} {e.Score.ToString("0.000", System.Globalization.CultureInfo.InvariantCulture)}" : "off";
        var readAs = text == question.Trim() ? string.Empty : $"read as \"{text}\"; ";
        return $"{readAs}intent {r.Intent} (lexicon {RulesAnswerer.Route(text)}, encoder {encoder}); yes/no {r.YesNo}, about my basket {r.BasketScoped}, plural {r.Plural}, unit {r.VolumeUnit ?? "-"}";
    }

    /// <inheritdoc />
    /// <remarks>
    /// The answer streams as it is produced. The rules stage composes its answer whole from the plugin results (a few
    /// milliseconds) and it goes out as one part the moment it is ready. When the chat stage words it, the model's text
    /// goes out as it is decoded, one sentence at a time: each sentence is held until it is complete and the text so
    /// far passes the grounding guard, and nothing is shown until the text covers the rules answer's facts (a stock
    /// refusal never flashes up). When a later sentence fails the guard, the model is stopped and the rules answer
    /// follows with <see cref="ShopperAnswerUpdate.Restart"/> set.
    /// </remarks>
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
        var stage = rules.Path;
        var run = new ModelRun();

        if (_options.ChatClient is { } chat && rules.Kind == ShopperAnswerKind.Answered && rules.Facts.Length > 0)
        {
            await foreach (var part in ModelPartsAsync(chat, question.Question, rules, run, cancellationToken).ConfigureAwait(false))
            {
                yield return new ShopperAnswerUpdate(part, null);
            }

            if (run.Rejection is null)
            {
                text = run.Text;
                stage = _options.ChatStageName;
            }
            else
            {
                stage = $"{rules.Path} ({_options.ChatStageName} rejected: {run.Rejection})";
                yield return new ShopperAnswerUpdate(rules.Text, null, Restart: run.Shown);
            }
        }
        else
        {
            yield return new ShopperAnswerUpdate(rules.Text, null);
        }

        yield return new ShopperAnswerUpdate(null, new ShopperAnswer
        {
            Text = text,
            Kind = rules.Kind,
            CitedProductIds = rules.Cited,
            Stage = stage,
            InputTokens = run.InputTokens,
            OutputTokens = run.OutputTokens,
            LatencyMs = _options.TimeProvider.GetElapsedTime(started).TotalMilliseconds,
        });
    }

    /// <summary>
    /// The model's answer as it is decoded, in checked sentences; <paramref name="run"/> says at the end whether it
    /// stands (<see cref="ModelRun.Rejection"/> null, <see cref="ModelRun.Text"/> the parts joined) or why not.
    /// </summary>
    private async IAsyncEnumerable<string> ModelPartsAsync(IChatClient chat, string question, RulesAnswer rules, ModelRun run, [EnumeratorCancellation] CancellationToken ct)
    {
        // The question is untrusted and sits inside a triple-quoted block: it must not be able to close it.
        var (system, user) = _options.Prompt!.Render(new Dictionary<string, string>
        {
            ["facts"] = rules.Facts,
            ["question"] = question.Replace("\"\"\"", "\"", StringComparison.Ordinal),
        });
        List<ChatMessage> messages = system.Length == 0 ? [new(ChatRole.User, user)] : [new(ChatRole.System, system), new(ChatRole.User, user)];
        var chatOptions = _options.ChatOptions ?? new ChatOptions { Temperature = 0f, MaxOutputTokens = ShopperAssistantOptions.DefaultMaxOutputTokens };

        // Stopping the model early (a rejected sentence) must not look like the caller's cancellation.
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(ct);
        var decoded = new StringBuilder();
        var shown = 0;
        var covered = false;
        IAsyncEnumerator<ChatResponseUpdate>? updates = null;
        try
        {
            while (true)
            {
                bool more;
                try
                {
                    updates ??= chat.GetStreamingResponseAsync(messages, chatOptions, stop.Token).GetAsyncEnumerator(stop.Token);
                    more = await updates.MoveNextAsync().ConfigureAwait(false);
                }
                catch (Exception ex) when (ex is not OperationCanceledException || !ct.IsCancellationRequested)
                {
                    // The model is an optional stage: any failure of it leaves the rules answer standing.
                    Debug.WriteLine($"Assistant chat stage failed: {ex.Message}");
                    // In words, never a type name: the reason reaches the API's stage field.
                    run.Rejection = ex is ArgumentException ? "the model refused the request: " + ex.Message : "the model failed";
                    yield break;
                }

                if (!more)
                {
                    break;
                }

                var update = updates.Current;
                if (update.Contents.OfType<UsageContent>().LastOrDefault()?.Details is { } usage)
                {
                    run.InputTokens = (int)(usage.InputTokenCount ?? 0);
                    run.OutputTokens = (int)(usage.OutputTokenCount ?? 0);
                }

                decoded.Append(update.Text);
                var cut = SentenceEnd(decoded, shown);
                if (cut <= shown)
                {
                    continue;
                }

                var sofar = decoded.ToString(0, cut);
                if (GroundingGuard.Check(sofar, rules.Facts, question, _catalog) is { } why)
                {
                    run.Rejection = why;
                    await stop.CancelAsync().ConfigureAwait(false);
                    yield break;
                }

                covered = covered || GroundingGuard.CheckCoverage(sofar, rules.Text, rules.Cited, _catalog) is null;
                if (covered && Part(decoded, shown, cut, last: false) is { Length: > 0 } part)
                {
                    run.Shown = true;
                    yield return part;
                    shown = cut;
                }
            }

            var all = decoded.ToString();
            run.Rejection = string.IsNullOrWhiteSpace(all) ? "empty answer"
                : GroundingGuard.Check(all, rules.Facts, question, _catalog) ?? GroundingGuard.CheckCoverage(all, rules.Text, rules.Cited, _catalog);
            if (run.Rejection is not null)
            {
                yield break;
            }

            run.Text = all.Trim();
            if (Part(decoded, shown, decoded.Length, last: true) is { Length: > 0 } rest)
            {
                run.Shown = true;
                yield return rest;
            }
        }
        finally
        {
            if (updates is not null)
            {
                await updates.DisposeAsync().ConfigureAwait(false);
            }
        }
    }

    // The decoded text from [from, to), less the answer's leading and (at the end) trailing space, so the parts join
    // to the trimmed answer.
    private static string Part(StringBuilder decoded, int from, int to, bool last)
    {
        var part = decoded.ToString(from, to - from);
        if (decoded.ToString(0, from).Trim().Length == 0)
        {
            part = part.TrimStart();
        }

        return last ? part.TrimEnd() : part;
    }

    /// <summary>
    /// Just past the end mark of the last complete sentence after <paramref name="from"/> (complete: whitespace
    /// follows it, so "21.90" is never cut), else <paramref name="from"/>.
    /// </summary>
    private static int SentenceEnd(StringBuilder s, int from)
    {
        for (var i = s.Length - 2; i >= from; i--)
        {
            if (s[i] is '.' or '!' or '?' or ':' or ';' or '\n' && char.IsWhiteSpace(s[i + 1]))
            {
                return i + 1;
            }
        }

        return from;
    }

    /// <summary>What one model run came to.</summary>
    private sealed class ModelRun
    {
        public string? Rejection;
        public string Text = string.Empty;
        public bool Shown;
        public int InputTokens;
        public int OutputTokens;
    }

}
