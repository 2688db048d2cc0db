using System.CommandLine;
using System.Globalization;
using BasketReasoner.Composition;
using BasketReasoner.Core.Catalog;
using BasketReasoner.Core.Scale;
using BasketReasoner.Eval.Scale;

namespace BasketReasoner.Cli.Commands;

/// <summary><c>basket sim scale</c> (a simulated load-cell stream with ground truth) and <c>basket eval scale</c>
/// (the weight-event detector scored on simulated streams).</summary>
public static class ScaleCommands
{
    /// <summary><c>basket sim scale --seed N --minutes M --rate HZ --out FILE</c>.</summary>
    public static Command CreateSim()
    {
        var defaults = new ScaleSignalOptions();
        var seed = new Option<int>("--seed") { Description = "Random seed; same seed, same stream", DefaultValueFactory = _ => defaults.Seed };
        var minutes = new Option<double>("--minutes") { Description = "Length of the trip in minutes", DefaultValueFactory = _ => defaults.Minutes }.Positive();
        var rate = new Option<double>("--rate") { Description = "Readings per second", DefaultValueFactory = _ => defaults.SampleRateHz }.Positive();
        var output = new Option<string>("--out") { Description = "Readings file: CSV (t_seconds,grams), or JSON Lines for a .jsonl name; ground truth goes to FILE.truth.json", Required = true };
        var catalog = CatalogOption();
        var command = new Command("scale", "Simulate a raw load-cell stream (noise, drift, vibration, jostles, leans, items in and out) with ground truth")
        {
            seed, minutes, rate, output, catalog,
        };
        command.SetAction(parse => CommandAction.Run(parse, (stdout, stderr) =>
        {
            var signal = defaults with { Seed = parse.GetValue(seed), Minutes = parse.GetValue(minutes), SampleRateHz = parse.GetValue(rate) };

            var stream = Simulator(parse.GetValue(catalog)).Generate(signal);
            var outPath = parse.GetValue(output)!;
            var truthPath = ScaleStreamFile.Write(outPath, stream);
            stdout.WriteLine(string.Create(
                CultureInfo.InvariantCulture,
                $"{stream.Grams.Length} readings ({stream.DurationSeconds / 60:F1} min at {stream.SampleRateHz} Hz, {stream.MotionSeconds / 60:F1} min rolling), " +
                $"{stream.Truth.Count} weight changes, {stream.Jostles} jostles, {stream.Leans} leans, seed {signal.Seed} -> {outPath}, {truthPath}"));
            return 0;
        }));
        return command;
    }

    /// <summary><c>basket eval scale [--seeds ...] [--tuning] [--minutes M] [--rate HZ] [--json OUT]</c>.</summary>
    public static Command CreateEval()
    {
        var seeds = new Option<int[]>("--seeds") { Description = "Seeds of the streams to score (default: the held-out seeds 101..120)", AllowMultipleArgumentsPerToken = true };
        var tuning = new Option<bool>("--tuning") { Description = "Score the tuning seeds 1..10 instead" };
        var minutes = new Option<double>("--minutes") { Description = "Minutes per stream", DefaultValueFactory = _ => 30 }.Positive();
        var rate = new Option<double>("--rate") { Description = "Readings per second", DefaultValueFactory = _ => 100 }.Positive();
        var catalog = CatalogOption();
        var json = CommonOptions.Json();
        var detectorFile = new Option<string?>("--detector") { Description = "JSON of WeightEventDetectorOptions (snake_case) to score instead of the defaults, for tuning" };
        var command = new Command("scale", "Score the weight-event detector on simulated load-cell streams") { seeds, tuning, minutes, rate, catalog, json, detectorFile };
        command.SetAction(parse => CommandAction.Run(parse, (stdout, stderr) =>
        {
            var chosen = parse.GetValue(seeds) is { Length: > 0 } s ? s
                : parse.GetValue(tuning) ? ScaleEvaluation.TuningSeeds.ToArray()
                : ScaleEvaluation.HeldOutSeeds.ToArray();
            var signal = new ScaleSignalOptions { Minutes = parse.GetValue(minutes), SampleRateHz = parse.GetValue(rate) };
            var detector = parse.GetValue(detectorFile) is { } file
                ? System.Text.Json.JsonSerializer.Deserialize<WeightEventDetectorOptions>(File.ReadAllText(file), CliJson.Options)
                : null;
            var report = ScaleEvaluation.Run(Simulator(parse.GetValue(catalog)), chosen, signal, detector);
            Print(stdout, report, chosen);
            CliJson.Write(parse.GetValue(json), new { Seeds = chosen, Minutes = signal.Minutes, signal.SampleRateHz, Report = report });
            return 0;
        }));
        return command;
    }

    private static Option<string?> CatalogOption() => new("--catalog")
    {
        Description = "Catalog JSON for item weights; default: the embedded catalog/catalog.json, or a built-in list with --catalog none",
    };

    private static ScaleSimulator Simulator(string? catalogPath)
    {
        if (string.Equals(catalogPath, "none", StringComparison.OrdinalIgnoreCase))
        {
            return new ScaleSimulator();
        }

        var path = catalogPath ?? DefaultAssets.CatalogPath;
        return new ScaleSimulator(File.Exists(path) || catalogPath is not null ? ProductCatalog.Load(path) : null);
    }

    internal static void Print(TextWriter o, ScaleReport r, int[] seeds)
    {
        var inv = CultureInfo.InvariantCulture;
        o.WriteLine(string.Create(inv, $"seeds {string.Join(',', seeds)}: {r.Streams} streams, {r.Hours:F2} h ({r.MotionHours:F2} h rolling), {r.Jostles} jostles, {r.Leans} leans"));
        o.WriteLine(string.Create(inv, $"events {r.TruthEvents} true, {r.Detections} detected: precision {r.Precision:P2}, recall {r.Recall:P2} ({r.Missed} missed)"));
        o.WriteLine(string.Create(inv, $"phantoms {r.Phantoms} = {r.PhantomsPerMotionHour:F2} per hour of cart motion"));
        o.WriteLine(string.Create(inv, $"quick pairs {r.QuickPairs}: {r.QuickPairsSplit} split, {r.QuickPairsMerged} merged (summed delta)"));
        o.WriteLine(string.Create(inv, $"never-settling {r.NeverSettleTruth}: {r.NeverSettleFlagged} flagged unsettled; unsettled events in all {r.UnsettledDetections}"));
        o.WriteLine(string.Create(inv, $"|delta error| g: all p50 {r.DeltaErrorGrams.P50:F2} p95 {r.DeltaErrorGrams.P95:F2} max {r.DeltaErrorGrams.Max:F1}; packaged p50 {r.PackagedDeltaErrorGrams.P50:F2} p95 {r.PackagedDeltaErrorGrams.P95:F2}"));
        o.WriteLine(string.Create(inv, $"time to settle s: p50 {r.SettleSeconds.P50:F3} p95 {r.SettleSeconds.P95:F3} max {r.SettleSeconds.Max:F3}"));
        foreach (var miss in r.MissedExamples.Take(10))
        {
            o.WriteLine($"  missed: {miss}");
        }

        foreach (var phantom in r.PhantomExamples.Take(10))
        {
            o.WriteLine($"  phantom: {phantom}");
        }
    }
}
