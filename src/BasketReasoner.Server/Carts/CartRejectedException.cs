namespace BasketReasoner.Server.Carts;

/// <summary>
/// A request the cart refused without changing anything: sensor times outside the server's bounds (400), a reused id
/// with a different body (409), too many unanswered confirmations or queued events (429), or a full resolver queue
/// (503). The endpoints turn it into a problem document, with <c>Retry-After</c> when <see cref="RetryAfter"/> is set.
/// </summary>
internal sealed class CartRejectedException(int status, string detail, TimeSpan? retryAfter = null) : Exception(detail)
{
    public int Status { get; } = status;

    public TimeSpan? RetryAfter { get; } = retryAfter;
}
