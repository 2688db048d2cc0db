namespace BasketReasoner.Server.Durability;

/// <summary>
/// The event log lost or changed acknowledged records; the server refuses to start rather than write over what is
/// left. The message says what is missing and how to recover (<c>basket log verify</c>).
/// </summary>
public sealed class LogDamagedException(EventLogReport report)
    : IOException($"Server:EventLogPath '{report.Path}' is damaged, so the server will not start and write over it: "
        + string.Join(" ", report.Problems)
        + $" Inspect it with 'basket log verify --log {report.Path}'; after keeping a copy, 'basket log verify --log {report.Path} --accept-loss' "
        + "keeps the intact records and moves the damaged files aside (see src/BasketReasoner.Server/README.md, Recovery).")
{
    public EventLogReport Report { get; } = report;
}
