using YamlDotNet.Core;
using YamlDotNet.Serialization;
using YamlDotNet.Serialization.NamingConventions;

namespace BasketReasoner.Eval.Harness.Suites;

/// <summary>Reads suite and threshold files (YAML, snake_case keys); an unknown key is an error, not ignored.</summary>
public static class SuiteLoader
{
    private static readonly IDeserializer Yaml = new DeserializerBuilder()
        .WithNamingConvention(UnderscoredNamingConvention.Instance)
        .Build();

    public static EvalSuite Load(string path) => Parse(File.ReadAllText(path), path);

    public static EvalSuite Parse(string yaml, string source = "suite")
    {
        EvalSuite suite;
        if (yaml.TrimStart().StartsWith('-'))
        {
            throw new InvalidDataException($"{source}: a suite is a mapping of keys (name, datasets, systems, graders, ...), not a list");
        }

        try
        {
            suite = Yaml.Deserialize<EvalSuite>(yaml) ?? throw new InvalidDataException($"{source}: empty suite");
        }
        catch (YamlException ex)
        {
            throw new InvalidDataException($"{source}: line {ex.Start.Line}, column {ex.Start.Column}: {Plain(ex)}", ex);
        }

        Validate(suite, source);
        return suite;
    }

    // YamlDotNet's messages name .NET types ("...into type BasketReasoner.Eval.Harness.Suites.EvalSuite, BasketReasoner.Eval,
    // Version=..."): the reader of a suite file gets what is wrong in its terms instead.
    private static string Plain(YamlException ex)
    {
        var inner = ex.InnerException?.Message ?? ex.Message;
        if (inner.Contains("Expected 'MappingStart'", StringComparison.Ordinal) || ex.Message.Contains("Expected 'MappingStart'", StringComparison.Ordinal))
        {
            return "expected a mapping of keys (name, datasets, systems, graders, ...) here";
        }

        var text = System.Text.RegularExpressions.Regex.Replace(inner, @"\s*(?:into type|of type|to type)?\s*'?[\w`.]+(?:\[[^\]]*\])?,\s*[\w.]+,\s*Version=[^']*'?", string.Empty);
        text = System.Text.RegularExpressions.Regex.Replace(text, @"Exception during deserialization\s*", string.Empty);
        return text.Trim().Length > 0 ? text.Trim() : "not a valid suite";
    }

    /// <summary>A thresholds file: a YAML list of <see cref="ThresholdSpec"/>, or an object with a <c>thresholds</c> list.</summary>
    public static List<ThresholdSpec> LoadThresholds(string path)
    {
        var text = File.ReadAllText(path);
        try
        {
            return text.TrimStart().StartsWith('-')
                ? Yaml.Deserialize<List<ThresholdSpec>>(text) ?? []
                : Yaml.Deserialize<EvalSuite>(text)?.Thresholds ?? [];
        }
        catch (YamlException ex)
        {
            throw new InvalidDataException($"{path}: {ex.Message}", ex);
        }
    }

    private static void Validate(EvalSuite suite, string source)
    {
        if (suite.Datasets.Count == 0 || suite.Systems.Count == 0 || suite.Graders.Count == 0)
        {
            throw new InvalidDataException($"{source}: a suite needs at least one dataset, one system and one grader");
        }

        if (suite.Concurrency < 1 || suite.Repeats < 1)
        {
            throw new InvalidDataException($"{source}: concurrency and repeats must be at least 1");
        }

        foreach (var d in suite.Datasets)
        {
            if (string.IsNullOrWhiteSpace(d.Path) || string.IsNullOrWhiteSpace(d.Kind))
            {
                throw new InvalidDataException($"{source}: every dataset needs a kind and a path");
            }

            if (d.Limit is < 1)
            {
                throw new InvalidDataException($"{source}: dataset '{DatasetName(d)}' has limit {d.Limit}; a limit keeps the first N cases, N at least 1 (leave it out for all)");
            }
        }

        foreach (var s in suite.Systems)
        {
            if (string.IsNullOrWhiteSpace(s.Backend))
            {
                throw new InvalidDataException($"{source}: system '{s.Name}' names no backend");
            }
        }

        foreach (var g in suite.Graders)
        {
            if (string.IsNullOrWhiteSpace(g.Type))
            {
                throw new InvalidDataException($"{source}: grader '{g.Name}' has no type");
            }
        }
    }

    /// <summary>The dataset's report name: its <c>name</c>, or the file name without extension.</summary>
    public static string DatasetName(DatasetSpec d) => d.Name ?? Path.GetFileNameWithoutExtension(d.Path);
}
