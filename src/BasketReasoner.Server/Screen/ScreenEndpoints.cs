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

    public static void Map(IEndpointRouteBuilder app)
    {
        app.MapGet("/", () => Results.Redirect("/screen/"));
        app.MapGet("/screen/", () => Asset("index.html"));
        app.MapGet("/screen/{file}", (string file) => Asset(file));
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
