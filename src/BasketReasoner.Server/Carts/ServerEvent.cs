namespace BasketReasoner.Server.Carts;

/// <summary>One server-sent event: <c>basket</c>, <c>resolution</c>, <c>confirmation_request</c> or <c>confirmed</c>.</summary>
internal sealed record ServerEvent(string Name, string Json);
