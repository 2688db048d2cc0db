namespace BasketReasoner.Retrieval.Embedded;

/// <summary>One payload column: the key (always column 0) or a data property, by storage name.</summary>
internal sealed record TableColumn(string StorageName, Type Type);

/// <summary>
/// Physical layout of a collection. Two collection objects may share one table only when their layouts agree,
/// because payload rows are positional.
/// </summary>
internal sealed record TableSchema(int Dimensions, TableColumn[] Columns, ScoreMetric Metric = ScoreMetric.CosineSimilarity)
{
    public bool IsCompatibleWith(TableSchema other) =>
        Dimensions == other.Dimensions && Metric == other.Metric && Columns.AsSpan().SequenceEqual(other.Columns);
}
