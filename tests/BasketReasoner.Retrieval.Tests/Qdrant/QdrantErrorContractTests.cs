using BasketReasoner.Retrieval.Qdrant;
using BasketReasoner.Retrieval.Tests.Conformance;
using Grpc.Core;
using Microsoft.Extensions.VectorData;

namespace BasketReasoner.Retrieval.Tests.Qdrant;

/// <summary>
/// The error paths through the official client and <see cref="FakeQdrantGrpcServer"/> (a FAKE Qdrant): a refused
/// connection, a deadline the client enforces, a deadline or unavailability the server reports, and a missing
/// collection all surface as the <see cref="VectorStoreException"/> the other backends throw, with the gRPC status kept
/// as the inner exception; a cancellation the caller asked for stays an <see cref="OperationCanceledException"/>.
/// </summary>
public sealed class QdrantErrorContractTests : IDisposable
{
    private readonly FakeQdrantGrpcServer _server = new();

    public void Dispose() => _server.Dispose();

    [Fact]
    public async Task UpsertAsync_ServerUnreachable_ThrowsVectorStoreExceptionWithUnavailable()
    {
        var collection = await CollectionAsync();
        _server.Unreachable = true;

        var error = await Assert.ThrowsAsync<VectorStoreException>(() => collection.UpsertAsync(Grocery.Create(2, 4, seed: 1)));

        Assert.Equal(StatusCode.Unavailable, Assert.IsType<RpcException>(error.InnerException).StatusCode);
        Assert.Equal(("qdrant", "groceries", "Upsert"), (error.VectorStoreSystemName, error.CollectionName, error.OperationName));
    }

    [Fact]
    public async Task SearchAsync_ServerSlowerThanTheDeadline_ThrowsVectorStoreExceptionWithDeadlineExceeded()
    {
        // 2 s, not less: the same deadline covers the set-up calls, and a first gRPC call on a loaded CI machine (HTTP/2
        // connect, warm-up) once took longer than 200 ms. The server then answers in 10 s, far past it.
        var collection = await CollectionAsync(TimeSpan.FromSeconds(2));
        _server.Latency = TimeSpan.FromSeconds(10);

        var error = await Assert.ThrowsAsync<VectorStoreException>(async () => await collection.SearchAsync(new float[4], 3).ToListAsync());

        Assert.Equal(StatusCode.DeadlineExceeded, Assert.IsType<RpcException>(error.InnerException).StatusCode);
    }

    [Fact]
    public async Task AnyCall_WithRequestTimeout_SendsTheGrpcTimeoutHeader()
    {
        var collection = await CollectionAsync(TimeSpan.FromSeconds(5));

        await collection.GetAsync("g-1");

        Assert.All(_server.Requests, r => Assert.False(string.IsNullOrEmpty(r.GrpcTimeout)));
    }

    [Theory]
    [InlineData(StatusCode.DeadlineExceeded)]
    [InlineData(StatusCode.Unavailable)]
    [InlineData(StatusCode.ResourceExhausted)]
    [InlineData(StatusCode.Internal)]
    public async Task GetAsync_ServerAnswersErrorStatus_ThrowsVectorStoreExceptionWithThatStatus(StatusCode status)
    {
        var collection = await CollectionAsync();
        _server.FailNext(status, "Service internal error: injected by the fake");

        var error = await Assert.ThrowsAsync<VectorStoreException>(() => collection.GetAsync("g-1"));

        Assert.Equal(status, Assert.IsType<RpcException>(error.InnerException).StatusCode);
        Assert.Contains("injected by the fake", error.Message);
    }

    [Fact]
    public async Task SearchAsync_MissingCollection_ThrowsVectorStoreExceptionWithNotFound()
    {
        var collection = new QdrantVectorStore(_server.CreateClient()).GetCollection<string, Grocery>("missing", Grocery.Definition(4));

        var error = await Assert.ThrowsAsync<VectorStoreException>(async () => await collection.SearchAsync(new float[4], 3).ToListAsync());

        Assert.Equal(StatusCode.NotFound, Assert.IsType<RpcException>(error.InnerException).StatusCode);
        Assert.Contains("Collection `missing` doesn't exist", error.Message);
    }

    [Fact]
    public async Task GetAsync_CallerCancels_ThrowsOperationCanceled()
    {
        var collection = await CollectionAsync();
        _server.Latency = TimeSpan.FromSeconds(10);
        using var cancellation = new CancellationTokenSource(TimeSpan.FromMilliseconds(100));

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => collection.GetAsync("g-1", cancellationToken: cancellation.Token));
    }

    [Fact]
    public async Task ListCollectionNamesAsync_ServerUnreachable_ThrowsVectorStoreException()
    {
        using var store = new QdrantVectorStore(_server.CreateClient());
        _server.Unreachable = true;

        await Assert.ThrowsAsync<VectorStoreException>(async () => await store.ListCollectionNamesAsync().ToListAsync());
    }

    private async Task<QdrantVectorCollection<string, Grocery>> CollectionAsync(TimeSpan grpcTimeout = default)
    {
        var collection = new QdrantVectorStore(_server.CreateClient(grpcTimeout)).GetCollection<string, Grocery>("groceries", Grocery.Definition(4));
        await collection.EnsureCollectionExistsAsync();
        return collection;
    }
}
