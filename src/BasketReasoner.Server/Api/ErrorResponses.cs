using System.Diagnostics;
using System.Text.RegularExpressions;
using BasketReasoner.Server.Carts;
using BasketReasoner.Server.Chat;
using BasketReasoner.Server.Durability;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace BasketReasoner.Server.Api;

/// <summary>
/// Every error answer has a body that says what happened: an RFC 7807 problem with a <c>detail</c> on the cart API,
/// an OpenAI-shaped <c>{"error": {...}}</c> on <c>/v1/chat/*</c> and <c>/v1/models</c>. Known failures keep their
/// status (a refused request 409/429/503, a failed disk 503/507, each with <c>Retry-After</c>); anything else is a
/// 500 whose detail carries the trace id that the server log shows with the exception. Bodiless errors (an unknown
/// route, a wrong method) get the same bodies.
/// </summary>
internal static partial class ErrorResponses
{
    public static void AddErrorResponses(this IServiceCollection services)
    {
        services.AddProblemDetails();

        // A query or route value that does not bind (grams=abc) is otherwise a bare 400 whose reason only the log sees.
        services.Configure<Microsoft.AspNetCore.Routing.RouteHandlerOptions>(o => o.ThrowOnBadRequest = true);
    }

    public static void UseErrorResponses(this WebApplication app)
    {
        app.UseExceptionHandler(new ExceptionHandlerOptions
        {
            ExceptionHandler = HandleAsync,

            // A client's mistake is answered, not logged as a server failure.
            SuppressDiagnosticsCallback = c => c.Exception is BadHttpRequestException,
        });
        app.UseStatusCodePages(new StatusCodePagesOptions { HandleAsync = c => WriteEmptyAsync(c.HttpContext) });

        // No route takes a query parameter twice: binding would read "q=a&q=b" as "a,b" (or "grams=1&grams=2" as the
        // number "1,2"), a value the client never sent. Refused naming the parameter, before routing binds it.
        app.Use(async (http, next) =>
        {
            if (http.Request.Query.FirstOrDefault(p => p.Value.Count > 1) is { Key: { } name })
            {
                var detail = $"The query parameter '{name}' is given {http.Request.Query[name].Count} times; send it once.";
                await (IsOpenAi(http.Request.Path) ? OpenAiErrors.Of(400, detail, name) : Problems.Of(400, detail)).ExecuteAsync(http).ConfigureAwait(false);
                return;
            }

            await next(http).ConfigureAwait(false);
        });
    }

    /// <summary>The answer for an exception this server knows how to describe, or <c>null</c>.</summary>
    public static IResult? Known(HttpContext http, Exception ex) => ex switch
    {
        CartRejectedException r when r.RetryAfter is { } after => Problems.Retry(http, r.Status, r.Message, after),
        CartRejectedException r => Problems.Of(r.Status, r.Message),
        StorageUnavailableException s => Problems.Retry(http, s.DiskFull ? 507 : 503, s.Message, s.RetryAfter),
        BadHttpRequestException b => Problems.Of(b.StatusCode, Plain(b.Message)),
        _ => null,
    };

    /// <summary>
    /// A parameter-binding message in the client's terms: the parameter and the value it got, without .NET type names
    /// ("Failed to bind parameter "double? grams" from "abc"." → "'grams' must be a number, not 'abc'.").
    /// </summary>
    public static string Plain(string message)
    {
        var bind = FailedToBind().Match(message);
        if (bind.Success)
        {
            var type = bind.Groups["type"].Value.Replace("Nullable<", "", StringComparison.Ordinal).TrimEnd('?', '>');
            var expected = type[(type.LastIndexOf('.') + 1)..].ToLowerInvariant() switch
            {
                "double" or "float" or "single" or "decimal" => "a number",
                "int" or "int32" or "long" or "int64" or "short" or "int16" => "a whole number",
                "bool" or "boolean" => "true or false",
                "guid" => "a GUID",
                _ => "a valid value",
            };
            var value = bind.Groups["value"].Value;
            return $"'{bind.Groups["name"].Value}' must be {expected}, not '{(value.Length > 40 ? value[..40] + "…" : value)}'.";
        }

        var missing = RequiredMissing().Match(message);
        return missing.Success ? $"'{missing.Groups["name"].Value}' is required." : message;
    }

    [GeneratedRegex(@"^Failed to bind parameter ""(?<type>[\w.?<>\[\]]+) (?<name>\w+)"" from ""(?<value>.*)""\.$", RegexOptions.Singleline)]
    private static partial Regex FailedToBind();

    [GeneratedRegex(@"^Required parameter ""[\w.?<>\[\]]+ (?<name>\w+)"" was not provided", RegexOptions.Singleline)]
    private static partial Regex RequiredMissing();

    /// <summary>Whether <paramref name="path"/> is on the OpenAI-compatible API (errors in OpenAI's shape).</summary>
    public static bool IsOpenAi(PathString path) => path.StartsWithSegments("/v1/chat") || path.StartsWithSegments("/v1/models");

    private static async Task HandleAsync(HttpContext http)
    {
        var ex = http.Features.Get<IExceptionHandlerFeature>()?.Error;
        if (ex is null || http.RequestAborted.IsCancellationRequested)
        {
            return;
        }

        IResult result;
        if (IsOpenAi(http.Request.Path))
        {
            result = ex switch
            {
                BadHttpRequestException b => OpenAiErrors.Of(b.StatusCode, Plain(b.Message)),
                _ => Unexpected(http, ex, (status, detail) => OpenAiErrors.Of(status, detail)),
            };
        }
        else
        {
            result = Known(http, ex) ?? Unexpected(http, ex, Problems.Of);
        }

        await result.ExecuteAsync(http).ConfigureAwait(false);
    }

    private static IResult Unexpected(HttpContext http, Exception ex, Func<int, string, IResult> make)
    {
        var trace = Activity.Current?.Id ?? http.TraceIdentifier;
        http.RequestServices.GetRequiredService<ILoggerFactory>().CreateLogger("BasketReasoner.Server.Errors")
            .LogError(ex, "Request {Method} {Path} failed (trace {Trace}).", http.Request.Method, http.Request.Path, trace);
        return make(500, $"The server failed on this request and logged why under trace id {trace}; nothing was recorded for it.");
    }

    private static Task WriteEmptyAsync(HttpContext http)
    {
        var status = http.Response.StatusCode;
        var detail = status switch
        {
            404 => $"There is no '{http.Request.Path}' on this server.",
            405 => $"'{http.Request.Path}' does not take {http.Request.Method}.",

            // Routing refuses a body the route's Accepts metadata does not name before the handler (StrictJson) sees it.
            415 => $"Content-Type must be application/json (UTF-8), not '{http.Request.ContentType ?? "missing"}'.",
            _ => Problems.Title(status) + ".",
        };
        return (IsOpenAi(http.Request.Path) ? OpenAiErrors.Of(status, detail) : Problems.Of(status, detail)).ExecuteAsync(http);
    }
}
