namespace BasketReasoner.Eval.Replay;

/// <summary>Accuracy over one slice of the events that have truth.</summary>
/// <param name="Events">Events with truth in the slice.</param>
/// <param name="Correct">Of those, how many the resolver got right.</param>
public sealed record AccuracyBucket(int Events, int Correct)
{
    /// <summary><c>null</c> for an empty slice: no events is not 0 % accuracy.</summary>
    public double? Accuracy => Events == 0 ? null : (double)Correct / Events;
}
