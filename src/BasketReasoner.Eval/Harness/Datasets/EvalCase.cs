namespace BasketReasoner.Eval.Harness.Datasets;

/// <summary>One input of a dataset, as the harness runs it.</summary>
/// <param name="Dataset">The suite's name for the dataset.</param>
/// <param name="Kind">What <paramref name="Payload"/> is.</param>
/// <param name="Id">Unique within the dataset.</param>
/// <param name="Split"><c>val</c>, <c>test</c>... as the line says; empty when it says nothing.</param>
/// <param name="Category">Grouping for per-category results.</param>
/// <param name="InputJson">The dataset line as read; the cache key hashes it, so any edit to a case misses the cache.</param>
/// <param name="Payload">A <see cref="BasketReasoner.Core.Sessions.CartSession"/>, <see cref="AmbiguousCase"/> or <see cref="ShopperCase"/>.</param>
public sealed record EvalCase(string Dataset, DatasetKind Kind, string Id, string Split, string Category, string InputJson, object Payload);
