using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using BasketReasoner.Server.Tests.Escalation;
using BasketReasoner.Server.Tests.Infrastructure;

namespace BasketReasoner.Server.Tests.Api;

/// <summary>
/// A tester's report against the cart API's 4xx answers: each says what is actually wrong, naming the field or
/// parameter and the limit, as an RFC 7807 problem with a <c>type</c>.
/// </summary>
[Collection(ServerCollection.Name)]
public sealed class ErrorWordingTests(ServerFixture fx)
{
    private const string StandardMilk2 = "test/Packages/Milk/Arla-Standard-Milk/Arla-Standard-Milk_002.jpg";
    private const string Banana2 = "test/Fruit/Banana/Banana_002.jpg";

    [Theory]
    [InlineData("events")]
    [InlineData("frames")]
    public async Task PostEvent_IdOf129Characters_SaysTooLongAndTheLimit(string route)
    {
        await using var server = await fx.StartAsync();
        using var http = server.Client(ServerFixture.KeyA);
        var id = new string('a', 129);
        var frames = new[] { new { camera = "top", jpeg = Convert.ToBase64String(fx.Frame(EscalationStageTests.OatghurtFrame)) } };

        object body = route == "frames" ? new { id, type = "add", t_ms = 1.0, frames } : new { id, type = "add", weight_delta_g = (double?)null, frames };

        var detail = await DetailAsync(http, $"/v1/carts/cart-a/{route}", body, route);

        Assert.Equal("'id' is 129 characters long; an id is at most 128.", detail);
    }

    [Theory]
    [InlineData("", "frames[0].camera is empty")]
    [InlineData("   ", "frames[0].camera is empty")]
    [InlineData("LONG", "frames[0].camera is 5000 characters long; a camera name is at most 64.")]
    [InlineData("top\u0000", "frames[0].camera holds a control character (U+0000) at position 4")]
    public async Task PostEvent_CameraEmptyTooLongOrControl_400NamingCamera(string? camera, string expected)
    {
        await using var server = await fx.StartAsync();
        using var http = server.Client(ServerFixture.KeyA);
        var frame = new Dictionary<string, object?> { ["jpeg"] = Convert.ToBase64String(fx.Frame(EscalationStageTests.OatghurtFrame)) };
        if (camera is not null)
        {
            frame["camera"] = camera == "LONG" ? new string('c', 5000) : camera;
        }

        var detail = await DetailAsync(http, "/v1/carts/cart-a/events", new { id = "e1", type = "add", weight_delta_g = (double?)null, frames = new[] { frame } });

        Assert.StartsWith(expected, detail, StringComparison.Ordinal);
        Assert.Empty(Events.Lines(await Events.BasketAsync(http, "cart-a")));
    }

    [Fact]
    public async Task PostEvent_TwoFramesFromOneCamera_400NamingTheCamera()
    {
        await using var server = await fx.StartAsync();
        using var http = server.Client(ServerFixture.KeyA);
        var jpeg = Convert.ToBase64String(fx.Frame(EscalationStageTests.OatghurtFrame));

        var detail = await DetailAsync(http, "/v1/carts/cart-a/events",
            new { id = "e1", type = "add", weight_delta_g = (double?)null, frames = new[] { new { camera = "top", jpeg }, new { camera = "top", jpeg } } });

        Assert.Equal("frames[1] repeats camera 'top': send one frame per camera.", detail);
    }

    [Fact]
    public async Task Confirm_RemovalWithALineAddedAfterIt_SaysTheLineCameLaterNotThatItIsNoLine()
    {
        var log = SeededLog.Write(fx, ("s1", "Leek", 300));
        await using var server = await fx.StartAsync(s => s.Overrides["Escalation:FusionAcceptThreshold"] = "1", log);
        using var http = server.Client(ServerFixture.KeyA);
        var removal = await Events.PostAsync(http, "cart-a", Events.Body("out1", "remove", -183, fx.Frame(Banana2)));
        Assert.Equal("pending_confirmation", removal.GetProperty("status").GetString());
        var add = await Events.DecidedAsync(http, "cart-a", await Events.PostAsync(http, "cart-a", Events.Body("in2", "add", 1060, fx.Frame(StandardMilk2))));
        var (added, answer) = await Events.ConfirmAsync(http, "in2", "Arla-Standard-Milk");
        Assert.True(added == HttpStatusCode.OK, $"{add}\n{answer}");
        Assert.Contains("Arla-Standard-Milk", Events.Lines(await Events.BasketAsync(http, "cart-a")).Keys);

        var (status, problem) = await Events.ConfirmAsync(http, "out1", "Arla-Standard-Milk");

        Assert.Equal(HttpStatusCode.BadRequest, status);
        var detail = problem.GetProperty("detail").GetString();
        Assert.Equal("'Arla-Standard-Milk' went into the cart after removal 'out1', so that removal cannot have taken it out: "
            + "pick what the cart held before it, or null if nothing was taken out.", detail);
    }

    [Theory]
    [InlineData("/v1/products?q=a&q=b", "q")]
    [InlineData("/v1/products?grams=1&grams=2", "grams")]
    public async Task FindProducts_RepeatedQueryParameter_400NamingIt(string url, string name)
    {
        await using var server = await fx.StartAsync();
        using var http = server.Client(null);

        using var response = await http.GetAsync(url);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var detail = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.GetProperty("detail").GetString();
        Assert.Equal($"The query parameter '{name}' is given 2 times; send it once.", detail);
    }

    [Theory]
    [InlineData("/v1/carts/cart-a/basket")]
    [InlineData("/v1/products?q=milk")]
    public async Task Head_RouteWithGet_AnswersLikeGetWithoutABody(string url)
    {
        await using var server = await fx.StartAsync();
        using var http = server.Client(ServerFixture.KeyA);

        using var response = await http.SendAsync(new HttpRequestMessage(HttpMethod.Head, url));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        Assert.Empty(await response.Content.ReadAsByteArrayAsync());
    }

    [Fact]
    public async Task PostEvent_TooManyPendingConfirmations_429ProblemWithTypeAndRetryAfter5()
    {
        await using var server = await fx.StartAsync(s =>
        {
            s.Overrides["Server:MaxPendingConfirmations"] = "1";
            s.Overrides["Escalation:FusionAcceptThreshold"] = "1";
        });
        using var http = server.Client(ServerFixture.KeyA);
        var first = await Events.PostAsync(http, "cart-a", Events.Body("p1", "add", null, fx.Frame(EscalationStageTests.AmbiguousApple)));
        Assert.Equal("pending_confirmation", (await Events.DecidedAsync(http, "cart-a", first)).GetProperty("status").GetString());

        using var response = await http.PostAsJsonAsync("/v1/carts/cart-a/events", Events.Body("p2", "add", null, fx.Frame(EscalationStageTests.OatghurtFrame)));

        Assert.Equal(HttpStatusCode.TooManyRequests, response.StatusCode);
        Assert.Equal("5", response.Headers.RetryAfter?.ToString());
        var problem = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
        Assert.Equal("https://tools.ietf.org/html/rfc6585#section-4", problem.GetProperty("type").GetString());
        Assert.Equal(429, problem.GetProperty("status").GetInt32());
    }

    private static async Task<string?> DetailAsync(HttpClient http, string url, object body, string? because = null)
    {
        using var content = new StringContent(JsonSerializer.Serialize(body), Encoding.UTF8, "application/json");
        using var response = await http.PostAsync(url, content);
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.BadRequest, $"{because} {(int)response.StatusCode}: {text}");
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        return JsonDocument.Parse(text).RootElement.GetProperty("detail").GetString();
    }
}
