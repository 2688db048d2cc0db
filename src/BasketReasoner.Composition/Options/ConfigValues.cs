using System.Collections;

namespace BasketReasoner.Composition.Options;

/// <summary>
/// What a configuration value of an option's type looks like, in the words of whoever edits the file, not of .NET
/// ("a whole number between 0 and 256", not "System.Int32"): the one-line errors for a value of the wrong type or
/// shape quote it.
/// </summary>
internal static class ConfigValues
{
    /// <summary>The value <paramref name="key"/> of type <paramref name="type"/> takes, with its range where the rules bound it.</summary>
    public static string Expected(Type type, string key)
    {
        type = Nullable.GetUnderlyingType(type) ?? type;
        var range = OptionsRules.Allowed(key) is { } r ? " " + r : "";
        return Type.GetTypeCode(type) switch
        {
            TypeCode.Byte or TypeCode.SByte or TypeCode.Int16 or TypeCode.UInt16 or TypeCode.Int32 or TypeCode.UInt32
                or TypeCode.Int64 or TypeCode.UInt64 => "a whole number" + range,
            TypeCode.Single or TypeCode.Double or TypeCode.Decimal => "a number" + range,
            TypeCode.Boolean => "true or false",
            TypeCode.String => "a single text value",
            _ when type == typeof(TimeSpan) => "a duration written hours:minutes:seconds, e.g. 00:00:02 for two seconds",
            _ when type == typeof(Uri) => "a URL such as http://127.0.0.1:5080/v1",
            _ when type.IsEnum => $"one of {string.Join(", ", Enum.GetNames(type))}",
            _ when IsCollection(type) && type.IsGenericType && type.GetGenericTypeDefinition() == typeof(Dictionary<,>)
                => "a section of names and values, e.g. \"Carts\": { \"cart-1\": \"its-key\" }",
            _ when IsCollection(type) => "a list, e.g. [\"first\", \"second\"] (in the environment: __0, __1)",
            _ => "a section of settings",
        };
    }

    /// <summary>The value <paramref name="key"/> takes, for a type named as the configuration binder names it (<c>System.Int32</c>).</summary>
    public static string Expected(string? typeName, string key) =>
        typeName is not null && Type.GetType(typeName) is { } type ? Expected(type, key) : "a valid value for this setting";

    /// <summary>Whether the binder fills <paramref name="type"/> from child keys (lists, dictionaries), not from one value.</summary>
    public static bool IsCollection(Type type) => type != typeof(string) && typeof(IEnumerable).IsAssignableFrom(type);

    /// <summary>Whether the binder fills <paramref name="type"/> from child keys as a nested options class.</summary>
    public static bool IsOptionsClass(Type type) =>
        type.IsClass && type != typeof(string) && type != typeof(Uri) && !IsCollection(type) && type.GetConstructor(Type.EmptyTypes) is not null;
}
