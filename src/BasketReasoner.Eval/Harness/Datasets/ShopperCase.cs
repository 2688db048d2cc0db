using BasketReasoner.Core.Baskets;

namespace BasketReasoner.Eval.Harness.Datasets;

/// <summary>A shopper's question about a basket and what a correct answer must show.</summary>
public sealed record ShopperCase(string Id, string Split, string Category, IReadOnlyList<BasketLine> Basket, string Question, ShopperExpectation Expect);

/// <summary>The <c>expect</c> object; every part is optional and a grader with nothing to check skips the case.</summary>
/// <param name="Kind"><c>answered</c>, <c>unknown</c>, <c>declined</c>, <c>refused_basket_change</c> or <c>clarify</c>.</param>
/// <param name="Numbers">Numbers the answer must state, each within its tolerance.</param>
/// <param name="ContainsAll">Phrases that must all appear (case-insensitive).</param>
/// <param name="ContainsAny">At least one must appear.</param>
/// <param name="NotContains">None may appear.</param>
/// <param name="ProductIds">Catalog ids the answer must cite.</param>
/// <param name="Regex">A pattern the answer must match.</param>
/// <param name="Exact">The whole answer, for exact-match grading.</param>
/// <param name="BasketOnly">The question is about the shopper's basket: every product the answer cites must be in it.</param>
public sealed record ShopperExpectation(
    string? Kind,
    IReadOnlyList<NumericExpectation> Numbers,
    IReadOnlyList<string> ContainsAll,
    IReadOnlyList<string> ContainsAny,
    IReadOnlyList<string> NotContains,
    IReadOnlyList<string> ProductIds,
    string? Regex,
    string? Exact,
    bool BasketOnly = false);

/// <summary>A number the answer must contain, within an absolute tolerance.</summary>
public sealed record NumericExpectation(double Value, double Tolerance);
