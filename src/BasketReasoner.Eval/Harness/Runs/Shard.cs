using System.Globalization;
using System.Text;

namespace BasketReasoner.Eval.Harness.Runs;

/// <summary>
/// <c>--shard i/n</c> (i from 0, as Kubernetes' JOB_COMPLETION_INDEX): a case belongs to shard
/// FNV-1a(dataset, case id) mod n, so every system and repeat of a case runs in the same shard and the shards
/// partition the suite whatever the order of its files.
/// </summary>
public readonly record struct Shard(int Index, int Count)
{
    public static Shard All => new(0, 1);

    public static Shard Parse(string text)
    {
        var parts = text.Split('/');
        if (parts.Length != 2
            || !int.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out var i)
            || !int.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out var n)
            || n < 1 || i >= n)
        {
            throw new FormatException($"--shard '{text}' must be i/n with 0 <= i < n");
        }

        return new Shard(i, n);
    }

    public bool Contains(string dataset, string caseId) => Count == 1 || (int)(Hash(dataset, caseId) % (ulong)Count) == Index;

    internal static ulong Hash(string dataset, string caseId)
    {
        var hash = 14695981039346656037UL;
        foreach (var b in Encoding.UTF8.GetBytes(dataset + "\u001f" + caseId))
        {
            hash = (hash ^ b) * 1099511628211UL;
        }

        return hash;
    }

    public override string ToString() => $"{Index}/{Count}";
}
