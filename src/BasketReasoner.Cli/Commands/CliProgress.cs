using Spectre.Console;

namespace BasketReasoner.Cli.Commands;

/// <summary>
/// Progress of a long command, on stderr so stdout stays exactly what scripts and tests parse. A live Spectre.Console
/// bar only when a person is watching (neither stdout nor stderr redirected, <c>CI</c> not set, an interactive
/// terminal); otherwise at most one plain line every <see cref="PlainInterval"/>, so a short run prints none and a log
/// of a long one still shows it is moving.
/// </summary>
internal static class CliProgress
{
    /// <summary>How often a redirected or CI run says how far it is.</summary>
    public static readonly TimeSpan PlainInterval = TimeSpan.FromSeconds(30);

    private static readonly Lazy<IAnsiConsole> StderrConsole = new(() => AnsiConsole.Create(new AnsiConsoleSettings
    {
        Out = new AnsiConsoleOutput(Console.Error),
    }));

    /// <summary>The console the live bars draw on: stderr.</summary>
    public static IAnsiConsole Stderr => StderrConsole.Value;

    /// <summary>Whether to draw a live bar; <paramref name="disabled"/> is a command's own <c>--no-progress</c>.</summary>
    public static bool Live(bool disabled = false) =>
        !disabled && !Console.IsErrorRedirected && !Console.IsOutputRedirected
        && string.IsNullOrEmpty(Environment.GetEnvironmentVariable("CI")) && Stderr.Profile.Capabilities.Interactive;

    /// <summary>
    /// Runs <paramref name="work"/>, which reports how many of <paramref name="total"/> <paramref name="unit"/> it has
    /// done, with a bar labelled <paramref name="label"/> (cleared when done) or plain lines on <paramref name="stderr"/>.
    /// </summary>
    public static T Run<T>(TextWriter stderr, string label, int total, string unit, Func<IProgress<int>, T> work)
    {
        if (!Live())
        {
            return work(new PlainLines(stderr, label, total, unit));
        }

        return Stderr.Progress()
            .AutoClear(true)
            .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new ElapsedTimeColumn(), new RemainingTimeColumn())
            .Start(ctx =>
            {
                var task = ctx.AddTask($"{label} (0/{total} {unit})", maxValue: Math.Max(1, total));
                return work(new BarProgress(task, label, total, unit));
            });
    }

    /// <summary>Moves a bar; Spectre's tasks are safe to update from the working thread while the bar redraws.</summary>
    private sealed class BarProgress(ProgressTask task, string label, int total, string unit) : IProgress<int>
    {
        public void Report(int value)
        {
            task.Value = value;
            task.Description = $"{label} ({value}/{total} {unit})";
        }
    }

    /// <summary>One line per <see cref="PlainInterval"/> at most: <c>label: 120/400 sessions</c>.</summary>
    private sealed class PlainLines(TextWriter stderr, string label, int total, string unit) : IProgress<int>
    {
        private readonly System.Diagnostics.Stopwatch _sinceLine = System.Diagnostics.Stopwatch.StartNew();

        public void Report(int value)
        {
            if (_sinceLine.Elapsed >= PlainInterval && value < total)
            {
                stderr.WriteLine($"{label}: {value}/{total} {unit}");
                _sinceLine.Restart();
            }
        }
    }
}
