using System.Collections;
using System.Reflection;
using Microsoft.Extensions.Configuration;

namespace BasketReasoner.Composition.Options;

/// <summary>
/// Refuses keys that no property of the section's options class takes (a misspelt <c>Server:EventLogPth</c> would
/// otherwise be ignored in silence and the default used). Dictionary and list properties take any child key.
/// </summary>
internal static class UnknownKeys
{
    /// <exception cref="InvalidConfigurationException">The first unknown key, with the closest known one.</exception>
    public static void Check(IConfigurationSection section, Type optionsType)
    {
        var properties = optionsType.GetProperties(BindingFlags.Public | BindingFlags.Instance)
            .Where(p => p.CanWrite || IsCollection(p.PropertyType))
            .ToDictionary(p => p.Name, StringComparer.OrdinalIgnoreCase);
        foreach (var child in section.GetChildren())
        {
            if (!properties.TryGetValue(child.Key, out var property))
            {
                var closest = properties.Keys.MinBy(k => Distance(k, child.Key));
                var hint = closest is not null && Distance(closest, child.Key) <= 3 ? $" (did you mean {section.Path}:{closest}?)" : "";
                throw new InvalidConfigurationException(child.Path, $"is not a setting this app knows{hint}");
            }

            var type = Nullable.GetUnderlyingType(property.PropertyType) ?? property.PropertyType;
            if (!IsCollection(type) && IsOptionsClass(type) && child.GetChildren().Any())
            {
                Check(child, type);
            }
        }
    }

    private static bool IsCollection(Type type) => type != typeof(string) && typeof(IEnumerable).IsAssignableFrom(type);

    private static bool IsOptionsClass(Type type) =>
        type.IsClass && type != typeof(string) && type != typeof(Uri) && type.GetConstructor(Type.EmptyTypes) is not null;

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
