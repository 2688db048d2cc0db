using System.Net;
using System.Text.Json.Nodes;
using BasketReasoner.Retrieval.Qdrant;
using BasketReasoner.Retrieval.Tests.Conformance;
using Microsoft.Extensions.VectorData;

namespace BasketReasoner.Retrieval.Tests.Qdrant;

/// <summary>
/// Contract tests of the Qdrant REST backend against <see cref="FakeQdrantServer"/>, a loopback HTTP listener standing
/// in for Qdrant: each checks the method, path and JSON body we send against Qdrant's documented API, and parses the
/// documented response examples (api reference, v1.1x: "time"/"status"/"result" envelopes).
/// </summary>
public sealed class QdrantContractTests : IDisposable
{
    private const string Ok = """{"time":0.002,"status":"ok","result":true}""";
    private const string Completed = """{"time":0.002,"status":"ok","result":{"operation_id":42,"status":"completed"}}""";
    private readonly FakeQdrantServer _server = new();
    private readonly HttpClient _http;

    public QdrantContractTests() => _http = _server.CreateHttpClient();

    public void Dispose()
    {
        _http.Dispose();
        _server.Dispose();
    }

    [Fact]
    public async Task CreateCollectionAsync_Config_PutsVectorsAndHnswConfig()
    {
        _server.Respond(Ok);
        var client = new QdrantRestClient(_http, apiKey: "secret");

        await client.CreateCollectionAsync("items", new QdrantCollectionConfig(4, "Cosine", HnswM: 32, HnswEfConstruct: 200));

        var request = Single();
        Assert.Equal(("PUT", "/collections/items"), (request.Method, request.PathAndQuery));
        AssertJson("""{"vectors":{"size":4,"distance":"Cosine"},"hnsw_config":{"m":32,"ef_construct":200}}""", request.Body);
        Assert.Equal("secret", request.ApiKey);
        Assert.StartsWith("application/json", request.ContentType);
    }

    [Fact]
    public async Task EnsureCollectionExistsAsync_Missing_ChecksCreatesAndIndexesEveryIndexedField()
    {
        _server.Respond("""{"time":0.002,"status":"ok","result":{"exists":false}}""").Respond(Ok);
        for (var i = 0; i < 4; i++)
        {
            _server.Respond("""{"time":0.002,"status":"ok","result":{"operation_id":42,"status":"acknowledged"}}""");
        }

        using var store = new QdrantVectorStore(new QdrantRestClient(_http), new QdrantVectorStoreOptions { HnswM = 16, HnswEfConstruct = 100 });

        await store.GetCollection<string, Grocery>("groceries", Grocery.Definition(4)).EnsureCollectionExistsAsync();

        var requests = _server.Requests.ToArray();
        Assert.Equal(6, requests.Length);
        Assert.Equal(("GET", "/collections/groceries/exists"), (requests[0].Method, requests[0].PathAndQuery));
        Assert.Equal(("PUT", "/collections/groceries"), (requests[1].Method, requests[1].PathAndQuery));
        AssertJson("""{"vectors":{"size":4,"distance":"Cosine"},"hnsw_config":{"m":16,"ef_construct":100}}""", requests[1].Body);
        Assert.All(requests[2..], r => Assert.Equal(("PUT", "/collections/groceries/index?wait=true"), (r.Method, r.PathAndQuery)));
        AssertJson("""{"field_name":"Category","field_schema":"keyword"}""", requests[2].Body);
        AssertJson("""{"field_name":"Brand","field_schema":"keyword"}""", requests[3].Body);
        AssertJson("""{"field_name":"Weight","field_schema":"float"}""", requests[4].Body);
        AssertJson("""{"field_name":"Organic","field_schema":"bool"}""", requests[5].Body);
    }

    [Fact]
    public async Task UpsertAsync_FiveRecordsBatchOfTwo_PutsThreeBatchesWithUuidIdsAndOriginalKeyInPayload()
    {
        for (var i = 0; i < 3; i++)
        {
            _server.Respond(Completed);
        }

        var collection = Collection(new QdrantVectorStoreOptions { UpsertBatchSize = 2 });
        var items = Grocery.Create(5, 4, seed: 1);

        await collection.UpsertAsync(items);

        var requests = _server.Requests.ToArray();
        Assert.Equal(3, requests.Length);
        Assert.All(requests, r => Assert.Equal(("PUT", "/collections/groceries/points?wait=true"), (r.Method, r.PathAndQuery)));
        Assert.Equal([2, 2, 1], requests.Select(r => r.Body!["points"]!.AsArray().Count));
        var first = requests[0].Body!["points"]![0]!;
        Assert.Equal(QdrantPointIds.FromString("g-0").ToString("D"), first["id"]!.GetValue<string>());
        AssertJson("""{"Id":"g-0","Category":"Milk","Brand":"Arla","Weight":50,"Organic":true}""", first["payload"]);
        Assert.Equal(items[0].Vector, first["vector"]!.AsArray().Select(x => x!.GetValue<float>()));
    }

    [Fact]
    public async Task UpsertAsync_WrongDimension_SendsNothing()
    {
        var collection = Collection();

        await Assert.ThrowsAsync<ArgumentException>(() => collection.UpsertAsync([.. Grocery.Create(2, 4, seed: 1), new Grocery { Id = "x", Vector = new float[5] }]));

        Assert.Empty(_server.Requests);
    }

    [Fact]
    public async Task SearchAsync_FilterSkipAndEf_PostsQueryAndParsesDocumentedScoredPoints()
    {
        var id = QdrantPointIds.FromString("g-7").ToString("D");
        _server.Respond($$$"""
            {"time":0.002,"status":"ok","result":{"points":[
              {"id":"{{{id}}}","version":3,"score":0.75,"payload":{"Id":"g-7","Category":"Milk","Brand":"Bio","Weight":250.5,"Organic":false}},
              {"id":"{{{id}}}","version":3,"score":0.5,"payload":{"Id":"g-8","Category":"Milk","Brand":"Arla","Weight":300,"Organic":true}}]}}
            """);
        var collection = Collection(new QdrantVectorStoreOptions { EfSearch = 64 });
        double min = 200;

        var results = await collection.SearchAsync(new float[] { 1, 0, 0, 0 }, 2, new VectorSearchOptions<Grocery>
        {
            Filter = r => r.Category == "Milk" && r.Weight >= min,
            Skip = 1,
            ScoreThreshold = 0.25,
        }).ToListAsync();

        var request = Single();
        Assert.Equal(("POST", "/collections/groceries/points/query"), (request.Method, request.PathAndQuery));
        AssertJson("""
            {"query":[1,0,0,0],"limit":2,"offset":1,"with_payload":true,"with_vector":false,
             "filter":{"must":[{"key":"Category","match":{"value":"Milk"}},{"key":"Weight","range":{"gte":200}}]},
             "score_threshold":0.25,"params":{"hnsw_ef":64}}
            """, request.Body);
        Assert.Equal(["g-7", "g-8"], results.Select(r => r.Record.Id));
        Assert.Equal([0.75, 0.5], results.Select(r => r.Score!.Value));
        Assert.Equal(("Milk", "Bio", 250.5, false), (results[0].Record.Category, results[0].Record.Brand, results[0].Record.Weight, results[0].Record.Organic));
    }

    [Fact]
    public async Task SearchAsync_OrNotBoolAndContains_TranslatesToShouldMustNotAndMatchAny()
    {
        _server.Respond("""{"time":0.001,"status":"ok","result":{"points":[]}}""");
        var collection = Collection();
        string[] brands = ["Arla", "Coop"];

        var results = await collection.SearchAsync(new float[4], 5, new VectorSearchOptions<Grocery>
        {
            Filter = r => (r.Organic || r.Weight < 100) && !(r.Category == "Juice") && r.Brand != "Dole" && brands.Contains(r.Brand),
        }).ToListAsync();

        Assert.Empty(results);
        AssertJson("""
            {"must":[
              {"should":[{"key":"Organic","match":{"value":true}},{"key":"Weight","range":{"lt":100}}]},
              {"must_not":[{"key":"Category","match":{"value":"Juice"}}]},
              {"must_not":[{"key":"Brand","match":{"value":"Dole"}}]},
              {"key":"Brand","match":{"any":["Arla","Coop"]}}]}
            """, Single().Body!["filter"]);
    }

    [Fact]
    public async Task GetAsync_Keys_PostsIdsAndParsesDocumentedRecords()
    {
        var id = QdrantPointIds.FromString("g-1").ToString("D");
        _server.Respond($$$"""
            {"time":0.002,"status":"ok","result":[{"id":"{{{id}}}","payload":{"Id":"g-1","Category":"Apple","Brand":"Bio","Weight":60,"Organic":false},"vector":[0.5,0.5,0.5,0.5]}]}
            """);
        var collection = Collection();

        var records = await collection.GetAsync(["g-1", "missing"], new RecordRetrievalOptions { IncludeVectors = true }).ToListAsync();

        var request = Single();
        Assert.Equal(("POST", "/collections/groceries/points"), (request.Method, request.PathAndQuery));
        AssertJson($$"""{"ids":["{{id}}","{{QdrantPointIds.FromString("missing"):D}}"],"with_payload":true,"with_vector":true}""", request.Body);
        var record = Assert.Single(records);
        Assert.Equal(("g-1", "Apple", 60d), (record.Id, record.Category, record.Weight));
        Assert.Equal([0.5f, 0.5f, 0.5f, 0.5f], record.Vector);
    }

    [Fact]
    public async Task GetAsync_FilterWithOrderBy_ScrollsWithOrderAndSkipsClientSide()
    {
        _server.Respond("""
            {"time":0.002,"status":"ok","result":{"next_page_offset":null,"points":[
              {"id":1,"payload":{"Id":"a","Weight":300}},{"id":2,"payload":{"Id":"b","Weight":200}},{"id":3,"payload":{"Id":"c","Weight":100}}]}}
            """);
        var collection = Collection();

        var page = await collection.GetAsync(r => r.Organic, 2, new FilteredRecordRetrievalOptions<Grocery> { OrderBy = o => o.Descending(r => r.Weight), Skip = 1 }).ToListAsync();

        var request = Single();
        Assert.Equal(("POST", "/collections/groceries/points/scroll"), (request.Method, request.PathAndQuery));
        AssertJson("""
            {"limit":3,"with_payload":true,"with_vector":false,"filter":{"must":[{"key":"Organic","match":{"value":true}}]},
             "order_by":{"key":"Weight","direction":"desc"}}
            """, request.Body);
        Assert.Equal(["b", "c"], page.Select(r => r.Id));
    }

    [Fact]
    public async Task DeleteAsync_Keys_PostsPointIdsToDeleteWithWait()
    {
        _server.Respond(Completed);

        await Collection().DeleteAsync(["g-1", "g-2"]);

        var request = Single();
        Assert.Equal(("POST", "/collections/groceries/points/delete?wait=true"), (request.Method, request.PathAndQuery));
        AssertJson($$"""{"points":["{{QdrantPointIds.FromString("g-1"):D}}","{{QdrantPointIds.FromString("g-2"):D}}"]}""", request.Body);
    }

    [Fact]
    public async Task Snapshots_CreateAndList_ParseDocumentedSnapshotDescriptions()
    {
        const string Description = """{"name":"my-collection-3766212330831337-2024-07-22-08-31-55.snapshot","creation_time":"2022-08-04T10:49:10","size":1000000,"checksum":"a1b2c3d4e5f6a7b8c9d0e1f2a3b4c5d6e7f8a9b0c1d2e3f4a5b6c7d8e9f0"}""";
        _server.Respond($$$"""{"time":0.002,"status":"ok","result":{{{Description}}}}""")
            .Respond($$$"""{"time":1.1,"status":"ok","result":[{{{Description}}},{"name":"older.snapshot","size":1,"creation_time":null,"checksum":null}]}""");
        var client = new QdrantRestClient(_http);

        var created = await client.CreateSnapshotAsync("groceries");
        var listed = await client.ListSnapshotsAsync("groceries");

        var requests = _server.Requests.ToArray();
        Assert.Equal(("POST", "/collections/groceries/snapshots?wait=true"), (requests[0].Method, requests[0].PathAndQuery));
        Assert.Null(requests[0].Body);
        Assert.Equal(("GET", "/collections/groceries/snapshots"), (requests[1].Method, requests[1].PathAndQuery));
        Assert.Equal(new QdrantSnapshot("my-collection-3766212330831337-2024-07-22-08-31-55.snapshot", 1000000, "2022-08-04T10:49:10",
            "a1b2c3d4e5f6a7b8c9d0e1f2a3b4c5d6e7f8a9b0c1d2e3f4a5b6c7d8e9f0"), created);
        Assert.Equal([created, new QdrantSnapshot("older.snapshot", 1, null, null)], listed);
    }

    [Fact]
    public async Task StoreCalls_ListExistsDelete_UseDocumentedEndpoints()
    {
        _server.Respond("""{"time":0.002,"status":"ok","result":{"collections":[{"name":"arivx-title"},{"name":"groceries"}]}}""")
            .Respond("""{"time":0.002,"status":"ok","result":{"exists":true}}""")
            .Respond(Ok);
        using var store = new QdrantVectorStore(new QdrantRestClient(_http));

        var names = await store.ListCollectionNamesAsync().ToListAsync();
        var exists = await store.CollectionExistsAsync("groceries");
        await store.EnsureCollectionDeletedAsync("groceries");

        Assert.Equal(["arivx-title", "groceries"], names);
        Assert.True(exists);
        Assert.Equal(
            [("GET", "/collections"), ("GET", "/collections/groceries/exists"), ("DELETE", "/collections/groceries")],
            _server.Requests.Select(r => (r.Method, r.PathAndQuery)));
    }

    [Fact]
    public async Task UpsertAsync_QdrantError_ThrowsVectorStoreExceptionWithQdrantsMessage()
    {
        _server.Respond("""{"status":{"error":"Not found: Collection `groceries` doesn't exist!"},"time":0.000012}""", status: 404);

        var exception = await Assert.ThrowsAsync<VectorStoreException>(() => Collection().UpsertAsync(Grocery.Create(1, 4, seed: 1)));

        Assert.Contains("Collection `groceries` doesn't exist!", exception.Message);
        Assert.Equal(HttpStatusCode.NotFound, Assert.IsType<QdrantApiException>(exception.InnerException).StatusCode);
    }

    [Fact]
    public void FromString_SameKey_GivesSameVersion5Uuid()
    {
        var a = QdrantPointIds.FromString("apple/prototype/0");
        var b = QdrantPointIds.FromString("apple/prototype/0");
        var c = QdrantPointIds.FromString("apple/prototype/1");

        Assert.Equal(a, b);
        Assert.NotEqual(a, c);
        Assert.Equal('5', a.ToString("D")[14]); // version nibble
        Assert.Contains(a.ToString("D")[19], "89ab"); // RFC 4122 variant
    }

    [Fact]
    public void ToPointId_IntegerAndGuidKeys_AreUsedAsIs()
    {
        var guid = Guid.NewGuid();

        Assert.Equal("42", QdrantPointIds.ToPointId(42UL).ToJsonString());
        Assert.Equal($"\"{guid:D}\"", QdrantPointIds.ToPointId(guid).ToJsonString());
        Assert.Throws<ArgumentException>(() => QdrantPointIds.ToPointId(-1));
    }

    private QdrantVectorCollection<string, Grocery> Collection(QdrantVectorStoreOptions? options = null) =>
        new QdrantVectorStore(new QdrantRestClient(_http), options).GetCollection<string, Grocery>("groceries", Grocery.Definition(4));

    private RecordedRequest Single() => Assert.Single(_server.Requests);

    private static void AssertJson(string expected, JsonNode? actual) =>
        Assert.True(JsonNode.DeepEquals(JsonNode.Parse(expected), actual), $"expected {JsonNode.Parse(expected)!.ToJsonString()}\n  actual {actual?.ToJsonString()}");
}
