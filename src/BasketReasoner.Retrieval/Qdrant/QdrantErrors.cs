using Grpc.Core;
using Microsoft.Extensions.VectorData;
using Qdrant.Client;

namespace BasketReasoner.Retrieval.Qdrant;

/// <summary>
/// Maps transport and server failures to the abstraction's <see cref="VectorStoreException"/>, as the other backends
/// do: gRPC statuses (unavailable, deadline exceeded, not found, invalid argument, …) and the client's own
/// <see cref="QdrantException"/>. Argument errors raised before a call pass through; a cancellation the caller asked
/// for stays an <see cref="OperationCanceledException"/>.
/// </summary>
internal static class QdrantErrors
{
    public static async Task<T> Run<T>(string? collection, string operation, Func<Task<T>> action, CancellationToken cancellationToken)
    {
        try
        {
            return await action().ConfigureAwait(false);
        }
        catch (RpcException exception) when (exception.StatusCode == StatusCode.Cancelled && cancellationToken.IsCancellationRequested)
        {
            throw new OperationCanceledException(exception.Message, exception, cancellationToken);
        }
        catch (Exception exception) when (exception is RpcException or QdrantException or HttpRequestException)
        {
            var detail = exception is RpcException rpc ? $"{rpc.StatusCode}: {rpc.Status.Detail}" : exception.Message;
            var where = collection is null ? "Qdrant" : $"Qdrant collection '{collection}'";
            throw new VectorStoreException($"{where}: {operation} failed ({detail}).", exception)
            {
                VectorStoreSystemName = QdrantVectorStore.SystemName,
                CollectionName = collection,
                OperationName = operation,
            };
        }
    }

    public static Task Run(string? collection, string operation, Func<Task> action, CancellationToken cancellationToken) =>
        Run<bool>(collection, operation, async () =>
        {
            await action().ConfigureAwait(false);
            return true;
        }, cancellationToken);
}
