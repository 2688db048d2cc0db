using BasketReasoner.Eval.Harness.Datasets;
using BasketReasoner.Eval.Harness.Systems;

namespace BasketReasoner.Eval.Harness.Graders;

/// <summary><c>choice_accuracy</c>: the chosen product is the expected one (ambiguous items).</summary>
public sealed class ChoiceAccuracyGrader(string name = "choice_accuracy") : CaseGrader(name)
{
    protected override Grade? Grade(EvalCase evalCase, SystemOutput output)
    {
        if (evalCase.Payload is not AmbiguousCase item)
        {
            return null;
        }

        if (string.Equals(output.ChosenProductId, item.Expected, StringComparison.Ordinal))
        {
            return Pass();
        }

        var chosen = output.ChosenProductId is { Length: > 0 } c ? c : "(no choice)";
        var offList = output.ChosenProductId is { Length: > 0 } && !item.Candidates.Contains(output.ChosenProductId) ? " (not a candidate)" : "";
        var reachable = item.Candidates.Contains(item.Expected) ? "" : "; the truth was not among the candidates";
        return Fail($"chose {chosen}{offList}, expected {item.Expected}{reachable}");
    }
}

/// <summary><c>exact_match</c>: the answer equals the expected one (the chosen id for ambiguous items, <c>expect.exact</c> for questions).</summary>
public sealed class ExactMatchGrader(string name = "exact_match") : CaseGrader(name)
{
    protected override Grade? Grade(EvalCase evalCase, SystemOutput output)
    {
        var (expected, actual) = evalCase.Payload switch
        {
            AmbiguousCase a => (a.Expected, output.ChosenProductId ?? output.Text),
            ShopperCase { Expect.Exact: { } exact } => (exact, output.Text),
            _ => (null, null),
        };
        if (expected is null)
        {
            return null;
        }

        return string.Equals(expected.Trim(), actual?.Trim(), StringComparison.OrdinalIgnoreCase)
            ? Pass()
            : Fail($"expected '{expected}', got '{Shorten(actual)}'");
    }

    internal static string Shorten(string? s) => s is null ? "" : s.Length <= 80 ? s : s[..80] + "...";
}

/// <summary><c>item_accuracy</c>: share of a session's events decided right.</summary>
public sealed class ItemAccuracyGrader(string name = "item_accuracy") : CaseGrader(name)
{
    protected override Grade? Grade(EvalCase evalCase, SystemOutput output)
    {
        if (evalCase.Kind != DatasetKind.Sessions)
        {
            return null;
        }

        var known = output.Decisions.Where(d => d.Truth is not null).ToArray();
        if (known.Length == 0)
        {
            return Fail("no event was decided");
        }

        var right = known.Count(d => d.Truth == d.Decided);
        return new Grade((double)right / known.Length, $"{right}/{known.Length} events right");
    }
}

/// <summary><c>basket_exact</c>: the session ends with exactly the expected products and quantities.</summary>
public sealed class BasketExactGrader(string name = "basket_exact") : CaseGrader(name)
{
    protected override Grade? Grade(EvalCase evalCase, SystemOutput output) =>
        evalCase.Kind != DatasetKind.Sessions ? null
        : output.BasketMatches == true ? Pass()
        : Fail($"final basket {ExactMatchGrader.Shorten(output.Text)}");
}
