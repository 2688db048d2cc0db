using System.Text.Json;
using BasketReasoner.Server.Api;
using BasketReasoner.Server.Durability;

namespace BasketReasoner.Server.Tests.Infrastructure;

/// <summary>An event log whose cart-a basket already holds products: accepted adds with their measured grams, as a live server logs them.</summary>
internal static class SeededLog
{
    public static string Write(ServerFixture fx, params (string Id, string Product, double? Grams)[] adds)
    {
        var path = fx.NewLogPath();
        using var durable = new DurableLog(path);
        foreach (var (id, product, grams) in adds)
        {
            var result = new EventResult
            {
                EventId = id,
                CartId = "cart-a",
                Status = "accepted",
                Type = "add",
                WeightDeltaG = grams,
                ProductId = product,
                AppliedProductId = product,
                DecidedBy = "fusion",
                Confidence = 1,
                Stages = [],
                Candidates = [],
                Evidence = [],
                At = DateTimeOffset.UtcNow,
            };
            durable.AppendAsync("cart-a", "event", id, "add", product, JsonSerializer.Serialize(result, ServerJson.Options), result.At, "seed-" + id).GetAwaiter().GetResult();
        }

        return path;
    }
}
