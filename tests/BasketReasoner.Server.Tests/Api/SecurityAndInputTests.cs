using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using BasketReasoner.Server.Tests.Escalation;
using BasketReasoner.Server.Tests.Infrastructure;

namespace BasketReasoner.Server.Tests.Api;

/// <summary>Per-cart keys, size limits and bad input: a clear 4xx, nothing changed, the server still serving.</summary>
[Collection(ServerCollection.Name)]
public sealed class SecurityAndInputTests(ServerFixture fx)
{
    [Theory]
    [InlineData("GET", "basket")]
    [InlineData("GET", "stream")]
    [InlineData("POST", "events")]
    [InlineData("POST", "confirm")]
    [InlineData("POST", "ask")]
    public async Task CartRoutes_KeyOfAnotherCartOrNoKey_403And401(string method, string route)
    {
        await using var server = await fx.StartAsync();
        using var other = server.Client(ServerFixture.KeyB);
        using var none = server.Client(null);
        using var wrong = server.Client("not-a-key-of-any-cart-at-all");

        Assert.Equal(HttpStatusCode.Forbidden, await Status(other, method, $"/v1/carts/cart-a/{route}"));
        Assert.Equal(HttpStatusCode.Unauthorized, await Status(none, method, $"/v1/carts/cart-a/{route}"));
        Assert.Equal(HttpStatusCode.Unauthorized, await Status(wrong, method, $"/v1/carts/cart-a/{route}"));
        Assert.Equal(HttpStatusCode.NotFound, await Status(other, method, $"/v1/carts/no-such-cart/{route}"));
    }

    [Theory]
    [InlineData("/screen/", "text/html")]
    [InlineData("/screen/screen.js", "text/javascript")]
    public async Task Screen_Head_HeadersOfTheGetWithoutABody(string path, string type)
    {
        await using var server = await fx.StartAsync();
        using var http = server.Client(null);

        // HEAD was a 405: uptime checks and proxies ask with HEAD.
        using var head = await http.SendAsync(new HttpRequestMessage(HttpMethod.Head, path));
        using var get = await http.GetAsync(path);

        Assert.Equal(HttpStatusCode.OK, head.StatusCode);
        Assert.Equal(type, head.Content.Headers.ContentType?.MediaType);
        Assert.Empty(await head.Content.ReadAsByteArrayAsync());
        Assert.Equal(get.Headers.GetValues("Content-Security-Policy"), head.Headers.GetValues("Content-Security-Policy"));
        using var post = await http.PostAsync(path, new StringContent(""));
        Assert.Equal(HttpStatusCode.MethodNotAllowed, post.StatusCode);
    }

    [Theory]
    [InlineData("a/b")]
    [InlineData("a%2Fb")]
    [InlineData("..")]
    public async Task Events_IdThatCannotBeReadBack_400AndNothingRecorded(string id)
    {
        await using var server = await fx.StartAsync();
        using var http = server.Client(ServerFixture.KeyA);

        // 'a/b' was accepted, and GET /events/a%2Fb then found nothing: an id is refused where it is created.
        using var response = await http.PostAsJsonAsync("/v1/carts/cart-a/events", Events.Body(id, "add", 180, fx.Frame(EscalationStageTests.AmbiguousApple)));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("'id' must be 1 to 128 characters of A-Z", (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.Empty((await Events.BasketAsync(http, "cart-a")).GetProperty("pending").EnumerateArray());
    }

    [Fact]
    public async Task Events_BadInput_ClearProblemAndNothingChanged()
    {
        await using var server = await fx.StartAsync(s => s.Overrides["Server:MaxFrameBytes"] = "300000");
        using var http = server.Client(ServerFixture.KeyA);
        var frame = Convert.ToBase64String(fx.Frame(EscalationStageTests.OatghurtFrame));
        var corrupt = Convert.ToBase64String([0xFF, 0xD8, 0xFF, 0xE0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
        var cases = new (string Body, HttpStatusCode Status, string Says)[]
        {
            ($$"""{"id":"x","type":"add","weight_delta_g":null,"frames":[{"camera":"a","jpeg":"{{corrupt}}"}]}""", HttpStatusCode.BadRequest, "decoded"),
            ($$"""{"id":"x","type":"add","weight_delta_g":"NaN","frames":[{"camera":"a","jpeg":"{{frame}}"}]}""", HttpStatusCode.BadRequest, "finite"),
            ($$"""{"id":"x","type":"add","weight_delta_g":"Infinity","frames":[{"camera":"a","jpeg":"{{frame}}"}]}""", HttpStatusCode.BadRequest, "finite"),
            ($$"""{"id":"x","type":"add","weight_delta_g":1e400,"frames":[{"camera":"a","jpeg":"{{frame}}"}]}""", HttpStatusCode.BadRequest, "finite"),
            ("""{"id":"x","type":"add", "frames": [""", HttpStatusCode.BadRequest, "Malformed JSON"),
            ($$"""{"id":"x","type":"teleport","weight_delta_g":null,"frames":[{"camera":"a","jpeg":"{{frame}}"}]}""", HttpStatusCode.BadRequest, "'type'"),
            ("""{"id":"x","type":"add","weight_delta_g":null,"frames":[]}""", HttpStatusCode.BadRequest, "frames"),
            ("""{"id":"x","type":"add","weight_delta_g":null}""", HttpStatusCode.BadRequest, "frames"),
            ($$"""{"type":"add","weight_delta_g":null,"frames":[{"camera":"a","jpeg":"{{frame}}"}]}""", HttpStatusCode.BadRequest, "'id'"),
            ("""{"id":"x","type":"add","weight_delta_g":null,"frames":[{"camera":"a","jpeg":"not base64!!"}]}""", HttpStatusCode.BadRequest, "base64"),
            ("""{"id":"x","type":"add","weight_delta_g":null,"frames":[{"camera":"a","jpeg":"iVBORw0KGgoAAAANSUhEUg=="}]}""", HttpStatusCode.BadRequest, "JPEG"),
            ($$"""{"id":"x","type":"add","weight_delta_g":null,"frames":[{"camera":"a","jpeg":"{{new string('A', 500_000)}}"}]}""", HttpStatusCode.RequestEntityTooLarge, "limit"),
        };
        foreach (var (body, status, says) in cases)
        {
            using var content = new StringContent(body, Encoding.UTF8, "application/json");
            using var response = await http.PostAsync("/v1/carts/cart-a/events", content);
            var text = await response.Content.ReadAsStringAsync();
            Assert.True(status == response.StatusCode, $"{body[..Math.Min(80, body.Length)]} → {(int)response.StatusCode} {text}");
            var detail = JsonDocument.Parse(text).RootElement.GetProperty("detail").GetString()!;
            Assert.Contains(says, detail, StringComparison.OrdinalIgnoreCase);
        }

        using var wrongType = await http.PostAsync("/v1/carts/cart-a/events", new StringContent("id=x", Encoding.UTF8, "text/plain"));
        Assert.Equal(HttpStatusCode.UnsupportedMediaType, wrongType.StatusCode);

        // Nothing was recorded: the basket is empty and the id "x" is still free for a valid event.
        Assert.Equal(0, (await Events.BasketAsync(http, "cart-a")).GetProperty("items").GetInt32());
        var ok = await Events.PostAsync(http, "cart-a", Events.Body("x", "add", 1030, fx.Frame(EscalationStageTests.OatghurtFrame)));
        Assert.Equal("x", ok.GetProperty("event_id").GetString());
        Assert.Equal(HttpStatusCode.OK, (await http.GetAsync("/health/ready")).StatusCode);
    }

    [Fact]
    public async Task Events_BodyOverKestrelLimit_413()
    {
        await using var server = await fx.StartAsync(s => s.Overrides["Server:MaxRequestBodyBytes"] = "100000");
        using var http = server.Client(ServerFixture.KeyA);
        using var response = await http.PostAsJsonAsync("/v1/carts/cart-a/events", Events.Body("big", "add", null, new byte[200_000]));
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        Assert.Equal(0, (await Events.BasketAsync(http, "cart-a")).GetProperty("items").GetInt32());
    }

    [Fact]
    public async Task Events_SameIdTwice_ReturnsFirstResultAndAppliesOnce()
    {
        await using var server = await fx.StartAsync(s => s.Overrides["Escalation:FusionAcceptThreshold"] = "0.5");
        using var http = server.Client(ServerFixture.KeyA);
        var body = Events.Body("same", "add", 1030, fx.Frame(EscalationStageTests.OatghurtFrame));
        using var first = await http.PostAsJsonAsync("/v1/carts/cart-a/events", body);
        using var second = await http.PostAsJsonAsync("/v1/carts/cart-a/events", body);

        Assert.Equal(await first.Content.ReadAsStringAsync(), await second.Content.ReadAsStringAsync());
        Assert.Equal("true", second.Headers.GetValues("Idempotent-Replay").Single());
        Assert.Equal(1, (await Events.BasketAsync(http, "cart-a")).GetProperty("items").GetInt32());
    }

    private static async Task<HttpStatusCode> Status(HttpClient http, string method, string path)
    {
        using var request = new HttpRequestMessage(new HttpMethod(method), path);
        if (method == "POST")
        {
            request.Content = new StringContent("{}", Encoding.UTF8, "application/json");
        }

        using var response = await http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead);
        return response.StatusCode;
    }
}
