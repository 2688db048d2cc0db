using BasketReasoner.Retrieval.Qdrant;

namespace BasketReasoner.Retrieval.Tests.Qdrant;

public sealed class QdrantVectorStoreOptionsTests
{
    public static TheoryData<string, QdrantVectorStoreOptions> OutOfRange() => new()
    {
        { "HnswM", new QdrantVectorStoreOptions { HnswM = 2 } },
        { "HnswEfConstruct", new QdrantVectorStoreOptions { HnswM = 64, HnswEfConstruct = 32 } },
        { "EfSearch", new QdrantVectorStoreOptions { EfSearch = 0 } },
        { "UpsertBatchSize", new QdrantVectorStoreOptions { UpsertBatchSize = 0 } },
        { "QuantizationQuantile", new QdrantVectorStoreOptions { QuantizationQuantile = 0.3 } },
        { "Oversampling", new QdrantVectorStoreOptions { Oversampling = 0.5 } },
        { "ShardNumber", new QdrantVectorStoreOptions { ShardNumber = 0 } },
        { "ReplicationFactor", new QdrantVectorStoreOptions { ReplicationFactor = 17 } },
        { "WriteConsistencyFactor", new QdrantVectorStoreOptions { ReplicationFactor = 2, WriteConsistencyFactor = 3 } },
        { "RequestTimeout", new QdrantVectorStoreOptions { RequestTimeout = TimeSpan.Zero } },
    };

    [Theory]
    [MemberData(nameof(OutOfRange))]
    public void Validate_OptionOutOfRange_ThrowsNamingIt(string name, QdrantVectorStoreOptions options)
    {
        var error = Assert.Throws<ArgumentOutOfRangeException>(options.Validate);

        Assert.Equal(name, error.ParamName);
    }

    [Fact]
    public void Validate_Defaults_Pass()
    {
        var options = new QdrantVectorStoreOptions();

        options.Validate();

        Assert.Equal((16, 100, 256, QdrantQuantization.None), (options.HnswM, options.HnswEfConstruct, options.UpsertBatchSize, options.Quantization));
    }

    [Fact]
    public void Validate_EmptyTenant_Throws()
    {
        Assert.ThrowsAny<ArgumentException>(new QdrantVectorStoreOptions { Tenant = new QdrantTenant(" ") }.Validate);
    }

    [Fact]
    public void FromString_SameKey_SameVersion5Uuid()
    {
        var id = QdrantPointIds.FromString("apple/iconic/0");

        Assert.Equal(id, QdrantPointIds.FromString("apple/iconic/0"));
        Assert.NotEqual(id, QdrantPointIds.FromString("apple/iconic/1"));
        Assert.Equal('5', id.ToString("D")[14]);
    }
}
