using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace BasketReasoner.Retrieval.Qdrant;

/// <summary>
/// A small client for Qdrant's REST API (the Qdrant.Client package is gRPC and not available here): collections,
/// payload indexes, points (upsert, query, retrieve, scroll, delete) and collection snapshots. Requests and responses
/// follow Qdrant's OpenAPI document; writes pass <c>wait=true</c> so a completed call is visible to the next one.
/// </summary>
/// <remarks>Thread-safe as long as the <see cref="HttpClient"/> is. Errors throw <see cref="QdrantApiException"/>.</remarks>
public sealed class QdrantRestClient
{
    private readonly HttpClient _http;

    /// <summary>Uses <paramref name="http"/>, whose <see cref="HttpClient.BaseAddress"/> must point at Qdrant's REST port.</summary>
    /// <param name="apiKey">Sent as the <c>api-key</c> header when given.</param>
    public QdrantRestClient(HttpClient http, string? apiKey = null)
    {
        ArgumentNullException.ThrowIfNull(http);
        if (http.BaseAddress is null)
        {
            throw new ArgumentException("HttpClient.BaseAddress must be set to the Qdrant REST endpoint.", nameof(http));
        }

        _http = http;
        ApiKey = apiKey;
    }

    /// <summary>The <c>api-key</c> header value, if any.</summary>
    public string? ApiKey { get; }

    /// <summary><c>PUT /collections/{name}</c> with one unnamed dense vector and HNSW parameters.</summary>
    public async Task CreateCollectionAsync(string name, QdrantCollectionConfig config, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(config);
        var body = new JsonObject
        {
            ["vectors"] = new JsonObject { ["size"] = config.Size, ["distance"] = config.Distance },
            ["hnsw_config"] = new JsonObject { ["m"] = config.HnswM, ["ef_construct"] = config.HnswEfConstruct },
        };
        using var _ = await SendAsync(HttpMethod.Put, Collection(name), body, cancellationToken).ConfigureAwait(false);
    }

    /// <summary><c>GET /collections/{name}/exists</c>.</summary>
    public async Task<bool> CollectionExistsAsync(string name, CancellationToken cancellationToken = default)
    {
        using var response = await SendAsync(HttpMethod.Get, Collection(name) + "/exists", null, cancellationToken).ConfigureAwait(false);
        return response.RootElement.GetProperty("result").GetProperty("exists").GetBoolean();
    }

    /// <summary><c>DELETE /collections/{name}</c>; Qdrant answers <c>result: false</c> (not an error) for a missing collection.</summary>
    public async Task<bool> DeleteCollectionAsync(string name, CancellationToken cancellationToken = default)
    {
        using var response = await SendAsync(HttpMethod.Delete, Collection(name), null, cancellationToken).ConfigureAwait(false);
        return response.RootElement.GetProperty("result").GetBoolean();
    }

    /// <summary><c>GET /collections</c>: the collection names.</summary>
    public async Task<IReadOnlyList<string>> ListCollectionsAsync(CancellationToken cancellationToken = default)
    {
        using var response = await SendAsync(HttpMethod.Get, "collections", null, cancellationToken).ConfigureAwait(false);
        return [.. response.RootElement.GetProperty("result").GetProperty("collections").EnumerateArray()
            .Select(c => c.GetProperty("name").GetString()!)];
    }

    /// <summary>
    /// <c>PUT /collections/{name}/index?wait=true</c>: a payload index on <paramref name="field"/> with schema
    /// <c>keyword</c>, <c>integer</c>, <c>float</c>, <c>bool</c>, <c>uuid</c>, <c>datetime</c> or <c>text</c>.
    /// </summary>
    public async Task CreatePayloadIndexAsync(string name, string field, string schema, CancellationToken cancellationToken = default)
    {
        var body = new JsonObject { ["field_name"] = field, ["field_schema"] = schema };
        using var _ = await SendAsync(HttpMethod.Put, Collection(name) + "/index?wait=true", body, cancellationToken).ConfigureAwait(false);
    }

    /// <summary><c>PUT /collections/{name}/points?wait=true</c> with every point in one request.</summary>
    public async Task UpsertPointsAsync(string name, IEnumerable<QdrantPoint> points, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(points);
        var array = new JsonArray();
        foreach (var point in points)
        {
            array.Add(new JsonObject
            {
                ["id"] = point.Id.DeepClone(),
                ["vector"] = Vector(point.Vector.Span),
                ["payload"] = point.Payload.DeepClone(),
            });
        }

        using var _ = await SendAsync(HttpMethod.Put, Collection(name) + "/points?wait=true", new JsonObject { ["points"] = array }, cancellationToken).ConfigureAwait(false);
    }

    /// <summary><c>POST /collections/{name}/points/query</c>: nearest neighbours of a dense vector, best first.</summary>
    public async Task<IReadOnlyList<QdrantScoredPoint>> QueryPointsAsync(string name, QdrantQuery query, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(query);
        var body = new JsonObject
        {
            ["query"] = Vector(query.Vector.Span),
            ["limit"] = query.Limit,
            ["offset"] = query.Offset,
            ["with_payload"] = query.WithPayload,
            ["with_vector"] = query.WithVector,
        };
        if (query.Filter is not null)
        {
            body["filter"] = query.Filter.DeepClone();
        }

        if (query.ScoreThreshold is { } threshold)
        {
            body["score_threshold"] = threshold;
        }

        if (query.HnswEf is { } ef)
        {
            body["params"] = new JsonObject { ["hnsw_ef"] = ef };
        }

        using var response = await SendAsync(HttpMethod.Post, Collection(name) + "/points/query", body, cancellationToken).ConfigureAwait(false);
        return ReadPoints(response.RootElement.GetProperty("result").GetProperty("points"));
    }

    /// <summary><c>POST /collections/{name}/points</c>: the points with these ids that exist.</summary>
    public async Task<IReadOnlyList<QdrantScoredPoint>> RetrievePointsAsync(
        string name, IEnumerable<JsonNode> ids, bool withVector, CancellationToken cancellationToken = default)
    {
        var body = new JsonObject
        {
            ["ids"] = new JsonArray([.. ids.Select(i => i.DeepClone())]),
            ["with_payload"] = true,
            ["with_vector"] = withVector,
        };
        using var response = await SendAsync(HttpMethod.Post, Collection(name) + "/points", body, cancellationToken).ConfigureAwait(false);
        return ReadPoints(response.RootElement.GetProperty("result"));
    }

    /// <summary>
    /// <c>POST /collections/{name}/points/scroll</c>: up to <paramref name="limit"/> points matching
    /// <paramref name="filter"/>, optionally ordered by one payload field (which needs a range-capable payload index).
    /// </summary>
    public async Task<IReadOnlyList<QdrantScoredPoint>> ScrollPointsAsync(
        string name, JsonObject? filter, int limit, bool withVector, (string Key, bool Ascending)? orderBy = null, CancellationToken cancellationToken = default)
    {
        var body = new JsonObject { ["limit"] = limit, ["with_payload"] = true, ["with_vector"] = withVector };
        if (filter is not null)
        {
            body["filter"] = filter.DeepClone();
        }

        if (orderBy is { } order)
        {
            body["order_by"] = new JsonObject { ["key"] = order.Key, ["direction"] = order.Ascending ? "asc" : "desc" };
        }

        using var response = await SendAsync(HttpMethod.Post, Collection(name) + "/points/scroll", body, cancellationToken).ConfigureAwait(false);
        return ReadPoints(response.RootElement.GetProperty("result").GetProperty("points"));
    }

    /// <summary><c>POST /collections/{name}/points/delete?wait=true</c> by id; missing ids are ignored by Qdrant.</summary>
    public async Task DeletePointsAsync(string name, IEnumerable<JsonNode> ids, CancellationToken cancellationToken = default)
    {
        var body = new JsonObject { ["points"] = new JsonArray([.. ids.Select(i => i.DeepClone())]) };
        using var _ = await SendAsync(HttpMethod.Post, Collection(name) + "/points/delete?wait=true", body, cancellationToken).ConfigureAwait(false);
    }

    /// <summary><c>POST /collections/{name}/snapshots?wait=true</c>: creates a snapshot of the collection on the node.</summary>
    public async Task<QdrantSnapshot> CreateSnapshotAsync(string name, CancellationToken cancellationToken = default)
    {
        using var response = await SendAsync(HttpMethod.Post, Collection(name) + "/snapshots?wait=true", null, cancellationToken).ConfigureAwait(false);
        return ReadSnapshot(response.RootElement.GetProperty("result"));
    }

    /// <summary><c>GET /collections/{name}/snapshots</c>.</summary>
    public async Task<IReadOnlyList<QdrantSnapshot>> ListSnapshotsAsync(string name, CancellationToken cancellationToken = default)
    {
        using var response = await SendAsync(HttpMethod.Get, Collection(name) + "/snapshots", null, cancellationToken).ConfigureAwait(false);
        return [.. response.RootElement.GetProperty("result").EnumerateArray().Select(ReadSnapshot)];
    }

    private static string Collection(string name)
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        return "collections/" + Uri.EscapeDataString(name);
    }

    private static JsonArray Vector(ReadOnlySpan<float> vector)
    {
        var array = new JsonArray();
        foreach (var x in vector)
        {
            array.Add(x);
        }

        return array;
    }

    private static QdrantSnapshot ReadSnapshot(JsonElement e) => new(
        e.GetProperty("name").GetString()!,
        e.GetProperty("size").GetInt64(),
        e.TryGetProperty("creation_time", out var time) && time.ValueKind == JsonValueKind.String ? time.GetString() : null,
        e.TryGetProperty("checksum", out var sum) && sum.ValueKind == JsonValueKind.String ? sum.GetString() : null);

    private static List<QdrantScoredPoint> ReadPoints(JsonElement points)
    {
        var list = new List<QdrantScoredPoint>(points.GetArrayLength());
        foreach (var p in points.EnumerateArray())
        {
            var id = JsonNode.Parse(p.GetProperty("id").GetRawText())!;
            var score = p.TryGetProperty("score", out var s) && s.ValueKind == JsonValueKind.Number ? s.GetDouble() : 0;
            var payload = p.TryGetProperty("payload", out var pl) && pl.ValueKind == JsonValueKind.Object
                ? JsonNode.Parse(pl.GetRawText())!.AsObject()
                : null;
            float[]? vector = null;
            if (p.TryGetProperty("vector", out var v) && v.ValueKind == JsonValueKind.Array)
            {
                vector = new float[v.GetArrayLength()];
                var i = 0;
                foreach (var x in v.EnumerateArray())
                {
                    vector[i++] = x.GetSingle();
                }
            }

            list.Add(new QdrantScoredPoint(id, score, payload, vector));
        }

        return list;
    }

    private async Task<JsonDocument> SendAsync(HttpMethod method, string path, JsonNode? body, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(method, path);
        if (ApiKey is not null)
        {
            request.Headers.Add("api-key", ApiKey);
        }

        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
        if (body is not null)
        {
            request.Content = new StringContent(body.ToJsonString(), Encoding.UTF8, "application/json");
        }

        using var response = await _http.SendAsync(request, cancellationToken).ConfigureAwait(false);
        var text = await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false);
        if (!response.IsSuccessStatusCode)
        {
            throw new QdrantApiException(response.StatusCode, $"Qdrant {method} /{path} answered {(int)response.StatusCode} {response.StatusCode}: {ErrorText(text)}");
        }

        try
        {
            return JsonDocument.Parse(text);
        }
        catch (JsonException exception)
        {
            throw new QdrantApiException(HttpStatusCode.BadGateway, $"Qdrant {method} /{path} answered with invalid JSON: {exception.Message}");
        }
    }

    // Qdrant reports errors as {"status": {"error": "..."}, "time": ...}.
    private static string ErrorText(string body)
    {
        try
        {
            using var document = JsonDocument.Parse(body);
            if (document.RootElement.TryGetProperty("status", out var status) && status.ValueKind == JsonValueKind.Object
                && status.TryGetProperty("error", out var error))
            {
                return error.GetString() ?? body;
            }
        }
        catch (JsonException)
        {
        }

        return body.Length > 500 ? body[..500] : body;
    }
}
