namespace BasketReasoner.Core.Events;

/// <summary>
/// Something went into or out of the cart: what a camera saw and what the scale measured.
/// </summary>
/// <param name="Seq">Order of the event within its session.</param>
/// <param name="Type">Add or remove.</param>
/// <param name="Image">Camera frame, relative to the dataset's <c>dataset/</c> folder (sessions) or a file path.</param>
/// <param name="WeightDeltaGrams">Settled weight change, negative for removals; <c>null</c> when the scale did not settle.</param>
public sealed record CartEvent(int Seq, CartEventType Type, string Image, double? WeightDeltaGrams)
{
    /// <summary>
    /// What the cart's cameras saw just before and just after the event, one entry per camera; <c>null</c> when
    /// the event comes with a single close-up frame only (<see cref="Image"/>). In a session file the paths are
    /// relative to the session file's folder.
    /// </summary>
    public IReadOnlyList<CameraFrames>? Frames { get; init; }

    // The positional members plus the frames' contents: two events read from the same line compare equal.
    public bool Equals(CartEvent? other) =>
        other is not null && Seq == other.Seq && Type == other.Type && Image == other.Image && WeightDeltaGrams == other.WeightDeltaGrams
        && (ReferenceEquals(Frames, other.Frames) || (Frames is not null && other.Frames is not null && Frames.SequenceEqual(other.Frames)));

    public override int GetHashCode() => HashCode.Combine(Seq, Type, Image, WeightDeltaGrams, Frames?.Count ?? -1);
}
