using System.CommandLine;
using System.CommandLine.Parsing;

namespace BasketReasoner.Cli.Commands;

/// <summary>
/// Value rules for options, declared where the option is (<c>new Option&lt;int&gt;("--sessions").AtLeast(1)</c>), so a bad
/// value is a parse error: one line that names the option and the value (<see cref="UsageErrors"/>), exit 2, before
/// the command loads anything. Defaults are not checked: they are the command's own and valid by construction.
/// </summary>
internal static class OptionRules
{
    public static Option<T> AtLeast<T>(this Option<T> option, T min)
        where T : struct, IComparable<T>
    {
        option.Validators.Add(r => Check<T>(r, v => v.CompareTo(min) >= 0, $"must be at least {min}"));
        return option;
    }

    public static Option<T?> AtLeast<T>(this Option<T?> option, T min)
        where T : struct, IComparable<T>
    {
        option.Validators.Add(r => Check<T?>(r, v => v is not { } x || x.CompareTo(min) >= 0, $"must be at least {min}"));
        return option;
    }

    public static Option<T> Positive<T>(this Option<T> option)
        where T : struct, IComparable<T>
    {
        option.Validators.Add(r => Check<T>(r, v => v.CompareTo(default) > 0, "must be more than 0"));
        return option;
    }

    public static Option<T> Between<T>(this Option<T> option, T min, T max)
        where T : struct, IComparable<T>
    {
        option.Validators.Add(r => Check<T>(r, v => v.CompareTo(min) >= 0 && v.CompareTo(max) <= 0, $"must be between {min} and {max}"));
        return option;
    }

    public static Option<T?> Between<T>(this Option<T?> option, T min, T max)
        where T : struct, IComparable<T>
    {
        option.Validators.Add(r => Check<T?>(
            r, v => v is not { } x || (x.CompareTo(min) >= 0 && x.CompareTo(max) <= 0), $"must be between {min} and {max}"));
        return option;
    }

    /// <summary>
    /// Only these values, compared exactly (System.CommandLine's <c>AcceptOnlyFromAmong</c> reports a multi-line
    /// list; this says it in one line). The allowed values are also shown as completions.
    /// </summary>
    public static Option<string> OneOf(this Option<string> option, params string[] allowed)
    {
        option.CompletionSources.Add(allowed);
        option.Validators.Add(r => Check<string>(r, v => allowed.Contains(v, StringComparer.Ordinal), $"is not one of {string.Join(", ", allowed)}"));
        return option;
    }

    /// <summary>A rule of the option's own kind: <paramref name="problem"/> is null when the value is fine.</summary>
    public static Option<T> Must<T>(this Option<T> option, Func<T, string?> problem)
    {
        option.Validators.Add(r =>
        {
            if (!r.Implicit && TryGetValue(r, out T value) && problem(value) is { } p)
            {
                r.AddError(UsageErrors.ForValue(r, p));
            }
        });
        return option;
    }

    /// <summary>
    /// A free-text argument (<c>basket ask "question"</c>) takes any word, so a mistyped option would silently become
    /// the text; one that starts with <c>--</c> is reported as the unknown option it is.
    /// </summary>
    public static Argument<string?> NotAnOption(this Argument<string?> argument)
    {
        argument.Validators.Add(r =>
        {
            if (r.Tokens.FirstOrDefault(t => t.Value.StartsWith("--", StringComparison.Ordinal)) is { } token)
            {
                r.AddError(UsageErrors.UnknownOption(token.Value));
            }
        });
        return argument;
    }

    private static void Check<T>(OptionResult result, Func<T, bool> ok, string problem)
    {
        if (!result.Implicit && TryGetValue(result, out T value) && !ok(value))
        {
            result.AddError(UsageErrors.ForValue(result, problem));
        }
    }

    /// <summary>
    /// Validators run before System.CommandLine reports a value of the wrong type (<c>--sessions abc</c>), and reading
    /// such a value throws; that error is System.CommandLine's to report, so the rule has nothing to add.
    /// </summary>
    private static bool TryGetValue<T>(OptionResult result, out T value)
    {
        try
        {
            value = result.GetValueOrDefault<T>()!;
            return true;
        }
        catch (InvalidOperationException)
        {
            value = default!;
            return false;
        }
    }
}
