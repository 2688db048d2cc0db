using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using BasketReasoner.Generation.Constraints;
using FsCheck.Xunit;

namespace BasketReasoner.Generation.Tests.Constraints;

/// <summary>
/// The digit-bounded integer rules of <see cref="JsonSchemaGbnf"/> are exact: translated to a .NET regex (the rules
/// use only literals, classes, groups, alternation and counted repetition, which mean the same in both), a number
/// matches if and only if it lies in the range.
/// </summary>
public class JsonSchemaGbnfTests
{
    private static Regex ToRegex(string gbnf)
    {
        var sb = new StringBuilder("^(?:");
        for (int i = 0; i < gbnf.Length; i++)
        {
            char c = gbnf[i];
            if (c == '"')
            {
                int end = gbnf.IndexOf('"', i + 1);
                sb.Append(Regex.Escape(gbnf[(i + 1)..end]));
                i = end;
            }
            else if (c == '[')
            {
                int end = gbnf.IndexOf(']', i);
                sb.Append(gbnf, i, end - i + 1);
                i = end;
            }
            else if (c == '(')
            {
                sb.Append("(?:");
            }
            else if (c != ' ')
            {
                sb.Append(c);
            }
        }

        return new Regex(sb.Append(")$").ToString(), RegexOptions.CultureInvariant);
    }

    private static string Show(long v) => v.ToString(CultureInfo.InvariantCulture);

    [Property(MaxTest = 300)]
    public void IntRange_RandomBounds_MatchesExactlyTheIntegersInside(int a, int b, short probe)
    {
        var random = new Random(HashCode.Combine(a, b, probe));
        long lo = Math.Min(a % 100_000, b % 100_000), hi = Math.Max(a % 100_000, b % 100_000);
        var regex = ToRegex(JsonSchemaGbnf.IntRange(lo, hi));
        long span = hi - lo + 1;
        var probes = new List<long> { lo, hi, lo - 1, hi + 1, probe, 0, -1 };
        for (int i = 0; i < 40; i++) probes.Add(lo - span + random.NextInt64(0, 3 * span));
        for (long p = 1; p <= 1_000_000; p *= 10) probes.AddRange([p - 1, p, -p, 1 - p]);
        foreach (long x in probes)
        {
            Assert.True(regex.IsMatch(Show(x)) == (x >= lo && x <= hi), $"{x} in [{lo}, {hi}]: {JsonSchemaGbnf.IntRange(lo, hi)}");
        }

        Assert.False(regex.IsMatch("0" + Show(Math.Abs(hi))), "leading zero");
        Assert.False(regex.IsMatch("-0"), "minus zero");
    }

    [Property(MaxTest = 200)]
    public void IntRange_HalfOpen_MatchesExactlyTheIntegersInside(int a, short probe, bool below)
    {
        long bound = a % 1_000_000;
        var regex = ToRegex(below ? JsonSchemaGbnf.IntRange(null, bound) : JsonSchemaGbnf.IntRange(bound, null));
        foreach (long x in new long[] { bound, bound - 1, bound + 1, probe, 0, 123_456_789_012, -123_456_789_012 })
        {
            bool inside = below ? x <= bound : x >= bound;
            Assert.True(regex.IsMatch(Show(x)) == inside, $"{x} vs {(below ? "<=" : ">=")} {bound}");
        }
    }
}
