using System.Diagnostics;

namespace BasketReasoner.Tests.Infrastructure;

/// <summary>
/// Runs the built <c>basket</c> command as a process, as a shopper's operator would: nothing references the CLI
/// project (the dependency rules forbid it), so command tests go through its real entry point.
/// </summary>
internal static class BasketCli
{
    /// <summary>
    /// The CLI's own build output in this test assembly's configuration. <c>scripts/test.sh</c> builds the whole
    /// solution first; a lone <c>dotnet test</c> of this project needs <c>dotnet build src/BasketReasoner.Cli</c>.
    /// </summary>
    public static string Dll
    {
        get
        {
            var here = new DirectoryInfo(AppContext.BaseDirectory.TrimEnd(Path.DirectorySeparatorChar));
            var dll = Path.Combine(RepoPaths.Root, "src", "BasketReasoner.Cli", "bin", here.Parent!.Name, here.Name, "basket.dll");
            return File.Exists(dll)
                ? dll
                : throw new FileNotFoundException($"The basket CLI is not built at {dll}; run `dotnet build src/BasketReasoner.Cli -c {here.Parent.Name}` (scripts/test.sh builds it).");
        }
    }

    /// <summary>Runs <c>basket ARGS</c> from the checkout's root; returns the exit code and stdout followed by stderr.</summary>
    public static (int Exit, string Output) Run(params string[] args)
    {
        var run = RunCaptured(args);
        return (run.Exit, run.Stdout + run.Stderr);
    }

    /// <summary>Runs <c>basket ARGS</c> from the checkout's root; stdout and stderr apart, for tests of what goes where.</summary>
    public static CliRun RunCaptured(params string[] args)
    {
        var info = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = RepoPaths.Root,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        info.ArgumentList.Add("exec");
        info.ArgumentList.Add(Dll);
        foreach (var a in args)
        {
            info.ArgumentList.Add(a);
        }

        using var process = Process.Start(info) ?? throw new InvalidOperationException("dotnet did not start.");
        var stderr = process.StandardError.ReadToEndAsync();
        var stdout = process.StandardOutput.ReadToEnd();
        if (!process.WaitForExit(TimeSpan.FromMinutes(5)))
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"basket {string.Join(' ', args)} ran over 5 minutes.");
        }

        return new CliRun(process.ExitCode, stdout, stderr.GetAwaiter().GetResult());
    }
}

/// <summary>What one run of <c>basket</c> did.</summary>
internal sealed record CliRun(int Exit, string Stdout, string Stderr);
