using System.Runtime.CompilerServices;
using BasketReasoner.Core.Assistant;
using BasketReasoner.Core.Escalation;
using Microsoft.Extensions.AI;

namespace BasketReasoner.Server.Tests.Infrastructure;

/// <summary>Test double of the on-device model's chooser: answers what the test scripts, and counts calls.</summary>
internal sealed class ScriptedCandidateChooserDouble(string stage, Func<ChoiceRequest, CandidateChoice> answer) : ICandidateChooser
{
    public int Calls;

    public string Stage => stage;

    public Task<CandidateChoice> ChooseAsync(ChoiceRequest request, CancellationToken cancellationToken = default)
    {
        Interlocked.Increment(ref Calls);
        return Task.FromResult(answer(request));
    }

    /// <summary>Picks <paramref name="productId"/> (or the first candidate) with <paramref name="probability"/>.</summary>
    public static ScriptedCandidateChooserDouble Picking(string? productId, double probability, string stage = "on-device") =>
        new(stage, r =>
        {
            var id = productId is not null && r.Candidates.Any(c => c.ProductId == productId) ? productId : r.Candidates[0].ProductId;
            var rest = (1 - probability) / (r.Candidates.Count - 1);
            return new CandidateChoice(id, probability, r.Candidates.ToDictionary(c => c.ProductId, c => c.ProductId == id ? probability : rest));
        });
}

/// <summary>Test double of a chat model: replies with scripted text, word by word when streaming, and keeps what it was asked.</summary>
internal sealed class ScriptedChatClientDouble(string reply) : IChatClient
{
    public List<ChatMessage>? LastMessages;
    public ChatOptions? LastOptions;

    public Task<ChatResponse> GetResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default)
    {
        LastMessages = messages.ToList();
        LastOptions = options;
        return Task.FromResult(new ChatResponse(new ChatMessage(ChatRole.Assistant, reply))
        {
            FinishReason = ChatFinishReason.Stop,
            Usage = new UsageDetails { InputTokenCount = 11, OutputTokenCount = 3, TotalTokenCount = 14 },
        });
    }

    public async IAsyncEnumerable<ChatResponseUpdate> GetStreamingResponseAsync(
        IEnumerable<ChatMessage> messages, ChatOptions? options = null, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        LastMessages = messages.ToList();
        LastOptions = options;
        foreach (var word in reply.Split(' '))
        {
            await Task.Yield();
            yield return new ChatResponseUpdate(ChatRole.Assistant, word + " ");
        }

        yield return new ChatResponseUpdate { FinishReason = ChatFinishReason.Length, Contents = [new UsageContent(new UsageDetails { InputTokenCount = 11, OutputTokenCount = 3 })] };
    }

    public object? GetService(Type serviceType, object? serviceKey = null) => null;

    public void Dispose()
    {
    }
}

/// <summary>Test double of the shopper assistant: streams a scripted answer naming the basket's line count.</summary>
internal sealed class ScriptedShopperAssistantDouble : IShopperAssistant
{
    public ShopperQuestion? LastQuestion;

    public async IAsyncEnumerable<ShopperAnswerUpdate> AskStreamingAsync(ShopperQuestion question, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        LastQuestion = question;
        var text = $"Your basket has {question.Basket.Sum(l => l.Qty)} item(s).";
        foreach (var part in text.Split(' '))
        {
            await Task.Delay(5, cancellationToken);
            yield return new ShopperAnswerUpdate(part + " ", null);
        }

        yield return new ShopperAnswerUpdate(null, new ShopperAnswer
        {
            Text = text,
            Kind = ShopperAnswerKind.Answered,
            CitedProductIds = question.Basket.Select(l => l.Product).ToArray(),
            Stage = "scripted-double",
        });
    }
}

/// <summary>Test double of a model: decodes its first part, then waits at a gate the test opens before decoding the rest.</summary>
internal sealed class GatedChatClientDouble(string first, string rest) : IChatClient
{
    private readonly TaskCompletionSource _gate = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public bool Released => _gate.Task.IsCompleted;

    public void Release() => _gate.TrySetResult();

    public Task<ChatResponse> GetResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default) =>
        throw new NotSupportedException("The assistant streams the model's answer.");

    public async IAsyncEnumerable<ChatResponseUpdate> GetStreamingResponseAsync(
        IEnumerable<ChatMessage> messages, ChatOptions? options = null, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        yield return new ChatResponseUpdate(ChatRole.Assistant, first);
        await _gate.Task.WaitAsync(cancellationToken);
        yield return new ChatResponseUpdate(ChatRole.Assistant, rest);
    }

    public object? GetService(Type serviceType, object? serviceKey = null) => null;

    public void Dispose()
    {
    }
}
