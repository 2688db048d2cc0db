using System.Text.Json;
using System.Text.Json.Nodes;
using BasketReasoner.Core.Prompts;

namespace BasketReasoner.Reasoning.Choice;

/// <summary>
/// The one candidate-choice prompt: a <c>prompts/choose-product/vN.md</c> template (placeholders <c>event</c>,
/// <c>weight</c>, <c>candidates</c>, <c>count</c>) and the one answer schema beside it,
/// <c>prompts/choose-product/answer.schema.json</c>, whose <c>product_id</c> enum is filled with each request's
/// candidate ids.
/// </summary>
public sealed class ChoosePrompt
{
    public const string Task = "choose-product";

    /// <summary>The version every stage uses unless told otherwise.</summary>
    public const string DefaultVersion = "v2";

    /// <summary>The answer schema's file name, beside the templates.</summary>
    public const string SchemaFileName = "answer.schema.json";

    private static readonly string[] Placeholders = ["event", "weight", "candidates", "count"];

    private readonly JsonObject _schema;

    private ChoosePrompt(PromptFile template, JsonObject schema)
    {
        Template = template;
        _schema = schema;
    }

    public PromptFile Template { get; }

    /// <summary><c>promptsFolder/choose-product/{version}.md</c> and the schema beside it.</summary>
    public static ChoosePrompt Load(string promptsFolder, string version = DefaultVersion) =>
        FromFile(Path.Combine(promptsFolder, Task, version + ".md"));

    /// <summary>A template file and the <see cref="SchemaFileName"/> in its folder.</summary>
    /// <exception cref="FileNotFoundException">Either file is missing.</exception>
    /// <exception cref="FormatException">The template lacks a placeholder the chooser fills, or the schema is not ours.</exception>
    public static ChoosePrompt FromFile(string templatePath)
    {
        var template = PromptFile.FromFile(templatePath);
        var missing = Placeholders.Except(template.Placeholders, StringComparer.Ordinal).ToArray();
        if (missing.Length > 0)
        {
            throw new FormatException($"{templatePath}: the choose-product template must use {{{{{string.Join("}}, {{", missing)}}}}}");
        }

        var schemaPath = Path.Combine(Path.GetDirectoryName(Path.GetFullPath(templatePath))!, SchemaFileName);
        var schema = JsonNode.Parse(File.ReadAllText(schemaPath)) as JsonObject;
        if (schema?["properties"]?["product_id"] is not JsonObject)
        {
            throw new FormatException($"{schemaPath}: the answer schema must have properties.product_id");
        }

        return new ChoosePrompt(template, schema);
    }

    /// <summary>The answer schema with <c>product_id</c> restricted to <paramref name="candidateIds"/>.</summary>
    public JsonElement AnswerSchema(IEnumerable<string> candidateIds)
    {
        var schema = (JsonObject)_schema.DeepClone();
        schema["properties"]!["product_id"]!["enum"] = new JsonArray(candidateIds.Select(id => (JsonNode)JsonValue.Create(id)).ToArray());
        return JsonSerializer.SerializeToElement(schema);
    }
}
