namespace BasketReasoner.Eval.Flywheel;

/// <summary>What <see cref="FlywheelExport.Run"/> reads and writes. Every default is stated on its property.</summary>
public sealed record FlywheelExportOptions
{
    /// <summary>The server's flywheel folder (<c>Server:FlywheelFolder</c>): <c>examples.jsonl</c> and <c>frames/</c>. Required.</summary>
    public required string From { get; init; }

    /// <summary>The training set's folder; created, and must be empty when it exists. Required.</summary>
    public required string Out { get; init; }

    /// <summary>Seeds the cart → split assignment: the same seed and carts give the same split. Default: 17.</summary>
    public int SplitSeed { get; init; } = 17;

    /// <summary>Expected share of carts (not frames) in <c>val</c>; 0 to 1. Default: 0.2.</summary>
    public double ValFraction { get; init; } = 0.2;

    /// <exception cref="ArgumentOutOfRangeException"><see cref="ValFraction"/> is outside 0 to 1.</exception>
    public void Validate()
    {
        if (!(ValFraction is >= 0 and <= 1))
        {
            throw new ArgumentOutOfRangeException(nameof(ValFraction), ValFraction, "--val-fraction must be between 0 and 1.");
        }
    }
}
