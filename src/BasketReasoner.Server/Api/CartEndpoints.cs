using System.Text.Json;
using BasketReasoner.Server.Durability;
using BasketReasoner.Core.Assistant;
using BasketReasoner.Core.Vision;
using BasketReasoner.Server.Carts;
using BasketReasoner.Server.Hosting;
using BasketReasoner.Server.Security;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace BasketReasoner.Server.Api;

/// <summary>The cart API: events, basket, stream, confirmations and questions. Every route needs the cart's key.</summary>
internal static class CartEndpoints
{
    public static void Map(IEndpointRouteBuilder app)
    {
        // The handlers read their bodies themselves (StrictJson) and return IResult, so the contract is stated here:
        // it is what the OpenAPI document (CartApiDocument) and the generated client are made from.
        var carts = app.MapGroup("/v1/carts/{cartId}").WithTags("Carts")
            .ProducesProblem(401).ProducesProblem(403).ProducesProblem(404).ProducesProblem(500);
        carts.MapPost("/events", PostEventAsync).WithName("PostEvent")
            .WithSummary("Sends one add or remove event (camera frames and the scale's weight change) and returns what it was decided to be.")
            .WithDescription("Idempotent on `id`: a retry returns the first result with `Idempotent-Replay: true`. The result is durable when answered. "
                + "`status` is `pending_confirmation` when the shopper must choose among `candidates` (answer with /confirm), "
                + "`refining` while the item's label text is read off the request path: the decision (accepted, or a `confirmation_request`) "
                + "follows on the cart's /stream, and a retry then returns it. "
                + "409: the id was used for a different event, or by a frame posted to /frames (the two share ids); 429/503/507 carry Retry-After.")
            .Accepts<EventRequest>("application/json")
            .Produces<EventResult>()
            .ProducesProblem(400).ProducesProblem(409).ProducesProblem(413).ProducesProblem(415)
            .ProducesProblem(429).ProducesProblem(503).ProducesProblem(507);
        carts.MapGet("/basket", GetBasketAsync).WithName("GetBasket")
            .WithSummary("Reads the basket: its lines with demo prices, the total and the events waiting for the shopper.")
            .Produces<BasketView>();
        carts.MapGet("/events/{eventId}", GetEvent).WithName("GetEvent")
            .WithSummary("Reads one event's result as it stands: a `refining` acknowledgement is replaced by its decision once the label is read (for clients that do not follow /stream).")
            .Produces<EventResult>();
        carts.MapGet("/stream", StreamAsync).WithName("StreamBasket")
            .WithSummary("Server-sent events for the cart's screen: `basket` (a BasketView, first on connect and after every change), "
                + "`resolution` (an EventResult) and `confirmation_request` (a pending EventResult).")
            .Produces<Stream>(200, "text/event-stream");
        carts.MapPost("/confirm", ConfirmAsync).WithName("Confirm")
            .WithSummary("The shopper's answer to a pending event: a candidate's product_id, or null for \"none of these\".")
            .WithDescription("Beyond the candidates, an add may be answered with any store product (the screen's picker, GET /v1/products) and a removal with any line the basket holds; anything else is 400. "
                + "422: the product cannot weigh what the scale measured for the event (loose produce 0.2 to 5 typical pieces, or a cut piece of large produce sold cut; "
                + "packs a whole number of packs, see the server README); the problem's `measured_grams`, `unit_grams`, `min_grams` and `max_grams` say why, nothing is recorded "
                + "and the event stays pending for another answer. "
                + "Idempotent per event: answering again with the same product returns the first answer (a retry after a lost response is safe); a different answer is 409, as is an event that is not pending.")
            .Accepts<ConfirmRequest>("application/json")
            .Produces<ConfirmResult>()
            .ProducesProblem(400).ProducesProblem(409).ProducesProblem(415).ProducesProblem(422).ProducesProblem(429).ProducesProblem(503).ProducesProblem(507);
        carts.MapPost("/ask", AskAsync).WithName("Ask")
            .WithSummary("Asks the shopper assistant about the basket; the answer streams as server-sent events.")
            .WithDescription("Events: `delta` ({\"text\"}), then `answer` (the final answer), or `error` ({\"detail\"}) if the assistant fails mid-answer. "
                + "The assistant reads a copy of the basket and cannot change it. 503: no assistant is installed.")
            .Accepts<AskRequest>("application/json")
            .Produces<Stream>(200, "text/event-stream")
            .ProducesProblem(400).ProducesProblem(415).ProducesProblem(503);
        SensorEndpoints.Map(carts);
        app.MapGet("/v1/products", FindProducts).WithName("FindProducts").WithTags("Products")
            .WithSummary("Store products for the screen's picker, by free text (`q`) and/or coarse category (`category`), with every category to browse. No key needed.")
            .WithDescription("Without `q`, every product of the category (or of the catalogue) by name; with `q`, the best matches of the catalog search, best first. "
                + "Prices are the demo prices the basket uses; with `grams` (the add's settled weight) each is what tapping it for that add charges, as its tile would be "
                + "(loose produce by that weight, a pack times the whole number of packs it fits, `quantity`). 400: `q` over 100 characters, `grams` not in (0, 100000].")
            .Produces<ProductList>()
            .ProducesProblem(400);
        app.MapGet("/v1/products/{productId}/image", ProductImage)
            .WithName("GetProductImage").WithTags("Products")
            .WithSummary("The product's iconic image (a candidate's or a line's image_url). No key needed.")
            .Produces<Stream>(200, "image/jpeg")
            .ProducesProblem(404);

        // HEAD answers like GET, headers only (Kestrel sends no body for HEAD), as the screen's static files do: a
        // client or proxy may check a resource before reading it. Left out of the OpenAPI document, whose generated
        // client has no use for it. Not /stream: a HEAD there would hold the connection open for nothing.
        string[] head = ["HEAD"];
        carts.MapMethods("/basket", head, GetBasketAsync).ExcludeFromDescription();
        carts.MapMethods("/events/{eventId}", head, GetEvent).ExcludeFromDescription();
        app.MapMethods("/v1/products", head, FindProducts).ExcludeFromDescription();
        app.MapMethods("/v1/products/{productId}/image", head, ProductImage).ExcludeFromDescription();
    }

    private static IResult ProductImage(string productId, ProductImages images) =>
        images.Find(productId) is { } path ? Results.File(path, "image/jpeg") : Problems.Of(404, $"No image for product '{productId}'.");

    private static IResult FindProducts(string? q, string? category, double? grams, ProductFinder finder, CartService carts)
    {
        if (q is { Length: > 100 } || category is { Length: > 100 })
        {
            return Problems.Of(400, "'q' and 'category' are at most 100 characters.");
        }

        if (grams is { } g && !(double.IsFinite(g) && g > 0 && g <= 100_000))
        {
            return Problems.Of(400, "'grams' is the add's settled weight: a number above 0 and at most 100000.");
        }

        var views = new CartViews(carts.Catalog);
        var products = finder.Find(q, string.IsNullOrWhiteSpace(category) ? null : category).Select(p => views.Listing(p, grams)).ToArray();
        return Results.Json(new ProductList(products, finder.Categories()), ServerJson.Options);
    }

    private static IResult? Deny(HttpContext http, string cartId) =>
        http.RequestServices.GetRequiredService<CartKeys>().Check(http.Request, cartId) switch
        {
            CartAccess.Allowed => null,
            CartAccess.Unauthenticated => Problems.Of(401, "Send the cart's API key as 'Authorization: Bearer KEY'."),
            CartAccess.Forbidden => Problems.Of(403, $"This key does not open cart '{cartId}'."),
            _ => Problems.Of(404, $"Unknown cart '{cartId}'."),
        };

    /// <summary>
    /// The start every cart request with a body shares: the key must open the cart, then the body is read strictly
    /// (<see cref="StrictJson"/>). Either the body or the problem to answer with.
    /// </summary>
    internal static async Task<(T? Body, IResult? Problem)> ReadBodyAsync<T>(HttpContext http, string cartId)
        where T : class
    {
        if (Deny(http, cartId) is { } denied)
        {
            return (null, denied);
        }

        try
        {
            return (await StrictJson.ReadAsync<T>(http.Request).ConfigureAwait(false), null);
        }
        catch (BadHttpRequestException ex)
        {
            return (null, Problems.Of(ex.StatusCode, ex.Message));
        }
    }

    private static async Task<IResult> PostEventAsync(string cartId, HttpContext http, CartService carts, CartServerOptions options)
    {
        var (body, problem) = await ReadBodyAsync<EventRequest>(http, cartId).ConfigureAwait(false);
        if (problem is not null)
        {
            return problem;
        }

        var (incoming, status, error) = EventValidation.Validate(body, options);
        if (incoming is null)
        {
            return Problems.Of(status, error!);
        }

        try
        {
            var (json, replayed) = await carts.SubmitAsync(cartId, incoming).ConfigureAwait(false);
            if (replayed)
            {
                http.Response.Headers["Idempotent-Replay"] = "true";
            }

            return Results.Text(json, "application/json", statusCode: 200);
        }
        catch (InvalidImageException ex)
        {
            return Problems.Of(400, $"A frame could not be decoded as an image: {ex.Message}");
        }
        catch (Exception ex) when (ErrorResponses.Known(http, ex) is { } known)
        {
            return known;
        }
    }

    private static async Task<IResult> GetBasketAsync(string cartId, HttpContext http, CartService carts) =>
        Deny(http, cartId) ?? Results.Json(await carts.SnapshotAsync(cartId).ConfigureAwait(false), ServerJson.Options);

    private static IResult GetEvent(string cartId, string eventId, HttpContext http, CartService carts) =>
        Deny(http, cartId) ?? (carts.EventResultJson(cartId, eventId) is { } json
            ? Results.Content(json, "application/json")
            : Results.Problem(statusCode: 404, title: "Unknown event", detail: $"Cart '{cartId}' has no event '{eventId}'."));

    private static async Task StreamAsync(string cartId, HttpContext http, CartService carts)
    {
        if (Deny(http, cartId) is { } denied)
        {
            await denied.ExecuteAsync(http).ConfigureAwait(false);
            return;
        }

        // The stream ends when the screen goes away or the server starts to stop: an open stream must never hold a
        // shutdown past its grace period (the screen reconnects to the next server).
        var stopping = http.RequestServices.GetRequiredService<IHostApplicationLifetime>().ApplicationStopping;
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(http.RequestAborted, stopping);
        var ct = linked.Token;
        var (id, reader) = await carts.SubscribeAsync(cartId).ConfigureAwait(false);
        try
        {
            ServerSentEvents.Start(http.Response);
            await http.Response.Body.FlushAsync(ct).ConfigureAwait(false);
            await foreach (var e in reader.ReadAllAsync(ct).ConfigureAwait(false))
            {
                await ServerSentEvents.WriteAsync(http.Response, e.Name, e.Json, ct).ConfigureAwait(false);
            }
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested)
        {
            // The screen went away, or the server is stopping.
        }
        finally
        {
            carts.Unsubscribe(cartId, id);
        }
    }

    private static async Task<IResult> ConfirmAsync(string cartId, HttpContext http, CartService carts)
    {
        var (body, problem) = await ReadBodyAsync<ConfirmRequest>(http, cartId).ConfigureAwait(false);
        if (problem is not null)
        {
            return problem;
        }

        if (body?.EventId is not { Length: > 0 } eventId)
        {
            return Problems.Of(400, "'event_id' is required: the pending event being answered.");
        }

        if (!body.HasProductId)
        {
            return Problems.Of(400, "'product_id' is required: the product picked, or null for \"none of these\".");
        }

        if (eventId.Length > 128 || body.ProductId is { Length: 0 or > 128 })
        {
            return Problems.Of(400, "'event_id' and 'product_id' are 1 to 128 characters ('product_id' null for \"none of these\").");
        }

        try
        {
            var (status, json, misfit) = await carts.ConfirmAsync(cartId, eventId, body.ProductId).ConfigureAwait(false);
            return status == 200 ? Results.Text(json, "application/json")
                : misfit is { } m ? Problems.Of(status, json, new Dictionary<string, object?>
                {
                    // What the scale measured and what the answered product would have weighed, for a screen to show.
                    ["measured_grams"] = Math.Round(m.Grams, 1),
                    ["unit_grams"] = m.UnitGrams,
                    ["min_grams"] = Math.Round(m.MinGrams, 1),
                    ["max_grams"] = Math.Round(m.MaxGrams, 1),
                })
                : Problems.Of(status, json);
        }
        catch (Exception ex) when (ErrorResponses.Known(http, ex) is { } known)
        {
            return known;
        }
    }

    private static async Task AskAsync(string cartId, HttpContext http, CartService carts, CartServerOptions options)
    {
        var (body, problem) = await ReadBodyAsync<AskRequest>(http, cartId).ConfigureAwait(false);
        if (problem is not null)
        {
            await problem.ExecuteAsync(http).ConfigureAwait(false);
            return;
        }

        if (body?.Question is not { } question || string.IsNullOrWhiteSpace(question) || question.Length > options.MaxQuestionChars)
        {
            await Problems.Of(400, $"'question' is required, 1 to {options.MaxQuestionChars} characters.").ExecuteAsync(http).ConfigureAwait(false);
            return;
        }

        if (http.RequestServices.GetService<IShopperAssistant>() is not { } assistant)
        {
            await Problems.Of(503, "No shopper assistant is installed on this server.").ExecuteAsync(http).ConfigureAwait(false);
            return;
        }

        // The assistant gets a copy of the lines: nothing it does can reach the live basket.
        var (lines, weighing) = await carts.LinesAsync(cartId).ConfigureAwait(false);
        var ct = http.RequestAborted;
        ServerSentEvents.Start(http.Response);
        try
        {
            await foreach (var update in assistant.AskStreamingAsync(new ShopperQuestion(lines, question) { Weighing = weighing }, ct).ConfigureAwait(false))
            {
                if (update.Restart)
                {
                    await ServerSentEvents.WriteAsync(http.Response, "restart", "{}", ct).ConfigureAwait(false);
                }

                if (update.TextDelta is { } delta)
                {
                    await ServerSentEvents.WriteAsync(http.Response, "delta", JsonSerializer.Serialize(new { text = delta }, ServerJson.Options), ct).ConfigureAwait(false);
                }

                if (update.Final is { } final)
                {
                    await ServerSentEvents.WriteAsync(http.Response, "answer", JsonSerializer.Serialize(final, ServerJson.Options), ct).ConfigureAwait(false);
                }
            }
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested)
        {
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            // Headers are sent; the failure goes down the stream as its own event.
            await ServerSentEvents.WriteAsync(http.Response, "error", JsonSerializer.Serialize(new { detail = "The assistant failed: " + ex.Message }, ServerJson.Options), ct).ConfigureAwait(false);
        }
    }
}
