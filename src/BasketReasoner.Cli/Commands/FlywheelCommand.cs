using System.CommandLine;
using BasketReasoner.Eval.Flywheel;

namespace BasketReasoner.Cli.Commands;

/// <summary>
/// <c>basket flywheel export --from DIR --out OUT [--split-seed N] [--val-fraction F]</c>: the server's labelled
/// examples (<c>Server:FlywheelFolder</c>) as a training set (<see cref="FlywheelExport"/>). A missing folder, a
/// non-empty output or an out-of-range fraction exits 2; corrupt example lines are skipped and listed.
/// </summary>
internal static class FlywheelCommand
{
    public static Command Create()
    {
        var from = new Option<string>("--from") { Description = "The server's flywheel folder (examples.jsonl, frames/)", Required = true };
        var output = new Option<string>("--out") { Description = "New folder for the training set (images/PRODUCT/, manifest.jsonl, summary.json)", Required = true };
        var seed = new Option<int>("--split-seed") { Description = "Seed of the by-cart train/val split", DefaultValueFactory = _ => 17 };
        var fraction = new Option<double>("--val-fraction") { Description = "Share of carts in val, 0 to 1", DefaultValueFactory = _ => 0.2 };
        var export = new Command("export", "Write a training set (split by cart, deduplicated) from the server's labelled examples") { from, output, seed, fraction };
        export.SetAction(parse => CommandAction.Run(parse, (stdout, _) =>
        {
            var options = new FlywheelExportOptions
            {
                From = parse.GetValue(from)!, Out = parse.GetValue(output)!, SplitSeed = parse.GetValue(seed), ValFraction = parse.GetValue(fraction),
            };
            if (!(options.ValFraction is >= 0 and <= 1))
            {
                throw new UsageException($"--val-fraction must be between 0 and 1, not {options.ValFraction}.");
            }

            if (!File.Exists(Path.Combine(options.From, "examples.jsonl")))
            {
                throw new UsageException($"'{options.From}' holds no examples.jsonl (give the server's Server:FlywheelFolder).");
            }

            if (File.Exists(options.Out) || (Directory.Exists(options.Out) && Directory.EnumerateFileSystemEntries(options.Out).Any()))
            {
                throw new UsageException($"'{options.Out}' exists and is not an empty folder; export into a new one.");
            }

            var report = FlywheelExport.Run(options);
            stdout.WriteLine($"exported {report.Examples} examples ({report.Images} images) to {Path.GetFullPath(options.Out)}; "
                + $"carts: {string.Join(", ", report.Carts.Select(c => $"{c.Key} {c.Value}"))}");
            stdout.WriteLine($"by stage: {string.Join(", ", report.PerStage.Select(s => $"{s.Key} {s.Value}"))}");
            foreach (var (split, products) in report.PerProduct)
            {
                stdout.WriteLine($"{split}: {string.Join(", ", products.Select(p => $"{p.Key} {p.Value}"))}");
            }

            stdout.WriteLine($"left out: {report.DuplicateExamples} duplicate examples, {report.DuplicateFrames} duplicate frames, "
                + $"{report.ConflictingFrames} frames labelled as different products, {report.WithoutFrames} examples without frames, {report.SkippedLines.Count} skipped lines");
            foreach (var conflict in report.ConflictingLabels)
            {
                stdout.WriteLine("  conflict: " + conflict);
            }

            foreach (var line in report.SkippedLines)
            {
                stdout.WriteLine("  skipped " + line);
            }

            return 0;
        }));
        return new Command("flywheel", "Learning from the shopper: the labelled examples the server keeps") { export };
    }
}
