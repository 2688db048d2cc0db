using BasketReasoner.Generation.Engine;
using BasketReasoner.Generation.Model;

namespace BasketReasoner.Generation.Tests.Engine;

public sealed class GenerationEngineTests : IDisposable
{
    private readonly GenerationEngine _engine = GenerationEngine.Open(TestModels.Tiny);
    private static readonly PromptMessage[] s_prompt = [new(PromptRole.User, "What is the price of the bananas?")];

    [Fact]
    public async Task GenerateAsync_CancelledMidStream_ThrowsAndEngineStaysUsable()
    {
        using var cts = new CancellationTokenSource();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(async () =>
        {
            await foreach (var _ in _engine.GenerateAsync(s_prompt, new GenerationOptions { MaxNewTokens = 50 }, cts.Token)) cts.Cancel();
        });
        var after = await _engine.GenerateTextAsync(s_prompt, new GenerationOptions { MaxNewTokens = 3 });
        Assert.Equal(3, after.GeneratedTokens);
    }

    [Fact]
    public async Task GenerateTextAsync_SameGreedyPromptTwice_SameTokens()
    {
        var a = await _engine.GenerateTextAsync(s_prompt, new GenerationOptions { MaxNewTokens = 10 });
        var b = await _engine.GenerateTextAsync(s_prompt, new GenerationOptions { MaxNewTokens = 10 });
        Assert.Equal(a.TokenIds, b.TokenIds);
        Assert.True(a.PromptTokens > 5);
    }

    [Fact]
    public void EncodePrompt_OneImage_ExpandsToImageSeqLenTokens()
    {
        var withImage = _engine.EncodePrompt([new PromptMessage(PromptRole.User, "hi", [new byte[] { 1 }])]);
        var without = _engine.EncodePrompt([new PromptMessage(PromptRole.User, "hi")]);
        Assert.Equal(without.Length + 4, withImage.Length);
        Assert.Equal(4, withImage.Count(t => t == 6));
        Assert.Equal(1, withImage[0]); // add_bos_token
    }

    [Fact]
    public async Task GenerateAsync_PromptLongerThanContext_ClearError()
    {
        using var small = GenerationEngine.Open(TestModels.Tiny, new EngineOptions { MaxSequenceLength = 8 });
        var ex = await Assert.ThrowsAsync<BasketReasoner.Generation.Engine.ContextLengthExceededException>(() => small.GenerateTextAsync(s_prompt));
        Assert.Contains("the model holds at most 8", ex.Message, StringComparison.Ordinal);
    }

    public void Dispose() => _engine.Dispose();
}
