using System.Text.Json;

namespace BasketReasoner.Generation.Tests;

/// <summary>The tiny random-init model folder committed under models/vlm/tiny-random, with its PyTorch fixtures.</summary>
internal static class TestModels
{
    public static string RepoRoot { get; } = FindRoot();

    public static string Tiny => Path.Combine(RepoRoot, "models", "vlm", "tiny-random");

    /// <summary>The trained model (split layout).</summary>
    public static string Vlm => Path.Combine(RepoRoot, "models", "vlm");

    /// <summary>The trained model's text path as an ONNX Runtime GenAI folder (export_genai.py).</summary>
    public static string VlmGenAI => Path.Combine(Vlm, "genai");

    public static float[] ReadF32(string path)
    {
        var bytes = File.ReadAllBytes(path);
        var floats = new float[bytes.Length / 4];
        Buffer.BlockCopy(bytes, 0, floats, 0, bytes.Length);
        return floats;
    }

    public static JsonElement Parity(string model) => JsonDocument.Parse(File.ReadAllText(Path.Combine(model, "parity", "parity.json"))).RootElement;

    /// <summary>Copies a model folder to a temp dir so a test can break it.</summary>
    public static string CopyToTemp(string model)
    {
        var dir = Path.Combine(Path.GetTempPath(), "basket-gen-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(dir);
        foreach (var f in Directory.GetFiles(model)) File.Copy(f, Path.Combine(dir, Path.GetFileName(f)));
        return dir;
    }

    private static string FindRoot()
    {
        for (var d = new DirectoryInfo(AppContext.BaseDirectory); d is not null; d = d.Parent)
        {
            if (File.Exists(Path.Combine(d.FullName, "BasketReasoner.sln"))) return d.FullName;
        }

        throw new InvalidOperationException("Repository root not found.");
    }
}
