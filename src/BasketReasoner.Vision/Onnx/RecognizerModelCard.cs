using System.Text.Json;
using System.Text.Json.Serialization;

namespace BasketReasoner.Vision.Onnx;

/// <summary>
/// The machine-readable side of a recognizer model folder (<c>recognizer.json</c> beside <c>recognizer.onnx</c>):
/// which tensors to feed and read, the input size, and the class order of the <c>probs</c> output.
/// </summary>
public sealed record RecognizerModelCard
{
    public const string FileName = "recognizer.json";
    public const string ModelFileName = "recognizer.onnx";
    public const string Int8ModelFileName = "recognizer.int8.onnx";

    /// <summary>The graph file of a precision inside a recognizer folder.</summary>
    public static string ModelFile(RecognizerPrecision precision) => precision switch
    {
        RecognizerPrecision.Float32 => ModelFileName,
        RecognizerPrecision.Int8 => Int8ModelFileName,
        _ => throw new ArgumentOutOfRangeException(nameof(precision), precision, "Unknown recognizer precision."),
    };

    [JsonPropertyName("input_name")]
    public string InputName { get; init; } = "image";

    [JsonPropertyName("input_size")]
    public int InputSize { get; init; } = 112;

    [JsonPropertyName("probs_output")]
    public string ProbabilitiesOutput { get; init; } = "probs";

    [JsonPropertyName("embedding_output")]
    public string EmbeddingOutput { get; init; } = "embedding";

    [JsonPropertyName("embedding_dim")]
    public int EmbeddingDimension { get; init; }

    /// <summary>
    /// The graph that runs when the caller names none: <c>float32</c> (default when absent) or <c>int8</c>. The folder
    /// decides because the choice rests on measurements of its own graphs.
    /// </summary>
    [JsonPropertyName("default_precision")]
    public string? DefaultPrecisionName { get; init; }

    /// <summary><see cref="DefaultPrecisionName"/> parsed (checked by <see cref="Load"/>).</summary>
    [JsonIgnore]
    public RecognizerPrecision DefaultPrecision =>
        DefaultPrecisionName is null ? RecognizerPrecision.Float32 : RecognizerPrecisionNames.Parse(DefaultPrecisionName);

    /// <summary>Product ids in the order of the <c>probs</c> output.</summary>
    [JsonPropertyName("classes")]
    public IReadOnlyList<string> Classes { get; init; } = [];

    public static RecognizerModelCard Load(string folder)
    {
        var path = Path.Combine(folder, FileName);
        if (!File.Exists(path))
        {
            throw new FileNotFoundException($"Recognizer folder '{folder}' has no {FileName}.", path);
        }

        var card = JsonSerializer.Deserialize<RecognizerModelCard>(File.ReadAllText(path))
            ?? throw new InvalidDataException($"{path} is empty.");
        if (card.Classes.Count == 0 || card.EmbeddingDimension <= 0 || card.InputSize <= 0)
        {
            throw new InvalidDataException($"{path} must name classes, embedding_dim and input_size.");
        }

        if (card.DefaultPrecisionName is { } name && !RecognizerPrecisionNames.All.Contains(name))
        {
            throw new InvalidDataException($"{path}: default_precision must be one of {string.Join(", ", RecognizerPrecisionNames.All)}, not '{name}'.");
        }

        return card;
    }
}
