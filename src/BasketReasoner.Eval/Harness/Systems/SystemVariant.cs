using BasketReasoner.Eval.Harness.Suites;

namespace BasketReasoner.Eval.Harness.Systems;

/// <summary>One point of a system matrix: a spec with one prompt version per task and one value per parameter.</summary>
/// <param name="Name">Report name, e.g. <c>gpt[choose-product=v1,temperature=0]</c>.</param>
/// <param name="Spec">The spec it came from.</param>
/// <param name="PromptVersions">Task → version.</param>
/// <param name="Parameters">Parameter → value, sorted by name so the cache key does not depend on YAML order.</param>
public sealed record SystemVariant(string Name, SystemSpec Spec, IReadOnlyDictionary<string, string> PromptVersions, SortedDictionary<string, string> Parameters)
{
    /// <summary>The parameters as one stable string (<c>k=v;k=v</c>), a cache-key part.</summary>
    public string ParameterString => string.Join(';', Parameters.Select(kv => $"{kv.Key}={kv.Value}"));

    /// <summary>Expands a spec into its matrix (prompt versions × parameter values), in a stable order.</summary>
    public static IReadOnlyList<SystemVariant> Expand(SystemSpec spec)
    {
        ArgumentNullException.ThrowIfNull(spec);
        var axes = new List<(string Key, bool IsPrompt, List<string> Values)>();
        axes.AddRange(spec.Prompts.OrderBy(kv => kv.Key, StringComparer.Ordinal).Select(kv => (kv.Key, true, kv.Value)));
        axes.AddRange(spec.Parameters.OrderBy(kv => kv.Key, StringComparer.Ordinal).Select(kv => (kv.Key, false, kv.Value)));
        foreach (var axis in axes)
        {
            if (axis.Values.Count == 0)
            {
                throw new InvalidDataException($"system '{spec.Name ?? spec.Backend}': '{axis.Key}' lists no values");
            }
        }

        var points = new List<(Dictionary<string, string> Prompts, SortedDictionary<string, string> Parameters)> { ([], new(StringComparer.Ordinal)) };
        foreach (var (key, isPrompt, values) in axes)
        {
            points = points.SelectMany(p => values.Select(v =>
            {
                var prompts = new Dictionary<string, string>(p.Prompts);
                var parameters = new SortedDictionary<string, string>(p.Parameters, StringComparer.Ordinal);
                (isPrompt ? (IDictionary<string, string>)prompts : parameters)[key] = v;
                return (prompts, parameters);
            })).ToList();
        }

        var baseName = spec.Name ?? spec.Backend;
        var multi = axes.Any(a => a.Values.Count > 1);
        return points.Select(p =>
        {
            var label = string.Join(',', axes.Where(a => a.Values.Count > 1 || !multi)
                .Select(a => $"{a.Key}={(a.IsPrompt ? p.Prompts[a.Key] : p.Parameters[a.Key])}"));
            var name = multi ? $"{baseName}[{label}]" : baseName;
            return new SystemVariant(name, spec, p.Prompts, p.Parameters);
        }).ToArray();
    }

    public double? Double(string key) =>
        Parameters.TryGetValue(key, out var v) ? double.Parse(v, System.Globalization.CultureInfo.InvariantCulture) : null;

    public int? Int(string key) =>
        Parameters.TryGetValue(key, out var v) ? int.Parse(v, System.Globalization.CultureInfo.InvariantCulture) : null;
}
