using System.Diagnostics.CodeAnalysis;
using BasketReasoner.Retrieval.Common;
using Microsoft.Extensions.VectorData.ProviderServices;

namespace BasketReasoner.Retrieval.Embedded;

/// <summary>Validates record models: exactly one float vector (rows live in one contiguous matrix), any JSON-serialisable data.</summary>
internal sealed class EmbeddedModelBuilder() : CollectionModelBuilder(BuildingOptions)
{
    private static readonly CollectionModelBuildingOptions BuildingOptions = new()
    {
        RequiresAtLeastOneVector = true,
        SupportsMultipleVectors = false,
    };

    // Payloads are persisted as JSON, so anything System.Text.Json round-trips is acceptable.
    protected override bool IsDataPropertyTypeValid(Type type, [NotNullWhen(false)] out string? supportedTypes)
    {
        supportedTypes = string.Empty;
        return true;
    }

    protected override bool IsVectorPropertyTypeValid(Type type, [NotNullWhen(false)] out string? supportedTypes)
    {
        supportedTypes = FloatVectorTypes.Supported;
        return FloatVectorTypes.IsSupported(type);
    }

    // Keys are always supplied by the caller: product-prototype keys are meaningful, never generated.
    protected override bool SupportsKeyAutoGeneration(Type keyPropertyType) => false;
}
