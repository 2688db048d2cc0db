using System.Globalization;
using Microsoft.AspNetCore.Http;

namespace BasketReasoner.Server.Api;

/// <summary>Every 4xx/5xx is an RFC 7807 problem with a <c>detail</c> sentence that says what to fix.</summary>
internal static class Problems
{
    public static IResult Of(int status, string detail) => Results.Problem(detail: detail, statusCode: status, title: Title(status), type: Type(status));

    /// <summary>A problem with members beyond RFC 7807's, for a client to act on (e.g. the weights behind a 422).</summary>
    public static IResult Of(int status, string detail, IDictionary<string, object?> extensions) =>
        Results.Problem(detail: detail, statusCode: status, title: Title(status), type: Type(status), extensions: extensions);

    /// <summary>A problem that tells the client when to retry (429, 503, 507).</summary>
    public static IResult Retry(HttpContext http, int status, string detail, TimeSpan retryAfter)
    {
        http.Response.Headers.RetryAfter = Math.Max(1, (int)Math.Ceiling(retryAfter.TotalSeconds)).ToString(CultureInfo.InvariantCulture);
        return Of(status, detail);
    }

    /// <summary>
    /// The <c>type</c> URI of the statuses ASP.NET Core has no default for (413, 429, 507), so every problem carries one;
    /// <c>null</c> keeps ASP.NET Core's default (RFC 9110's section for the status).
    /// </summary>
    public static string? Type(int status) => status switch
    {
        413 => "https://tools.ietf.org/html/rfc9110#section-15.5.14",
        429 => "https://tools.ietf.org/html/rfc6585#section-4",
        507 => "https://tools.ietf.org/html/rfc4918#section-11.5",
        _ => null,
    };

    public static string Title(int status) => status switch
    {
        400 => "Bad request",
        401 => "Unauthorized",
        403 => "Forbidden",
        404 => "Not found",
        405 => "Method not allowed",
        409 => "Conflict",
        413 => "Payload too large",
        415 => "Unsupported media type",
        422 => "Unprocessable content",
        429 => "Too many requests",
        500 => "Internal server error",
        503 => "Service unavailable",
        507 => "Insufficient storage",
        _ => "Error",
    };
}
