using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using BasketReasoner.Composition;
using BasketReasoner.Core.Data;
using BasketReasoner.Server.Hosting;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;

namespace BasketReasoner.Server.Tests.Infrastructure;

/// <summary>One warmed pipeline shared by every in-process server of the run (opening it costs about a second).</summary>
public sealed class ServerFixture : IDisposable
{
    public const string KeyA = "key-for-cart-a-0123456789";
    public const string KeyB = "key-for-cart-b-9876543210";

    public ServerFixture()
    {
        RepoRoot = DefaultAssets.RepoRoot(AppContext.BaseDirectory) ?? throw new DirectoryNotFoundException("Tests must run inside the checkout.");
        Images = DataRoot.ImagesFolder(DataRoot.Resolve());
        Pipeline = CartPipeline.Open(Path.Combine(RepoRoot, "catalog", "catalog.json"), Path.Combine(RepoRoot, "models", "recognizer"), Path.Combine(RepoRoot, "config", "fusion.json"));
        Scratch = Directory.CreateTempSubdirectory("basket-server-tests-").FullName;
    }

    public string RepoRoot { get; }

    /// <summary>The dataset's <c>dataset/</c> folder (real frames come from its test split).</summary>
    public string Images { get; }

    public CartPipeline Pipeline { get; }

    public string Scratch { get; }

    public byte[] Frame(string relative) => File.ReadAllBytes(Path.Combine(Images, relative));

    public string NewLogPath() => Path.Combine(Scratch, Guid.NewGuid().ToString("N") + ".db");

    /// <summary>
    /// Starts an in-process server on a free loopback port with carts a and b: the pipeline only
    /// (<see cref="BasketParts.Pipeline"/>); a test asks for the on-device model and the assistant with <see cref="BasketParts.All"/>.
    /// </summary>
    internal async Task<RunningServer> StartAsync(Action<CartServerSettings>? configure = null, string? logPath = null)
    {
        var settings = new CartServerSettings { Urls = "http://127.0.0.1:0", Parts = BasketParts.Pipeline };
        settings.Overrides["Server:Carts:cart-a"] = KeyA;
        settings.Overrides["Server:Carts:cart-b"] = KeyB;
        settings.Overrides["Server:EventLogPath"] = logPath ?? NewLogPath();
        settings.Overrides["Server:DataRoot"] = Path.GetDirectoryName(Images);
        configure?.Invoke(settings);
        var configured = settings.Services;
        settings.Services = s =>
        {
            s.AddSingleton(Pipeline);
            configured?.Invoke(s);
        };
        var app = CartServer.Build(settings);
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        return new RunningServer(app, new Uri(address));
    }

    public void Dispose()
    {
        Pipeline.Dispose();
        try
        {
            Directory.Delete(Scratch, recursive: true);
        }
        catch (IOException)
        {
        }
    }
}

[CollectionDefinition(Name)]
public sealed class ServerCollection : ICollectionFixture<ServerFixture>
{
    public const string Name = "server";
}

/// <summary>A started in-process server.</summary>
internal sealed class RunningServer(WebApplication app, Uri baseAddress) : IAsyncDisposable
{
    public WebApplication App { get; } = app;

    public Uri BaseAddress { get; } = baseAddress;

    public HttpClient Client(string? key)
    {
        var http = new HttpClient { BaseAddress = BaseAddress, Timeout = TimeSpan.FromSeconds(60) };
        if (key is not null)
        {
            http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", key);
        }

        return http;
    }

    public async ValueTask DisposeAsync()
    {
        await App.StopAsync();
        await App.DisposeAsync();
    }
}

/// <summary>Builds event bodies and reads results.</summary>
internal static class Events
{
    public static object Body(string id, string type, double? weight, params byte[][] frames) => new
    {
        id,
        type,
        weight_delta_g = weight,
        frames = frames.Select((f, i) => new { camera = "cam" + i, jpeg = Convert.ToBase64String(f) }).ToArray(),
    };

    public static async Task<JsonElement> PostAsync(HttpClient http, string cart, object body)
    {
        using var response = await http.PostAsJsonAsync($"/v1/carts/{cart}/events", body);
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, $"{(int)response.StatusCode}: {text}");
        return JsonDocument.Parse(text).RootElement.Clone();
    }

    /// <summary>
    /// The event's decision: <paramref name="ack"/> itself, or, when it was acknowledged as <c>refining</c> (its label
    /// is read off the request path), the decision that replaces it, read from <c>GET /events/{id}</c>.
    /// </summary>
    public static async Task<JsonElement> DecidedAsync(HttpClient http, string cart, JsonElement ack)
    {
        var id = ack.GetProperty("event_id").GetString();
        var waited = System.Diagnostics.Stopwatch.StartNew();
        while (ack.GetProperty("status").GetString() == "refining")
        {
            Assert.True(waited.Elapsed < TimeSpan.FromSeconds(60), $"event {id} was still refining after 60 s");
            await Task.Delay(50);
            ack = JsonDocument.Parse(await http.GetStringAsync($"/v1/carts/{cart}/events/{id}")).RootElement.Clone();
        }

        return ack;
    }

    public static async Task<JsonElement> BasketAsync(HttpClient http, string cart)
    {
        var text = await http.GetStringAsync($"/v1/carts/{cart}/basket");
        return JsonDocument.Parse(text).RootElement.Clone();
    }

    public static Dictionary<string, int> Lines(JsonElement basket) =>
        basket.GetProperty("lines").EnumerateArray().ToDictionary(l => l.GetProperty("product_id").GetString()!, l => l.GetProperty("qty").GetInt32());

    /// <summary>The product ids of a result's candidate tiles, in order.</summary>
    public static string[] Tiles(JsonElement result) =>
        result.GetProperty("candidates").EnumerateArray().Select(c => c.GetProperty("product_id").GetString()!).ToArray();

    /// <summary>The shopper's answer to cart-a's pending event: the status and the body (a result or a problem).</summary>
    public static async Task<(HttpStatusCode Status, JsonElement Body)> ConfirmAsync(HttpClient http, string eventId, string? productId)
    {
        using var response = await http.PostAsJsonAsync("/v1/carts/cart-a/confirm", new { event_id = eventId, product_id = productId });
        var text = await response.Content.ReadAsStringAsync();
        return (response.StatusCode, JsonDocument.Parse(text).RootElement.Clone());
    }
}
