using System.CommandLine;
using System.Globalization;
using BasketReasoner.Core.Catalog;
using BasketReasoner.Core.Data;
using BasketReasoner.Core.Events;
using BasketReasoner.Core.Sessions;
using BasketReasoner.Eval.Simulation;

namespace BasketReasoner.Cli.Commands;

/// <summary><c>basket sim</c>: writes simulated cart sessions from one split's images to a JSON Lines file.</summary>
public static class SimCommand
{
    public static Command Create()
    {
        var defaults = new SimulatorOptions();
        var split = new Option<string>("--split") { Description = "Dataset split whose images the sessions use", DefaultValueFactory = _ => "test" }.OneOf(CommonOptions.Splits);
        var count = new Option<int>("--sessions") { Description = "Number of sessions", DefaultValueFactory = _ => 400 }.AtLeast(1);
        var seed = new Option<int>("--seed") { Description = "Random seed; same seed, same file", DefaultValueFactory = _ => defaults.Seed };
        var output = new Option<string?>("--out") { Description = "Output file (default sessions/{split}-{sessions}.jsonl)" };
        var dataRoot = new Option<string?>("--data-root") { Description = "GroceryStoreDataset folder (the one holding dataset/)" };
        var catalog = new Option<string>("--catalog") { Description = "Catalog JSON", DefaultValueFactory = _ => Path.Combine("catalog", "catalog.json") };
        var minAdds = new Option<int>("--min-adds") { Description = "Fewest adds per session", DefaultValueFactory = _ => defaults.MinAdds }.AtLeast(1);
        var maxAdds = new Option<int>("--max-adds") { Description = "Most adds per session", DefaultValueFactory = _ => defaults.MaxAdds }.AtLeast(1);
        var unsettled = new Option<double>("--unsettled-rate") { Description = "Chance the scale did not settle (weight null)", DefaultValueFactory = _ => defaults.UnsettledProbability }.Between(0.0, 1.0);

        var packSpread = new Option<double>("--pack-spread") { Description = "Relative σ of one pack's weight", DefaultValueFactory = _ => defaults.PackWeightSpread }.AtLeast(0.0);
        var looseSigma = new Option<double>("--loose-sigma") { Description = "σ of log(weight) of one loose piece", DefaultValueFactory = _ => defaults.LooseLogSigma }.AtLeast(0.0);
        var scaleNoise = new Option<double>("--scale-noise") { Description = "σ of the scale's reading noise, grams", DefaultValueFactory = _ => defaults.ScaleNoiseGrams }.AtLeast(0.0);
        var catalogError = new Option<double>("--catalog-weight-error") { Description = "Relative σ of a fixed per-product error of the catalog's unit weight, every product (0 = off)", DefaultValueFactory = _ => defaults.CatalogWeightError }.AtLeast(0.0);
        var outliers = new Option<double>("--outlier-rate") { Description = "Chance of a gross reading error (± --outlier-grams·|N(0,1)|)", DefaultValueFactory = _ => defaults.OutlierProbability }.Between(0.0, 1.0);
        var outlierGrams = new Option<double>("--outlier-grams") { Description = "Scale of a gross reading error, grams", DefaultValueFactory = _ => defaults.OutlierGrams }.AtLeast(0.0);
        var command = new Command("sim", "Simulate realistic cart sessions (adds, removals, scale readings) from a split's images");
        foreach (var option in new Option[] { split, count, seed, output, dataRoot, catalog, minAdds, maxAdds, unsettled, packSpread, looseSigma, scaleNoise, catalogError, outliers, outlierGrams })
        {
            command.Options.Add(option);
        }

        // Each session draws its number of adds from [--min-adds, --max-adds]; an empty range is a usage error.
        command.Validators.Add(r =>
        {
            if (r.GetValue(minAdds) > r.GetValue(maxAdds))
            {
                r.AddError($"--min-adds: '{r.GetValue(minAdds)}' must not be more than --max-adds ({r.GetValue(maxAdds)})");
            }
        });
        command.SetAction(parseResult => CommandAction.Run(parseResult, (stdout, stderr) =>
        {
            var splitName = parseResult.GetValue(split)!;
            var n = parseResult.GetValue(count);
            var outPath = parseResult.GetValue(output) ?? Path.Combine("sessions", string.Create(CultureInfo.InvariantCulture, $"{splitName}-{n}.jsonl"));
            var root = DataRoot.Resolve(parseResult.GetValue(dataRoot));
            var catalogPath = parseResult.GetValue(catalog)!;
            if (!File.Exists(catalogPath))
            {
                throw new FileNotFoundException($"Catalog '{catalogPath}' not found: build it first or pass --catalog PATH.");
            }

            var options = new SimulatorOptions
            {
                Seed = parseResult.GetValue(seed),
                MinAdds = parseResult.GetValue(minAdds),
                MaxAdds = parseResult.GetValue(maxAdds),
                UnsettledProbability = parseResult.GetValue(unsettled),
                PackWeightSpread = parseResult.GetValue(packSpread),
                LooseLogSigma = parseResult.GetValue(looseSigma),
                ScaleNoiseGrams = parseResult.GetValue(scaleNoise),
                CatalogWeightError = parseResult.GetValue(catalogError),
                OutlierProbability = parseResult.GetValue(outliers),
                OutlierGrams = parseResult.GetValue(outlierGrams),
            };
            var simulator = new SessionSimulator(ProductCatalog.Load(catalogPath), SplitFile.Read(root, splitName), options);
            var sessions = simulator.Generate(n);
            if (Path.GetDirectoryName(Path.GetFullPath(outPath)) is { } dir)
            {
                Directory.CreateDirectory(dir);
            }

            SessionFile.Write(outPath, sessions);
            var events = sessions.SelectMany(s => s.Events).ToArray();
            stdout.WriteLine(string.Create(
                CultureInfo.InvariantCulture,
                $"{sessions.Count} sessions, {events.Length} events ({events.Count(e => e.Type == CartEventType.Remove)} removals, " +
                $"{events.Count(e => e.WeightDeltaGrams is null)} without weight), {simulator.Products.Count} products from '{splitName}', seed {options.Seed} -> {outPath}"));
            return 0;
        }));
        return command;
    }
}
