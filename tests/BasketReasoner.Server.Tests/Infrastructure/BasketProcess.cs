using System.Diagnostics;
using System.Text.Json;

namespace BasketReasoner.Server.Tests.Infrastructure;

/// <summary>A real <c>basket serve</c> process on a free loopback port, for tests that kill it.</summary>
internal sealed class BasketProcess : IDisposable
{
    private readonly Process _process;
    private readonly System.Collections.Concurrent.ConcurrentQueue<string> _later = new();

    private BasketProcess(Process process, Uri baseAddress, IReadOnlyList<string> startupOutput)
    {
        _process = process;
        BaseAddress = baseAddress;
        StartupOutput = startupOutput;
    }

    public Uri BaseAddress { get; }

    /// <summary>What the server printed on stdout before <c>listening on</c>.</summary>
    public IReadOnlyList<string> StartupOutput { get; }

    public bool HasExited => _process.HasExited;

    /// <summary>
    /// The CLI's own build output in this test assembly's configuration. Nothing references the CLI project (the
    /// dependency rules forbid it): <c>scripts/test.sh</c> builds the whole solution first; a lone <c>dotnet test</c>
    /// of this project needs <c>dotnet build src/BasketReasoner.Cli</c>.
    /// </summary>
    internal static string CliDll(string repoRoot)
    {
        var here = new DirectoryInfo(AppContext.BaseDirectory.TrimEnd(Path.DirectorySeparatorChar));
        var own = Path.Combine(repoRoot, "src", "BasketReasoner.Cli", "bin", here.Parent!.Name, here.Name, "basket.dll");
        return File.Exists(own)
            ? own
            : throw new FileNotFoundException($"The basket CLI is not built at {own}; run `dotnet build src/BasketReasoner.Cli -c {here.Parent.Name}` (scripts/test.sh builds it).");
    }

    /// <summary>Writes <paramref name="config"/> as the config file and starts the server from the checkout.</summary>
    public static Task<BasketProcess> StartAsync(string repoRoot, string scratch, object config) =>
        StartAsync(CliDll(repoRoot), repoRoot, scratch, config);

    /// <summary>
    /// Writes <paramref name="config"/> as the config file and starts <paramref name="dll"/> (a <c>basket.dll</c>,
    /// built or copied elsewhere) with <paramref name="workingDirectory"/> as its working directory.
    /// </summary>
    public static async Task<BasketProcess> StartAsync(string dll, string workingDirectory, string scratch, object config)
    {
        var configPath = Path.Combine(scratch, Guid.NewGuid().ToString("N") + ".json");
        await File.WriteAllTextAsync(configPath, JsonSerializer.Serialize(config));
        var info = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var a in new[] { "exec", dll, "serve", "--urls", "http://127.0.0.1:0", "--config", configPath })
        {
            info.ArgumentList.Add(a);
        }

        var process = Process.Start(info) ?? throw new InvalidOperationException("dotnet did not start.");
        var errors = new System.Text.StringBuilder();
        process.ErrorDataReceived += (_, e) => { lock (errors) { errors.AppendLine(e.Data); } };
        process.BeginErrorReadLine();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(90));
        var startup = new List<string>();
        while (true)
        {
            var line = await process.StandardOutput.ReadLineAsync(timeout.Token);
            if (line is null)
            {
                throw new InvalidOperationException($"basket serve exited before listening: {errors}");
            }

            if (line.StartsWith("listening on ", StringComparison.Ordinal))
            {
                // Keep draining stdout so the child never blocks on a full pipe; what it prints later is kept.
                var started = new BasketProcess(process, new Uri(line["listening on ".Length..]), startup);
                _ = Task.Run(async () =>
                {
                    while (await process.StandardOutput.ReadLineAsync() is { } more)
                    {
                        started._later.Enqueue(more);
                    }
                });
                return started;
            }

            startup.Add(line);
        }
    }

    /// <summary>What the server printed on stdout after <c>listening on</c>, so far.</summary>
    public IReadOnlyList<string> LaterOutput => [.. _later];

    /// <summary>SIGTERM, as an orchestrator stops a pod; the exit code, or null when it had not exited after <paramref name="wait"/>.</summary>
    public async Task<int?> TerminateAsync(TimeSpan wait)
    {
        using (var kill = Process.Start("kill", ["-TERM", _process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)]))
        {
            await kill!.WaitForExitAsync();
        }

        using var timeout = new CancellationTokenSource(wait);
        try
        {
            await _process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            return null;
        }

        // Let the stdout reader take the last lines.
        await Task.Delay(200);
        return _process.ExitCode;
    }

    /// <summary>SIGKILL: no shutdown hooks, no flushing, like a power cut of the process.</summary>
    public void Kill9()
    {
        _process.Kill(entireProcessTree: true);
        _process.WaitForExit(10_000);
    }

    public void Dispose()
    {
        if (!_process.HasExited)
        {
            Kill9();
        }

        _process.Dispose();
    }
}
