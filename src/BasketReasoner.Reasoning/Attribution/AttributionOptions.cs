namespace BasketReasoner.Reasoning.Attribution;

/// <summary>
/// How before/after frames become the one item an event is about. Thresholds are tuned on val scenes
/// (<c>basket eval detector --scenes …/val --tune</c>), never on test.
/// </summary>
public sealed record AttributionOptions
{
    /// <summary>
    /// A pixel counts as changed when |ΔR| + |ΔG| + |ΔB| between before and after exceeds this (0–765). Default: 40,
    /// tuned on val scenes with the shipped detector (99.5 % of views right vs 99.1 % at 60; a 40–60 plateau): above
    /// JPEG and sensor noise, below an item against the cart floor.
    /// </summary>
    public int PixelChangeThreshold { get; set; } = 40;

    /// <summary>
    /// A detected box is a candidate only when at least this fraction of its pixels changed; with none, the
    /// changed-region fallback (then the whole frame) is used, and the evidence says so. Default: 0.6, tuned on
    /// val scenes (eval/results/detector/attribution-tuning-val.json): a detected box that half-changed is more
    /// often an old item the new one overlaps than the new one.
    /// </summary>
    public float MinChange { get; set; } = 0.6f;

    /// <summary>
    /// How much overlap with a box on the other side of the event (the same item already there) discounts a box:
    /// score = change × (1 − weight × best IoU). Default: 0.5.
    /// </summary>
    public float NoveltyWeight { get; set; } = 0.5f;

    /// <summary>Candidates per camera considered when matching cameras on the cart floor. Default: 3.</summary>
    public int CandidatesPerCamera { get; set; } = 3;

    /// <summary>
    /// Two cameras' boxes of one item project to floor points at most this far apart (floor coordinates in [0, 1])
    /// without penalty. Default: 0.12.
    /// </summary>
    public float FloorTolerance { get; set; } = 0.12f;

    /// <summary>Score lost per floor unit beyond <see cref="FloorTolerance"/> when pairing two cameras. Default: 2.</summary>
    public float FloorWeight { get; set; } = 2f;

    /// <summary>The crop handed to the recognizer grows by this fraction of the box on every side. Default: 0.1.</summary>
    public float CropMargin { get; set; } = 0.1f;

    /// <summary>Pixel sampling step when measuring change (1 = every pixel). Default: 2.</summary>
    public int ChangeSampleStep { get; set; } = 2;

    /// <summary>
    /// When no detected box changed enough, fall back to the box around the largest changed region (cells of
    /// <see cref="ChangeCell"/> pixels) before giving up on the whole frame. Default: <c>true</c>.
    /// </summary>
    public bool ChangeRegionFallback { get; set; } = true;

    /// <summary>Cell side, in frame pixels, of the changed-region grid. Default: 8.</summary>
    public int ChangeCell { get; set; } = 8;

    /// <summary>Fewest changed cells a region needs to stand for an item. Default: 12 (≈ 28 × 28 pixels at 8-pixel cells).</summary>
    public int MinRegionCells { get; set; } = 12;
}
