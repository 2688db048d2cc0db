using System.CommandLine;
using System.Text.Json;
using BasketReasoner.Composition.Options;
using BasketReasoner.Core.Catalog;
using BasketReasoner.Core.Vision;
using Microsoft.ML.OnnxRuntime;

namespace BasketReasoner.Cli.Commands;

/// <summary>
/// Runs a command body so that failures the user can fix print one line, <c>basket: MESSAGE</c>, and no stack trace:
/// a <see cref="UsageException"/> exits <see cref="UsageErrors.ExitCode"/> (2) like a parse error; a missing or
/// unreadable file or dataset, a malformed config, a port in use, an unreadable model exits <see cref="RuntimeFailure"/>
/// (1). Anything else is a bug and keeps its stack trace.
/// </summary>
internal static class CommandAction
{
    /// <summary>Exit code of a command that parsed but could not do its work.</summary>
    public const int RuntimeFailure = 1;

    /// <summary>A check ran and found what it checks for: a gated metric regressed (<c>eval compare</c>), acknowledged records are missing (<c>log verify</c>).</summary>
    public const int CheckFailed = 3;

    public static int Run(ParseResult parse, Func<TextWriter, TextWriter, int> body)
    {
        var stderr = parse.InvocationConfiguration.Error;
        try
        {
            return body(parse.InvocationConfiguration.Output, stderr);
        }
        catch (Exception ex) when (ExitCodeFor(ex) is { } code)
        {
            stderr.WriteLine($"basket: {UsageErrors.OneLine(ex.Message)}");
            return code;
        }
    }

    public static async Task<int> RunAsync(ParseResult parse, Func<TextWriter, TextWriter, Task<int>> body)
    {
        var stderr = parse.InvocationConfiguration.Error;
        try
        {
            return await body(parse.InvocationConfiguration.Output, stderr);
        }
        catch (Exception ex) when (ExitCodeFor(ex) is { } code)
        {
            stderr.WriteLine($"basket: {UsageErrors.OneLine(ex.Message)}");
            return code;
        }
    }

    private static int? ExitCodeFor(Exception ex) => ex switch
    {
        UsageException => UsageErrors.ExitCode,
        IOException or UnauthorizedAccessException or ArgumentException or InvalidDataException or JsonException or FormatException
            or InvalidConfigurationException or UnknownProductException or InvalidImageException or OnnxRuntimeException
            or BasketReasoner.Generation.Model.InvalidModelException => RuntimeFailure,
        _ => null,
    };
}
