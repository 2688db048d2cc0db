using System.Diagnostics;
using BasketReasoner.Composition;
using BasketReasoner.Server.Tests.Infrastructure;

namespace BasketReasoner.Server.Tests.Hosting;

/// <summary>
/// <c>basket serve</c> as it is deployed: the program's folder alone (what <c>dotnet publish</c> or the edge image puts
/// in <c>/app</c>), no checkout above it or above the working directory. Every file the default configuration opens
/// must travel in the build output; inside the checkout the checkout's own copies hide a missing one, so only a run
/// from elsewhere catches it (the int8 recognizer graph named by <c>recognizer.json</c> once did not travel).
/// </summary>
[Collection(ServerCollection.Name)]
public sealed class OutsideCheckoutTests(ServerFixture fx)
{
    [Fact]
    public async Task Serve_ProgramFolderOutsideTheCheckout_StartsOnEmbeddedDefaultsAndAnswersHealth()
    {
        var app = CopyOfBuiltProgram(Path.Combine(fx.Scratch, "app-" + Guid.NewGuid().ToString("N")));
        var work = Directory.CreateDirectory(Path.Combine(fx.Scratch, "work-" + Guid.NewGuid().ToString("N"))).FullName;
        Assert.Null(DefaultAssets.RepoRoot(app));
        Assert.Null(DefaultAssets.RepoRoot(work));

        using var process = await BasketProcess.StartAsync(Path.Combine(app, "basket.dll"), work, fx.Scratch,
            new { Server = new { EventLogPath = Path.Combine(work, "var", "events.db") } });

        // The shipped default precision (int8) from the copied folder, not from any checkout.
        var line = Assert.Single(process.StartupOutput, l => l.StartsWith("recognizer: ", StringComparison.Ordinal));
        Assert.StartsWith("recognizer: recognizer/recognizer.int8.onnx (int8, one view) from ", line);
        Assert.EndsWith(Path.Combine(app, "models", "recognizer"), line);
        using var http = new HttpClient { BaseAddress = process.BaseAddress };
        var health = await http.GetAsync(new Uri("/health", UriKind.Relative));
        Assert.Equal(System.Net.HttpStatusCode.OK, health.StatusCode);
    }

    // The CLI's build output in this configuration, copied with hard links (it holds about 1 GB of native runtimes;
    // the test deletes only the links), or copied outright where the scratch folder is on another file system.
    private string CopyOfBuiltProgram(string target)
    {
        var built = Path.GetDirectoryName(BasketProcess.CliDll(fx.RepoRoot))!;
        if (Run("cp", "-al", built, target) != 0)
        {
            if (Directory.Exists(target))
            {
                Directory.Delete(target, recursive: true);
            }

            Assert.Equal(0, Run("cp", "-a", built, target));
        }

        return target;
    }

    private static int Run(string file, params string[] args)
    {
        using var process = Process.Start(new ProcessStartInfo(file, args) { RedirectStandardError = true, UseShellExecute = false })!;
        process.StandardError.ReadToEnd();
        process.WaitForExit();
        return process.ExitCode;
    }
}
