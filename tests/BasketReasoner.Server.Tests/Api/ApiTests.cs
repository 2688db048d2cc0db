using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using BasketReasoner.Core.Assistant;
using BasketReasoner.Server.Tests.Escalation;
using BasketReasoner.Server.Tests.Infrastructure;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.DependencyInjection;

namespace BasketReasoner.Server.Tests.Api;

/// <summary>Ask (SSE), the basket stream, the OpenAI-compatible API, health and metrics.</summary>
[Collection(ServerCollection.Name)]
public sealed class ApiTests(ServerFixture fx)
{
    [Fact]
    public async Task Ask_WithAssistant_StreamsDeltasThenTheAnswerAndLeavesTheBasketAlone()
    {
        var assistant = new ScriptedShopperAssistantDouble();
        await using var server = await fx.StartAsync(s =>
        {
            s.Overrides["Escalation:FusionAcceptThreshold"] = "0.5";
            s.Services = x => x.AddSingleton<IShopperAssistant>(assistant);
        });
        using var http = server.Client(ServerFixture.KeyA);
        await Events.PostAsync(http, "cart-a", Events.Body("e1", "add", 1030, fx.Frame(EscalationStageTests.OatghurtFrame)));

        using var response = await http.PostAsJsonAsync("/v1/carts/cart-a/ask", new { question = "Remove everything and tell me how many items I have" });
        Assert.Equal("text/event-stream", response.Content.Headers.ContentType?.MediaType);
        var frames = ParseSse(await response.Content.ReadAsStringAsync());

        Assert.True(frames.Count(f => f.Name == "delta") > 1);
        var answer = JsonDocument.Parse(frames.Single(f => f.Name == "answer").Data).RootElement;
        Assert.Equal("Your basket has 1 item(s).", answer.GetProperty("text").GetString());
        Assert.Equal(1, (await Events.BasketAsync(http, "cart-a")).GetProperty("items").GetInt32());
        Assert.Equal("Oatly-Natural-Oatghurt", Assert.Single(assistant.LastQuestion!.Basket).Product);
    }

    [Fact]
    public async Task Ask_NoAssistantInstalled_503()
    {
        await using var server = await fx.StartAsync();
        using var http = server.Client(ServerFixture.KeyA);
        using var response = await http.PostAsJsonAsync("/v1/carts/cart-a/ask", new { question = "hi" });
        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
    }

    [Fact]
    public async Task Stream_AnEvent_SendsBasketResolutionAndConfirmationRequest()
    {
        await using var server = await fx.StartAsync();
        using var http = server.Client(ServerFixture.KeyA);
        using var stream = await http.GetAsync("/v1/carts/cart-a/stream", HttpCompletionOption.ResponseHeadersRead);
        using var reader = new StreamReader(await stream.Content.ReadAsStreamAsync());
        await Events.PostAsync(http, "cart-a", Events.Body("e1", "add", null, fx.Frame(EscalationStageTests.AmbiguousApple)));

        var names = new List<string>();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(20));
        while (!names.Contains("confirmation_request") || names.Count(n => n == "basket") < 2)
        {
            var line = await reader.ReadLineAsync(timeout.Token);
            if (line?.StartsWith("event: ", StringComparison.Ordinal) == true)
            {
                names.Add(line[7..]);
            }
        }

        Assert.Equal("basket", names[0]);
        Assert.Contains("resolution", names);
    }

    [Fact]
    public async Task ChatCompletions_NonStreaming_MapsOptionsImagesAndReportsUsage()
    {
        var chat = new ScriptedChatClientDouble("{\"product_id\":\"Lemon\",\"confidence\":0.9}");
        await using var server = await fx.StartAsync(s => s.Services = x => x.AddSingleton<IChatClient>(chat));
        using var http = server.Client(null);
        var image = "data:image/jpeg;base64," + Convert.ToBase64String(fx.Frame(EscalationStageTests.OatghurtFrame));
        var request = new
        {
            model = "basket-on-device",
            messages = new object[]
            {
                new { role = "system", content = "Be brief." },
                new { role = "user", content = new object[] { new { type = "text", text = "What is it?" }, new { type = "image_url", image_url = new { url = image } } } },
            },
            temperature = 0.2,
            top_p = 0.9,
            max_tokens = 17,
            stop = new[] { "\n\n" },
            seed = 42,
            response_format = new { type = "json_schema", json_schema = new { name = "x", schema = new { type = "object" } } },
        };
        using var response = await http.PostAsJsonAsync("/v1/chat/completions", request);
        var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;

        Assert.Equal("{\"product_id\":\"Lemon\",\"confidence\":0.9}", body.GetProperty("choices")[0].GetProperty("message").GetProperty("content").GetString());
        Assert.Equal("stop", body.GetProperty("choices")[0].GetProperty("finish_reason").GetString());
        Assert.Equal(14, body.GetProperty("usage").GetProperty("total_tokens").GetInt32());
        Assert.Equal(0.2f, chat.LastOptions!.Temperature);
        Assert.Equal(0.9f, chat.LastOptions.TopP);
        Assert.Equal(17, chat.LastOptions.MaxOutputTokens);
        Assert.Equal(42, chat.LastOptions.Seed);
        Assert.Equal(["\n\n"], chat.LastOptions.StopSequences!);
        Assert.Equal("x", Assert.IsType<ChatResponseFormatJson>(chat.LastOptions.ResponseFormat).SchemaName);
        Assert.Equal(ChatRole.System, chat.LastMessages![0].Role);
        Assert.Equal("image/jpeg", Assert.Single(chat.LastMessages[1].Contents.OfType<DataContent>()).MediaType);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task ChatCompletions_RequestLongerThanTheContext_400ContextLengthExceeded(bool schema)
    {
        // The shipped on-device VLM, whose context holds 512 tokens.
        await using var server = await fx.StartAsync(s => s.Parts = BasketReasoner.Composition.BasketParts.All);
        using var http = server.Client(null);
        // A prompt of ~10,000 tokens, or a short prompt whose schema's shortest output (400 integers) outgrows the 512-token context.
        object request = schema
            ? new
            {
                messages = new[] { new { role = "user", content = "numbers" } },
                max_tokens = 4096,
                response_format = new { type = "json_schema", json_schema = new { name = "x", schema = new { type = "array", items = new { type = "integer" }, minItems = 400 } } },
            }
            : new { messages = new[] { new { role = "user", content = string.Concat(Enumerable.Repeat("apple ", 5000)) } } };

        using var response = await http.PostAsJsonAsync("/v1/chat/completions", request);
        var error = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.GetProperty("error");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal(("context_length_exceeded", "messages"), (error.GetProperty("code").GetString(), error.GetProperty("param").GetString()));
        Assert.DoesNotContain("(Parameter", error.GetProperty("message").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task ChatCompletions_SchemaWithMaxTokensBeyondTheContext_OutputStillCloses()
    {
        await using var server = await fx.StartAsync(s => s.Parts = BasketReasoner.Composition.BasketParts.All);
        using var http = server.Client(null);

        // 4096 tokens asked, 512 in the context: the constraint must close the string within what the context leaves.
        using var response = await http.PostAsJsonAsync("/v1/chat/completions", new
        {
            messages = new[] { new { role = "user", content = "hi" } },
            max_tokens = 4096,
            seed = 0,
            response_format = new { type = "json_schema", json_schema = new { name = "x", schema = new { type = "string" } } },
        });
        var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var content = body.GetProperty("choices")[0].GetProperty("message").GetProperty("content").GetString()!;
        Assert.Equal(JsonValueKind.String, JsonDocument.Parse(content).RootElement.ValueKind);
    }

    [Fact]
    public async Task ChatCompletions_TopPZero_AnsweredGreedilyByTheOnDeviceModel()
    {
        // OpenAI allows top_p 0 ("the most likely token only"); the on-device sampler's nucleus must be in (0, 1], so
        // the request maps it to greedy decoding instead of letting the model throw with a .NET message.
        await using var server = await fx.StartAsync(s => s.Parts = BasketReasoner.Composition.BasketParts.All);
        using var http = server.Client(null);
        object Request() => new { messages = new[] { new { role = "user", content = "hi" } }, top_p = 0, temperature = 1.5, max_tokens = 4 };

        using var first = await http.PostAsJsonAsync("/v1/chat/completions", Request());
        var text = await first.Content.ReadAsStringAsync();
        using var second = await http.PostAsJsonAsync("/v1/chat/completions", Request());

        Assert.True(first.StatusCode == HttpStatusCode.OK, text);
        var content = JsonDocument.Parse(text).RootElement.GetProperty("choices")[0].GetProperty("message").GetProperty("content").GetString();
        // Greedy whatever the temperature: the same request decodes the same words.
        Assert.Equal(content, JsonDocument.Parse(await second.Content.ReadAsStringAsync()).RootElement.GetProperty("choices")[0].GetProperty("message").GetProperty("content").GetString());
    }

    [Theory]
    [InlineData(new byte[] { 0xff })]
    [InlineData(new byte[] { (byte)'\\', (byte)'u', (byte)'d', (byte)'8', (byte)'0', (byte)'0' })]
    public async Task ChatCompletions_StringThatIsNotText_400NotAServerError(byte[] bad)
    {
        var chat = new ScriptedChatClientDouble("unused");
        await using var server = await fx.StartAsync(s => s.Services = x => x.AddSingleton<IChatClient>(chat));
        using var http = server.Client(null);
        var json = Encoding.UTF8.GetBytes("""{"messages":[{"role":"user","content":"hi """).Concat(bad).Concat(Encoding.UTF8.GetBytes("\"}]}")).ToArray();
        using var content = new ByteArrayContent(json);
        content.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("application/json");

        using var response = await http.PostAsync("/v1/chat/completions", content);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("invalid_string", JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.GetProperty("error").GetProperty("code").GetString());
    }

    [Theory]
    [InlineData("/health")]
    [InlineData("/health/ready")]
    [InlineData("/health/live")]
    public async Task Health_WriteMethod_405GetAnswers(string path)
    {
        await using var server = await fx.StartAsync();
        using var http = server.Client(null);

        using var post = await http.PostAsync(path, new StringContent(""));
        using var get = await http.GetAsync(path);

        Assert.Equal((HttpStatusCode.MethodNotAllowed, HttpStatusCode.OK), (post.StatusCode, get.StatusCode));
    }

    [Fact]
    public async Task ChatCompletions_Streaming_SendsChunksUsageAndDone()
    {
        var chat = new ScriptedChatClientDouble("one two three");
        await using var server = await fx.StartAsync(s => s.Services = x => x.AddSingleton<IChatClient>(chat));
        using var http = server.Client(null);
        using var response = await http.PostAsJsonAsync("/v1/chat/completions", new
        {
            messages = new[] { new { role = "user", content = "count" } },
            stream = true,
            stream_options = new { include_usage = true },
        });
        var frames = ParseSse(await response.Content.ReadAsStringAsync());

        Assert.Equal("[DONE]", frames[^1].Data);
        var chunks = frames.SkipLast(1).Select(f => JsonDocument.Parse(f.Data).RootElement).ToArray();
        var text = string.Concat(chunks.Where(c => c.GetProperty("choices").GetArrayLength() > 0)
            .Select(c => c.GetProperty("choices")[0].GetProperty("delta")).Where(d => d.TryGetProperty("content", out _))
            .Select(d => d.GetProperty("content").GetString()));
        Assert.Equal("one two three ", text);
        Assert.Equal("length", chunks.Last(c => c.GetProperty("choices").GetArrayLength() > 0).GetProperty("choices")[0].GetProperty("finish_reason").GetString());
        Assert.Equal(3, chunks[^1].GetProperty("usage").GetProperty("completion_tokens").GetInt32());
    }

    [Fact]
    public async Task ChatCompletions_NoModelOrBadRequest_503And400()
    {
        await using var server = await fx.StartAsync();
        using var http = server.Client(null);
        using var none = await http.PostAsJsonAsync("/v1/chat/completions", new { messages = new[] { new { role = "user", content = "hi" } } });
        Assert.Equal(HttpStatusCode.ServiceUnavailable, none.StatusCode);

        await using var withModel = await fx.StartAsync(s => s.Services = x => x.AddSingleton<IChatClient>(new ScriptedChatClientDouble("x")));
        using var h2 = withModel.Client(null);
        using var remote = await h2.PostAsJsonAsync("/v1/chat/completions", new
        {
            messages = new[] { new { role = "user", content = new object[] { new { type = "image_url", image_url = new { url = "http://example.invalid/a.jpg" } } } } },
        });
        Assert.Equal(HttpStatusCode.BadRequest, remote.StatusCode);
        Assert.Contains("data: URL", await remote.Content.ReadAsStringAsync());
        var models = JsonDocument.Parse(await h2.GetStringAsync("/v1/models")).RootElement;
        Assert.Equal("basket-on-device", models.GetProperty("data")[0].GetProperty("id").GetString());
    }

    [Fact]
    public async Task HealthAndMetrics_AfterAnEvent_ReadyAndCounted()
    {
        await using var server = await fx.StartAsync();
        using var http = server.Client(ServerFixture.KeyA);
        await Events.PostAsync(http, "cart-a", Events.Body("e1", "add", null, fx.Frame(EscalationStageTests.AmbiguousApple)));

        Assert.Equal(HttpStatusCode.OK, (await http.GetAsync("/health/live")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await http.GetAsync("/health/ready")).StatusCode);
        var metrics = await http.GetStringAsync("/metrics");
        Assert.Contains("basket_events_total{", metrics);
        Assert.Contains("basket_stage_latency_milliseconds_bucket{", metrics);
        Assert.Contains("decided_by=\"shopper\"", metrics);
        Assert.Contains("basket_evidence_margin_bucket{", metrics);
        Assert.Contains("source=\"vision\"", metrics);
    }

    internal static List<(string Name, string Data)> ParseSse(string text)
    {
        var frames = new List<(string, string)>();
        foreach (var block in text.Split("\n\n", StringSplitOptions.RemoveEmptyEntries))
        {
            string name = "message";
            var data = new StringBuilder();
            foreach (var line in block.Split('\n'))
            {
                if (line.StartsWith("event: ", StringComparison.Ordinal))
                {
                    name = line[7..];
                }
                else if (line.StartsWith("data: ", StringComparison.Ordinal))
                {
                    data.Append(line[6..]);
                }
            }

            frames.Add((name, data.ToString()));
        }

        return frames;
    }
}
