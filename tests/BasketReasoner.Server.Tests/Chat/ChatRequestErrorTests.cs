using System.Net;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using BasketReasoner.Generation.Constraints;
using BasketReasoner.Generation.Engine;
using BasketReasoner.Server.Tests.Escalation;
using BasketReasoner.Server.Tests.Infrastructure;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.DependencyInjection;

namespace BasketReasoner.Server.Tests.Chat;

/// <summary>
/// A 400 on <c>/v1/chat/completions</c> is OpenAI's error shape with <c>param</c> naming the offending field in the
/// client's own words (<c>max_tokens</c>, never the engine's <c>MaxNewTokens</c>), so an OpenAI SDK can point at it.
/// </summary>
[Collection(ServerCollection.Name)]
public sealed class ChatRequestErrorTests(ServerFixture fx)
{
    private const string Hello = """[{"role":"user","content":"hi"}]""";

    [Theory]
    [InlineData($$$"""{"messages":{{{Hello}}},"temperature":0.5,"temperature":1}""", "temperature", "'temperature' appears twice")]
    [InlineData($$$"""{"messages":{{{Hello}}},"functions":[{"name":"f","parameters":{}}]}""", "functions", "'functions' is not supported")]
    [InlineData($$$"""{"messages":{{{Hello}}},"function_call":"auto"}""", "function_call", "'function_call' is not supported")]
    [InlineData($$$"""{"messages":{{{Hello}}},"tool_choice":"auto"}""", "tool_choice", "'tool_choice' is not supported")]
    [InlineData($$$"""{"messages":{{{Hello}}},"tools":[]}""", "tools", "'tools' is not supported")]
    [InlineData($$$"""{"messages":{{{Hello}}},"logprobs":true}""", "logprobs", "'logprobs' is not supported")]
    [InlineData($$$"""{"messages":{{{Hello}}},"frequency_penalty":2.5}""", "frequency_penalty", "'frequency_penalty' must be a number from -2 to 2")]
    [InlineData($$$"""{"messages":{{{Hello}}},"presence_penalty":-3}""", "presence_penalty", "'presence_penalty' must be a number from -2 to 2")]
    public async Task ChatCompletions_BadField_400WithParamNamingIt(string body, string param, string message)
    {
        await using var server = await fx.StartAsync(s => s.Overrides["Server:ChatBackend"] = "recognizer");
        using var http = server.Client(null);

        var error = await ErrorAsync(http, body);

        Assert.Equal(param, error.GetProperty("param").GetString());
        Assert.StartsWith(message, error.GetProperty("message").GetString(), StringComparison.Ordinal);
        Assert.Equal("invalid_request_error", error.GetProperty("type").GetString());
    }

    [Theory]
    [InlineData($$$"""{"messages":{{{Hello}}},"logprobs":false,"frequency_penalty":-2,"presence_penalty":2}""")]
    [InlineData($$$"""{"messages":{{{Hello}}},"logprobs":null,"tools":null}""")]
    public async Task ChatCompletions_OptionalFieldsInRange_Answered(string body)
    {
        await using var server = await fx.StartAsync(s => s.Overrides["Server:ChatBackend"] = "recognizer");
        using var http = server.Client(null);
        using var content = new StringContent(body, Encoding.UTF8, "application/json");

        using var response = await http.PostAsync("/v1/chat/completions", content);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Theory]
    [InlineData("max_tokens", "'max_tokens' is 5, too few for the response_format schema: its shortest answer needs 12 tokens.", "max_tokens")]
    [InlineData("max_completion_tokens", "'max_completion_tokens' is 5, too few for the response_format schema: its shortest answer needs 12 tokens.", "max_completion_tokens")]
    [InlineData(null, "No 'max_tokens' was sent and the model's default, 5, is too few for the response_format schema: send max_tokens of at least 12.", "max_tokens")]
    public async Task ChatCompletions_BudgetTooSmallForTheSchema_SaysItInTheClientsFieldName(string? field, string message, string param)
    {
        var refusing = new RefusingChatClient(new OutputBudgetException(12, 5, "The schema's shortest output needs 12 tokens; MaxNewTokens is 5."));
        await using var server = await fx.StartAsync(s => s.Services = x => x.AddSingleton<IChatClient>(refusing));
        using var http = server.Client(null);
        var body = new JsonObject { ["messages"] = JsonNode.Parse(Hello) };
        if (field is not null)
        {
            body[field] = 5;
        }

        var error = await ErrorAsync(http, body.ToJsonString());

        Assert.Equal(message, error.GetProperty("message").GetString());
        Assert.Equal(param, error.GetProperty("param").GetString());
        Assert.DoesNotContain("MaxNewTokens", error.GetRawText(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task ChatCompletions_SchemaTheModelCannotEnforce_ParamIsTheSchema()
    {
        var refusing = new RefusingChatClient(new UnsupportedSchemaException("Schema keyword 'pattern' at $.name is not supported."));
        await using var server = await fx.StartAsync(s => s.Services = x => x.AddSingleton<IChatClient>(refusing));
        using var http = server.Client(null);

        var error = await ErrorAsync(http, $$$"""{"messages":{{{Hello}}}}""");

        Assert.Equal("response_format.json_schema.schema", error.GetProperty("param").GetString());
        Assert.Contains("'pattern'", error.GetProperty("message").GetString(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("""{"type":"add","weight_delta_g":null,"candidates":[{"product_id":"Lemon"},{"product_id":"Lime"},{"product_id":5}]}""",
        "candidate_choice_request.candidates[2].product_id", "candidate_choice_request.candidates[2].product_id must be a non-empty string, not 5.")]
    [InlineData("""{"type":"add","weight_delta_g":"heavy","candidates":[{"product_id":"Lemon"},{"product_id":"Lime"}]}""",
        "candidate_choice_request.weight_delta_g", "candidate_choice_request.weight_delta_g must be a number of grams or null, not \"heavy\".")]
    [InlineData("""{"type":"lift","candidates":[{"product_id":"Lemon"},{"product_id":"Lime"}]}""",
        "candidate_choice_request.type", "candidate_choice_request.type must be \"add\" or \"remove\", not \"lift\".")]
    [InlineData("""{"type":"add","candidates":[{"product_id":"Lemon","prior":"high"},{"product_id":"Lime"}]}""",
        "candidate_choice_request.candidates[0].prior", "candidate_choice_request.candidates[0].prior must be a number or null, not \"high\".")]
    [InlineData("""{"type":"add","candidates":[{"product_id":"Lemon","name":7},{"product_id":"Lime"}]}""",
        "candidate_choice_request.candidates[0].name", "candidate_choice_request.candidates[0].name must be a string or null, not 7.")]
    [InlineData("""{"type":"add","candidates":{"product_id":"Lemon"}}""",
        "candidate_choice_request.candidates", "candidate_choice_request.candidates must be an array of {product_id, name, prior}, not {\"product_id\":\"Lemon\"}.")]
    public async Task ChatCompletions_MalformedCandidateChoiceRequest_400NamingTheField(string request, string param, string message)
    {
        await using var server = await fx.StartAsync(s => s.Overrides["Server:ChatBackend"] = "recognizer");
        using var http = server.Client(null);

        var error = await ErrorAsync(http, ChoiceBody(fx.Frame(EscalationStageTests.OatghurtFrame), request));

        Assert.Equal(message, error.GetProperty("message").GetString());
        Assert.Equal(param, error.GetProperty("param").GetString());
    }

    // The structured candidate choice as CandidateChoiceMessage sends it, with the request part as given.
    private static string ChoiceBody(byte[] frame, string request) => new JsonObject
    {
        ["messages"] = new JsonArray(new JsonObject
        {
            ["role"] = "user",
            ["content"] = new JsonArray(
                new JsonObject { ["type"] = "image_url", ["image_url"] = new JsonObject { ["url"] = "data:image/jpeg;base64," + Convert.ToBase64String(frame) } },
                new JsonObject { ["type"] = "text", ["text"] = $$"""{"candidate_choice_request":{{request}}}""" }),
        }),
        ["response_format"] = new JsonObject
        {
            ["type"] = "json_schema",
            ["json_schema"] = new JsonObject { ["name"] = "candidate_choice", ["schema"] = new JsonObject { ["type"] = "object" } },
        },
    }.ToJsonString();

    private static async Task<JsonElement> ErrorAsync(HttpClient http, string body)
    {
        using var content = new StringContent(body, Encoding.UTF8, "application/json");
        using var response = await http.PostAsync("/v1/chat/completions", content);
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.BadRequest, $"{(int)response.StatusCode}: {text}");
        return JsonDocument.Parse(text).RootElement.GetProperty("error").Clone();
    }

    /// <summary>A chat model that refuses every request with <paramref name="refusal"/>, as the engine refuses one it cannot run.</summary>
    private sealed class RefusingChatClient(Exception refusal) : IChatClient
    {
        public Task<ChatResponse> GetResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default) =>
            Task.FromException<ChatResponse>(refusal);

        public async IAsyncEnumerable<ChatResponseUpdate> GetStreamingResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null,
            [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken = default)
        {
            await Task.Yield();
            throw refusal;
#pragma warning disable CS0162 // an async iterator needs a yield
            yield break;
#pragma warning restore CS0162
        }

        public object? GetService(Type serviceType, object? serviceKey = null) => null;

        public void Dispose()
        {
        }
    }
}
