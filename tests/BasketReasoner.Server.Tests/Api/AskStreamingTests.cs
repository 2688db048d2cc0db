using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using BasketReasoner.Assistant;
using BasketReasoner.Core.Assistant;
using BasketReasoner.Core.Prompts;
using BasketReasoner.Retrieval.CatalogSearch;
using BasketReasoner.Server.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace BasketReasoner.Server.Tests.Api;

/// <summary>The ask stream over the real server and the real assistant: parts leave as they are produced.</summary>
[Collection(ServerCollection.Name)]
public sealed class AskStreamingTests(ServerFixture fx)
{
    [Fact]
    public async Task Ask_ModelHeldAfterItsFirstSentence_FirstDeltaArrivesBeforeTheAnswerIsComplete()
    {
        var chat = new GatedChatClientDouble("The oat milk costs 21.90 SEK. ", "It is a demo price.");
        using var search = await HybridCatalogSearch.CreateAsync(fx.Pipeline.Catalog);
        var prompt = PromptFile.FromFile(Path.Combine(fx.RepoRoot, "prompts", "assistant", "answer.v1.md"));
        var assistant = new ShopperAssistant(fx.Pipeline.Catalog, search, null, new ShopperAssistantOptions { ChatClient = chat, ChatStageName = "on-device", Prompt = prompt });
        await using var server = await fx.StartAsync(s => s.Services = x => x.AddSingleton<IShopperAssistant>(assistant));
        using var http = server.Client(ServerFixture.KeyA);
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));

        using var request = new HttpRequestMessage(HttpMethod.Post, "/v1/carts/cart-a/ask") { Content = JsonContent.Create(new { question = "how much does the oat milk cost?" }) };
        using var response = await http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, timeout.Token);
        using var reader = new StreamReader(await response.Content.ReadAsStreamAsync(timeout.Token));
        var first = await NextFrameAsync(reader, timeout.Token);
        var heldWhenDelivered = !chat.Released;
        chat.Release();
        var frames = new List<(string Name, string Data)>();
        while (await NextFrameAsync(reader, timeout.Token) is { } frame)
        {
            frames.Add(frame);
        }

        Assert.True(heldWhenDelivered, first + " | " + string.Join(" | ", frames));
        Assert.Equal("delta", first!.Value.Name);
        Assert.Equal("The oat milk costs 21.90 SEK.", JsonDocument.Parse(first.Value.Data).RootElement.GetProperty("text").GetString());
        var answer = JsonDocument.Parse(frames.Single(f => f.Name == "answer").Data).RootElement;
        Assert.Equal("on-device", answer.GetProperty("stage").GetString());
        Assert.Equal("The oat milk costs 21.90 SEK. It is a demo price.", answer.GetProperty("text").GetString());
        Assert.DoesNotContain(frames, f => f.Name is "restart" or "error");
    }

    /// <summary>The next SSE frame as it arrives on the wire, or <c>null</c> at the end of the stream.</summary>
    private static async Task<(string Name, string Data)?> NextFrameAsync(StreamReader reader, CancellationToken ct)
    {
        string? name = null;
        var data = new StringBuilder();
        while (await reader.ReadLineAsync(ct) is { } line)
        {
            if (line.Length == 0)
            {
                if (name is not null || data.Length > 0)
                {
                    return (name ?? "message", data.ToString());
                }

                continue;
            }

            if (line.StartsWith("event: ", StringComparison.Ordinal))
            {
                name = line[7..];
            }
            else if (line.StartsWith("data: ", StringComparison.Ordinal))
            {
                data.Append(line[6..]);
            }
        }

        return null;
    }
}
