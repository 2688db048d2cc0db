using BasketReasoner.Eval.Scale;

namespace BasketReasoner.Eval.Driving;

/// <summary>How <see cref="CartFleet"/> drives carts against a running server.</summary>
public sealed record CartDriveOptions
{
    /// <summary>Sessions each cart replays back to back as one trip (default 1). With <see cref="Minutes"/> set, the
    /// least number of sessions whose stream lasts at least that long, from the cart's share of the sessions.</summary>
    public int SessionsPerCart { get; init; } = 1;

    /// <summary>Stream minutes each cart covers at least (default: none, <see cref="SessionsPerCart"/> decides).</summary>
    public double? Minutes { get; init; }

    /// <summary>Stream time per wall time (default 1, real time; 10 sends ten seconds of readings a second). At least 0.01.</summary>
    public double Speed { get; init; } = 1;

    /// <summary>Milliseconds of readings per <c>POST /scale</c> (default 500; 50 samples at 100 Hz). 10 to 10000.</summary>
    public double BatchMs { get; init; } = 500;

    /// <summary>The load-cell signal model; its seed is offset by the cart's index so carts differ (default: the simulator's defaults).</summary>
    public ScaleSignalOptions Signal { get; init; } = new();
}
