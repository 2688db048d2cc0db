namespace BasketReasoner.Generation.Chat;

/// <summary>
/// A versioned prompt file (e.g. <c>prompts/choose-product/on-device.v1.md</c>): an optional <c>---</c> front-matter
/// block of <c>key: value</c> lines, then the user message with a <c>{candidates}</c> slot. Front matter keys:
/// <c>separator</c> (between display names, default "; "), <c>system</c> (optional system message).
/// </summary>
public sealed class ChoicePromptTemplate
{
    private ChoicePromptTemplate(string name, string body, string separator, string? system)
    {
        Name = name;
        Body = body;
        Separator = separator;
        System = system;
    }

    public string Name { get; }

    public string Body { get; }

    public string Separator { get; }

    public string? System { get; }

    /// <exception cref="FileNotFoundException">The file is missing.</exception>
    /// <exception cref="FormatException">No <c>{candidates}</c> slot.</exception>
    public static ChoicePromptTemplate Load(string path)
    {
        var text = File.ReadAllText(path).Replace("\r\n", "\n", StringComparison.Ordinal);
        var meta = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        if (text.StartsWith("---\n", StringComparison.Ordinal))
        {
            int end = text.IndexOf("\n---\n", 4, StringComparison.Ordinal);
            if (end < 0) throw new FormatException($"{path}: front matter is not closed with '---'.");
            foreach (var line in text[4..end].Split('\n'))
            {
                int colon = line.IndexOf(':');
                if (colon > 0) meta[line[..colon].Trim()] = line[(colon + 1)..].Trim().Trim('"');
            }

            text = text[(end + 5)..];
        }

        var body = text.Trim('\n');
        if (!body.Contains("{candidates}", StringComparison.Ordinal)) throw new FormatException($"{path}: the prompt has no {{candidates}} slot.");
        return new ChoicePromptTemplate(Path.GetFileName(path), body, meta.GetValueOrDefault("separator") ?? "; ", meta.GetValueOrDefault("system"));
    }

    public string Render(IEnumerable<string> candidates) => Body.Replace("{candidates}", string.Join(Separator, candidates), StringComparison.Ordinal);
}
