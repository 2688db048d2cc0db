namespace BasketReasoner.Core.Numerics;

/// <summary>
/// 32-bit FNV-1a over UTF-16 code units: a hash that is the same in every process and on every machine
/// (<see cref="string.GetHashCode()"/> is randomised per process), for splits, folds and hashed features.
/// </summary>
public static class Fnv1a
{
    public static uint Hash(ReadOnlySpan<char> chars)
    {
        var hash = 2166136261u;
        foreach (var c in chars)
        {
            hash = (hash ^ c) * 16777619u;
        }

        return hash;
    }
}
