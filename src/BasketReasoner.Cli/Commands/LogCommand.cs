using System.CommandLine;
using BasketReasoner.Server.Durability;

namespace BasketReasoner.Cli.Commands;

/// <summary>
/// <c>basket log verify [--log var/basket-events.db] [--accept-loss]</c>: checks the server's event log without changing
/// it (SQLite integrity, every record's hash chain, the high-water mark of acknowledged records) and exits 0 when
/// intact, 3 when acknowledged records are missing or changed. <c>--accept-loss</c> is the recovery: it keeps the
/// records that verify, moves the damaged files into <c>LOG.damaged-TIME/</c> and writes a new log and mark.
/// </summary>
internal static class LogCommand
{
    public static Command Create()
    {
        var log = new Option<string>("--log") { Description = "The SQLite event log (Server:EventLogPath)", DefaultValueFactory = _ => Path.Combine("var", "basket-events.db") };
        var acceptLoss = new Option<bool>("--accept-loss") { Description = "Recovery: keep the intact records, move the damaged files aside, start a new log from them" };
        var verify = new Command("verify", "Prove the event log holds every acknowledged record (read-only unless --accept-loss)") { log, acceptLoss };
        verify.SetAction(parse => CommandAction.Run(parse, (stdout, stderr) =>
        {
            var path = parse.GetValue(log)!;

            // The server treats a log that never existed as a fresh empty one; asked to verify, a mistyped path must not read "intact".
            if (!EventLogVerifier.Exists(path))
            {
                throw new FileNotFoundException($"--log: no event log at '{Path.GetFullPath(path)}' (nor its acknowledgement mark).");
            }

            var report = EventLogVerifier.Verify(path);
            Print(stdout, report);
            if (report.Intact || !parse.GetValue(acceptLoss))
            {
                return report.Intact ? 0 : CommandAction.CheckFailed;
            }

            var recovered = EventLogVerifier.AcceptLoss(path, TimeProvider.System);
            stdout.WriteLine($"recovered: kept {recovered.Records} records; the damaged files are in {recovered.Path}.damaged-*/");
            Print(stdout, recovered);
            return recovered.Intact ? 0 : CommandAction.CheckFailed;
        }));
        return new Command("log", "The cart server's durable event log") { verify };
    }

    private static void Print(TextWriter stdout, EventLogReport report)
    {
        stdout.WriteLine($"{report.Path}: {report.Records} records verify (last {report.LastSeq}); acknowledged up to {report.AcknowledgedSeq?.ToString() ?? "(no mark yet)"}");
        foreach (var p in report.Problems)
        {
            stdout.WriteLine("  problem: " + p);
        }

        stdout.WriteLine(report.Intact ? "intact" : "DAMAGED: acknowledged records are missing or changed");
    }
}
