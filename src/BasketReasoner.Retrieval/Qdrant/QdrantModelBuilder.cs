using System.Diagnostics.CodeAnalysis;
using BasketReasoner.Retrieval.Common;
using Microsoft.Extensions.VectorData.ProviderServices;
using Qdrant.Client.Grpc;

namespace BasketReasoner.Retrieval.Qdrant;

/// <summary>
/// One or more dense float vectors (each a Qdrant named vector, named by its storage name, e.g. the recognizer's image
/// embedding and a text embedding), scalar payload fields, and keys Qdrant can address (ulong, Guid, string).
/// </summary>
internal sealed class QdrantModelBuilder() : CollectionModelBuilder(BuildingOptions)
{
    private static readonly CollectionModelBuildingOptions BuildingOptions = new()
    {
        RequiresAtLeastOneVector = true,
        SupportsMultipleVectors = true,
    };

    /// <summary>The payload index type for a data property type, or null when it has none.</summary>
    public static PayloadSchemaType? IndexSchema(Type type) => (Nullable.GetUnderlyingType(type) ?? type) switch
    {
        var t when t == typeof(string) => PayloadSchemaType.Keyword,
        var t when t == typeof(int) || t == typeof(long) || t == typeof(short) => PayloadSchemaType.Integer,
        var t when t == typeof(double) || t == typeof(float) => PayloadSchemaType.Float,
        var t when t == typeof(bool) => PayloadSchemaType.Bool,
        var t when t == typeof(Guid) => PayloadSchemaType.Uuid,
        _ => null,
    };

    protected override bool IsDataPropertyTypeValid(Type type, [NotNullWhen(false)] out string? supportedTypes)
    {
        supportedTypes = "string, int, long, short, double, float, bool, Guid (and their nullable forms)";
        return IndexSchema(type) is not null;
    }

    protected override bool IsVectorPropertyTypeValid(Type type, [NotNullWhen(false)] out string? supportedTypes)
    {
        supportedTypes = FloatVectorTypes.Supported;
        return FloatVectorTypes.IsSupported(type);
    }

    protected override void ValidateKeyProperty(KeyPropertyModel keyProperty)
    {
        base.ValidateKeyProperty(keyProperty);
        var type = keyProperty.Type;
        if (type != typeof(ulong) && type != typeof(Guid) && type != typeof(string))
        {
            throw new NotSupportedException($"Key property '{keyProperty.ModelName}' has type {type.Name}; Qdrant collections support ulong, Guid and string keys.");
        }
    }

    protected override bool SupportsKeyAutoGeneration(Type keyPropertyType) => false;
}
