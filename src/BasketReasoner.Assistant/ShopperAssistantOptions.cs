using BasketReasoner.Core.Prompts;
using Microsoft.Extensions.AI;

namespace BasketReasoner.Assistant;

/// <summary>Options for <see cref="ShopperAssistant"/>.</summary>
public sealed class ShopperAssistantOptions
{
    /// <summary>
    /// The language model that words answers from the facts; <c>null</c> (the default) answers with the rules stage
    /// only. Any <see cref="IChatClient"/>: the on-device engine or a cloud endpoint.
    /// </summary>
    public IChatClient? ChatClient { get; init; }

    /// <summary>Name recorded in <c>ShopperAnswer.Stage</c> when the chat client's answer is used. Default <c>llm</c>.</summary>
    public string ChatStageName { get; init; } = "llm";

    /// <summary>
    /// The prompt (see <c>prompts/assistant/answer.v1.md</c>), with <c>{{question}}</c> and <c>{{facts}}</c>; required when
    /// <see cref="ChatClient"/> is set.
    /// </summary>
    public PromptFile? Prompt { get; init; }

    /// <summary>Output tokens the model's answer may take when <see cref="ChatOptions"/> does not say: 300.</summary>
    public const int DefaultMaxOutputTokens = 300;

    /// <summary>Chat options passed to the model (temperature, max tokens...). Default: temperature 0, <see cref="DefaultMaxOutputTokens"/> output tokens.</summary>
    public ChatOptions? ChatOptions { get; init; }

    /// <summary>
    /// A search hit is taken as a product mention when its text-vector cosine reaches this. Default 0.30, tuned on the
    /// val split of <c>eval/datasets/shopper-questions.jsonl</c>.
    /// </summary>
    public double MinMentionSimilarity { get; init; } = 0.30;

    /// <summary>The same for Open Food Facts reference products, which also need a lexical match. Default 0.30.</summary>
    public double MinReferenceSimilarity { get; init; } = 0.30;

    /// <summary>
    /// Read questions and product words with the all-MiniLM-L6-v2 sentence encoder as well as the keyword lexicon.
    /// Default <c>true</c>. The model is loaded at the first question (never on the cart-event path); when its
    /// resource DLL is missing the assistant reads with the lexicon alone.
    /// </summary>
    public bool UseSentenceEncoder { get; init; } = true;

    /// <summary>
    /// The tool-call model (the on-device engine over <c>models/toolcall</c>, or any <see cref="IChatClient"/> that honours
    /// a JSON-schema response format): it turns each question into a JSON tool call (<see cref="ToolCalls.ToolCallSchema"/>)
    /// that picks the read-only tool and the products it is about. A call that fails validation, or a model error,
    /// leaves the question to the rules reader. Default <c>null</c>: the rules read every question.
    /// </summary>
    public IChatClient? ToolCallClient { get; init; }

    /// <summary>How a valid tool call and the rules reader's reading combine. Default <see cref="ToolCalls.ToolCallPolicy.ModelFirst"/>.</summary>
    public ToolCalls.ToolCallPolicy ToolCallPolicy { get; init; } = ToolCalls.ToolCallPolicy.ModelFirst;

    /// <summary>Clock for latency; default <see cref="TimeProvider.System"/>.</summary>
    public TimeProvider TimeProvider { get; init; } = TimeProvider.System;
}
