using System.Security.Cryptography;
using System.Text;
using System.Text.RegularExpressions;

namespace BasketReasoner.Core.Prompts;

/// <summary>
/// A versioned prompt file from <c>prompts/&lt;task&gt;/&lt;version&gt;.md</c>, the one format every stage reads (the
/// shopper assistant, the on-device chooser, the evaluation harness and its judge). Layout, all parts optional:
/// <list type="number">
/// <item>a header comment <c>&lt;!-- prompt: NAME version: N --&gt;</c>, or a <c>---</c> front-matter block of
/// <c>key: value</c> lines (<c>name</c>, <c>version</c>, and any stage-specific keys, e.g. <c>separator</c>);</item>
/// <item><c>## system</c> then the system message;</item>
/// <item><c>## user</c> then the user message. Without that line the whole body is the user message.</item>
/// </list>
/// <c>{{name}}</c> placeholders are filled by <see cref="Render"/>; a placeholder nobody provides is an error rather
/// than text the model would see. The content hash joins cache keys, so an edited prompt never reuses an old answer.
/// </summary>
public sealed partial class PromptFile
{
    private PromptFile(string task, string version, string system, string user, IReadOnlyDictionary<string, string> metadata, string hash)
    {
        Task = task;
        Version = version;
        System = system;
        User = user;
        Metadata = metadata;
        Hash = hash;
    }

    /// <summary>The task (the folder under <c>prompts/</c>, or the header's name).</summary>
    public string Task { get; }

    public string Version { get; }

    /// <summary>The system message before rendering; empty when the file has none.</summary>
    public string System { get; }

    /// <summary>The user message before rendering.</summary>
    public string User { get; }

    /// <summary>Front-matter keys (case-insensitive), e.g. <c>separator</c>; empty without front matter.</summary>
    public IReadOnlyDictionary<string, string> Metadata { get; }

    /// <summary>First 12 hex digits of the file's SHA-256.</summary>
    public string Hash { get; }

    /// <summary><c>task/version@hash</c>, as recorded in case logs and cache keys.</summary>
    public string Id => $"{Task}/{Version}@{Hash}";

    /// <summary>The placeholders the messages use, in order of first use.</summary>
    public IReadOnlyList<string> Placeholders =>
        Placeholder().Matches(System + "\n" + User).Select(m => m.Groups[1].Value).Distinct(StringComparer.Ordinal).ToArray();

    /// <param name="task">Used when the text names none (header or front matter).</param>
    /// <param name="version">Used when the text names none.</param>
    /// <exception cref="FormatException">Unclosed front matter or an empty user message.</exception>
    public static PromptFile Parse(string text, string task, string version)
    {
        ArgumentNullException.ThrowIfNull(text);
        var normalized = text.TrimStart('\uFEFF').Replace("\r\n", "\n", StringComparison.Ordinal);
        var hash = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(normalized)))[..12];
        var metadata = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        var body = ReadPreamble(normalized, metadata, task);
        task = metadata.GetValueOrDefault("name") ?? task;
        version = metadata.GetValueOrDefault("version") ?? version;

        var marker = UserMarker().Match(body);
        var system = marker.Success ? StripSystemHeading(body[..marker.Index]) : string.Empty;
        var user = (marker.Success ? body[(marker.Index + marker.Length)..] : body).Trim('\n', ' ');
        if (user.Length == 0)
        {
            throw new FormatException($"prompt '{task}/{version}' has an empty user message");
        }

        if (system.Length == 0 && metadata.TryGetValue("system", out var fromMeta))
        {
            system = fromMeta;
        }

        return new PromptFile(task, version, system, user, metadata, hash);
    }

    /// <summary>Reads <c>prompts/&lt;task&gt;/&lt;version&gt;.md</c>.</summary>
    /// <exception cref="FileNotFoundException">No such prompt.</exception>
    public static PromptFile Load(string promptsFolder, string task, string version) =>
        FromFile(Path.Combine(promptsFolder, task, version + ".md"), task, version);

    /// <summary>Reads a prompt by path; task and version default to the folder and file name.</summary>
    /// <exception cref="FileNotFoundException">The file is missing.</exception>
    public static PromptFile FromFile(string path, string? task = null, string? version = null)
    {
        if (!File.Exists(path))
        {
            throw new FileNotFoundException($"prompt template not found at {path}", path);
        }

        task ??= Path.GetFileName(Path.GetDirectoryName(Path.GetFullPath(path))) ?? "prompt";
        version ??= Path.GetFileNameWithoutExtension(path);
        return Parse(File.ReadAllText(path), task, version);
    }

    /// <summary>Checks at load time that the prompt uses every placeholder its stage fills.</summary>
    /// <exception cref="FormatException">A placeholder is missing.</exception>
    public PromptFile Require(params string[] placeholders)
    {
        var used = Placeholders;
        var missing = placeholders.Where(p => !used.Contains(p, StringComparer.Ordinal)).ToArray();
        return missing.Length == 0
            ? this
            : throw new FormatException($"prompt {Id} must contain {string.Join(", ", missing.Select(m => "{{" + m + "}}"))}");
    }

    /// <summary>Fills <c>{{name}}</c> placeholders in both messages.</summary>
    /// <exception cref="FormatException">The prompt uses a placeholder <paramref name="values"/> lacks.</exception>
    public (string System, string User) Render(IReadOnlyDictionary<string, string> values) => (Fill(System, values), Fill(User, values));

    private string Fill(string text, IReadOnlyDictionary<string, string> values) =>
        Placeholder().Replace(text, m => values.TryGetValue(m.Groups[1].Value, out var v)
            ? v
            : throw new FormatException($"prompt {Id} uses {{{{{m.Groups[1].Value}}}}}, which this task does not provide"));

    private static string ReadPreamble(string text, Dictionary<string, string> metadata, string task)
    {
        if (HeaderComment().Match(text) is { Success: true } header)
        {
            metadata["name"] = header.Groups["name"].Value;
            metadata["version"] = header.Groups["version"].Value;
            return text[header.Length..];
        }

        if (!text.StartsWith("---\n", StringComparison.Ordinal))
        {
            return text;
        }

        var end = text.IndexOf("\n---\n", 3, StringComparison.Ordinal);
        if (end < 0)
        {
            throw new FormatException($"prompt '{task}': front matter is not closed with '---'");
        }

        foreach (var line in text[4..end].Split('\n'))
        {
            var colon = line.IndexOf(':');
            if (colon > 0)
            {
                metadata[line[..colon].Trim()] = line[(colon + 1)..].Trim().Trim('"');
            }
        }

        return text[(end + 5)..];
    }

    private static string StripSystemHeading(string text)
    {
        var t = text.Trim('\n', ' ');
        return t.StartsWith("## system", StringComparison.OrdinalIgnoreCase) ? t["## system".Length..].Trim('\n', ' ') : t;
    }

    [GeneratedRegex(@"^<!--\s*prompt:\s*(?<name>[\w/.-]+)\s+version:\s*(?<version>[\w.-]+)\s*-->", RegexOptions.CultureInvariant)]
    private static partial Regex HeaderComment();

    [GeneratedRegex(@"^## user[ \t]*$", RegexOptions.Multiline | RegexOptions.IgnoreCase)]
    private static partial Regex UserMarker();

    [GeneratedRegex(@"\{\{\s*([a-z_]+)\s*\}\}")]
    private static partial Regex Placeholder();
}
