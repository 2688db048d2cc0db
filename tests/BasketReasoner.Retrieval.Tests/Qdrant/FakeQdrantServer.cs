using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Text.Json.Nodes;

namespace BasketReasoner.Retrieval.Tests.Qdrant;

/// <summary>
/// A fake standing in for Qdrant: a real HTTP listener on 127.0.0.1 that records every request (method, path and
/// query, JSON body, headers) and answers with the response the test scripted, typically a documented example from
/// Qdrant's API reference. It checks our side of the contract; it is not a Qdrant implementation.
/// </summary>
internal sealed class FakeQdrantServer : IDisposable
{
    private readonly HttpListener _listener = new();
    private readonly Task _loop;
    private readonly ConcurrentQueue<(int Status, string Body)> _responses = new();

    public FakeQdrantServer()
    {
        // HttpListener cannot bind port 0, so take a free port from the OS first.
        using (var probe = new TcpListener(IPAddress.Loopback, 0))
        {
            probe.Start();
            Port = ((IPEndPoint)probe.LocalEndpoint).Port;
            probe.Stop();
        }

        _listener.Prefixes.Add($"http://127.0.0.1:{Port}/");
        _listener.Start();
        _loop = Task.Run(LoopAsync);
    }

    public int Port { get; }

    public Uri Endpoint => new($"http://127.0.0.1:{Port}/");

    public ConcurrentQueue<RecordedRequest> Requests { get; } = new();

    /// <summary>Queues the answer for the next request (FIFO); with none queued the fake answers 500.</summary>
    public FakeQdrantServer Respond(string json, int status = 200)
    {
        _responses.Enqueue((status, json));
        return this;
    }

    public HttpClient CreateHttpClient() => new() { BaseAddress = Endpoint };

    public void Dispose()
    {
        _listener.Stop();
        _listener.Close();
        try
        {
            _loop.Wait(TimeSpan.FromSeconds(5));
        }
        catch (AggregateException)
        {
        }
    }

    private async Task LoopAsync()
    {
        while (_listener.IsListening)
        {
            HttpListenerContext context;
            try
            {
                context = await _listener.GetContextAsync();
            }
            catch (Exception exception) when (exception is HttpListenerException or ObjectDisposedException or InvalidOperationException)
            {
                return;
            }

            using var reader = new StreamReader(context.Request.InputStream, Encoding.UTF8);
            var body = await reader.ReadToEndAsync();
            Requests.Enqueue(new RecordedRequest(
                context.Request.HttpMethod,
                context.Request.Url!.PathAndQuery,
                body.Length == 0 ? null : JsonNode.Parse(body),
                context.Request.Headers["api-key"],
                context.Request.ContentType));
            var (status, json) = _responses.TryDequeue(out var scripted) ? scripted : (500, """{"status":{"error":"fake: no response scripted"},"time":0}""");
            var bytes = Encoding.UTF8.GetBytes(json);
            context.Response.StatusCode = status;
            context.Response.ContentType = "application/json";
            context.Response.ContentLength64 = bytes.Length;
            await context.Response.OutputStream.WriteAsync(bytes);
            context.Response.Close();
        }
    }
}

internal sealed record RecordedRequest(string Method, string PathAndQuery, JsonNode? Body, string? ApiKey, string? ContentType);
