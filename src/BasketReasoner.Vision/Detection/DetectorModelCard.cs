using System.Text.Json;
using System.Text.Json.Serialization;

namespace BasketReasoner.Vision.Detection;

/// <summary>
/// The machine-readable side of a detector model folder (<c>detector.json</c> beside <c>detector.onnx</c>): input
/// size, output stride, normalisation and the decoding thresholds the model was validated with.
/// </summary>
public sealed record DetectorModelCard
{
    public const string FileName = "detector.json";
    public const string ModelFileName = "detector.onnx";

    [JsonPropertyName("input_name")]
    public string InputName { get; init; } = "images";

    [JsonPropertyName("scores_output")]
    public string ScoresOutput { get; init; } = "scores";

    [JsonPropertyName("ltrb_output")]
    public string LtrbOutput { get; init; } = "ltrb";

    /// <summary>Side S of the square input; frames are resized (bilinear, no letterbox) to S × S.</summary>
    [JsonPropertyName("input_size")]
    public int InputSize { get; init; }

    /// <summary>Input pixels per output cell.</summary>
    [JsonPropertyName("stride")]
    public int Stride { get; init; }

    /// <summary>Per-channel RGB mean applied after scaling pixels to [0, 1].</summary>
    [JsonPropertyName("mean")]
    public float[] Mean { get; init; } = [0f, 0f, 0f];

    /// <summary>Per-channel RGB standard deviation applied after the mean.</summary>
    [JsonPropertyName("std")]
    public float[] Std { get; init; } = [1f, 1f, 1f];

    [JsonPropertyName("score_threshold")]
    public float ScoreThreshold { get; init; } = 0.3f;

    [JsonPropertyName("nms_iou")]
    public float NmsIou { get; init; } = 0.5f;

    [JsonPropertyName("max_detections")]
    public int MaxDetections { get; init; } = 32;

    public int GridSize => InputSize / Stride;

    public static DetectorModelCard Load(string folder)
    {
        var path = Path.Combine(folder, FileName);
        if (!File.Exists(path))
        {
            throw new FileNotFoundException($"Detector folder '{folder}' has no {FileName}.", path);
        }

        var card = JsonSerializer.Deserialize<DetectorModelCard>(File.ReadAllText(path))
            ?? throw new InvalidDataException($"{path} is empty.");
        return card.Validate(path);
    }

    internal DetectorModelCard Validate(string where)
    {
        if (InputSize <= 0 || Stride <= 0 || InputSize % Stride != 0)
        {
            throw new InvalidDataException($"{where}: input_size ({InputSize}) must be a positive multiple of stride ({Stride}).");
        }

        if (Mean.Length != 3 || Std.Length != 3 || Std.Any(s => !(s > 0)))
        {
            throw new InvalidDataException($"{where}: mean and std must hold 3 values each, std positive.");
        }

        if (ScoreThreshold is < 0 or > 1 || NmsIou is <= 0 or > 1 || MaxDetections <= 0)
        {
            throw new InvalidDataException($"{where}: score_threshold and nms_iou must be in [0, 1] and max_detections positive.");
        }

        return this;
    }
}
