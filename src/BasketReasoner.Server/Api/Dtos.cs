using System.ComponentModel.DataAnnotations;
using System.Text.Json.Serialization;
using BasketReasoner.Core.Resolutions;
using BasketReasoner.Reasoning.Escalation;

namespace BasketReasoner.Server.Api;

// Wire shapes, snake_case on the wire (see ServerJson). Requests are classes with nullable members so that a
// missing field is reported by name instead of failing inside the deserializer. The data annotations only describe
// the contract in the OpenAPI document: EventValidation and the endpoints enforce it, with messages in the API's words.

/// <summary><c>POST /v1/carts/{cartId}/events</c> body.</summary>
[JsonUnmappedMemberHandling(JsonUnmappedMemberHandling.Disallow)]
public sealed class EventRequest
{
    /// <summary>
    /// Client-chosen id, unique per cart; a retry with the same id returns the first result. 1 to 128 characters of
    /// A-Z, a-z, 0-9, '.', '_' and '-', starting with a letter or a digit (it is read back at GET .../events/{id}).
    /// </summary>
    [Required]
    [StringLength(128, MinimumLength = 1)]
    [RegularExpression(ResourceIds.Pattern)]
    public string? Id { get; set; }

    /// <summary><c>add</c> or <c>remove</c>.</summary>
    [Required]
    [AllowedValues("add", "remove")]
    public string? Type { get; set; }

    /// <summary>Settled weight change in grams (negative for removals), or <c>null</c> when the scale did not settle.</summary>
    [Range(-100_000, 100_000)]
    public double? WeightDeltaG { get; set; }

    /// <summary>
    /// One or more camera frames: either a close-up <c>jpeg</c> per camera, or, from cart cameras that see the whole
    /// basket, <c>before</c> and <c>after</c> per camera (the item is then found by comparing them). Not mixed.
    /// </summary>
    [Required]
    [MinLength(1)]
    public List<FrameRequest>? Frames { get; set; }
}

[JsonUnmappedMemberHandling(JsonUnmappedMemberHandling.Disallow)]
public sealed class FrameRequest
{
    /// <summary>Camera name, e.g. <c>top</c>; with before/after frames it names the camera's calibration.</summary>
    [StringLength(64, MinimumLength = 1)]
    public string? Camera { get; set; }

    /// <summary>The JPEG, base64 (a close-up of the item).</summary>
    public string? Jpeg { get; set; }

    /// <summary>The cart camera's JPEG just before the event, base64 (with <c>after</c>, instead of <c>jpeg</c>).</summary>
    public string? Before { get; set; }

    /// <summary>The cart camera's JPEG just after the event, base64.</summary>
    public string? After { get; set; }
}

/// <summary><c>POST /v1/carts/{cartId}/confirm</c> body.</summary>
[JsonUnmappedMemberHandling(JsonUnmappedMemberHandling.Disallow)]
public sealed class ConfirmRequest
{
    /// <summary>The pending event being answered.</summary>
    [Required]
    [StringLength(128, MinimumLength = 1)]
    public string? EventId { get; set; }

    /// <summary>
    /// The shopper's pick: a candidate, or from the screen's picker any store product (an add) or basket line (a
    /// removal); <c>null</c> for "none of these" (nothing is applied). Required, null included: a body that leaves it
    /// out is refused rather than read as "none of these", which closes the event for good.
    /// </summary>
    [Required]
    [StringLength(128, MinimumLength = 1)]
    public string? ProductId
    {
        get => _productId;
        set
        {
            _productId = value;
            HasProductId = true;
        }
    }

    /// <summary>Whether the body named <c>product_id</c> at all (null counts).</summary>
    [JsonIgnore]
    public bool HasProductId { get; private set; }

    private string? _productId;
}

/// <summary><c>POST /v1/carts/{cartId}/ask</c> body.</summary>
[JsonUnmappedMemberHandling(JsonUnmappedMemberHandling.Disallow)]
public sealed class AskRequest
{
    /// <summary>The shopper's question (at most Server:MaxQuestionChars characters, 500 by default).</summary>
    [Required]
    [MinLength(1)]
    public string? Question { get; set; }
}

/// <summary>A candidate as the screen shows it.</summary>
/// <param name="ProductId">The store product's id.</param>
/// <param name="Name">Its shopper-facing name (English).</param>
/// <param name="FusionPosterior">Fusion's probability for it.</param>
/// <param name="Price">What tapping this tile changes the basket total by. On an add: one pack, or for loose produce the price per kg times the weight this add measured (one typical piece when nothing settled or the weight is not believed). On a removal: what taking it out takes off the total (the line's total before minus after, so rounding is the basket's), or for an add still open that it would close, what that add would have cost.</param>
/// <param name="Per"><c>unit</c> or <c>kilogram</c>: what <paramref name="ListPrice"/> is the price of.</param>
/// <param name="ListPrice">The catalogue's price per <paramref name="Per"/> (per kg for loose produce).</param>
/// <param name="Currency">ISO currency code of both prices.</param>
/// <param name="ImageUrl">The product's iconic image.</param>
public sealed record CandidateView(string ProductId, string Name, double FusionPosterior, decimal Price, string Currency, string Per, string ImageUrl, decimal ListPrice)
{
    /// <summary>Units tapping it would put in or take out (packs the measured weight fits, <c>WeightFit.Units</c>); <c>price</c> is for all of them.</summary>
    public int Quantity { get; init; } = 1;

    /// <summary>The pack's own words (mostly Swedish) where they differ from <c>name</c>: secondary text; else absent.</summary>
    public string? PackName { get; init; }
}

/// <summary>A store product as the screen's picker shows it, priced as a basket line would be.</summary>
/// <param name="ProductId">The store product's id.</param>
/// <param name="Name">Its shopper-facing name (English).</param>
/// <param name="Currency">ISO currency code of both prices.</param>
/// <param name="ImageUrl">The product's iconic image.</param>
/// <param name="Category">Coarse category, e.g. <c>Apple</c> or <c>Milk</c>.</param>
/// <param name="TopCategory"><c>Fruit</c>, <c>Vegetables</c> or <c>Packages</c>.</param>
/// <param name="Price">One unit's price as the basket would count it.</param>
/// <param name="Per"><c>unit</c> or <c>kilogram</c>: what <paramref name="ListPrice"/> is the price of.</param>
/// <param name="ListPrice">The catalogue's price per <paramref name="Per"/>.</param>
public sealed record ProductView(
    string ProductId, string Name, string Category, string TopCategory, decimal Price, string Currency, string Per, decimal ListPrice, string ImageUrl)
{
    /// <summary>Units <c>price</c> is for: with <c>grams</c> given, the packs that weight fits (else 1).</summary>
    public int Quantity { get; init; } = 1;

    /// <summary>The pack's own words (mostly Swedish) where they differ from <c>name</c>: secondary text; else absent.</summary>
    public string? PackName { get; init; }
}

/// <summary><c>GET /v1/products</c>: the products found and every category there is to browse.</summary>
/// <param name="Products">Best match first for a query, else by name.</param>
/// <param name="Categories">Every coarse category of the catalogue, by top category then name.</param>
public sealed record ProductList(IReadOnlyList<ProductView> Products, IReadOnlyList<CategoryView> Categories);

/// <summary>A coarse category to browse.</summary>
/// <param name="Name">The category, e.g. <c>Apple</c>; pass it as <c>category</c>.</param>
/// <param name="TopCategory"><c>Fruit</c>, <c>Vegetables</c> or <c>Packages</c>.</param>
/// <param name="Products">How many store products it holds.</param>
public sealed record CategoryView(string Name, string TopCategory, int Products);

/// <summary>What an event did: the acknowledged, durable result.</summary>
public sealed record EventResult
{
    public required string EventId { get; init; }

    /// <summary>
    /// Units of <c>applied_product_id</c> a decision made without the shopper put in or took out: the whole packs the
    /// settled weight fits (a removal no more than the line held), else 1. Records written before it read as 1.
    /// </summary>
    public int Quantity { get; init; } = 1;

    public required string CartId { get; init; }

    /// <summary>
    /// <c>accepted</c> (the basket changed or a removal found nothing to take), <c>pending_confirmation</c>,
    /// <c>refining</c> (its label text is being read; the decision follows on the cart's stream), or <c>cancelled</c>
    /// (an add taken back out before it was decided, while waiting for the shopper or for its label: nothing was added;
    /// <c>cancelled_by_event_id</c> says by which removal).
    /// </summary>
    public required string Status { get; init; }

    public required string Type { get; init; }

    public double? WeightDeltaG { get; init; }

    /// <summary>The decided product (<c>null</c> while pending).</summary>
    public string? ProductId { get; init; }

    /// <summary>The basket line that changed; differs from <c>product_id</c> when a removal was reconciled.</summary>
    public string? AppliedProductId { get; init; }

    public bool Reconciled { get; init; }

    /// <summary><c>fusion</c>, <c>on-device</c>, <c>cloud</c> or <c>shopper</c>; <c>label-text</c> while <c>refining</c>.</summary>
    public required string DecidedBy { get; init; }

    public double Confidence { get; init; }

    /// <summary>Every stage that ran, with its outcome, evidence and latency.</summary>
    public required IReadOnlyList<StageRecord> Stages { get; init; }

    /// <summary>Candidates offered to the choosers (and to the shopper when pending).</summary>
    public required IReadOnlyList<CandidateView> Candidates { get; init; }

    /// <summary>Fusion's per-candidate evidence (vision, retrieval, weight, prior).</summary>
    public required IReadOnlyList<CandidateEvidence> Evidence { get; init; }

    /// <summary>Whether label text was read (OCR) for fusion's decision; <c>false</c> in records logged before it existed.</summary>
    public bool LabelTextRead { get; init; }

    /// <summary>With before/after frames: per camera, the box the event was attributed to (or why the whole frame was used).</summary>
    public IReadOnlyList<ViewAttribution>? Attribution { get; init; }

    public double LatencyMs { get; init; }

    public required DateTimeOffset At { get; init; }

    /// <summary>
    /// A removal decided without the shopper that an add still open (waiting for the shopper or its label, and
    /// acknowledged before this removal) explains, where no basket line does or its weight matches the removal's better
    /// than the basket's unit: that add's id. The item was taken back out before its add was decided, so that add is
    /// closed with nothing charged and this removal takes nothing from the basket.
    /// </summary>
    public string? CancelledEventId { get; init; }

    /// <summary>An add with status <c>cancelled</c>: the removal that took its item back out.</summary>
    public string? CancelledByEventId { get; init; }

    /// <summary>
    /// A removal that took something out: what its weight explained (basket units, grams off a loose line, open adds
    /// closed or reduced, and what it could not explain). Replay applies it as logged. Absent on records logged before it.
    /// </summary>
    public TakenOut? TakenOut { get; init; }

    /// <summary>
    /// An add still open part of whose item a removal took back out (some of the packs, some of the grams): that
    /// removal. <c>weight_delta_g</c> and the tiles are then what is left in the cart, and the answer charges that.
    /// </summary>
    public string? ReducedByEventId { get; init; }

    /// <summary>
    /// The shopper's answer, once a pending event was answered: only in <c>GET .../events/{eventId}</c>, which reads the
    /// event as it stands; the event's own acknowledgement (and its replays) never carry it.
    /// </summary>
    public ConfirmResult? Confirmation { get; init; }
}

/// <summary>A shopper's answer to a pending confirmation, as logged and acknowledged.</summary>
/// <param name="EventId">The answered event.</param>
/// <param name="CartId">Its cart.</param>
/// <param name="ProductId">The shopper's answer; <c>null</c>: none of these (nothing applied).</param>
/// <param name="AppliedProductId">
/// The basket line that changed. On a removal it is the answered product or nothing: never another line (see <see cref="Detail"/>).
/// </param>
/// <param name="Reconciled">Always <c>false</c> for an answer (records logged before that rule may say <c>true</c>).</param>
/// <param name="At">When the answer was logged.</param>
public sealed record ConfirmResult(string EventId, string CartId, string? ProductId, string? AppliedProductId, bool Reconciled, DateTimeOffset At)
{
    /// <summary>
    /// Units of <see cref="AppliedProductId"/> the answer put in or took out: the whole number of packs the event's
    /// settled weight fits (five cartons put in at once are five, not one), else 1. Records written before it read as 1.
    /// </summary>
    public int Quantity { get; init; } = 1;

    /// <summary>
    /// A removal answered with the product of an add still open (the item just put in, taken back out): that add's id.
    /// Both close; nothing is charged and no basket line changes.
    /// </summary>
    public string? CancelledEventId { get; init; }

    /// <summary>
    /// On an add closed by a removal rather than answered (its item was taken back out): that removal's id. Nothing
    /// was added; any answer to this add after that is a 409.
    /// </summary>
    public string? CancelledByEventId { get; init; }

    /// <summary>Why the answer changed nothing, when it changed nothing although it named a product (e.g. that product is no longer in the basket).</summary>
    public string? Detail { get; init; }

    /// <summary>A removal's answer: what its weight took out (see <see cref="EventResult.TakenOut"/>).</summary>
    public TakenOut? TakenOut { get; init; }
}

/// <summary>
/// What one removal took out, as its weight explains it: whole packs, or for loose produce the grams the scale
/// measured, across the basket's line and the adds of that product still open (acknowledged before it). Logged in the
/// removal's record (or its answer's), so replay changes the basket, the weighing ledger and the open adds alike.
/// </summary>
public sealed record TakenOut
{
    /// <summary>Units of the basket line taken out whole (0: only part of a loose unit, or only open adds).</summary>
    public int Units { get; init; }

    /// <summary>Loose produce weighed out: the grams the line is charged for less (whole units and a part of one).</summary>
    public double? Grams { get; init; }

    /// <summary>Loose produce weighed out: each unit taken whole, as the scale weighed it going in (null: never weighed).</summary>
    public IReadOnlyList<double?>? UnitGrams { get; init; }

    /// <summary>Loose produce: the weighing of the unit only part of which left (it stays, lighter by <see cref="PartG"/>).</summary>
    public double? PartOfG { get; init; }

    /// <summary>The grams that left of the unit <see cref="PartOfG"/>.</summary>
    public double? PartG { get; init; }

    /// <summary>Open adds whose whole item came back out: each closed (<c>cancelled</c>), nothing charged.</summary>
    public IReadOnlyList<string> ClosedEventIds { get; init; } = [];

    /// <summary>An open add part of whose item came back out: it stays open for what is left (<see cref="ReducedToG"/>).</summary>
    public string? ReducedEventId { get; init; }

    /// <summary>The weight <see cref="ReducedEventId"/> keeps: what of its item is still in the cart.</summary>
    public double? ReducedToG { get; init; }

    /// <summary>
    /// What the removal weighed beyond everything it could take out (more packs or grams than the line and the open adds
    /// held): unless an unbilled item of that weight came back out, shown on the basket as <c>unreconciled</c> for staff.
    /// </summary>
    public double? UnexplainedG { get; init; }
}

/// <summary>
/// Weight that left the cart beyond what its removal took off the bill (<see cref="TakenOut.UnexplainedG"/>): something
/// billed may have left with it, so staff check the cart at the exit.
/// </summary>
public sealed record UnreconciledRemoval(string EventId, double Grams);

/// <summary>One basket line, priced by the one pricing rule.</summary>
/// <param name="ProductId">The catalog product.</param>
/// <param name="Name">Its shopper-facing name (English).</param>
/// <param name="Qty">Units in the basket.</param>
/// <param name="UnitPrice">The price per <paramref name="Per"/>: one pack, or one kilogram of loose produce.</param>
/// <param name="Per"><c>unit</c> or <c>kilogram</c>.</param>
/// <param name="LineTotal">Packs times their price, or for loose produce the price per kg times <see cref="Grams"/>.</param>
/// <param name="ImageUrl">The product's picture.</param>
public sealed record BasketLineView(string ProductId, string Name, int Qty, decimal UnitPrice, string Per, decimal LineTotal, string ImageUrl)
{
    /// <summary>The pack's own words (mostly Swedish) where they differ from <c>name</c>: secondary text; else absent.</summary>
    public string? PackName { get; init; }

    /// <summary>Loose produce only: the grams charged, what the scale measured for these units.</summary>
    public double? Grams { get; init; }

    /// <summary>Loose produce only: part of <see cref="Grams"/> is the catalog's typical weight (a unit's weight never settled).</summary>
    public bool? GramsEstimated { get; init; }
}

/// <summary>The basket with demo prices; <c>prices_are_demo</c> is always true (the dataset has no prices).</summary>
public sealed record BasketView(
    string CartId, IReadOnlyList<BasketLineView> Lines, decimal Total, string Currency, bool PricesAreDemo, int Items, IReadOnlyList<EventResult> Pending)
{
    /// <summary>Items in the cart that are not on the bill (adds answered "none of these"), for staff to check at the exit.</summary>
    public IReadOnlyList<UnbilledItem> Unbilled { get; init; } = [];

    /// <summary>Removals that weighed more than they could take off the bill, with the grams left over, for staff to check at the exit.</summary>
    public IReadOnlyList<UnreconciledRemoval> Unreconciled { get; init; } = [];
}

/// <summary>
/// An item the cameras saw go in whose add the shopper answered "none of these": nothing was billed for it.
/// <c>grams</c> is what the scale measured (null when it never settled).
/// </summary>
public sealed record UnbilledItem(string EventId, double? Grams);
