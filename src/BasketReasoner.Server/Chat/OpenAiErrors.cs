using Microsoft.AspNetCore.Http;

namespace BasketReasoner.Server.Chat;

/// <summary>
/// Errors as OpenAI's API writes them, <c>{"error": {"message", "type", "param", "code"}}</c>, which OpenAI SDKs
/// surface as their own exceptions (a problem document would reach the caller as an unreadable failure).
/// </summary>
internal static class OpenAiErrors
{
    public static IResult Of(int status, string message, string? param = null, string? code = null) =>
        Results.Json(new { error = new { message, type = Type(status), param, code } }, statusCode: status);

    private static string Type(int status) => status switch
    {
        401 => "authentication_error",
        403 => "permission_error",
        404 => "not_found_error",
        429 => "rate_limit_error",
        >= 500 => "server_error",
        _ => "invalid_request_error",
    };
}
