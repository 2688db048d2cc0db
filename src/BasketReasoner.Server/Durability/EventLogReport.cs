namespace BasketReasoner.Server.Durability;

/// <summary>What <see cref="EventLogVerifier.Verify"/> found.</summary>
/// <param name="Path">The SQLite log.</param>
/// <param name="Records">Records that verify (an intact prefix of the log).</param>
/// <param name="LastSeq">Sequence number of the last verified record, 0 when none.</param>
/// <param name="AcknowledgedSeq">The high-water mark: the last sequence number ever acknowledged, <c>null</c> when the log has no mark yet.</param>
/// <param name="Problems">One sentence per problem; empty when intact.</param>
public sealed record EventLogReport(string Path, long Records, long LastSeq, long? AcknowledgedSeq, IReadOnlyList<string> Problems)
{
    /// <summary>No acknowledged record is missing or changed.</summary>
    public bool Intact => Problems.Count == 0;
}
