using System.Text.Json;
using BasketReasoner.Core.Escalation;
using BasketReasoner.Core.Events;
using BasketReasoner.Generation.Chat;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.SemanticKernel.ChatCompletion;
using SkiaSharp;

namespace BasketReasoner.Generation.Tests.Chat;

public sealed class OnDeviceChatClientTests : IDisposable
{
    private readonly GenerationEngine _engine = GenerationEngine.Open(TestModels.Tiny);

    private static byte[] Png(byte r, byte g, byte b)
    {
        using var bitmap = new SKBitmap(40, 30);
        bitmap.Erase(new SKColor(r, g, b));
        using var data = bitmap.Encode(SKEncodedImageFormat.Png, 100);
        return data.ToArray();
    }

    [Fact]
    public async Task GetResponseAsync_Text_ReturnsTextUsageAndFinish()
    {
        using var client = new OnDeviceChatClient(_engine);
        var response = await client.GetResponseAsync([new ChatMessage(ChatRole.User, "How much is the milk?")], new ChatOptions { MaxOutputTokens = 10 });
        Assert.NotNull(response.Usage);
        Assert.True(response.Usage!.InputTokenCount > 5);
        Assert.InRange(response.Usage.OutputTokenCount ?? 0, 1, 10);
        Assert.Equal(response.Usage.InputTokenCount + response.Usage.OutputTokenCount, response.Usage.TotalTokenCount);
        Assert.NotNull(response.FinishReason);
        Assert.Equal(ChatRole.Assistant, response.Messages[^1].Role);
    }

    [Fact]
    public async Task GetStreamingResponseAsync_Greedy_ConcatenatesToNonStreamingText()
    {
        using var client = new OnDeviceChatClient(_engine);
        var messages = new[] { new ChatMessage(ChatRole.User, "Which products are organic?") };
        var options = new ChatOptions { MaxOutputTokens = 12 };
        var whole = await client.GetResponseAsync(messages, options);
        var parts = new List<string>();
        await foreach (var u in client.GetStreamingResponseAsync(messages, options)) parts.Add(u.Text);
        Assert.Equal(whole.Text, string.Concat(parts));
        Assert.True(parts.Count >= 2);
    }

    [Fact]
    public async Task GetResponseAsync_Image_UsesVisionEncoderAndCountsImageTokens()
    {
        using var client = new OnDeviceChatClient(_engine);
        var red = new ChatMessage(ChatRole.User, [new DataContent(Png(200, 0, 0), "image/png"), new TextContent("Which product is it?")]);
        var text = new ChatMessage(ChatRole.User, "Which product is it?");
        var withImage = await client.GetResponseAsync([red], new ChatOptions { MaxOutputTokens = 4 });
        var without = await client.GetResponseAsync([text], new ChatOptions { MaxOutputTokens = 4 });
        Assert.Equal(without.Usage!.InputTokenCount + 4, withImage.Usage!.InputTokenCount); // image_seq_len = 4
    }

    [Fact]
    public async Task GetResponseAsync_JsonSchema_OutputValidates()
    {
        using var client = new OnDeviceChatClient(_engine);
        var schema = JsonDocument.Parse("""{"type":"object","properties":{"product":{"type":"string","maxLength":12},"grams":{"type":"integer"},"organic":{"type":"boolean"}},"required":["product","grams"]}""").RootElement;
        var options = new ChatOptions { MaxOutputTokens = 80, Temperature = 1f, Seed = 7, ResponseFormat = ChatResponseFormat.ForJsonSchema(schema, "item") };
        var response = await client.GetResponseAsync([new ChatMessage(ChatRole.User, "Describe the item as JSON.")], options);
        var parsed = await NJsonSchema.JsonSchema.FromJsonAsync(schema.GetRawText());
        Assert.Empty(parsed.Validate(response.Text));
    }

    [Fact]
    public async Task GetResponseAsync_StopSequence_TextEndsBeforeIt()
    {
        using var client = new OnDeviceChatClient(_engine);
        var messages = new[] { new ChatMessage(ChatRole.User, "List the fruit.") };
        var free = await client.GetResponseAsync(messages, new ChatOptions { MaxOutputTokens = 16 });
        Assert.True(free.Text.Length >= 4);
        var stop = free.Text.Substring(2, 2);
        var stopped = await client.GetResponseAsync(messages, new ChatOptions { MaxOutputTokens = 16, StopSequences = [stop] });
        Assert.Equal(free.Text[..free.Text.IndexOf(stop, StringComparison.Ordinal)], stopped.Text);
        Assert.Equal(ChatFinishReason.Stop, stopped.FinishReason);
    }

    [Fact]
    public async Task GetResponseAsync_Concurrent_SerialisedWithSameResults()
    {
        using var client = new OnDeviceChatClient(_engine);
        var messages = new[] { new ChatMessage(ChatRole.User, "What does the yoghurt cost?") };
        var tasks = Enumerable.Range(0, 4).Select(_ => Task.Run(() => client.GetResponseAsync(messages, new ChatOptions { MaxOutputTokens = 8 }))).ToArray();
        var texts = (await Task.WhenAll(tasks)).Select(r => r.Text).Distinct().ToList();
        Assert.Single(texts);
    }

    [Fact]
    public void ToGenerationOptions_MapsChatOptions()
    {
        using var client = new OnDeviceChatClient(_engine);
        var g = client.ToGenerationOptions(new ChatOptions { Temperature = 0.7f, TopP = 0.9f, TopK = 5, MaxOutputTokens = 33, Seed = 11, FrequencyPenalty = 0.2f, StopSequences = ["x"] });
        Assert.Equal((0.7f, 0.9f, 5, 11, 33), (g.Sampling.Temperature, g.Sampling.TopP, g.Sampling.TopK, g.Sampling.Seed!.Value, g.MaxNewTokens));
        Assert.Equal(1.2f, g.Sampling.RepetitionPenalty, 4);
        Assert.Equal(["x"], g.StopSequences);
        Assert.Throws<NotSupportedException>(() => client.ToGenerationOptions(new ChatOptions { ResponseFormat = ChatResponseFormat.Json }));
    }

    [Fact]
    public async Task SemanticKernel_ChatCompletionService_RunsThroughOurClient()
    {
        var services = new ServiceCollection();
        services.AddOnDeviceGeneration(TestModels.Tiny, Path.Combine(TestModels.RepoRoot, "prompts", "choose-product", "on-device.v1.md"));
        await using var provider = services.BuildServiceProvider();
        var chat = provider.GetRequiredService<IChatCompletionService>();
        var history = new ChatHistory();
        history.AddUserMessage("Is the oat drink organic?");
        var reply = await chat.GetChatMessageContentAsync(history, new Microsoft.SemanticKernel.PromptExecutionSettings
        {
            ExtensionData = new Dictionary<string, object> { ["max_tokens"] = 6 },
        });
        var direct = await provider.GetRequiredService<IChatClient>().GetResponseAsync([new ChatMessage(ChatRole.User, "Is the oat drink organic?")], new ChatOptions { MaxOutputTokens = 6 });
        Assert.Equal(direct.Text, reply.Content);
    }

    [Fact]
    public async Task CandidateChooser_ReturnsOneCandidateWithNormalisedProbabilities()
    {
        var chooser = new OnDeviceCandidateChooser(_engine, ChoicePromptTemplate.Load(Path.Combine(TestModels.RepoRoot, "prompts", "choose-product", "on-device.v1.md")));
        var candidates = new[]
        {
            new ChoiceCandidate("milk-3", "Arla Mjölk 3%", 0.4),
            new ChoiceCandidate("milk-1", "Arla Skimmed milk 1,5%", 0.3),
            new ChoiceCandidate("oat", "Oatly Havredryck Berikad Färsk", 0.3),
        };
        var choice = await chooser.ChooseAsync(new ChoiceRequest(CartEventType.Add, [Png(240, 240, 240)], 1030, candidates));
        Assert.Contains(choice.ProductId, candidates.Select(c => c.ProductId));
        Assert.Equal(1.0, choice.CandidateProbabilities.Values.Sum(), 9);
        Assert.Equal(choice.CandidateProbabilities.Values.Max(), choice.Probability);
        Assert.Equal("on-device", chooser.Stage);
    }

    public void Dispose() => _engine.Dispose();
}
