using System.Diagnostics;
using BasketReasoner.Core.Data;
using BasketReasoner.Tests.Infrastructure;
using BasketReasoner.Vision.Ocr;
using Xunit.Abstractions;

namespace BasketReasoner.Tests.Ocr;

public sealed class OcrProbe(ITestOutputHelper output)
{
    [Fact]
    public void Probe()
    {
        var env = Environment.GetEnvironmentVariable("OCR_PROBE");
        if (env is null) return;
        using var reader = new PaddleOcrReader(Path.Combine(RepoPaths.Root, "models", "ocr"));
        var root = Path.Combine(DataRoot.Resolve(), "dataset");
        foreach (var rel in env.Split(','))
        {
            var bytes = File.ReadAllBytes(Path.Combine(root, rel));
            reader.Read(bytes);
            var sw = Stopwatch.StartNew();
            var lines = reader.Read(bytes);
            output.WriteLine($"{rel}: {sw.Elapsed.TotalMilliseconds:F0} ms: " + string.Join(" | ", lines.Select(l => $"{l.Text} ({l.Confidence:F2})")));
        }
    }
}
