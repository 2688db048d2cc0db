using BasketReasoner.Core.Assistant;
using BasketReasoner.Core.Escalation;
using BasketReasoner.Core.Resolutions;
using BasketReasoner.Core.Prompts;
using Microsoft.Extensions.AI;

namespace BasketReasoner.Eval.Harness.Systems;

/// <summary>
/// How to build a system for a backend name. Give any of the factories; the harness answers each dataset kind with
/// what is there: sessions need <see cref="Resolver"/>; ambiguous items use <see cref="Chooser"/>, else a chooser
/// built on <see cref="ChatClient"/> with the <c>choose-product</c> prompt, else <see cref="Resolver"/>; shopper
/// questions use <see cref="Assistant"/>, else one built on <see cref="ChatClient"/> with the <c>shopper</c> prompt.
/// </summary>
public sealed class EvalBackend
{
    public Func<SystemVariant, ICartEventResolver>? Resolver { get; init; }

    public Func<SystemVariant, ICandidateChooser>? Chooser { get; init; }

    public Func<SystemVariant, IShopperAssistant>? Assistant { get; init; }

    public Func<SystemVariant, IChatClient>? ChatClient { get; init; }

    /// <summary>Prompt files the backend's own chooser or assistant renders for a variant (the harness records their
    /// ids on each case and their texts in the run's <c>prompts.json</c>). Default: none.</summary>
    public Func<SystemVariant, IEnumerable<PromptFile>>? Prompts { get; init; }

    /// <summary>Whether answers may be served from the response cache. Default: true when a chat client or
    /// chooser/assistant is given (model calls), false for a resolver-only backend.</summary>
    public bool? Cacheable { get; init; }

    /// <summary>Cases in flight at once for this backend. Default: unbounded (the suite's concurrency).</summary>
    public int MaxConcurrency { get; init; } = int.MaxValue;

    /// <summary>Model name for the cache key when the spec names none. Default: the backend name.</summary>
    public string? ModelName { get; init; }
}
