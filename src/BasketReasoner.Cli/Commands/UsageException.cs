namespace BasketReasoner.Cli.Commands;

/// <summary>
/// The command line parsed but asks for something the command refuses (e.g. tuning on a test file): reported like a
/// parse error, one line and exit <see cref="UsageErrors.ExitCode"/>, because the fix is to change the command line.
/// </summary>
internal sealed class UsageException(string message) : Exception(message);
