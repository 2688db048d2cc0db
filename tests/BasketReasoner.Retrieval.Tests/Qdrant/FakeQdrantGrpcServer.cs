using System.Buffers.Binary;
using System.Collections.Concurrent;
using System.Net;
using System.Net.Http.Headers;
using Google.Protobuf;
using Grpc.Core;
using Grpc.Net.Client;
using Qdrant.Client;
using Qdrant.Client.Grpc;

namespace BasketReasoner.Retrieval.Tests.Qdrant;

/// <summary>
/// A FAKE Qdrant server (no real Qdrant can be installed on these machines): an <see cref="HttpMessageHandler"/> placed
/// under the official client's <see cref="GrpcChannel"/>. It decodes each gRPC request (5-byte length-prefixed protobuf
/// frame) with the Qdrant.Client package's own message types, checks it against Qdrant's documented semantics
/// (<see cref="FakeQdrantCollections"/>), and answers with a well-formed gRPC response: one frame and a
/// <c>grpc-status</c> trailer, or a trailers-only error status.
/// </summary>
/// <remarks>Every decoded request is kept in <see cref="Requests"/> so contract tests can check what the connector sent.</remarks>
public sealed class FakeQdrantGrpcServer : HttpMessageHandler
{
    private readonly ConcurrentQueue<(StatusCode Status, string Detail)> _failures = new();

    /// <summary>The server state: collections, points, payload indexes, snapshots.</summary>
    public FakeQdrantCollections State { get; } = new();

    /// <summary>Every request, decoded, in arrival order.</summary>
    public ConcurrentQueue<FakeGrpcRequest> Requests { get; } = new();

    /// <summary>When set, every call fails as a refused connection does (the client reports <c>Unavailable</c>).</summary>
    public bool Unreachable { get; set; }

    /// <summary>When set, the server holds every call this long before answering (the client's deadline may fire first).</summary>
    public TimeSpan Latency { get; set; }

    /// <summary>The next call is answered with <paramref name="status"/> instead of being served.</summary>
    public void FailNext(StatusCode status, string detail) => _failures.Enqueue((status, detail));

    /// <summary>The official client over this fake: <c>GrpcChannel</c> with this handler, then <c>QdrantGrpcClient</c>.</summary>
    public QdrantClient CreateClient(TimeSpan grpcTimeout = default)
    {
        var channel = GrpcChannel.ForAddress("http://fake-qdrant:6334", new GrpcChannelOptions { HttpHandler = this, DisposeHttpClient = false });
        return new QdrantClient(new QdrantGrpcClient(channel), grpcTimeout);
    }

    /// <summary>The requests of one gRPC method (<c>/qdrant.Points/Upsert</c>), decoded as <typeparamref name="T"/>.</summary>
    public List<T> RequestsOf<T>(string method)
        where T : IMessage => [.. Requests.Where(r => r.Method == method).Select(r => (T)r.Message)];

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        if (Unreachable)
        {
            // What SocketsHttpHandler throws when nothing listens on the port.
            throw new HttpRequestException(HttpRequestError.ConnectionError, "Connection refused (fake-qdrant:6334)",
                new System.Net.Sockets.SocketException((int)System.Net.Sockets.SocketError.ConnectionRefused));
        }

        if (request.Content?.Headers.ContentType?.MediaType != "application/grpc" || request.Method != HttpMethod.Post)
        {
            return new HttpResponseMessage(HttpStatusCode.UnsupportedMediaType);
        }

        var body = await request.Content.ReadAsByteArrayAsync(cancellationToken);
        if (body.Length < 5 || body[0] != 0 || BinaryPrimitives.ReadUInt32BigEndian(body.AsSpan(1)) != body.Length - 5)
        {
            return TrailersOnly(StatusCode.Internal, "Malformed gRPC frame: expected one uncompressed length-prefixed message.");
        }

        var method = request.RequestUri!.AbsolutePath;
        if (Latency > TimeSpan.Zero)
        {
            await Task.Delay(Latency, cancellationToken);
        }

        var message = FakeQdrantCollections.Decode(method, body.AsMemory(5));
        if (message is null)
        {
            return TrailersOnly(StatusCode.Unimplemented, $"Method {method} is not served by the fake.");
        }

        Requests.Enqueue(new FakeGrpcRequest(method, message, request.Headers.TryGetValues("grpc-timeout", out var timeout) ? timeout.Single() : null));
        if (_failures.TryDequeue(out var failure))
        {
            return TrailersOnly(failure.Status, failure.Detail);
        }

        try
        {
            return Ok(State.Handle(message));
        }
        catch (FakeQdrantStatusException status)
        {
            return TrailersOnly(status.Status, status.Message);
        }
    }

    private static HttpResponseMessage Ok(IMessage reply)
    {
        var payload = reply.ToByteArray();
        var frame = new byte[payload.Length + 5];
        BinaryPrimitives.WriteUInt32BigEndian(frame.AsSpan(1), (uint)payload.Length);
        payload.CopyTo(frame, 5);
        var response = new HttpResponseMessage(HttpStatusCode.OK) { Version = HttpVersion.Version20, Content = new ByteArrayContent(frame) };
        response.Content.Headers.ContentType = new MediaTypeHeaderValue("application/grpc");
        response.TrailingHeaders.Add("grpc-status", "0");
        return response;
    }

    // A gRPC error without a body carries its status in the response headers ("trailers-only").
    private static HttpResponseMessage TrailersOnly(StatusCode status, string detail)
    {
        var response = new HttpResponseMessage(HttpStatusCode.OK) { Version = HttpVersion.Version20, Content = new ByteArrayContent([]) };
        response.Content.Headers.ContentType = new MediaTypeHeaderValue("application/grpc");
        response.Headers.Add("grpc-status", ((int)status).ToString(System.Globalization.CultureInfo.InvariantCulture));
        response.Headers.Add("grpc-message", Uri.EscapeDataString(detail));
        return response;
    }
}

/// <summary>One decoded request: the gRPC method path, its message, and the <c>grpc-timeout</c> header the client sent.</summary>
public sealed record FakeGrpcRequest(string Method, IMessage Message, string? GrpcTimeout);

/// <summary>A request the fake refuses, with the status Qdrant documents for it.</summary>
public sealed class FakeQdrantStatusException(StatusCode status, string message) : Exception(message)
{
    public StatusCode Status { get; } = status;
}
