/// <summary>Shared bits of the generation benches.</summary>
internal static class Bench
{
    /// <summary>The 1-minute load average (Linux), printed beside every timing: the machine is shared.</summary>
    public static string LoadAverage() => File.Exists("/proc/loadavg") ? File.ReadAllText("/proc/loadavg").Split(' ')[0] : "?";
}
