namespace BasketReasoner.Core.Escalation;

/// <summary>One product a later stage may choose for an ambiguous item.</summary>
/// <param name="ProductId">Catalog id; the chooser's answer must be one of these.</param>
/// <param name="DisplayName">Name shown to a model or the shopper.</param>
/// <param name="FusionPosterior">What the first stage believed, for context and tie-breaking.</param>
public sealed record ChoiceCandidate(string ProductId, string DisplayName, double FusionPosterior);
