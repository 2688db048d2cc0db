using Microsoft.Extensions.VectorData.ProviderServices;

namespace BasketReasoner.Retrieval.Common;

/// <summary>
/// A backend-neutral filter tree parsed from a LINQ predicate, so every server backend translates the same subset
/// (<see cref="FilterParser"/>) into its own query language: parameterised SQL for pgvector, protobuf filters for Qdrant.
/// </summary>
internal abstract record FilterNode;

internal sealed record AndNode(FilterNode Left, FilterNode Right) : FilterNode;

internal sealed record OrNode(FilterNode Left, FilterNode Right) : FilterNode;

internal sealed record NotNode(FilterNode Operand) : FilterNode;

/// <summary><c>property op value</c>; <see cref="Value"/> is null only for <see cref="CompareOp.Equal"/>/<see cref="CompareOp.NotEqual"/>.</summary>
internal sealed record CompareNode(PropertyModel Property, CompareOp Op, object? Value) : FilterNode;

/// <summary><c>values.Contains(property)</c>.</summary>
internal sealed record InNode(PropertyModel Property, object?[] Values) : FilterNode;

/// <summary>A predicate that folded to a constant, e.g. <c>_ =&gt; true</c>.</summary>
internal sealed record ConstantNode(bool Value) : FilterNode;

internal enum CompareOp
{
    Equal,
    NotEqual,
    LessThan,
    LessThanOrEqual,
    GreaterThan,
    GreaterThanOrEqual,
}
