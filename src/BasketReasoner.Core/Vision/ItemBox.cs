using System.Text.Json.Serialization;

namespace BasketReasoner.Core.Vision;

/// <summary>An axis-aligned box in frame pixels: left, top, right, bottom (x1 ≥ x0, y1 ≥ y0).</summary>
public readonly record struct ItemBox(float X0, float Y0, float X1, float Y1)
{
    [JsonIgnore]
    public float Width => X1 - X0;

    [JsonIgnore]
    public float Height => Y1 - Y0;

    [JsonIgnore]
    public float Area => MathF.Max(0, X1 - X0) * MathF.Max(0, Y1 - Y0);

    [JsonIgnore]
    public float CenterX => 0.5f * (X0 + X1);

    [JsonIgnore]
    public float CenterY => 0.5f * (Y0 + Y1);

    /// <summary>Intersection over union; 0 when either box is empty.</summary>
    public float IoU(ItemBox other)
    {
        var w = MathF.Min(X1, other.X1) - MathF.Max(X0, other.X0);
        var h = MathF.Min(Y1, other.Y1) - MathF.Max(Y0, other.Y0);
        if (w <= 0 || h <= 0)
        {
            return 0;
        }

        var inter = w * h;
        var union = Area + other.Area - inter;
        return union > 0 ? inter / union : 0;
    }

    /// <summary>The box grown by <paramref name="margin"/> × its size on every side, clipped to the frame.</summary>
    public ItemBox Expand(float margin, int frameWidth, int frameHeight)
    {
        var dx = margin * Width;
        var dy = margin * Height;
        return new ItemBox(
            Math.Clamp(X0 - dx, 0, frameWidth), Math.Clamp(Y0 - dy, 0, frameHeight),
            Math.Clamp(X1 + dx, 0, frameWidth), Math.Clamp(Y1 + dy, 0, frameHeight));
    }
}
