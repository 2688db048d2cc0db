using System.Reflection;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Configuration.EnvironmentVariables;
using Microsoft.Extensions.Configuration.Json;

namespace BasketReasoner.Composition.Options;

/// <summary>
/// Refuses configuration the binder would ignore in silence, leaving a default in force: a key that no property of the
/// section's options class takes (a misspelt <c>Server:EventLogPth</c>), a value of the wrong shape (a list where one
/// number goes, one value where a list or a section goes, an empty value for a number), and a top-level section this
/// app does not read (<c>Sever</c>, <c>Escalaton</c>). Dictionary and list properties take any child key.
/// </summary>
internal static class UnknownKeys
{
    /// <summary>
    /// Top-level keys that ASP.NET Core and .NET read from the same configuration: the host's settings (what
    /// <c>--urls</c> and <c>ASPNETCORE_</c> variables set), <c>Logging</c>, <c>Kestrel</c>, <c>AllowedHosts</c>. A
    /// config file may carry them; they are not this app's to judge.
    /// </summary>
    public static readonly IReadOnlySet<string> HostSections = new HashSet<string>(StringComparer.OrdinalIgnoreCase)
    {
        "Logging", "Kestrel", "AllowedHosts", "HostFiltering", "urls", "http_ports", "https_ports", "environment",
        "applicationName", "contentRoot", "webroot", "detailedErrors", "captureStartupErrors", "shutdownTimeoutSeconds",
        "preferHostingUrls", "preventHostingStartup", "hostingStartupAssemblies", "hostingStartupExcludeAssemblies",
        "suppressStatusMessages", "hostBuilder", "$schema",
    };

    /// <exception cref="InvalidConfigurationException">The first unknown key, with the closest known one, or the first value of the wrong shape.</exception>
    public static void Check(IConfigurationSection section, Type optionsType)
    {
        var properties = optionsType.GetProperties(BindingFlags.Public | BindingFlags.Instance)
            .Where(p => p.CanWrite || ConfigValues.IsCollection(p.PropertyType))
            .ToDictionary(p => p.Name, StringComparer.OrdinalIgnoreCase);
        foreach (var child in section.GetChildren())
        {
            if (!properties.TryGetValue(child.Key, out var property))
            {
                throw new InvalidConfigurationException(child.Path, $"is not a setting this app knows{Hint(child.Key, properties.Keys, section.Path + ":")}");
            }

            var type = Nullable.GetUnderlyingType(property.PropertyType) ?? property.PropertyType;
            var hasChildren = child.GetChildren().Any();
            if (ConfigValues.IsCollection(type) || ConfigValues.IsOptionsClass(type))
            {
                // One value where a list or a section goes (BASKET_Server__ChatApiKeys=k instead of __0) binds nothing.
                if (!hasChildren && !string.IsNullOrEmpty(child.Value))
                {
                    throw new InvalidConfigurationException(child.Path, $"must be {ConfigValues.Expected(type, child.Path)}, got '{child.Value}'");
                }

                if (!ConfigValues.IsCollection(type) && hasChildren)
                {
                    Check(child, type);
                }
            }
            else if (hasChildren)
            {
                // A list or a section where one value goes binds nothing: the default stayed in force.
                throw new InvalidConfigurationException(child.Path, $"must be {ConfigValues.Expected(type, child.Path)}, got a list or a section");
            }
            else if (child.Value is null && property.PropertyType.IsValueType && Nullable.GetUnderlyingType(property.PropertyType) is null)
            {
                // JSON null, "" or {} for a number or a switch binds as 0 or false, which is not what was written.
                throw new InvalidConfigurationException(child.Path, $"must be {ConfigValues.Expected(type, child.Path)}, got an empty value");
            }
        }
    }

    /// <summary>
    /// Refuses a top-level key of the app's own configuration sources that names none of <paramref name="sections"/>
    /// nor a <see cref="HostSections">host section</see>: a misspelt <c>Sever</c> would leave every <c>Server</c>
    /// setting at its default. Only the sources this app's users write are judged (a JSON file, the <c>BASKET_</c>
    /// environment, in-memory overrides), never the machine's environment. From environment variables only sections
    /// (<c>BASKET_Sever__ResolverWorkers</c>) are judged: a flat <c>BASKET_DATA_ROOT</c> is one of the scripts' own
    /// variables, not a setting.
    /// </summary>
    /// <exception cref="InvalidConfigurationException">The first unknown section, with the closest known one and the list of known ones.</exception>
    public static void CheckSections(IConfigurationRoot own, IEnumerable<string> sections)
    {
        var known = sections.ToArray();
        foreach (var provider in own.Providers)
        {
            foreach (var key in provider.GetChildKeys([], null).Distinct(StringComparer.OrdinalIgnoreCase))
            {
                var child = provider.GetChildKeys([], key).FirstOrDefault();
                if (known.Contains(key, StringComparer.OrdinalIgnoreCase))
                {
                    // "Server": 5 binds nothing: every setting of the section would stay at its default.
                    if (child is null && provider.TryGet(key, out var value) && !string.IsNullOrEmpty(value))
                    {
                        throw new InvalidConfigurationException(key, $"must be a section of settings, e.g. \"{key}\": {{ \"Name\": value }}, got '{value}'");
                    }

                    continue;
                }

                if (HostSections.Contains(key) || key.StartsWith("OTEL_", StringComparison.OrdinalIgnoreCase))
                {
                    continue;
                }

                var environment = provider is EnvironmentVariablesConfigurationProvider;
                if (environment && child is null)
                {
                    continue;
                }

                var where = provider switch
                {
                    JsonConfigurationProvider json => $" (in {json.Source.FileProvider?.GetFileInfo(json.Source.Path ?? "").PhysicalPath ?? json.Source.Path})",
                    _ when environment => $" (the environment variable BASKET_{key}__{child})",
                    _ => "",
                };
                throw new InvalidConfigurationException(key, $"is not a configuration section this app knows{Hint(key, known, "")}{where}; "
                    + $"its sections are {string.Join(", ", known[..^1])} and {known[^1]}, besides the host's Logging, Kestrel and AllowedHosts");
            }
        }
    }

    // "(did you mean Server:EventLogPath?)" when a known name is within 3 edits.
    private static string Hint(string key, IEnumerable<string> known, string prefix)
    {
        var closest = known.MinBy(k => Distance(k, key));
        return closest is not null && Distance(closest, key) <= 3 ? $" (did you mean {prefix}{closest}?)" : "";
    }

    private static int Distance(string a, string b)
    {
        a = a.ToLowerInvariant();
        b = b.ToLowerInvariant();
        var row = Enumerable.Range(0, b.Length + 1).ToArray();
        for (var i = 1; i <= a.Length; i++)
        {
            var diagonal = row[0];
            row[0] = i;
            for (var j = 1; j <= b.Length; j++)
            {
                var above = row[j];
                row[j] = Math.Min(Math.Min(row[j] + 1, row[j - 1] + 1), diagonal + (a[i - 1] == b[j - 1] ? 0 : 1));
                diagonal = above;
            }
        }

        return row[b.Length];
    }
}
