using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using BasketReasoner.Composition;
using BasketReasoner.Core.Escalation;
using BasketReasoner.Server.Hosting;
using BasketReasoner.Server.Tests.Api;
using BasketReasoner.Server.Tests.Escalation;
using BasketReasoner.Server.Tests.Infrastructure;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace BasketReasoner.Server.Tests.Composition;

/// <summary>
/// What <c>basket serve</c> runs (<see cref="BasketParts.All"/> from the composition root): the real shopper assistant and the real on-device
/// VLM (<c>models/vlm</c>), each behind a real server on loopback.
/// </summary>
[Collection(ServerCollection.Name)]
public sealed class ServeCompositionTests(ServerFixture fx)
{
    [Fact]
    public async Task Ask_RealAssistant_AnswersFromBasketWithCitationsAndRefusesToChangeIt()
    {
        await using var server = await fx.StartAsync(s =>
        {
            s.Overrides["Escalation:FusionAcceptThreshold"] = "0.5";
            s.Overrides["Server:OnDeviceModel"] = "";
            s.Parts = BasketParts.All;
        });
        using var http = server.Client(ServerFixture.KeyA);
        await Events.PostAsync(http, "cart-a", Events.Body("e1", "add", EscalationStageTests.OatghurtGrams, fx.Frame(EscalationStageTests.OatghurtFrame)));

        var total = await AskAsync(http, "What is the total of my basket?");
        Assert.Equal("answered", total.GetProperty("kind").GetString());
        Assert.Equal("rules", total.GetProperty("stage").GetString());
        Assert.Contains("Oatly-Natural-Oatghurt", Cited(total));

        var allergen = await AskAsync(http, "Does the oatghurt in my basket contain milk?");
        Assert.Contains("Oatly-Natural-Oatghurt", Cited(allergen));

        var refused = await AskAsync(http, "Remove the milk from my basket");
        Assert.Equal("refused_basket_change", refused.GetProperty("kind").GetString());
        Assert.Equal(1, (await Events.BasketAsync(http, "cart-a")).GetProperty("items").GetInt32());
    }

    [Fact]
    public async Task Ask_ToolCallModelConfigured_ModelFirstCallPicksTheToolOnTheServer()
    {
        await using var server = await fx.StartAsync(s =>
        {
            s.Overrides["Escalation:FusionAcceptThreshold"] = "0.5";
            s.Overrides["Server:OnDeviceModel"] = "";
            s.Overrides["Server:AssistantToolModel"] = "models/toolcall";
            s.Overrides["Server:AssistantToolPolicy"] = "model_first";
            s.Parts = BasketParts.All;
        });
        using var http = server.Client(ServerFixture.KeyA);
        await Events.PostAsync(http, "cart-a", Events.Body("e1", "add", EscalationStageTests.OatghurtGrams, fx.Frame(EscalationStageTests.OatghurtFrame)));

        var total = await AskAsync(http, "what's my total?");
        var refused = await AskAsync(http, "Remove the milk from my basket");

        Assert.Equal("answered", total.GetProperty("kind").GetString());
        Assert.Equal("tool-call", total.GetProperty("stage").GetString());
        Assert.Contains("Oatly-Natural-Oatghurt", Cited(total));
        Assert.Equal("refused_basket_change", refused.GetProperty("kind").GetString());
        Assert.Equal(1, (await Events.BasketAsync(http, "cart-a")).GetProperty("items").GetInt32());
    }

    [Fact]
    public async Task Compose_OnDeviceStageOn_RegistersTheVlmAsTheOnDeviceChooser()
    {
        await using var server = await fx.StartAsync(s =>
        {
            s.Overrides["Server:OnDeviceStage"] = "true";
            s.Parts = BasketParts.All;
        });

        var chooser = server.App.Services.GetKeyedService<ICandidateChooser>(CartServer.OnDeviceKey);
        Assert.NotNull(chooser);
        Assert.Same(server.App.Services.GetRequiredService<ICandidateChooser>(), chooser);
    }

    [Fact]
    public async Task Compose_OnDeviceRuntimeLlama_OpensTheGgufAndChoosesAmongTheCandidates()
    {
        await using var server = await fx.StartAsync(s =>
        {
            s.Overrides["Server:OnDeviceStage"] = "true";
            s.Overrides["Server:OnDeviceRuntime"] = "llama";
            s.Overrides["Server:OnDeviceGguf"] = "q4_0";
            s.Parts = BasketParts.All;
        });

        var engine = server.App.Services.GetRequiredService<BasketReasoner.Generation.GenerationEngine>();
        Assert.Equal(BasketReasoner.Generation.GenerationRuntime.Llama, engine.Runtime);
        var messages = new[] { new BasketReasoner.Generation.Model.PromptMessage(BasketReasoner.Generation.Model.PromptRole.User, "Which of these products is it? Candidates: Banana; Oat milk") };
        var choice = await engine.ChooseAsync(messages, ["Banana", "Oat milk"]);
        Assert.Contains(choice.Text, new[] { "Banana", "Oat milk" });
        Assert.Equal(1.0, choice.Probabilities.Sum(), 6);
    }

    [Fact]
    public async Task Compose_OnDeviceRuntimeGenAI_OpensTheGenAIFolderAndChoosesWithTheImage()
    {
        await using var server = await fx.StartAsync(s =>
        {
            s.Overrides["Server:OnDeviceStage"] = "true";
            s.Overrides["Server:OnDeviceRuntime"] = "genai";
            s.Parts = BasketParts.All;
        });

        var engine = server.App.Services.GetRequiredService<BasketReasoner.Generation.GenerationEngine>();
        Assert.Equal(BasketReasoner.Generation.GenerationRuntime.GenAI, engine.Runtime);
        var messages = new[]
        {
            new BasketReasoner.Generation.Model.PromptMessage(BasketReasoner.Generation.Model.PromptRole.User,
                "Which of these products is it? Candidates: Oatly Natural Oatghurt; Lemon", [fx.Frame(EscalationStageTests.OatghurtFrame)]),
        };
        var choice = await engine.ChooseAsync(messages, ["Oatly Natural Oatghurt", "Lemon"]);
        Assert.Contains(choice.Text, new[] { "Oatly Natural Oatghurt", "Lemon" });
        Assert.Equal(1.0, choice.Probabilities.Sum(), 6);
        Assert.NotNull(server.App.Services.GetKeyedService<ICandidateChooser>(CartServer.OnDeviceKey));
    }

    [Fact]
    public async Task ChatCompletions_OnDeviceModel_ServesTheVlmStreamedAndNot()
    {
        await using var server = await fx.StartAsync(s => s.Parts = BasketParts.All);
        using var http = server.Client(null);

        // Serving the model does not make it an escalation stage: that waits for Server:OnDeviceStage.
        Assert.Null(server.App.Services.GetKeyedService<ICandidateChooser>(CartServer.OnDeviceKey));

        var models = JsonDocument.Parse(await http.GetStringAsync("/v1/models")).RootElement;
        Assert.Equal("basket-on-device", Assert.Single(models.GetProperty("data").EnumerateArray()).GetProperty("id").GetString());

        var image = "data:image/jpeg;base64," + Convert.ToBase64String(fx.Frame(EscalationStageTests.OatghurtFrame));
        object Request(bool stream) => new
        {
            model = "basket-on-device",
            stream,
            max_tokens = 16,
            messages = new object[]
            {
                new { role = "user", content = new object[] { new { type = "image_url", image_url = new { url = image } }, new { type = "text", text = "Which of these products is it? Candidates: Oatly Natural Oatghurt; Lemon" } } },
            },
        };

        using var plain = await http.PostAsJsonAsync("/v1/chat/completions", Request(false));
        var body = await plain.Content.ReadAsStringAsync();
        Assert.True(plain.IsSuccessStatusCode, body);
        var completion = JsonDocument.Parse(body).RootElement;
        Assert.False(string.IsNullOrWhiteSpace(completion.GetProperty("choices")[0].GetProperty("message").GetProperty("content").GetString()));
        var usage = completion.GetProperty("usage");
        Assert.True(usage.GetProperty("completion_tokens").GetInt32() is > 0 and <= 16);
        Assert.True(usage.GetProperty("prompt_tokens").GetInt32() > 4, "the image tokens and the text reach the VLM");

        using var streamed = await http.PostAsJsonAsync("/v1/chat/completions", Request(true));
        Assert.Equal("text/event-stream", streamed.Content.Headers.ContentType?.MediaType);
        var frames = ApiTests.ParseSse(await streamed.Content.ReadAsStringAsync());
        Assert.Equal("[DONE]", frames[^1].Data);
        var text = new StringBuilder();
        foreach (var f in frames.SkipLast(1))
        {
            var delta = JsonDocument.Parse(f.Data).RootElement.GetProperty("choices")[0].GetProperty("delta");
            if (delta.TryGetProperty("content", out var c))
            {
                text.Append(c.GetString());
            }
        }

        // Greedy decoding: the stream words the same completion.
        Assert.Equal(completion.GetProperty("choices")[0].GetProperty("message").GetProperty("content").GetString(), text.ToString());
    }

    [Fact]
    public async Task Events_CloudStageIsASecondServerServingTheVlm_ChoosesOneOfTheCandidates()
    {
        await using var cloud = await fx.StartAsync(s => s.Parts = BasketParts.All);
        var onDevice = ScriptedCandidateChooserDouble.Picking("Granny-Smith", 0.40);
        await using var server = await fx.StartAsync(s =>
        {
            s.Overrides["Cloud:Endpoint"] = new Uri(cloud.BaseAddress, "v1/").ToString();
            s.Overrides["Cloud:AttemptTimeout"] = "00:00:10";
            s.Overrides["Cloud:TotalTimeout"] = "00:00:20";
            s.Overrides["Escalation:CloudTimeout"] = "00:00:20";
            s.Overrides["Escalation:CloudAcceptThreshold"] = "0";
            s.Services = x => x.AddKeyedSingleton<ICandidateChooser>(CartServer.OnDeviceKey, onDevice);
        });
        using var http = server.Client(ServerFixture.KeyA);

        var result = await Events.PostAsync(http, "cart-a", Events.Body("e1", "add", null, fx.Frame(EscalationStageTests.AmbiguousApple)));
        var stage = result.GetProperty("stages").EnumerateArray().Single(s => s.GetProperty("stage").GetString() == "cloud");
        Assert.Equal("accepted", stage.GetProperty("outcome").GetString());
        Assert.Equal("cloud", result.GetProperty("decided_by").GetString());
        var candidates = result.GetProperty("candidates").EnumerateArray().Select(c => c.GetProperty("product_id").GetString()).ToArray();
        Assert.Contains(result.GetProperty("product_id").GetString(), candidates);
    }

    [Fact]
    public async Task ChatCompletions_VlmChoiceOfProductsTheStoreDoesNotHold_Refused400NamingThem()
    {
        // Before, the VLM chooser renormalised over whatever ids came: {"product_id":"Nope","confidence":1}.
        await using var server = await fx.StartAsync(s => s.Parts = BasketParts.All);
        using var http = server.Client(null);

        using var response = await http.PostAsJsonAsync("/v1/chat/completions", ChoiceBody(fx.Frame(KiwiFrame), ("Nope", "Nope"), ("Caviar", "Caviar")));

        var body = await response.Content.ReadAsStringAsync();
        Assert.Equal(System.Net.HttpStatusCode.BadRequest, response.StatusCode);
        var message = JsonDocument.Parse(body).RootElement.GetProperty("error").GetProperty("message").GetString();
        Assert.Contains("does not hold: 'Nope', 'Caviar'", message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ChatCompletions_VlmChoiceWithTheNamesSwapped_AnswersAsWithTheCatalogsNames()
    {
        // The VLM scores names: with a kiwi's frame and {"Kiwi", name "Banana"}, {"Banana", name "Kiwi"} the request's
        // names decided (Banana at 0.9997, above the cloud threshold the cart accepts without asking the shopper).
        await using var server = await fx.StartAsync(s => s.Parts = BasketParts.All);
        using var http = server.Client(null);
        var frame = fx.Frame(KiwiFrame);

        var honest = await ChoiceAsync(http, ChoiceBody(frame, ("Kiwi", "Kiwi"), ("Banana", "Banana Ecological")));
        var swapped = await ChoiceAsync(http, ChoiceBody(frame, ("Kiwi", "Banana"), ("Banana", "Kiwi")));

        Assert.Equal("Kiwi", honest.GetProperty("product_id").GetString());
        Assert.Equal(honest.GetProperty("product_id").GetString(), swapped.GetProperty("product_id").GetString());
        Assert.Equal(honest.GetProperty("confidence").GetDouble(), swapped.GetProperty("confidence").GetDouble());
    }

    private const string KiwiFrame = "test/Fruit/Kiwi/Kiwi_001.jpg";

    // The structured candidate choice as the cart's cloud chooser sends it (CandidateChoiceMessage), names as given.
    private static object ChoiceBody(byte[] frame, params (string Id, string Name)[] candidates) => new
    {
        model = "basket-on-device",
        messages = new object[]
        {
            new
            {
                role = "user",
                content = new object[]
                {
                    new { type = "image_url", image_url = new { url = "data:image/jpeg;base64," + Convert.ToBase64String(frame) } },
                    new
                    {
                        type = "text",
                        text = JsonSerializer.Serialize(new
                        {
                            candidate_choice_request = new { type = "add", weight_delta_g = (double?)null, candidates = candidates.Select(c => new { product_id = c.Id, name = c.Name, prior = 0.5 }) },
                        }),
                    },
                },
            },
        },
        response_format = new
        {
            type = "json_schema",
            json_schema = new
            {
                name = "candidate_choice",
                schema = new
                {
                    type = "object",
                    properties = new { product_id = new { type = "string", @enum = candidates.Select(c => c.Id) }, confidence = new { type = "number" } },
                    required = new[] { "product_id", "confidence" },
                },
            },
        },
    };

    private static async Task<JsonElement> ChoiceAsync(HttpClient http, object body)
    {
        using var response = await http.PostAsJsonAsync("/v1/chat/completions", body);
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, text);
        var content = JsonDocument.Parse(text).RootElement.GetProperty("choices")[0].GetProperty("message").GetProperty("content").GetString()!;
        return JsonDocument.Parse(content).RootElement.Clone();
    }

    private static async Task<JsonElement> AskAsync(HttpClient http, string question)
    {
        using var response = await http.PostAsJsonAsync("/v1/carts/cart-a/ask", new { question });
        var frames = ApiTests.ParseSse(await response.Content.ReadAsStringAsync());
        return JsonDocument.Parse(frames.Single(f => f.Name == "answer").Data).RootElement.Clone();
    }

    [Fact]
    public async Task Build_AnyConfiguration_WatchesNoFile()
    {
        // Each watched file costs an inotify instance (128 per user by default); a test run or a host with many servers ran out.
        await using var server = await fx.StartAsync();
        var root = (IConfigurationRoot)server.App.Services.GetRequiredService<IConfiguration>();
        var files = root.Providers.OfType<FileConfigurationProvider>().ToArray();
        Assert.All(files, f => Assert.False(f.Source.ReloadOnChange, f.Source.Path));
    }

    private static string[] Cited(JsonElement answer) =>
        answer.GetProperty("cited_product_ids").EnumerateArray().Select(e => e.GetString()!).ToArray();
}
