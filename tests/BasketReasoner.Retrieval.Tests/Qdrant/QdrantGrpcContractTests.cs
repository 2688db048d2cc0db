using BasketReasoner.Retrieval.Qdrant;
using BasketReasoner.Retrieval.Tests.Conformance;
using Microsoft.Extensions.VectorData;
using Qdrant.Client.Grpc;

namespace BasketReasoner.Retrieval.Tests.Qdrant;

/// <summary>
/// Contract tests of <see cref="QdrantVectorStore"/> at the gRPC level: the official client talks to
/// <see cref="FakeQdrantGrpcServer"/> (a FAKE Qdrant), and each test checks the decoded protobuf requests against
/// Qdrant's documented semantics and the records read back from the fake's well-formed answers.
/// </summary>
public sealed class QdrantGrpcContractTests : IDisposable
{
    private readonly FakeQdrantGrpcServer _server = new();

    public void Dispose() => _server.Dispose();

    [Fact]
    public async Task EnsureCollectionExistsAsync_TwoEmbeddings_CreatesNamedVectorsHnswAndPayloadIndexes()
    {
        using var store = Store(new QdrantVectorStoreOptions { HnswM = 32, HnswEfConstruct = 200 });

        await store.GetCollection<ulong, ShelfProduct>("shelf").EnsureCollectionExistsAsync();

        var create = Assert.Single(_server.RequestsOf<CreateCollection>("/qdrant.Collections/Create"));
        Assert.Equal("shelf", create.CollectionName);
        var vectors = create.VectorsConfig.ParamsMap.Map;
        Assert.Equal((8UL, Distance.Cosine), (vectors["ImageEmbedding"].Size, vectors["ImageEmbedding"].Distance));
        Assert.Equal((4UL, Distance.Dot), (vectors["TextEmbedding"].Size, vectors["TextEmbedding"].Distance));
        Assert.Equal((32UL, 200UL), (create.HnswConfig.M, create.HnswConfig.EfConstruct));
        Assert.Null(create.QuantizationConfig);
        Assert.False(create.HasShardNumber || create.HasReplicationFactor || create.HasWriteConsistencyFactor);
        Assert.All(vectors.Values, v => Assert.False(v.HasMemory));
        var indexes = _server.RequestsOf<CreateFieldIndexCollection>("/qdrant.Points/CreateFieldIndex");
        Assert.Equal(
            [("ProductId", FieldType.Keyword), ("ClassIndex", FieldType.Integer), ("UnitWeightGrams", FieldType.Float), ("Packaged", FieldType.Bool)],
            indexes.Select(i => (i.FieldName, i.FieldType)));
        Assert.All(indexes, i => Assert.True(i.Wait));
        Assert.DoesNotContain(indexes, i => i.FieldName == "Brand");
    }

    [Fact]
    public async Task EnsureCollectionExistsAsync_ScalarInt8OnACluster_SendsQuantizationShardsReplicasAndWriteConsistency()
    {
        using var store = Store(new QdrantVectorStoreOptions
        {
            Quantization = QdrantQuantization.ScalarInt8,
            QuantizationQuantile = 0.98,
            ShardNumber = 6,
            ReplicationFactor = 2,
            WriteConsistencyFactor = 2,
            VectorsOnDisk = true,
        });

        await store.GetCollection<ulong, ShelfProduct>("shelf").EnsureCollectionExistsAsync();

        var create = Assert.Single(_server.RequestsOf<CreateCollection>("/qdrant.Collections/Create"));
        var scalar = create.QuantizationConfig.Scalar;
        Assert.Equal((QuantizationType.Int8, 0.98f, Memory.Pinned), (scalar.Type, scalar.Quantile, scalar.Memory));
        Assert.Equal((6U, 2U, 2U), (create.ShardNumber, create.ReplicationFactor, create.WriteConsistencyFactor));
        Assert.All(create.VectorsConfig.ParamsMap.Map.Values, v => Assert.Equal(Memory.Cold, v.Memory));
    }

    [Fact]
    public async Task EnsureCollectionExistsAsync_Existing_DoesNotCreateAgain()
    {
        using var store = Store();
        var collection = store.GetCollection<ulong, ShelfProduct>("shelf");

        await collection.EnsureCollectionExistsAsync();
        await collection.EnsureCollectionExistsAsync();

        Assert.Single(_server.RequestsOf<CreateCollection>("/qdrant.Collections/Create"));
        Assert.Equal(2, _server.RequestsOf<CollectionExistsRequest>("/qdrant.Collections/CollectionExists").Count);
    }

    [Fact]
    public async Task UpsertAsync_FiveRecordsBatchOfTwo_SendsThreeWaitingBatchesWithUuidIdsAndKeyInPayload()
    {
        using var store = Store(new QdrantVectorStoreOptions { UpsertBatchSize = 2 });
        var collection = store.GetCollection<string, Grocery>("groceries", Grocery.Definition(4));
        await collection.EnsureCollectionExistsAsync();
        var items = Grocery.Create(5, 4, seed: 1);

        await collection.UpsertAsync(items);

        var batches = _server.RequestsOf<UpsertPoints>("/qdrant.Points/Upsert");
        Assert.Equal([2, 2, 1], batches.Select(b => b.Points.Count));
        Assert.All(batches, b => Assert.True(b.HasWait && b.Wait));
        var first = batches[0].Points[0];
        Assert.Equal(QdrantPointIds.FromString("g-0").ToString("D"), first.Id.Uuid);
        Assert.Equal("g-0", first.Payload["Id"].StringValue);
        Assert.Equal(("Milk", "Arla", 50d, true), (first.Payload["Category"].StringValue, first.Payload["Brand"].StringValue, first.Payload["Weight"].DoubleValue, first.Payload["Organic"].BoolValue));
        Assert.Equal(items[0].Vector, first.Vectors.Vectors_.Vectors["Vector"].Dense.Data);
        Assert.Equal(5, _server.State["groceries"]!.Points.Count);
    }

    [Fact]
    public async Task UpsertAsync_NumericKeysAndNullPayload_SendsNumIdsAndExplicitNull()
    {
        var collection = await SeededShelfAsync(4);

        var point = _server.RequestsOf<UpsertPoints>("/qdrant.Points/Upsert").Single().Points[3];

        Assert.Equal(4UL, point.Id.Num);
        Assert.Equal(Value.KindOneofCase.NullValue, point.Payload["Brand"].KindCase);
        Assert.False(point.Payload.ContainsKey("Id"));
        Assert.Null((await collection.GetAsync(4UL))!.Brand);
    }

    [Fact]
    public async Task UpsertAsync_WrongDimension_SendsNothing()
    {
        using var store = Store();
        var collection = store.GetCollection<ulong, ShelfProduct>("shelf");
        var products = ShelfProduct.Create(3);
        products[2].TextEmbedding = new float[5];

        await Assert.ThrowsAsync<ArgumentException>(() => collection.UpsertAsync(products));

        Assert.Empty(_server.RequestsOf<UpsertPoints>("/qdrant.Points/Upsert"));
    }

    [Fact]
    public async Task SearchAsync_TextVectorOnQuantizedCollection_QueriesThatVectorWithHnswEfAndRescoring()
    {
        var collection = await SeededShelfAsync(20, new QdrantVectorStoreOptions { EfSearch = 64, Quantization = QdrantQuantization.ScalarInt8, Oversampling = 3 });

        var results = await collection.SearchAsync(new float[] { 0, 0, 1, 0 }, 3, new VectorSearchOptions<ShelfProduct>
        {
            VectorProperty = p => p.TextEmbedding,
            Skip = 1,
            ScoreThreshold = 0.5,
            IncludeVectors = true,
        }).ToListAsync();

        var query = Assert.Single(_server.RequestsOf<QueryPoints>("/qdrant.Points/Query"));
        Assert.Equal("TextEmbedding", query.Using);
        Assert.Equal([0f, 0f, 1f, 0f], query.Query.Nearest.Dense.Data);
        Assert.Equal((3UL, 1UL, 0.5f), (query.Limit, query.Offset, query.ScoreThreshold));
        Assert.Equal(64UL, query.Params.HnswEf);
        Assert.True(query.Params.Quantization.Rescore);
        Assert.Equal(3.0, query.Params.Quantization.Oversampling);
        Assert.True(query.WithPayload.Enable && query.WithVectors.Enable);

        // Products 2, 6, 10, 14, 18 have text embedding e2 (score 1); the rest score 0 and fall under the threshold.
        Assert.Equal(3, results.Count);
        Assert.All(results, r => Assert.Equal(2, (int)(r.Record.Id - 1) % 4));
        Assert.All(results, r => Assert.Equal(1.0, r.Score!.Value, 5));
        Assert.All(results, r => Assert.Equal(8, r.Record.ImageEmbedding.Length));
    }

    [Fact]
    public async Task SearchAsync_ImageVector_ReturnsCosineTopKOfTheFakesExactSearch()
    {
        var products = ShelfProduct.Create(30);
        var collection = await SeededShelfAsync(products);
        var probe = products[7].ImageEmbedding;

        var results = await collection.SearchAsync(probe, 5, new VectorSearchOptions<ShelfProduct> { VectorProperty = p => p.ImageEmbedding }).ToListAsync();

        var expected = products.OrderByDescending(p => System.Numerics.Tensors.TensorPrimitives.CosineSimilarity(probe, p.ImageEmbedding)).Take(5).Select(p => p.Id);
        Assert.Equal(expected, results.Select(r => r.Record.Id));
        Assert.Equal(8UL, results[0].Record.Id);
        Assert.Equal("ImageEmbedding", Assert.Single(_server.RequestsOf<QueryPoints>("/qdrant.Points/Query")).Using);
        Assert.Null(Assert.Single(_server.RequestsOf<QueryPoints>("/qdrant.Points/Query")).Params);
    }

    [Fact]
    public async Task SearchAsync_TwoVectorsAndNoVectorProperty_Throws()
    {
        var collection = await SeededShelfAsync(3);

        await Assert.ThrowsAnyAsync<InvalidOperationException>(async () => await collection.SearchAsync(new float[8], 1).ToListAsync());
    }

    [Fact]
    public async Task GetAsync_Keys_RetrievesPayloadAndVectorsOnlyWhenAsked()
    {
        var products = ShelfProduct.Create(6);
        var collection = await SeededShelfAsync(products);

        var withVectors = await collection.GetAsync([2UL, 5UL, 99UL], new RecordRetrievalOptions { IncludeVectors = true }).ToListAsync();
        var withoutVectors = await collection.GetAsync(3UL);

        var requests = _server.RequestsOf<GetPoints>("/qdrant.Points/Get");
        Assert.Equal([2UL, 5UL, 99UL], requests[0].Ids.Select(i => i.Num));
        Assert.True(requests[0].WithVectors.Enable);
        Assert.False(requests[1].WithVectors.Enable);
        Assert.Equal([2UL, 5UL], withVectors.Select(p => p.Id).Order());
        var second = withVectors.Single(p => p.Id == 2);
        Assert.Equal((products[1].ProductId, products[1].ClassIndex, products[1].UnitWeightGrams, products[1].Packaged, products[1].Brand),
            (second.ProductId, second.ClassIndex, second.UnitWeightGrams, second.Packaged, second.Brand));
        Assert.Equal(products[1].TextEmbedding, second.TextEmbedding);
        Assert.NotNull(withoutVectors);
        Assert.Empty(withoutVectors.ImageEmbedding);
    }

    [Fact]
    public async Task GetAsync_FilterOrderedByIndexedField_ScrollsWithOrderBy()
    {
        var collection = await SeededShelfAsync(12);

        var heaviest = await collection.GetAsync(p => p.Packaged, 3, new FilteredRecordRetrievalOptions<ShelfProduct>
        {
            OrderBy = o => o.Descending(p => p.UnitWeightGrams),
        }).ToListAsync();

        var scroll = Assert.Single(_server.RequestsOf<ScrollPoints>("/qdrant.Points/Scroll"));
        Assert.Equal(("UnitWeightGrams", Direction.Desc, 3U), (scroll.OrderBy.Key, scroll.OrderBy.Direction, scroll.Limit));
        Assert.Equal([11UL, 9UL, 7UL], heaviest.Select(p => p.Id));
    }

    [Fact]
    public async Task GetAsync_OrderedByFieldWithoutIndex_ThrowsVectorStoreException()
    {
        var collection = await SeededShelfAsync(4);

        var error = await Assert.ThrowsAsync<VectorStoreException>(async () =>
            await collection.GetAsync(p => p.Packaged, 3, new FilteredRecordRetrievalOptions<ShelfProduct> { OrderBy = o => o.Ascending(p => p.Brand) }).ToListAsync());

        Assert.Contains("InvalidArgument", error.Message);
    }

    [Fact]
    public async Task DeleteAsync_Keys_DeletesThosePointIdsAndWaits()
    {
        var collection = await SeededShelfAsync(6);

        await collection.DeleteAsync([1UL, 4UL, 77UL]);

        var delete = Assert.Single(_server.RequestsOf<DeletePoints>("/qdrant.Points/Delete"));
        Assert.Equal([1UL, 4UL, 77UL], delete.Points.Points.Ids.Select(i => i.Num));
        Assert.True(delete.Wait);
        Assert.Equal([2UL, 3UL, 5UL, 6UL], (await collection.GetAsync(_ => true, 10).ToListAsync()).Select(p => p.Id).Order());
    }

    [Fact]
    public async Task DynamicCollection_DictionaryRecords_RoundTripThroughPayloadAndNamedVector()
    {
        using var store = Store();
        var collection = store.GetDynamicCollection("dynamic", Grocery.Definition(4));
        await collection.EnsureCollectionExistsAsync();
        var vector = new float[] { 0.5f, 0.5f, 0.5f, 0.5f };

        await collection.UpsertAsync(new Dictionary<string, object?>
        {
            ["Id"] = "d-1", ["Category"] = "Milk", ["Brand"] = "Arla", ["Weight"] = 1030.5, ["Organic"] = true, ["Vector"] = vector,
        });
        var read = await collection.GetAsync("d-1", new RecordRetrievalOptions { IncludeVectors = true });

        Assert.NotNull(read);
        Assert.Equal(("Milk", "Arla", 1030.5, true), ((string)read["Category"]!, (string)read["Brand"]!, (double)read["Weight"]!, (bool)read["Organic"]!));
        Assert.Equal(vector, Assert.IsType<float[]>(read["Vector"]));
        Assert.Equal(QdrantPointIds.FromString("d-1").ToString("D"), Assert.Single(_server.RequestsOf<UpsertPoints>("/qdrant.Points/Upsert")).Points[0].Id.Uuid);
    }

    [Fact]
    public async Task EnsureCollectionDeletedAsync_MissingCollection_SendsNoDelete()
    {
        using var store = Store();

        await store.EnsureCollectionDeletedAsync("never-created");

        Assert.Empty(_server.RequestsOf<DeleteCollection>("/qdrant.Collections/Delete"));
    }

    [Fact]
    public async Task Snapshots_CreateListDelete_RoundTripThroughTheSnapshotsService()
    {
        var collection = await SeededShelfAsync(5);

        var first = await collection.CreateSnapshotAsync();
        var second = await collection.CreateSnapshotAsync();
        var listed = await collection.ListSnapshotsAsync();
        await collection.DeleteSnapshotAsync(first.Name);
        var remaining = await collection.ListSnapshotsAsync();

        Assert.StartsWith("shelf-1-", first.Name, StringComparison.Ordinal);
        Assert.Equal(64, first.Checksum!.Length);
        Assert.True(first.Size > 0);
        Assert.NotNull(first.CreatedAt);
        Assert.Equal([first.Name, second.Name], listed.Select(s => s.Name));
        Assert.Equal([second], remaining);
        Assert.Equal("shelf", Assert.Single(_server.RequestsOf<DeleteSnapshotRequest>("/qdrant.Snapshots/Delete")).CollectionName);
    }

    [Fact]
    public async Task DeleteSnapshotAsync_Unknown_ThrowsVectorStoreExceptionWithNotFound()
    {
        var collection = await SeededShelfAsync(1);

        var error = await Assert.ThrowsAsync<VectorStoreException>(() => collection.DeleteSnapshotAsync("nope.snapshot"));

        Assert.Contains("NotFound", error.Message);
        Assert.Equal("DeleteSnapshot", error.OperationName);
    }

    private QdrantVectorStore Store(QdrantVectorStoreOptions? options = null) => new(_server.CreateClient(), options);

    private Task<QdrantVectorCollection<ulong, ShelfProduct>> SeededShelfAsync(int count, QdrantVectorStoreOptions? options = null) =>
        SeededShelfAsync(ShelfProduct.Create(count), options);

    private async Task<QdrantVectorCollection<ulong, ShelfProduct>> SeededShelfAsync(List<ShelfProduct> products, QdrantVectorStoreOptions? options = null)
    {
        var collection = Store(options).GetCollection<ulong, ShelfProduct>("shelf");
        await collection.EnsureCollectionExistsAsync();
        await collection.UpsertAsync(products);
        return collection;
    }
}
