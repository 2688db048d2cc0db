namespace BasketReasoner.Core.Events;

/// <summary>
/// Something went into or out of the cart: what a camera saw and what the scale measured.
/// </summary>
/// <param name="Seq">Order of the event within its session.</param>
/// <param name="Type">Add or remove.</param>
/// <param name="Image">Camera frame, relative to the dataset's <c>dataset/</c> folder (sessions) or a file path.</param>
/// <param name="WeightDeltaGrams">Settled weight change, negative for removals; <c>null</c> when the scale did not settle.</param>
public sealed record CartEvent(int Seq, CartEventType Type, string Image, double? WeightDeltaGrams);
