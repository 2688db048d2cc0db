using System.Globalization;
using BasketReasoner.Core.Assistant;
using BasketReasoner.Core.Baskets;
using BasketReasoner.Core.Escalation;
using BasketReasoner.Core.Events;
using BasketReasoner.Core.Resolutions;
using BasketReasoner.Core.Sessions;
using BasketReasoner.Eval.Harness.Datasets;
using BasketReasoner.Core.Prompts;
using BasketReasoner.Eval.Replay;
using BasketReasoner.Reasoning.Choice;

namespace BasketReasoner.Eval.Harness.Systems;

/// <summary>A system variant built from a backend's factories; answers each dataset kind with what the backend has.</summary>
internal sealed class BackendSystem : IEvalSystem
{
    public const string ChoosePromptTask = "choose-product";
    public const string ShopperPromptTask = "shopper";

    private readonly EvalEnvironment _env;
    private readonly ICartEventResolver? _resolver;
    private readonly ICandidateChooser? _chooser;
    private readonly IShopperAssistant? _assistant;

    public BackendSystem(SystemVariant variant, EvalBackend backend, EvalEnvironment env)
    {
        _env = env;
        Name = variant.Name;
        MaxConcurrency = Math.Max(1, backend.MaxConcurrency);
        _resolver = backend.Resolver?.Invoke(variant);
        var chat = backend.ChatClient?.Invoke(variant);
        var prompts = new List<PromptFile>();
        _chooser = backend.Chooser?.Invoke(variant);
        if (_chooser is null && chat is not null)
        {
            // The same chooser the cloud stage uses, so the harness scores what ships.
            var prompt = ChoosePrompt.Load(env.PromptsFolder, Version(variant, ChoosePromptTask, ChoosePrompt.DefaultVersion));
            prompts.Add(prompt.Template);
            var images = !variant.Parameters.TryGetValue("images", out var im) || im is not ("false" or "0");
            _chooser = new ChatCandidateChooser(chat, prompt, () => ChatParameters.Options(variant, CurrentSeed.Value), env.Catalog, images, variant.Spec.Backend);
        }

        _assistant = backend.Assistant?.Invoke(variant);
        if (backend.Prompts?.Invoke(variant) is { } own)
        {
            prompts.AddRange(own);
        }

        if (_assistant is null && chat is not null)
        {
            var prompt = PromptFile.Load(env.PromptsFolder, ShopperPromptTask, Version(variant, ShopperPromptTask));
            prompts.Add(prompt);
            _assistant = new ChatShopperAssistant(chat, prompt, () => ChatParameters.Options(variant, CurrentSeed.Value), env.Catalog, variant.Spec.Backend);
        }

        // Versions the host's own chooser/assistant use still name the variant (they are in PromptVersions).
        var promptIds = prompts.Select(p => p.Id)
            .Concat(variant.PromptVersions.Where(kv => prompts.All(p => p.Task != kv.Key)).Select(kv => $"{kv.Key}/{kv.Value}"))
            .Order(StringComparer.Ordinal);
        var cacheable = backend.Cacheable ?? (chat is not null || _chooser is not null || _assistant is not null);
        var model = variant.Spec.Model ?? backend.ModelName ?? variant.Spec.Backend;
        PromptIds = string.Join(',', promptIds);
        PromptTexts = prompts.DistinctBy(p => p.Id).ToDictionary(p => p.Id, PromptText, StringComparer.Ordinal);
        CacheIdentity = cacheable ? $"{variant.Spec.Backend}:{model}" : null;
        Parameters = variant.ParameterString;
    }

    // The seed of the repeat being run, flowing to the chat options factory without a parameter on the contracts.
    private static readonly AsyncLocal<int> CurrentSeed = new();

    public string Name { get; }

    public string? CacheIdentity { get; }

    /// <summary>Prompt ids (task/version@hash) this system renders, a cache-key part.</summary>
    public string PromptIds { get; }

    /// <summary>Prompt id → the prompt's text (system and user messages before rendering), for the report's case view.</summary>
    public IReadOnlyDictionary<string, string> PromptTexts { get; }

    public string Parameters { get; }

    public int MaxConcurrency { get; }

    public bool Supports(DatasetKind kind) => kind switch
    {
        DatasetKind.Sessions => _resolver is not null,
        DatasetKind.Ambiguous => _chooser is not null || _resolver is not null,
        DatasetKind.Shopper => _assistant is not null,
        _ => false,
    };

    public async Task<SystemOutput> RunAsync(EvalCase evalCase, int seed, CancellationToken cancellationToken)
    {
        CurrentSeed.Value = seed;
        return evalCase.Payload switch
        {
            CartSession session => RunSession(session, cancellationToken),
            AmbiguousCase item => await RunAmbiguousAsync(item, cancellationToken).ConfigureAwait(false),
            ShopperCase question => await RunShopperAsync(question, cancellationToken).ConfigureAwait(false),
            _ => throw new InvalidOperationException($"case '{evalCase.Id}' has an unknown payload"),
        };
    }

    private SystemOutput RunSession(CartSession session, CancellationToken cancellationToken)
    {
        var replay = new SessionReplayer(_resolver!, _env.ImagesFolder).Replay([session], cancellationToken: cancellationToken);
        if (replay.Errors.Count > 0)
        {
            throw new InvalidDataException(string.Join("; ", replay.Errors.Select(e => $"seq {e.Seq}: {e.Message}")));
        }

        var outcome = replay.Sessions[0];
        return new SystemOutput
        {
            Text = string.Join(", ", outcome.FinalBasket.OrderBy(l => l.Product, StringComparer.Ordinal).Select(l => $"{l.Product}×{l.Qty}")),
            Decisions = outcome.Events.Select(e => new EventDecision(e.Truth, e.Resolution.ProductId)).ToArray(),
            BasketMatches = outcome.BasketMatches,
        };
    }

    private async Task<SystemOutput> RunAmbiguousAsync(AmbiguousCase item, CancellationToken cancellationToken)
    {
        var image = await File.ReadAllBytesAsync(Path.Combine(_env.ImagesFolder, item.Image), cancellationToken).ConfigureAwait(false);
        if (_chooser is null)
        {
            var basket = new Basket();
            foreach (var line in item.Basket)
            {
                basket.Add(line.Product, line.Qty);
            }

            var resolution = _resolver!.Resolve(new CartEvent(1, item.Type, item.Image, item.WeightDeltaGrams), image, basket);
            return Choice(item, resolution.ProductId, resolution.ProductId, 0, 0);
        }

        var candidates = item.Candidates.Select((id, i) => new ChoiceCandidate(id, _env.DisplayName(id), item.Posteriors is { } p && i < p.Count ? p[i] : 0)).ToArray();
        try
        {
            var choice = await _chooser.ChooseAsync(new ChoiceRequest(item.Type, [image], item.WeightDeltaGrams, candidates), cancellationToken).ConfigureAwait(false);
            return Choice(item, choice.ProductId, choice.ProductId, choice.InputTokens, choice.OutputTokens) with
            {
                Raw = string.Create(CultureInfo.InvariantCulture, $"p={choice.Probability:0.###}"),
            };
        }
        catch (UnparsableChoiceException ex)
        {
            return Choice(item, "", ex.Reply, ex.InputTokens, ex.OutputTokens) with { Raw = ex.Reply };
        }
    }

    private static SystemOutput Choice(AmbiguousCase item, string chosen, string text, int input, int output) => new()
    {
        Text = text,
        ChosenProductId = chosen,
        ProductIds = chosen.Length > 0 ? [chosen] : [],
        Decisions = [new EventDecision(item.Expected, chosen.Length > 0 ? chosen : "(no choice)")],
        InputTokens = input,
        OutputTokens = output,
    };

    private async Task<SystemOutput> RunShopperAsync(ShopperCase question, CancellationToken cancellationToken)
    {
        var answer = await _assistant!.AskAsync(new ShopperQuestion(question.Basket, question.Question), cancellationToken).ConfigureAwait(false);
        return new SystemOutput
        {
            Text = answer.Text,
            Kind = KindName(answer.Kind),
            ProductIds = answer.CitedProductIds,
            Stage = answer.Stage,
            InputTokens = answer.InputTokens,
            OutputTokens = answer.OutputTokens,
        };
    }

    /// <summary>The dataset's spelling of a kind: <c>refused_basket_change</c> for <see cref="ShopperAnswerKind.RefusedBasketChange"/>.</summary>
    public static string KindName(ShopperAnswerKind kind) => kind switch
    {
        ShopperAnswerKind.Answered => "answered",
        ShopperAnswerKind.Unknown => "unknown",
        ShopperAnswerKind.Declined => "declined",
        ShopperAnswerKind.RefusedBasketChange => "refused_basket_change",
        ShopperAnswerKind.Clarify => "clarify",
        _ => kind.ToString().ToLowerInvariant(),
    };

    private static string PromptText(PromptFile prompt) =>
        prompt.System.Length == 0 ? prompt.User : $"## system\n{prompt.System}\n\n## user\n{prompt.User}";

    private static string Version(SystemVariant variant, string task, string fallback = "v1") =>
        variant.PromptVersions.TryGetValue(task, out var v) ? v : fallback;
}
