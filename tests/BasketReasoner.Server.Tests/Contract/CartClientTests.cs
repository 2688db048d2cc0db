using BasketReasoner.Client;
using BasketReasoner.Server.Tests.Escalation;
using BasketReasoner.Server.Tests.Infrastructure;

namespace BasketReasoner.Server.Tests.Contract;

/// <summary>
/// The typed client generated from the committed document (src/BasketReasoner.Client) against a live server: if the
/// document and the server disagree on a shape, these calls fail to serialize, deserialize or route.
/// </summary>
[Collection(ServerCollection.Name)]
public sealed class CartClientTests(ServerFixture fx)
{
    [Fact]
    public async Task Client_AmbiguousEventThenConfirm_BasketHoldsTheShoppersPick()
    {
        await using var server = await fx.StartAsync();
        using var http = server.Client(ServerFixture.KeyA);
        var client = new CartApiClient(http);

        Assert.Equal("Healthy", await client.GetReadyAsync());
        var result = await client.PostEventAsync("cart-a", new EventRequest
        {
            Id = "e1",
            Type = "add",
            Frames = [new FrameRequest { Camera = "top", Jpeg = Convert.ToBase64String(fx.Frame(EscalationStageTests.AmbiguousApple)) }],
        });
        Assert.Equal("pending_confirmation", result.Status);
        Assert.Equal("cart-a", result.CartId);
        Assert.Contains(result.Stages, s => s.Stage == "shopper" && s.Outcome == StageOutcome.Asked);
        var pick = result.Candidates[0].ProductId;

        var pending = await client.GetBasketAsync("cart-a");
        Assert.Equal("e1", Assert.Single(pending.Pending).EventId);
        var confirmed = await client.ConfirmAsync("cart-a", new ConfirmRequest { EventId = "e1", ProductId = pick });
        Assert.Equal(pick, confirmed.ProductId);

        var basket = await client.GetBasketAsync("cart-a");
        Assert.Equal(1, basket.Items);
        Assert.Equal(pick, Assert.Single(basket.Lines).ProductId);
        Assert.Empty(basket.Pending);
        Assert.True(basket.PricesAreDemo);
    }

    [Fact]
    public async Task Client_StreamAndProductImage_AreReadableStreams()
    {
        await using var server = await fx.StartAsync();
        using var http = server.Client(ServerFixture.KeyA);
        var client = new CartApiClient(http);

        using var stream = await client.StreamBasketAsync("cart-a");
        Assert.Equal(200, stream.StatusCode);
        using var reader = new StreamReader(stream.Stream);
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(20));
        Assert.Equal("event: basket", await reader.ReadLineAsync(timeout.Token));

        var result = await client.PostEventAsync("cart-a", new EventRequest
        {
            Id = "e1",
            Type = "add",
            WeightDeltaG = 1030,
            Frames = [new FrameRequest { Jpeg = Convert.ToBase64String(fx.Frame(EscalationStageTests.OatghurtFrame)) }],
        });
        using var image = await client.GetProductImageAsync(result.Candidates[0].ProductId);
        var head = new byte[2];
        await image.Stream.ReadExactlyAsync(head);
        Assert.Equal(new byte[] { 0xFF, 0xD8 }, head);
    }

    [Fact]
    public void ClientAssembly_References_OnlyTheFramework()
    {
        // A cart's runtime takes the client alone: no project of this solution, no package.
        var references = typeof(CartApiClient).Assembly.GetReferencedAssemblies().Select(a => a.Name!).ToList();

        Assert.Contains("System.Net.Http", references);
        Assert.All(references, name => Assert.True(name.StartsWith("System", StringComparison.Ordinal) || name is "netstandard" or "mscorlib", $"The client references {name}."));
    }

    [Fact]
    public async Task Client_OtherCartsKeyOrBadType_ThrowsTheServersProblem()
    {
        await using var server = await fx.StartAsync();
        using var httpB = server.Client(ServerFixture.KeyB);
        using var httpA = server.Client(ServerFixture.KeyA);

        var forbidden = await Assert.ThrowsAsync<CartApiException<ProblemDetails>>(() => new CartApiClient(httpB).GetBasketAsync("cart-a"));
        Assert.Equal(403, forbidden.StatusCode);
        Assert.Equal("This key does not open cart 'cart-a'.", forbidden.Result.Detail);

        var bad = await Assert.ThrowsAsync<CartApiException<ProblemDetails>>(() => new CartApiClient(httpA).PostEventAsync("cart-a", new EventRequest
        {
            Id = "e1",
            Type = "lift",
            Frames = [new FrameRequest { Jpeg = Convert.ToBase64String(fx.Frame(EscalationStageTests.OatghurtFrame)) }],
        }));
        Assert.Equal(400, bad.StatusCode);
        Assert.Equal(400, bad.Result.Status);
        Assert.Contains("'type' must be \"add\" or \"remove\"", bad.Result.Detail);
    }
}
