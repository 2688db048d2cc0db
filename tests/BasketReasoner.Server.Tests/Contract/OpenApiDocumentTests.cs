using System.Text.Json;
using System.Text.Json.Nodes;
using BasketReasoner.Server.Tests.Infrastructure;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace BasketReasoner.Server.Tests.Contract;

/// <summary>
/// The committed OpenAPI document (docs/openapi/cart-api.json) is what the server serves, and it describes every
/// route the server maps except those left out on purpose. <c>scripts/openapi.sh</c> rewrites the file.
/// </summary>
[Collection(ServerCollection.Name)]
public sealed class OpenApiDocumentTests(ServerFixture fx)
{
    /// <summary>Set to 1 (scripts/openapi.sh does), the document test writes the served document instead of comparing.</summary>
    internal const string RegenerateVariable = "BASKET_REGENERATE_OPENAPI";

    internal const string DocumentRoute = "/openapi/v1.json";

    /// <summary>Routes the document leaves out, each with the reason.</summary>
    private static readonly Dictionary<string, string> Excluded = new(StringComparer.Ordinal)
    {
        ["/metrics"] = "Prometheus text exposition for a scraper; its contract is the metric names in the server's README.",
        ["/openapi/{documentName}.json"] = "The document itself.",
        ["/"] = "Redirects a browser to the screen.",
        ["/screen/"] = "The screen's page, for a browser.",
        ["/screen/{file}"] = "The screen's script and style, for a browser.",
        ["/v1/chat/completions"] = "OpenAI-compatible: its contract is OpenAI's chat-completions API, and its clients are OpenAI SDKs.",
        ["/v1/models"] = "OpenAI-compatible, as /v1/chat/completions.",
    };

    internal static string CommittedPath(ServerFixture fx) => Path.Combine(fx.RepoRoot, "docs", "openapi", "cart-api.json");

    [Fact]
    public async Task ServedDocument_ComparedWithTheCommittedFile_IsTheSame()
    {
        await using var server = await fx.StartAsync();
        using var http = server.Client(null);
        var served = Canonical(await http.GetStringAsync(DocumentRoute));
        var path = CommittedPath(fx);
        if (Environment.GetEnvironmentVariable(RegenerateVariable) == "1")
        {
            await File.WriteAllTextAsync(path, served);
            return;
        }

        var committed = File.Exists(path) ? Canonical(await File.ReadAllTextAsync(path)) : "";
        Assert.True(committed == served, $"docs/openapi/cart-api.json is not what the server serves at {DocumentRoute} ({FirstDifference(committed, served)}). "
            + "If the API change is intended, run scripts/openapi.sh and commit the document.");
    }

    [Fact]
    public async Task MappedRoutes_EveryOne_IsInTheDocumentOrExcludedWithAReason()
    {
        await using var server = await fx.StartAsync();
        using var http = server.Client(null);
        var paths = JsonNode.Parse(await http.GetStringAsync(DocumentRoute))!["paths"]!.AsObject();
        var mapped = ((IEndpointRouteBuilder)server.App).DataSources.SelectMany(d => d.Endpoints).OfType<RouteEndpoint>()
            .Select(e => (Path: "/" + e.RoutePattern.RawText!.TrimStart('/'), Methods: e.Metadata.GetMetadata<HttpMethodMetadata>()?.HttpMethods ?? ["GET"]))
            .ToList();

        var missing = mapped.Where(r => !Excluded.ContainsKey(r.Path))
            // HEAD beside a documented GET is that GET without its body: documented by it.
            .SelectMany(r => r.Methods.Where(m => paths[r.Path]?[m.ToLowerInvariant()] is null && !(m == "HEAD" && paths[r.Path]?["get"] is not null))
                .Select(m => $"{m} {r.Path}"))
            .ToList();
        Assert.True(missing.Count == 0, "Mapped but neither documented nor excluded: " + string.Join(", ", missing));
        Assert.Contains(mapped, r => r.Path == "/v1/carts/{cartId}/events");
        var documented = paths.Select(p => p.Key).ToList();
        Assert.DoesNotContain(documented, Excluded.ContainsKey);
        Assert.All(documented, p => Assert.Contains(mapped, r => r.Path == p));
        Assert.All(Excluded.Keys, p => Assert.Contains(mapped, r => r.Path == p));
    }

    [Fact]
    public async Task Document_CartOperations_NeedTheCartKeyAndAnswerErrorsAsProblems()
    {
        await using var server = await fx.StartAsync();
        using var http = server.Client(null);
        var paths = JsonNode.Parse(await http.GetStringAsync(DocumentRoute))!["paths"]!.AsObject();

        var post = paths["/v1/carts/{cartId}/events"]!["post"]!;
        Assert.Equal("PostEvent", post["operationId"]!.GetValue<string>());
        Assert.Equal("cart_key", Assert.Single(post["security"]!.AsArray()[0]!.AsObject()).Key);
        Assert.Equal("#/components/schemas/EventRequest", post["requestBody"]!["content"]!["application/json"]!["schema"]!["$ref"]!.GetValue<string>());
        Assert.Equal("#/components/schemas/EventResult", post["responses"]!["200"]!["content"]!["application/json"]!["schema"]!["$ref"]!.GetValue<string>());
        foreach (var status in new[] { "400", "401", "403", "404", "409", "413", "415", "429", "503", "507" })
        {
            Assert.NotNull(post["responses"]![status]!["content"]!["application/problem+json"]);
        }

        Assert.Null(paths["/v1/products/{productId}/image"]!["get"]!["security"]);
    }

    /// <summary>Indented, LF line ends, one final newline: what the committed file holds.</summary>
    internal static string Canonical(string json) =>
        JsonNode.Parse(json)!.ToJsonString(new JsonSerializerOptions { WriteIndented = true, Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping })
            .ReplaceLineEndings("\n") + "\n";

    internal static string FirstDifference(string expected, string actual)
    {
        var (a, b) = (expected.Split('\n'), actual.Split('\n'));
        for (var i = 0; i < Math.Max(a.Length, b.Length); i++)
        {
            var (x, y) = (i < a.Length ? a[i] : "<end>", i < b.Length ? b[i] : "<end>");
            if (x != y)
            {
                return $"first difference at line {i + 1}: committed '{x.Trim()}', served '{y.Trim()}'";
            }
        }

        return "same lines";
    }
}
