using System.Reflection;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace BasketReasoner.Server;

/// <summary>
/// Serves the cart's screen (<c>/screen/</c>): static HTML/JS/CSS embedded in this assembly, no external CDN. The page
/// authenticates with the cart key from its URL fragment (<c>#cart=ID&amp;key=KEY</c>, never sent to the server in
/// the URL) or its login form.
/// </summary>
internal static class ScreenEndpoints
{
    private static readonly Dictionary<string, string> Types = new(StringComparer.Ordinal)
    {
        ["index.html"] = "text/html; charset=utf-8",
        ["screen.js"] = "text/javascript; charset=utf-8",
        ["screen.css"] = "text/css; charset=utf-8",
    };

    /// <summary>
    /// The page loads only its own script, style and product images and talks only to this server, so anything
    /// injected into it (a product name, a question's echo) can neither run nor load from elsewhere, nor be framed.
    /// </summary>
    public const string ContentSecurityPolicy =
        "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self'; connect-src 'self'; form-action 'self'; base-uri 'none'; frame-ancestors 'none'";

    // A static page answers HEAD like GET (headers, no body: Kestrel sends none for HEAD), as browsers, proxies and
    // uptime checks expect; every other method stays a 405.
    private static readonly string[] Methods = [HttpMethods.Get, HttpMethods.Head];

    public static void Map(IEndpointRouteBuilder app)
    {
        // Static files for a browser, not part of the cart API's contract (CartApiDocument).
        app.MapMethods("/", Methods, () => Results.Redirect("/screen/")).ExcludeFromDescription();
        app.MapMethods("/screen/", Methods, (HttpContext http) => Asset(http, "index.html")).ExcludeFromDescription();
        app.MapMethods("/screen/{file}", Methods, (HttpContext http, string file) => Asset(http, file)).ExcludeFromDescription();
    }

    private static IResult Asset(HttpContext http, string file)
    {
        var headers = http.Response.Headers;
        headers.ContentSecurityPolicy = ContentSecurityPolicy;
        headers.XFrameOptions = "DENY";
        headers.XContentTypeOptions = "nosniff";
        headers["Referrer-Policy"] = "no-referrer";
        return Asset(file);
    }

    private static IResult Asset(string file)
    {
        if (!Types.TryGetValue(file, out var type))
        {
            return Results.NotFound();
        }

        var stream = Assembly.GetExecutingAssembly().GetManifestResourceStream("screen/" + file);
        return stream is null ? Results.NotFound() : Results.Stream(stream, type);
    }
}
