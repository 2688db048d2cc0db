namespace BasketReasoner.Vision.Onnx;

/// <summary>The names a <see cref="RecognizerPrecision"/> goes by in configuration and on the command line.</summary>
public static class RecognizerPrecisionNames
{
    public const string Float32 = "float32";
    public const string Int8 = "int8";

    /// <summary>In configuration and on the command line: the folder's own <c>default_precision</c> (<c>recognizer.json</c>).</summary>
    public const string FolderDefault = "default";

    public static readonly IReadOnlyList<string> All = [Float32, Int8];

    /// <summary><see cref="All"/> and <see cref="FolderDefault"/>: what a configuration key or option accepts.</summary>
    public static readonly IReadOnlyList<string> Choices = [FolderDefault, Float32, Int8];

    public static string Name(RecognizerPrecision precision) => precision switch
    {
        RecognizerPrecision.Float32 => Float32,
        RecognizerPrecision.Int8 => Int8,
        _ => throw new ArgumentOutOfRangeException(nameof(precision), precision, "Unknown recognizer precision."),
    };

    /// <exception cref="ArgumentException">Not one of <see cref="All"/>.</exception>
    public static RecognizerPrecision Parse(string name) => name switch
    {
        Float32 => RecognizerPrecision.Float32,
        Int8 => RecognizerPrecision.Int8,
        _ => throw new ArgumentException($"'{name}' is not a recognizer precision ({string.Join(", ", All)}).", nameof(name)),
    };

    /// <summary>One of <see cref="Choices"/>: <c>null</c> for <see cref="FolderDefault"/>, else <see cref="Parse"/>.</summary>
    /// <exception cref="ArgumentException">Not one of <see cref="Choices"/>.</exception>
    public static RecognizerPrecision? ParseChoice(string name) => name == FolderDefault ? null : Parse(name);
}
