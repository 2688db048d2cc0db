using BasketReasoner.Eval.Harness.Runs;

namespace BasketReasoner.Eval.Harness.Reports.Viewer;

/// <summary>One case of both runs: its records (every repeat) in the baseline and in the new run.</summary>
public sealed record CasePair(string System, string Dataset, string CaseId, string Category, IReadOnlyList<CaseRecord> Base, IReadOnlyList<CaseRecord> New);

/// <summary>
/// The cases whose verdict changed between two runs, matched by (system, dataset, case id); the dataset is part of
/// the key because case ids are unique only within one. A case passes when every graded record (every repeat)
/// passes every grade; a case no grader applied to counts neither way.
/// </summary>
public sealed class CaseFlips
{
    private CaseFlips(IReadOnlyList<CasePair> passToFail, IReadOnlyList<CasePair> failToPass, int matched, int onlyInBase, int onlyInNew)
    {
        PassToFail = passToFail;
        FailToPass = failToPass;
        Matched = matched;
        OnlyInBase = onlyInBase;
        OnlyInNew = onlyInNew;
    }

    /// <summary>Passed in the baseline, fail in the new run.</summary>
    public IReadOnlyList<CasePair> PassToFail { get; }

    /// <summary>Failed in the baseline, pass in the new run.</summary>
    public IReadOnlyList<CasePair> FailToPass { get; }

    /// <summary>Graded cases present in both runs.</summary>
    public int Matched { get; }

    /// <summary>Cases of the baseline the new run lacks (a system or dataset dropped, a shorter limit).</summary>
    public int OnlyInBase { get; }

    public int OnlyInNew { get; }

    public static CaseFlips Compute(IEnumerable<CaseRecord> baseline, IEnumerable<CaseRecord> candidate)
    {
        ArgumentNullException.ThrowIfNull(baseline);
        ArgumentNullException.ThrowIfNull(candidate);
        var b = ByCase(baseline);
        var n = ByCase(candidate);
        var passToFail = new List<CasePair>();
        var failToPass = new List<CasePair>();
        var matched = 0;
        foreach (var (key, baseRecords) in b)
        {
            if (!n.TryGetValue(key, out var newRecords))
            {
                continue;
            }

            if (Passed(baseRecords) is not { } was || Passed(newRecords) is not { } now)
            {
                continue;
            }

            matched++;
            if (was != now)
            {
                var first = newRecords[0];
                (was ? passToFail : failToPass).Add(new CasePair(first.System, first.Dataset, first.CaseId, first.Category, baseRecords, newRecords));
            }
        }

        return new CaseFlips(passToFail, failToPass, matched, b.Keys.Count(k => !n.ContainsKey(k)), n.Keys.Count(k => !b.ContainsKey(k)));
    }

    /// <summary>True when every graded record passes every grade; null when no record has a grade.</summary>
    public static bool? Passed(IReadOnlyCollection<CaseRecord> records)
    {
        var graded = records.Where(r => r.Grades.Count > 0).ToArray();
        return graded.Length == 0 ? null : graded.All(r => r.Grades.All(g => g.Passed));
    }

    private static SortedDictionary<(string, string, string), List<CaseRecord>> ByCase(IEnumerable<CaseRecord> records)
    {
        var map = new SortedDictionary<(string, string, string), List<CaseRecord>>(Comparer<(string, string, string)>.Create((x, y) =>
        {
            var c = string.CompareOrdinal(x.Item1, y.Item1);
            c = c != 0 ? c : string.CompareOrdinal(x.Item2, y.Item2);
            return c != 0 ? c : string.CompareOrdinal(x.Item3, y.Item3);
        }));
        foreach (var r in records)
        {
            var key = (r.System, r.Dataset, r.CaseId);
            if (!map.TryGetValue(key, out var list))
            {
                map[key] = list = [];
            }

            list.Add(r);
        }

        foreach (var list in map.Values)
        {
            list.Sort((x, y) => x.Repeat.CompareTo(y.Repeat));
        }

        return map;
    }
}
