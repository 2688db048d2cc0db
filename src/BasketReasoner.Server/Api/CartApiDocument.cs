using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.OpenApi;

namespace BasketReasoner.Server.Api;

/// <summary>
/// The cart API's OpenAPI document, served at <see cref="Route"/> and committed as <c>docs/openapi/cart-api.json</c>
/// (a test fails while the two differ; <c>scripts/openapi.sh</c> rewrites it). It covers the cart API, product
/// images and health; the screen's files, <c>/metrics</c> and the OpenAI-compatible chat API (whose contract is
/// OpenAI's) are left out on purpose.
/// </summary>
internal static class CartApiDocument
{
    public const string Name = "v1";

    public const string Route = "/openapi/{documentName}.json";

    /// <summary>The bearer scheme every <c>/v1/carts/{cartId}/...</c> operation needs.</summary>
    public const string CartKeyScheme = "cart_key";

    private const string HealthTag = "Health";

    public static void AddCartApiDocument(this IServiceCollection services) => services.AddOpenApi(Name, o =>
    {
        // 3.0, not 3.1: client generators (NSwag, Kiota, openapi-generator) read 3.0's nullable reliably.
        o.OpenApiVersion = OpenApiSpecVersion.OpenApi3_0;
        o.AddSchemaTransformer((schema, context, _) =>
        {
            Simplify(schema, context.JsonTypeInfo.Type);
            return Task.CompletedTask;
        });
        o.AddDocumentTransformer((doc, _, _) =>
        {
            Describe(doc);
            return Task.CompletedTask;
        });
    });

    public static void MapCartApiDocument(this IEndpointRouteBuilder app) => app.MapOpenApi(Route);

    // The wire JSON reads "NaN" and "Infinity" only to refuse them by name (ServerJson), and the server never writes
    // them, so a number is a plain number here, not an any-of a number and those strings; and an enum is a string.
    private static void Simplify(OpenApiSchema schema, Type type)
    {
        var nullable = Nullable.GetUnderlyingType(type) is not null;
        var plain = Nullable.GetUnderlyingType(type) ?? type;
        if (plain == typeof(double) || plain == typeof(float))
        {
            schema.AnyOf = null;
            schema.Type = nullable ? JsonSchemaType.Number | JsonSchemaType.Null : JsonSchemaType.Number;
        }
        else if (plain.IsEnum && schema.Enum is { Count: > 0 })
        {
            schema.Type = JsonSchemaType.String;
        }
    }

    private static void Describe(OpenApiDocument doc)
    {
        doc.Info = new OpenApiInfo
        {
            Title = "BasketReasoner cart API",
            Version = Name,
            Description = "What a smart cart sends to `basket serve` (events with camera frames and the scale's weight, the shopper's "
                + "confirmations and questions) and reads back (the decided event, the basket, a live stream). Every error is an "
                + "RFC 7807 problem whose `detail` says what to fix. Bodies are snake_case JSON.",
        };

        // The document would otherwise name the address it was fetched from, which differs per deployment and per test run.
        doc.Servers = [];
        doc.Components ??= new OpenApiComponents();
        doc.Components.SecuritySchemes ??= new Dictionary<string, IOpenApiSecurityScheme>();
        doc.Components.SecuritySchemes[CartKeyScheme] = new OpenApiSecurityScheme
        {
            Type = SecuritySchemeType.Http,
            Scheme = "bearer",
            Description = "The cart's API key (Server:Carts or Server:CartKeysFile): `Authorization: Bearer KEY`. A key opens its own cart only.",
        };

        foreach (var (path, item) in doc.Paths)
        {
            if (path.StartsWith("/v1/carts/", StringComparison.Ordinal) && item.Operations is { } operations)
            {
                foreach (var operation in operations.Values)
                {
                    operation.Security = [new OpenApiSecurityRequirement { [new OpenApiSecuritySchemeReference(CartKeyScheme, doc)] = [] }];
                }
            }
        }

        AddHealth(doc);
    }

    // MapHealthChecks endpoints are middleware, not route handlers, so the API explorer does not see them; they are
    // described here as they answer: plain text, 200 Healthy or 503 Unhealthy.
    private static void AddHealth(OpenApiDocument doc)
    {
        doc.Tags ??= new HashSet<OpenApiTag>();
        doc.Tags.Add(new OpenApiTag { Name = HealthTag });
        doc.Paths["/health/live"] = Health(doc, "GetLive", "Liveness: the process answers (no check runs).");
        doc.Paths["/health/ready"] = Health(doc, "GetReady", "Readiness: the pipeline is open and the durable log was replayed.");
        doc.Paths["/health"] = Health(doc, "GetHealth", "The same as /health/ready.");
    }

    private static OpenApiPathItem Health(OpenApiDocument doc, string id, string summary)
    {
        var operation = new OpenApiOperation
        {
            OperationId = id,
            Summary = summary,
            Tags = new HashSet<OpenApiTagReference> { new(HealthTag, doc) },
            Responses = new OpenApiResponses
            {
                ["200"] = Text("Healthy."),
                ["503"] = Text("Unhealthy (not ready yet, or a check failed)."),
            },
        };
        return new OpenApiPathItem { Operations = new Dictionary<HttpMethod, OpenApiOperation> { [HttpMethod.Get] = operation } };
    }

    private static OpenApiResponse Text(string description) => new()
    {
        Description = description,
        Content = new Dictionary<string, OpenApiMediaType> { ["text/plain"] = new() { Schema = new OpenApiSchema { Type = JsonSchemaType.String } } },
    };
}
