using BasketReasoner.Tests.Infrastructure;

namespace BasketReasoner.Tests.Cli;

/// <summary><c>basket generate --runtime genai</c> on the trained model's GenAI folder (models/vlm/genai).</summary>
public sealed class GenerateGenAICommandTests
{
    private const string Prompt = "Facts: Oatly Havredryck is plant based. Question: Is Oatly Havredryck plant based?";

    [Fact]
    public void Generate_RuntimeGenAI_PrintsTheSameAnswerAsTheOwnEngine()
    {
        var genai = BasketCli.RunCaptured("generate", "--model", "models/vlm", "--runtime", "genai", "--prompt", Prompt);
        var ort = BasketCli.RunCaptured("generate", "--model", "models/vlm", "--runtime", "ort", "--prompt", Prompt);
        Assert.True(genai.Exit == 0, genai.Stderr);
        Assert.False(string.IsNullOrWhiteSpace(genai.Stdout));
        Assert.Equal(ort.Stdout, genai.Stdout);
        Assert.Contains("[EndToken", genai.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public void Generate_RuntimeGenAIWithNativeGuidance_PrintsJsonInRange()
    {
        var schema = Path.Combine(Path.GetTempPath(), $"genai-schema-{Guid.NewGuid():N}.json");
        File.WriteAllText(schema, """{"type":"object","properties":{"plant_based":{"type":"boolean"},"confidence":{"type":"number","minimum":0,"maximum":1}},"required":["plant_based","confidence"]}""");
        try
        {
            foreach (var native in new[] { false, true })
            {
                string[] args = ["generate", "--model", "models/vlm", "--runtime", "genai", "--prompt", "Is oat milk plant-based? Answer in JSON.", "--json-schema", schema];
                var run = BasketCli.RunCaptured(native ? [.. args, "--grammar"] : args);
                Assert.True(run.Exit == 0, run.Stderr);
                using var doc = System.Text.Json.JsonDocument.Parse(run.Stdout);
                Assert.InRange(doc.RootElement.GetProperty("confidence").GetDouble(), 0, 1);
            }
        }
        finally
        {
            File.Delete(schema);
        }
    }

    [Fact]
    public void Generate_RuntimeGenAIWithImage_SameChoiceAsTheOwnEngine()
    {
        var image = Path.Combine(Path.GetTempPath(), $"genai-image-{Guid.NewGuid():N}.png");
        using (var bitmap = new SkiaSharp.SKBitmap(64, 48))
        {
            bitmap.Erase(new SkiaSharp.SKColor(230, 200, 40));
            using var data = bitmap.Encode(SkiaSharp.SKEncodedImageFormat.Png, 100);
            File.WriteAllBytes(image, data.ToArray());
        }

        try
        {
            string[] args = ["generate", "--model", "models/vlm", "--prompt", "Which of these products is it? Candidates: Bananer; Gurka; Oatly Havredryck", "--image", image, "--choices", "Bananer|Gurka|Oatly Havredryck"];
            var genai = BasketCli.RunCaptured([.. args, "--runtime", "genai"]);
            var ort = BasketCli.RunCaptured([.. args, "--runtime", "ort"]);
            Assert.True(genai.Exit == 0, genai.Stderr);
            Assert.Equal(ort.Stdout.Split('\n')[0], genai.Stdout.Split('\n')[0]);
        }
        finally
        {
            File.Delete(image);
        }
    }

    [Fact]
    public void Generate_RuntimeGenAIWithInt8_OneLineSayingItIsForOrt()
    {
        var run = BasketCli.RunCaptured("generate", "--model", "models/vlm", "--runtime", "genai", "--int8", "--prompt", "hi");
        Assert.NotEqual(0, run.Exit);
        var line = Assert.Single(run.Stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.StartsWith("basket: ", line, StringComparison.Ordinal);
        Assert.Contains("--runtime ort", line, StringComparison.Ordinal);
    }
}
