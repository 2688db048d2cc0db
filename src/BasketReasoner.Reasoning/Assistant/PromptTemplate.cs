using System.Text.RegularExpressions;

namespace BasketReasoner.Reasoning.Assistant;

/// <summary>
/// A versioned prompt template from <c>prompts/</c>: the first line is a header
/// <c>&lt;!-- prompt: NAME version: N --&gt;</c>; the body has <c>{{question}}</c> and <c>{{facts}}</c> placeholders.
/// </summary>
public sealed partial class PromptTemplate
{
    [GeneratedRegex(@"^<!--\s*prompt:\s*(?<name>[\w/.-]+)\s+version:\s*(?<version>[\w.-]+)\s*-->", RegexOptions.CultureInvariant)]
    private static partial Regex Header();

    private PromptTemplate(string name, string version, string body)
    {
        Name = name;
        Version = version;
        Body = body;
    }

    public string Name { get; }

    public string Version { get; }

    public string Body { get; }

    /// <exception cref="FormatException">The text lacks the version header or a placeholder.</exception>
    public static PromptTemplate Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var m = Header().Match(text.TrimStart('\uFEFF'));
        if (!m.Success)
        {
            throw new FormatException("A prompt template must start with '<!-- prompt: NAME version: N -->'.");
        }

        var body = text.TrimStart('\uFEFF')[m.Length..].Trim();
        if (!body.Contains("{{question}}", StringComparison.Ordinal) || !body.Contains("{{facts}}", StringComparison.Ordinal))
        {
            throw new FormatException($"Prompt '{m.Groups["name"].Value}' must contain {{{{question}}}} and {{{{facts}}}}.");
        }

        return new PromptTemplate(m.Groups["name"].Value, m.Groups["version"].Value, body);
    }

    public static PromptTemplate Load(string path) => Parse(File.ReadAllText(path));

    /// <summary>The prompt with the facts and the (untrusted, quoted) question filled in.</summary>
    public string Render(string question, string facts) =>
        Body.Replace("{{facts}}", facts, StringComparison.Ordinal)
            .Replace("{{question}}", question.Replace("\"\"\"", "\"", StringComparison.Ordinal), StringComparison.Ordinal);
}
