using Microsoft.AspNetCore.Http;

namespace BasketReasoner.Server.Api;

/// <summary>Every 4xx/5xx is an RFC 7807 problem with a sentence that says what to fix.</summary>
internal static class Problems
{
    public static IResult Of(int status, string detail) => Results.Problem(detail: detail, statusCode: status, title: Title(status));

    private static string Title(int status) => status switch
    {
        400 => "Bad request",
        401 => "Unauthorized",
        403 => "Forbidden",
        404 => "Not found",
        409 => "Conflict",
        413 => "Payload too large",
        415 => "Unsupported media type",
        503 => "Service unavailable",
        _ => "Error",
    };
}
