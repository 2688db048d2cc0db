using BasketReasoner.Core.Prompts;

namespace BasketReasoner.Generation.Chat;

/// <summary>
/// The on-device chooser's prompt (e.g. <c>prompts/choose-product/on-device.v1.md</c>): a <see cref="PromptFile"/>
/// whose user message has a <c>{{candidates}}</c> slot. Front-matter keys: <c>separator</c> between display names
/// (default "; "), <c>system</c> (optional system message).
/// </summary>
public sealed class ChoicePromptTemplate
{
    private readonly PromptFile _file;

    private ChoicePromptTemplate(PromptFile file)
    {
        _file = file.Require("candidates");
        Separator = file.Metadata.GetValueOrDefault("separator") ?? "; ";
    }

    /// <summary><c>task/version@hash</c> of the prompt file.</summary>
    public string Name => _file.Id;

    public string Separator { get; }

    public string? System => _file.System.Length == 0 ? null : _file.System;

    /// <exception cref="FileNotFoundException">The file is missing.</exception>
    /// <exception cref="FormatException">No <c>{{candidates}}</c> slot.</exception>
    public static ChoicePromptTemplate Load(string path) => new(PromptFile.FromFile(path));

    public string Render(IEnumerable<string> candidates) =>
        _file.Render(new Dictionary<string, string>(1) { ["candidates"] = string.Join(Separator, candidates) }).User;
}
