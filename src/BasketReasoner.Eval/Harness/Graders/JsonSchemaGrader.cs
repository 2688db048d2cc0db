using BasketReasoner.Eval.Harness.Datasets;
using BasketReasoner.Eval.Harness.Systems;
using NJsonSchema;

namespace BasketReasoner.Eval.Harness.Graders;

/// <summary><c>json_schema</c>: the model's raw reply (else the answer text) is JSON valid against a schema file
/// (option <c>schema</c>, relative to the repository root). Applies to model-backed outputs only.</summary>
public sealed class JsonSchemaGrader : CaseGrader
{
    private readonly JsonSchema _schema;
    private readonly IReadOnlySet<DatasetKind> _kinds;

    public JsonSchemaGrader(JsonSchema schema, IReadOnlySet<DatasetKind> kinds, string name = "json_schema") : base(name)
    {
        _schema = schema;
        _kinds = kinds;
    }

    public static JsonSchemaGrader FromFile(string path, string name = "json_schema") =>
        new(JsonSchema.FromFileAsync(path).GetAwaiter().GetResult(), new HashSet<DatasetKind> { DatasetKind.Shopper, DatasetKind.Ambiguous }, name);

    protected override Grade? Grade(EvalCase evalCase, SystemOutput output)
    {
        if (!_kinds.Contains(evalCase.Kind))
        {
            return null;
        }

        var json = output.Raw ?? output.Text;
        try
        {
            var errors = _schema.Validate(json);
            return errors.Count == 0 ? Pass() : Fail(string.Join("; ", errors.Take(3).Select(e => $"{e.Path}: {e.Kind}")));
        }
        catch (Newtonsoft.Json.JsonException ex)
        {
            return Fail($"not JSON: {ex.Message}");
        }
    }
}
