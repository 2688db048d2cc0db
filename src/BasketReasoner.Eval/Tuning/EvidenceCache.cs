using System.Text.Json;

namespace BasketReasoner.Eval.Tuning;

/// <summary>
/// Collected evidence on disk, so that scoring other fusion settings on the same sessions does not re-run the
/// recognizer and the OCR (deterministic for fixed models and frames). The file records the session file it came
/// from; a cache of another file is refused.
/// </summary>
public static class EvidenceCache
{
    private sealed record CacheFile(string SessionFile, double MinPackagedMass, List<SessionEvidence> Sessions);

    public static void Save(string path, string sessionFile, double minPackagedMass, IReadOnlyList<SessionEvidence> sessions)
    {
        using var stream = File.Create(path);
        JsonSerializer.Serialize(stream, new CacheFile(Path.GetFileName(sessionFile), minPackagedMass, [.. sessions]));
    }

    /// <returns>The cached evidence, or <c>null</c> when there is no cache file.</returns>
    /// <exception cref="InvalidDataException">The cache is of another session file or collected with a higher gate.</exception>
    public static IReadOnlyList<SessionEvidence>? TryLoad(string path, string sessionFile, double minPackagedMass)
    {
        if (!File.Exists(path))
        {
            return null;
        }

        using var stream = File.OpenRead(path);
        var cache = JsonSerializer.Deserialize<CacheFile>(stream) ?? throw new InvalidDataException($"Evidence cache '{path}' is empty.");
        if (cache.SessionFile != Path.GetFileName(sessionFile))
        {
            throw new InvalidDataException($"Evidence cache '{path}' was collected from '{cache.SessionFile}', not '{Path.GetFileName(sessionFile)}'.");
        }

        if (cache.MinPackagedMass > minPackagedMass)
        {
            throw new InvalidDataException($"Evidence cache '{path}' read text only above packaged mass {cache.MinPackagedMass}; this run needs {minPackagedMass}.");
        }

        return cache.Sessions;
    }
}
