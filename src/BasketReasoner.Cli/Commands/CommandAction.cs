using System.CommandLine;
using System.Text.Json;
using BasketReasoner.Composition.Options;
using BasketReasoner.Core.Catalog;
using BasketReasoner.Core.Vision;
using Microsoft.ML.OnnxRuntime;

namespace BasketReasoner.Cli.Commands;

/// <summary>
/// Runs a command body so that expected failures (a missing file or dataset, a malformed config, an unreadable
/// model) print one clear line and exit with 1 instead of a stack trace.
/// </summary>
internal static class CommandAction
{
    public static int Run(ParseResult parse, Func<TextWriter, TextWriter, int> body)
    {
        var stderr = parse.InvocationConfiguration.Error;
        try
        {
            return body(parse.InvocationConfiguration.Output, stderr);
        }
        catch (Exception ex) when (IsExpected(ex))
        {
            stderr.WriteLine($"basket: {ex.Message}");
            return 1;
        }
    }

    public static async Task<int> RunAsync(ParseResult parse, Func<TextWriter, TextWriter, Task<int>> body)
    {
        var stderr = parse.InvocationConfiguration.Error;
        try
        {
            return await body(parse.InvocationConfiguration.Output, stderr);
        }
        catch (Exception ex) when (IsExpected(ex))
        {
            stderr.WriteLine($"basket: {ex.Message}");
            return 1;
        }
    }

    private static bool IsExpected(Exception ex) =>
        ex is IOException or UnauthorizedAccessException or ArgumentException or InvalidDataException or JsonException
            or FormatException or InvalidConfigurationException or UnknownProductException or InvalidImageException or OnnxRuntimeException;
}
