using System.CommandLine;
using BasketReasoner.CatalogBuilding;
using BasketReasoner.Core.Data;

namespace BasketReasoner.Cli.Commands;

/// <summary>
/// <c>basket catalog build [--data-root DIR] [--out catalog/catalog.json]</c>: builds the product catalog from the
/// GroceryStoreDataset texts and writes it as JSON. Prices in it are demo values.
/// </summary>
public static class CatalogCommand
{
    /// <summary>Default output path, relative to the current directory.</summary>
    public const string DefaultOutput = "catalog/catalog.json";

    public static Command Create()
    {
        var dataRoot = new Option<string?>("--data-root")
        {
            Description = $"GroceryStoreDataset folder (the one holding dataset/). Default: ${DataRoot.EnvironmentVariable}, then shared/datasets/GroceryStoreDataset in an ancestor folder.",
        };
        var output = new Option<string>("--out")
        {
            Description = $"Where to write the catalog JSON. Default: {DefaultOutput}.",
            DefaultValueFactory = _ => DefaultOutput,
        };

        var build = new Command("build", "Build the product catalog (81 products, demo prices) from the dataset texts.");
        build.Options.Add(dataRoot);
        build.Options.Add(output);
        build.SetAction(parseResult => CommandAction.Run(parseResult, (stdout, _) =>
        {
            var root = DataRoot.Resolve(parseResult.GetValue(dataRoot));
            var path = Path.GetFullPath(parseResult.GetValue(output) ?? DefaultOutput);
            var catalog = CatalogBuilder.Build(root);
            if (Path.GetDirectoryName(path) is { Length: > 0 } dir)
            {
                Directory.CreateDirectory(dir);
            }

            catalog.Save(path, CatalogBuilder.Note);
            var estimated = catalog.Products.Count(p => p.UnitWeightEstimated);
            var loose = catalog.Products.Count(p => p.IsLoose);
            stdout.WriteLine($"Wrote {catalog.Count} products to {path} ({loose} sold by weight, {estimated} with estimated unit weights; prices are demo values).");
            return 0;
        }));

        var catalogCommand = new Command("catalog", "Product catalog commands.");
        catalogCommand.Subcommands.Add(build);
        return catalogCommand;
    }
}
