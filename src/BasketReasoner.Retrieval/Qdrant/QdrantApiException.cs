using System.Net;

namespace BasketReasoner.Retrieval.Qdrant;

/// <summary>A Qdrant REST call answered with a non-success status; <see cref="Exception.Message"/> carries Qdrant's own error text.</summary>
public sealed class QdrantApiException(HttpStatusCode statusCode, string message) : Exception(message)
{
    /// <summary>The HTTP status Qdrant answered with.</summary>
    public HttpStatusCode StatusCode { get; } = statusCode;
}
