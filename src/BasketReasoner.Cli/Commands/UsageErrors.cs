using System.CommandLine;
using System.CommandLine.Parsing;
using System.Text.RegularExpressions;

namespace BasketReasoner.Cli.Commands;

/// <summary>
/// The CLI's one error style for what the user typed: a single line on stderr that names the bad value, e.g.
/// <c>basket: --split: 'tset' is not one of train, val, test</c>, and exit code <see cref="ExitCode"/>; no help page,
/// no stack trace. System.CommandLine's own messages (unknown command, value of the wrong type, missing option) are
/// reworded into the same shape; the program sets the invariant UI culture so they arrive in English.
/// </summary>
internal static partial class UsageErrors
{
    /// <summary>Exit code of a usage error: the command line (or a value on it) is wrong, nothing ran.</summary>
    public const int ExitCode = 2;

    public static int Report(ParseResult parse, TextWriter stderr)
    {
        // An unknown word explains the rest ("basket evl" also lacks a command): say that one first, a mistyped option
        // before a stray value (which is often the mistyped option's value).
        var errors = parse.Errors
            .OrderBy(e => IsUnknownWord(e.Message) ? 0 : 1)
            .ThenBy(e => e.Message.Contains(" '-", StringComparison.Ordinal) ? 0 : 1)
            .ToArray();
        var more = errors.Length - 1;
        stderr.WriteLine($"basket: {Describe(errors[0])}{(more > 0 ? $" (and {more} more problem{(more == 1 ? "" : "s")})" : "")}");
        return ExitCode;
    }

    /// <summary>The message of an argument that is really a mistyped option (<see cref="OptionRules.NotAnOption"/>).</summary>
    public static string UnknownOption(string token) => $"unknown option '{token}'";

    private static bool IsUnknownWord(string message) =>
        Unrecognized().IsMatch(OneLine(message)) || message.Contains("unknown option '", StringComparison.Ordinal);

    /// <summary><c>--option: 'value' problem</c>, the shape every value error has.</summary>
    public static string ForValue(OptionResult result, string problem) =>
        $"{result.Option.Name}: '{string.Join(' ', result.Tokens.Select(t => t.Value))}' {problem}";

    /// <summary>Collapses a message to one line: line breaks and tabs become single spaces.</summary>
    public static string OneLine(string message) => Whitespace().Replace(message, " ").Trim();

    private static string Describe(ParseError error)
    {
        var message = OneLine(error.Message);
        var command = CommandPath(error.SymbolResult);
        var where = command.Length == 0 ? "" : command + ": ";
        var help = $"(see basket {(command.Length == 0 ? "" : command + " ")}--help)";
        if (CannotParse().Match(message) is { Success: true } m)
        {
            var symbol = m.Groups["symbol"].Success ? m.Groups["symbol"].Value + ": " : where;
            return $"{symbol}'{m.Groups["value"].Value}' is not {Kind(m.Groups["type"].Value)}";
        }

        if (Unrecognized().Match(message) is { Success: true } u)
        {
            return $"{where}unknown command or argument '{u.Groups["token"].Value}' {help}";
        }

        if (message.StartsWith("Required command was not provided", StringComparison.Ordinal)
            && error.SymbolResult is CommandResult { Command: var group })
        {
            var names = string.Join(", ", group.Subcommands.Where(c => !c.Hidden).Select(c => c.Name));
            return command.Length == 0 ? $"give a command: {names} {help}" : $"{command} needs a command: {names}";
        }

        if (MissingArgument().Match(message) is { Success: true } a)
        {
            return a.Groups["kind"].Value == "option" ? $"{a.Groups["symbol"].Value}: a value is required" : $"{where}missing <{MissingArgumentName(error.SymbolResult)}> {help}";
        }

        if (MissingOption().Match(message) is { Success: true } o)
        {
            return $"{where}{o.Groups["option"].Value} is required {help}";
        }

        if (NotRecognized().Match(message) is { Success: true } n)
        {
            var name = error.SymbolResult switch
            {
                OptionResult opt => opt.Option.Name + ": ",
                ArgumentResult { Parent: OptionResult opt } => opt.Option.Name + ": ",
                ArgumentResult arg => $"<{arg.Argument.Name}>: ",
                _ => where,
            };
            var allowed = n.Groups["list"].Value.Split('\'', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Where(s => s.Length > 0);
            return $"{name}'{n.Groups["value"].Value}' is not one of {string.Join(", ", allowed)}";
        }

        // Messages of OptionRules already start with the option's name.
        return message.StartsWith('-') ? message : where + message;
    }

    private static string MissingArgumentName(SymbolResult? result) => result switch
    {
        ArgumentResult a => a.Argument.Name,
        CommandResult c => c.Command.Arguments
            .FirstOrDefault(x => (c.GetResult(x)?.Tokens.Count ?? 0) < x.Arity.MinimumNumberOfValues)?.Name ?? "argument",
        _ => "argument",
    };

    /// <summary>The command a result belongs to, without the root's name: <c>eval vision</c>, or empty for the root.</summary>
    private static string CommandPath(SymbolResult? result)
    {
        var names = new List<string>();
        for (var r = result; r is not null; r = r.Parent)
        {
            if (r is CommandResult c)
            {
                if (c.Command is not RootCommand)
                {
                    names.Add(c.Command.Name);
                }
            }
        }

        names.Reverse();
        return string.Join(' ', names);
    }

    private static string Kind(string clrType) => clrType switch
    {
        "System.Int32" or "System.Int64" or "System.Nullable`1[System.Int32]" => "a whole number",
        "System.Double" or "System.Single" or "System.Nullable`1[System.Double]" or "System.Nullable`1[System.Single]" => "a number",
        "System.Boolean" => "true or false",
        _ => $"a {clrType.Replace("System.", "", StringComparison.Ordinal)}",
    };

    [GeneratedRegex(@"\s+")]
    private static partial Regex Whitespace();

    [GeneratedRegex(@"^Cannot parse argument '(?<value>.*?)' (for (option|command) '(?<symbol>[^']*)' )?as expected type '(?<type>[^']*)'\.")]
    private static partial Regex CannotParse();

    [GeneratedRegex(@"^Unrecognized command or argument '(?<token>.*)'\.$")]
    private static partial Regex Unrecognized();

    [GeneratedRegex(@"^Required argument missing for (?<kind>option|command): '(?<symbol>[^']*)'\.$")]
    private static partial Regex MissingArgument();

    [GeneratedRegex(@"^Option '(?<option>[^']*)' is required\.$")]
    private static partial Regex MissingOption();

    [GeneratedRegex(@"^Argument '(?<value>.*)' not recognized\. Must be one of:(?<list>.*)$")]
    private static partial Regex NotRecognized();
}
