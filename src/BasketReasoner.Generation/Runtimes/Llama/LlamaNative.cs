using LLama.Native;

namespace BasketReasoner.Generation.Runtimes.Llama;

/// <summary>
/// llama.cpp's process-wide logging. Its loader prints hundreds of lines per model to stderr, which would land in the
/// CLI's output and the server's console; they are dropped, except that the last error lines are kept so a failed
/// load can say why in its one-line error.
/// </summary>
internal static class LlamaNative
{
    private static readonly Lock Gate = new();
    private static readonly Queue<string> Errors = new();
    private static bool _configured;

    /// <summary>Installs the log callback once, before the first native call of the process.</summary>
    public static void EnsureConfigured()
    {
        lock (Gate)
        {
            if (_configured) return;
            NativeLogConfig.llama_log_set(OnLog);
            _configured = true;
        }
    }

    /// <summary>The error lines llama.cpp logged since the last call, joined (empty when none).</summary>
    public static string TakeErrors()
    {
        lock (Gate)
        {
            var text = string.Join(" ", Errors);
            Errors.Clear();
            return text;
        }
    }

    private static void OnLog(LLamaLogLevel level, string message)
    {
        if (level != LLamaLogLevel.Error) return;
        lock (Gate)
        {
            Errors.Enqueue(message.Trim());
            while (Errors.Count > 4) Errors.Dequeue();
        }
    }
}
