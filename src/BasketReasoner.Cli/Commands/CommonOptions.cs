using System.CommandLine;
using BasketReasoner.Vision.Onnx;

namespace BasketReasoner.Cli.Commands;

/// <summary>Options shared by several commands, so each reads the same way everywhere.</summary>
internal static class CommonOptions
{
    /// <summary>The dataset's splits, in the order the help lists them.</summary>
    public static readonly string[] Splits = ["train", "val", "test"];

    public static Option<string?> DataRoot() => new("--data-root")
    {
        Description = "GroceryStoreDataset folder (the one holding dataset/); default: ../shared/datasets/GroceryStoreDataset found from here",
    };

    public static Option<string?> Catalog() => new("--catalog") { Description = "Catalog JSON; default: the embedded catalog/catalog.json" };

    public static Option<string?> Model() => new("--model") { Description = "Recognizer folder; default: the embedded models/recognizer" };

    /// <summary><c>--precision default|float32|int8</c>: which graph of the recognizer folder runs; default: the folder's own choice.</summary>
    public static Option<string> Precision() => new Option<string>("--precision")
    {
        Description = "Recognizer graph: float32 (recognizer.onnx), int8 (recognizer.int8.onnx) or default (the folder's default_precision in recognizer.json; the shipped folder: int8)",
        DefaultValueFactory = _ => RecognizerPrecisionNames.FolderDefault,
    }.OneOf([.. RecognizerPrecisionNames.Choices]);

    public static Option<string?> Json() => new("--json") { Description = "Write the report as JSON to this file" };
}
