using System.Diagnostics;
using Microsoft.Extensions.AI;

namespace BasketReasoner.Assistant.ToolCalls;

/// <summary>What asking the tool-call model came to: the call, or why there is none (the rules read the question then).</summary>
internal sealed record ToolCallOutcome(ToolCall? Call, string? Rejection);

/// <summary>
/// Asks a chat model for the question's tool call, constrained by the question's schema
/// (<see cref="ToolCallSchema.For"/>): the on-device engine decodes only schema-valid JSON, and whatever comes back,
/// from any client, is checked again (<see cref="ToolCallSchema.Parse"/>). A model failure is an outcome, not an
/// exception: the rules stage reads the question instead.
/// </summary>
internal sealed class ToolCallReader(IChatClient client)
{
    // A call is about 15 tokens; the longest, three four-word mentions, stays under 64.
    private const int MaxOutputTokens = 64;

    public async Task<ToolCallOutcome> ReadAsync(string question, CancellationToken cancellationToken)
    {
        var options = new ChatOptions
        {
            Temperature = 0f,
            MaxOutputTokens = MaxOutputTokens,
            ResponseFormat = ChatResponseFormat.ForJsonSchema(ToolCallSchema.For(question), "tool_call", "The read-only tool that answers a shopper's question, and the products it names."),
        };
        string text;
        try
        {
            var response = await client.GetResponseAsync([new ChatMessage(ChatRole.User, question)], options, cancellationToken).ConfigureAwait(false);
            text = response.Text;
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            Debug.WriteLine($"Tool-call model failed: {ex.Message}");
            return new ToolCallOutcome(null, ex is ArgumentException ? "the model refused the request: " + ex.Message : "the model failed");
        }

        try
        {
            return new ToolCallOutcome(ToolCallSchema.Parse(text, question), null);
        }
        catch (InvalidToolCallException ex)
        {
            return new ToolCallOutcome(null, ex.Message);
        }
    }
}
