namespace BasketReasoner.Retrieval.Qdrant;

/// <summary>How a new Qdrant collection quantizes its vectors.</summary>
public enum QdrantQuantization
{
    /// <summary>Full float32 vectors only.</summary>
    None,

    /// <summary>Scalar int8 quantization kept in RAM, searched first, rescored with the originals.</summary>
    ScalarInt8,
}
