using System.Diagnostics.CodeAnalysis;
using BasketReasoner.Retrieval.Common;
using Microsoft.Extensions.VectorData.ProviderServices;

namespace BasketReasoner.Retrieval.PgVector;

/// <summary>Validates record models against the column types <see cref="PgSql"/> maps: one float vector, scalar data.</summary>
internal sealed class PgModelBuilder() : CollectionModelBuilder(BuildingOptions)
{
    private static readonly CollectionModelBuildingOptions BuildingOptions = new()
    {
        RequiresAtLeastOneVector = true,
        SupportsMultipleVectors = false,
    };

    protected override bool IsDataPropertyTypeValid(Type type, [NotNullWhen(false)] out string? supportedTypes)
    {
        supportedTypes = PgSql.SupportedDataTypes;
        return PgSql.ColumnType(type) is not null;
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
        if (type != typeof(string) && type != typeof(int) && type != typeof(long) && type != typeof(Guid))
        {
            throw new NotSupportedException($"Key property '{keyProperty.ModelName}' has type {type.Name}; pgvector collections support string, int, long and Guid keys.");
        }
    }

    // Keys are always supplied by the caller, as in the embedded store.
    protected override bool SupportsKeyAutoGeneration(Type keyPropertyType) => false;
}
