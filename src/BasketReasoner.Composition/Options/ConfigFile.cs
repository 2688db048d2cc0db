using System.Text.Json;
using Microsoft.Extensions.Configuration;

namespace BasketReasoner.Composition.Options;

/// <summary>
/// Reads a JSON config file (<c>basket serve --config</c>, <c>basket tune escalation --cloud-config</c>) so that a
/// missing or malformed file is one line naming the option, the file and where it breaks, not the configuration
/// library's "Failed to load configuration from file" without the reason.
/// </summary>
public static class ConfigFile
{
    /// <summary>Checks that the file exists and is valid JSON, for a caller that adds it to its own configuration.</summary>
    /// <returns>The file's full path.</returns>
    /// <exception cref="InvalidConfigurationException">The file does not exist or is not valid JSON.</exception>
    public static string Check(string option, string path)
    {
        Load(option, path);
        return Path.GetFullPath(path);
    }

    /// <param name="option">The command-line option that named the file, e.g. <c>--config</c>.</param>
    /// <param name="path">The file, as given (resolved against the working directory).</param>
    /// <exception cref="InvalidConfigurationException">The file does not exist or is not valid JSON.</exception>
    public static IConfigurationRoot Load(string option, string path)
    {
        var full = Path.GetFullPath(path);
        if (!File.Exists(full))
        {
            throw new InvalidConfigurationException(option, $"names a file that does not exist: '{full}'");
        }

        try
        {
            return new ConfigurationBuilder().AddJsonFile(full, optional: false, reloadOnChange: false).Build();
        }
        catch (InvalidDataException ex)
        {
            throw new InvalidConfigurationException(option, $"file '{full}' is not valid JSON{Where(ex)}", ex);
        }
    }

    // System.Text.Json's own position (0-based) and first sentence; a duplicate key is the provider's own sentence.
    private static string Where(Exception ex)
    {
        for (var e = ex.InnerException; e is not null; e = e.InnerException)
        {
            if (e is JsonException { LineNumber: { } line } json)
            {
                var reason = json.Message.Split(" LineNumber:", 2)[0].Split(" Path:", 2)[0].TrimEnd();
                return $" at line {line + 1}, character {(json.BytePositionInLine ?? 0) + 1}: {reason}";
            }

            if (e.InnerException is null)
            {
                return $": {e.Message}";
            }
        }

        return "";
    }
}
