namespace BasketReasoner.Retrieval.Qdrant;

/// <summary>
/// One store's share of a collection that many stores write to. <see cref="Field"/> becomes a keyword payload index
/// marked <c>is_tenant</c>, so Qdrant keeps each store's points together and builds per-store HNSW links
/// (<c>payload_m</c>); the global graph is then not built (<c>m = 0</c>), as every query is confined to one store.
/// </summary>
/// <param name="Value">This store's id, e.g. <c>store-0042</c>.</param>
/// <param name="Field">The tenant payload field. Default <c>store_id</c>.</param>
public sealed record QdrantTenant(string Value, string Field = QdrantTenant.DefaultField)
{
    /// <summary>The default tenant payload field.</summary>
    public const string DefaultField = "store_id";

    /// <summary>Throws when the value or field is empty.</summary>
    public void Validate()
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(Value, nameof(Value));
        ArgumentException.ThrowIfNullOrWhiteSpace(Field, nameof(Field));
    }
}
