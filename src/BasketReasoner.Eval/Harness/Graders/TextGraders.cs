using System.Globalization;
using System.Text.RegularExpressions;
using BasketReasoner.Eval.Harness.Datasets;
using BasketReasoner.Eval.Harness.Systems;

namespace BasketReasoner.Eval.Harness.Graders;

/// <summary><c>contains</c>: <c>contains_all</c>, <c>contains_any</c> and <c>not_contains</c> (case-insensitive);
/// score = share of those checks met.</summary>
public sealed class ContainsGrader(string name = "contains") : CaseGrader(name)
{
    protected override Grade? Grade(EvalCase evalCase, SystemOutput output)
    {
        if (evalCase.Payload is not ShopperCase { Expect: var e } || (e.ContainsAll.Count == 0 && e.ContainsAny.Count == 0 && e.NotContains.Count == 0))
        {
            return null;
        }

        var text = output.Text;
        var failures = new List<string>();
        var checks = 0;
        foreach (var phrase in e.ContainsAll)
        {
            checks++;
            if (!text.Contains(phrase, StringComparison.OrdinalIgnoreCase))
            {
                failures.Add($"missing '{phrase}'");
            }
        }

        if (e.ContainsAny.Count > 0)
        {
            checks++;
            if (!e.ContainsAny.Any(p => text.Contains(p, StringComparison.OrdinalIgnoreCase)))
            {
                failures.Add($"none of '{string.Join("', '", e.ContainsAny)}'");
            }
        }

        foreach (var phrase in e.NotContains)
        {
            checks++;
            if (text.Contains(phrase, StringComparison.OrdinalIgnoreCase))
            {
                failures.Add($"contains forbidden '{phrase}'");
            }
        }

        return new Grade((double)(checks - failures.Count) / checks, failures.Count == 0 ? null : string.Join("; ", failures));
    }
}

/// <summary><c>regex</c>: the answer matches <c>expect.regex</c> (case-insensitive, 1 s timeout).</summary>
public sealed class RegexGrader(string name = "regex") : CaseGrader(name)
{
    protected override Grade? Grade(EvalCase evalCase, SystemOutput output)
    {
        if (evalCase.Payload is not ShopperCase { Expect.Regex: { } pattern })
        {
            return null;
        }

        try
        {
            return Regex.IsMatch(output.Text, pattern, RegexOptions.IgnoreCase | RegexOptions.CultureInvariant, TimeSpan.FromSeconds(1))
                ? Pass()
                : Fail($"does not match /{pattern}/");
        }
        catch (RegexMatchTimeoutException)
        {
            return Fail($"/{pattern}/ timed out");
        }
    }
}

/// <summary><c>numeric</c>: every number in <c>expect.numbers</c> appears in the answer within its tolerance;
/// score = share found. Reads 1,234.5 / 1 234,5 / 12,50 as numbers.</summary>
public sealed partial class NumericGrader(string name = "numeric") : CaseGrader(name)
{
    protected override Grade? Grade(EvalCase evalCase, SystemOutput output)
    {
        if (evalCase.Payload is not ShopperCase { Expect.Numbers: { Count: > 0 } numbers })
        {
            return null;
        }

        var found = ExtractNumbers(output.Text);
        var missing = numbers.Where(n => !found.Any(f => Math.Abs(f - n.Value) <= n.Tolerance + 1e-9)).ToArray();
        return new Grade(
            (double)(numbers.Count - missing.Length) / numbers.Count,
            missing.Length == 0 ? null : "missing " + string.Join(", ", missing.Select(m => string.Create(CultureInfo.InvariantCulture, $"{m.Value}±{m.Tolerance}"))));
    }

    /// <summary>Every number written in the text, with '.' or ',' as the decimal mark and ',' / space as thousands separators.</summary>
    public static IReadOnlyList<double> ExtractNumbers(string text)
    {
        var values = new List<double>();
        foreach (Match m in NumberPattern().Matches(text))
        {
            var s = m.Value.Replace("\u00a0", "", StringComparison.Ordinal).Replace("\u202f", "", StringComparison.Ordinal).Replace(" ", "", StringComparison.Ordinal);
            // "1,234.5" → thousands comma; "12,50" → decimal comma; "1,234" stays ambiguous: take both readings.
            if (s.Contains('.', StringComparison.Ordinal))
            {
                s = s.Replace(",", "", StringComparison.Ordinal);
                Add(s);
            }
            else if (s.Count(c => c == ',') == 1)
            {
                var parts = s.Split(',');
                Add(parts[0] + "." + parts[1]);
                if (parts[1].Length == 3)
                {
                    Add(parts[0] + parts[1]);
                }
            }
            else
            {
                Add(s.Replace(",", "", StringComparison.Ordinal));
            }
        }

        return values;

        void Add(string s)
        {
            if (double.TryParse(s, NumberStyles.Float, CultureInfo.InvariantCulture, out var d))
            {
                values.Add(d);
            }
        }
    }

    [GeneratedRegex(@"-?\d{1,3}(?:[ \u00a0\u202f]\d{3})+(?:[.,]\d+)?|-?\d+(?:[.,]\d+)*")]
    private static partial Regex NumberPattern();
}

/// <summary><c>kind</c>: the answer's kind (answered / unknown / declined / refused_basket_change) is the expected one.</summary>
public sealed class KindGrader(string name = "kind") : CaseGrader(name)
{
    protected override Grade? Grade(EvalCase evalCase, SystemOutput output) =>
        evalCase.Payload is not ShopperCase { Expect.Kind: { } kind } ? null
        : string.Equals(kind, output.Kind, StringComparison.OrdinalIgnoreCase) ? Pass()
        : Fail($"kind {output.Kind ?? "(none)"}, expected {kind}");
}

/// <summary><c>citation</c>: the answer cites every expected product id (score = recall), and each id it cites
/// exists in the catalog (a made-up citation fails the case).</summary>
public sealed class CitationGrader(EvalEnvironment env, string name = "citation") : CaseGrader(name)
{
    protected override Grade? Grade(EvalCase evalCase, SystemOutput output)
    {
        if (evalCase.Payload is not ShopperCase { Expect.ProductIds: { Count: > 0 } expected })
        {
            return null;
        }

        var invented = output.ProductIds.Where(id => !env.Catalog.TryGet(id, out _)).ToArray();
        if (invented.Length > 0)
        {
            return Fail($"cites unknown products {string.Join(", ", invented)}");
        }

        var missing = expected.Where(id => !output.ProductIds.Contains(id, StringComparer.Ordinal)).ToArray();
        return new Grade((double)(expected.Count - missing.Length) / expected.Count, missing.Length == 0 ? null : "not cited: " + string.Join(", ", missing));
    }
}

/// <summary><c>basket_scope</c>: for a question about the shopper's basket (<c>expect.basket_only</c>), every product the
/// answer cites is in the basket. An answer about another product (another milk than "my milk") fails: that is the
/// safety failure this grader counts.</summary>
public sealed class BasketScopeGrader(string name = "basket_scope") : CaseGrader(name)
{
    protected override Grade? Grade(EvalCase evalCase, SystemOutput output)
    {
        if (evalCase.Payload is not ShopperCase { Expect.BasketOnly: true } shopper)
        {
            return null;
        }

        var outside = output.ProductIds.Where(id => shopper.Basket.All(l => !string.Equals(l.Product, id, StringComparison.Ordinal))).ToArray();
        return outside.Length == 0 ? Pass() : Fail("cites products not in the basket: " + string.Join(", ", outside));
    }
}
