using System.Text.Json;
using BasketReasoner.Core.Serialization;
using Microsoft.AspNetCore.Http;
using Microsoft.Net.Http.Headers;

namespace BasketReasoner.Server.Api;

/// <summary>
/// Reads a request body strictly: the content type must be exactly <c>application/json</c> (charset, if given, UTF-8),
/// a field may appear only once, a field the request does not have is an error, and every failure is told in the
/// API's own words (field names as on the wire, never .NET type names).
/// </summary>
internal static partial class StrictJson
{
    /// <exception cref="BadHttpRequestException">415 for another content type, 400 for anything malformed.</exception>
    public static async Task<T?> ReadAsync<T>(HttpRequest request)
        where T : class
    {
        CheckContentType(request.ContentType);
        try
        {
            return await JsonSerializer.DeserializeAsync<T>(request.Body, ServerJson.Options, request.HttpContext.RequestAborted).ConfigureAwait(false);
        }
        catch (JsonException ex)
        {
            throw new BadHttpRequestException(Describe(ex), 400);
        }
    }

    /// <exception cref="BadHttpRequestException">415: not <c>application/json</c>.</exception>
    public static void CheckContentType(string? contentType)
    {
        if (contentType is null || !MediaTypeHeaderValue.TryParse(contentType, out var media)
            || !media.MediaType.Equals("application/json", StringComparison.OrdinalIgnoreCase)
            || (media.Charset.HasValue && !media.Charset.Equals("utf-8", StringComparison.OrdinalIgnoreCase))
            || media.Parameters.Any(p => !p.Name.Equals("charset", StringComparison.OrdinalIgnoreCase)))
        {
            throw new BadHttpRequestException($"Content-Type must be application/json (UTF-8), not '{contentType ?? "missing"}'.", 415);
        }
    }

    /// <summary>A JSON failure as one sentence naming the field, in the API's words.</summary>
    public static string Describe(JsonException ex)
    {
        var field = Field(ex.Path);
        var where = ex.LineNumber is { } line ? $" (line {line + 1}, byte {ex.BytePositionInLine + 1})" : "";
        var message = ex.Message;
        if (DuplicateField(ex) is { } twice)
        {
            return $"'{twice}' appears twice{where}: send each field once.";
        }

        if (IsDuplicate(message))
        {
            return $"A field appears twice{(field is null ? "" : $" near '{field}'")}{where}: send each field once.";
        }

        if (message.Contains("could not be mapped", StringComparison.Ordinal))
        {
            var name = JsonMessages.Quoted(message);
            return $"'{name ?? field}' is not a field of this request{where}.";
        }

        // The reader's limit on nested objects and arrays: not malformed, just deeper than this API reads.
        if (DepthLimit().Match(message) is { Success: true } depth)
        {
            return $"The JSON is nested too deep (limit {depth.Groups[1].Value}){where}: no request of this API nests objects and arrays that far.";
        }

        if (message.Contains("could not be converted", StringComparison.Ordinal) && field is null)
        {
            return $"The body must be a JSON object{where}.";
        }

        if (message.Contains("could not be converted", StringComparison.Ordinal) && field is not null)
        {
            return $"'{field}' has the wrong type{where}: it must be {Expected(field)}.";
        }

        return $"Malformed JSON{where}: the body is not well-formed JSON.";
    }

    /// <summary>
    /// The field a duplicate-key failure names: the serializer's path (<c>frames[0].camera</c>), or, from a
    /// <see cref="JsonDocument"/> that has no path, the key its message quotes ("Duplicate property 'a' ...").
    /// </summary>
    public static string? DuplicateField(JsonException ex) =>
        !IsDuplicate(ex.Message) ? null : Field(ex.Path) ?? JsonMessages.Quoted(ex.Message);

    private static bool IsDuplicate(string message) => message.Contains("duplicate", StringComparison.OrdinalIgnoreCase);

    // System.Text.Json's Utf8JsonReader: "The maximum configured depth of 64 has been exceeded. ..."
    [System.Text.RegularExpressions.GeneratedRegex(@"maximum configured depth of (\d+) has been exceeded")]
    private static partial System.Text.RegularExpressions.Regex DepthLimit();

    // "$.frames[0].jpeg" → "frames[0].jpeg".
    private static string? Field(string? path) => path is null or "$" ? null : path.StartsWith("$.", StringComparison.Ordinal) ? path[2..] : path.TrimStart('$');


    private static string Expected(string field)
    {
        var leaf = field[(field.LastIndexOf('.') + 1)..];
        var bracket = leaf.IndexOf('[');
        leaf = bracket >= 0 ? leaf[..bracket] : leaf;
        return leaf switch
        {
            "weight_delta_g" => "a number of grams or null",
            "frames" => "an array of {camera, jpeg} or {camera, before, after} objects",
            "product_id" => "a product id string or null",
            "samples" => "an array of {t_ms, grams} readings",
            "t_ms" => "a number of milliseconds",
            "grams" => "a number of grams",
            _ => "a string",
        };
    }
}
