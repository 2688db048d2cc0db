using Microsoft.Extensions.AI;

namespace BasketReasoner.Composition.Eval;

/// <summary>
/// Counts the calls and failures of the assistant's chat stage. The assistant swallows a model failure (its rules
/// answer stands), so without this an eval run could not tell "the guard rejected the wording" from "the model never
/// answered"; the totals are written to the run log when the composition is disposed.
/// </summary>
public sealed class CountingChatClient(IChatClient inner, string name) : DelegatingChatClient(inner)
{
    private int _calls;
    private int _failures;
    private string? _firstError;

    public override async Task<ChatResponse> GetResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default)
    {
        Interlocked.Increment(ref _calls);
        try
        {
            return await base.GetResponseAsync(messages, options, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            Interlocked.Increment(ref _failures);
            Interlocked.CompareExchange(ref _firstError, $"{ex.GetType().Name}: {ex.Message}", null);
            throw;
        }
    }

    public string Describe() =>
        $"{name}: {_calls} chat calls, {_failures} failed" + (_firstError is null ? "" : $" (first: {_firstError})");
}
