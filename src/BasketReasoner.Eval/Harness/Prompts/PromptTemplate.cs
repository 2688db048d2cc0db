using System.Security.Cryptography;
using System.Text;
using System.Text.RegularExpressions;

namespace BasketReasoner.Eval.Harness.Prompts;

/// <summary>
/// A versioned prompt file (<c>prompts/&lt;task&gt;/&lt;version&gt;.md</c>). Text before a line <c>## user</c> is the
/// system message, text after it the user message; <c>{{name}}</c> placeholders are filled at render time. The
/// content hash joins the cache key, so an edited prompt never reuses an old answer.
/// </summary>
public sealed partial class PromptTemplate
{
    private readonly string _system;
    private readonly string _user;

    public PromptTemplate(string task, string version, string text)
    {
        Task = task;
        Version = version;
        var normalized = text.Replace("\r\n", "\n", StringComparison.Ordinal);
        var marker = UserMarker().Match(normalized);
        _system = StripHeader(marker.Success ? normalized[..marker.Index] : normalized);
        _user = marker.Success ? normalized[(marker.Index + marker.Length)..].Trim() : "{{input}}";
        Hash = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(normalized)))[..12];
    }

    public string Task { get; }

    public string Version { get; }

    /// <summary>First 12 hex digits of the file's SHA-256.</summary>
    public string Hash { get; }

    /// <summary><c>task/version@hash</c>, as recorded in case logs and cache keys.</summary>
    public string Id => $"{Task}/{Version}@{Hash}";

    public static PromptTemplate Load(string promptsFolder, string task, string version)
    {
        var path = Path.Combine(promptsFolder, task, version + ".md");
        if (!File.Exists(path))
        {
            throw new FileNotFoundException($"prompt template '{task}/{version}' not found at {path}", path);
        }

        return new PromptTemplate(task, version, File.ReadAllText(path));
    }

    /// <summary>Fills <c>{{name}}</c> placeholders; an unknown placeholder is an error, not silently left in.</summary>
    public (string System, string User) Render(IReadOnlyDictionary<string, string> values) => (Fill(_system, values), Fill(_user, values));

    private string Fill(string text, IReadOnlyDictionary<string, string> values) =>
        Placeholder().Replace(text, m => values.TryGetValue(m.Groups[1].Value, out var v)
            ? v
            : throw new FormatException($"prompt {Id} uses {{{{{m.Groups[1].Value}}}}}, which this task does not provide"));

    private static string StripHeader(string text)
    {
        var t = text.Trim();
        return t.StartsWith("## system", StringComparison.OrdinalIgnoreCase) ? t["## system".Length..].Trim() : t;
    }

    [GeneratedRegex(@"^## user[ \t]*$", RegexOptions.Multiline | RegexOptions.IgnoreCase)]
    private static partial Regex UserMarker();

    [GeneratedRegex(@"\{\{\s*([a-z_]+)\s*\}\}")]
    private static partial Regex Placeholder();
}
