namespace BasketReasoner.Retrieval.Embedded.Hnsw;

/// <summary>Decides which nodes may appear in results; every node is still traversed.</summary>
internal interface INodeFilter
{
    bool Allows(int node);
}

internal readonly struct AllNodes : INodeFilter
{
    public bool Allows(int node) => true;
}
