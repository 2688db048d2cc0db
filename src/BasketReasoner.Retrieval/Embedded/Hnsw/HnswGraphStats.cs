using System.Globalization;

namespace BasketReasoner.Retrieval.Embedded.Hnsw;

/// <summary>
/// Structure of a built graph, for telling a weak graph (low efConstruction, hard data) from a broken one: a correct
/// build reaches every node from the entry point on every layer, never links a node to itself or twice, only links
/// nodes that exist on that layer, and has about n/M^l nodes on layer l.
/// </summary>
/// <param name="Nodes">Nodes ever added (tombstones included: they still route).</param>
/// <param name="EntryPoint">Entry node; it must sit on the top layer.</param>
/// <param name="NodesPerLayer">How many nodes exist on layer l (level ≥ l).</param>
/// <param name="UnreachablePerLayer">Nodes of layer l that a breadth-first walk from the entry point on layer l misses.</param>
/// <param name="MeanDegree0">Mean out-degree on layer 0.</param>
/// <param name="MinDegree0">Smallest out-degree on layer 0.</param>
/// <param name="MaxDegree0">Largest out-degree on layer 0 (at most 2·M).</param>
/// <param name="NoInLink0">Nodes that no other node links to on layer 0 (reachable only if they are the entry).</param>
/// <param name="InvalidLinks">Self links, duplicate links and links to nodes absent from that layer, all layers.</param>
internal sealed record HnswGraphStats(
    int Nodes,
    int EntryPoint,
    int[] NodesPerLayer,
    int[] UnreachablePerLayer,
    double MeanDegree0,
    int MinDegree0,
    int MaxDegree0,
    int NoInLink0,
    int InvalidLinks)
{
    public override string ToString() => string.Create(
        CultureInfo.InvariantCulture,
        $"nodes {Nodes:N0}, layers {NodesPerLayer.Length} ({string.Join(" / ", NodesPerLayer)}), unreachable from entry per layer {string.Join(" / ", UnreachablePerLayer)}, layer-0 out-degree mean {MeanDegree0:F2} min {MinDegree0} max {MaxDegree0}, no in-link {NoInLink0:N0}, invalid links {InvalidLinks}");
}
