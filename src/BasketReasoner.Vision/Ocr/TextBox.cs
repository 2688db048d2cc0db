namespace BasketReasoner.Vision.Ocr;

/// <summary>
/// A detected text line as a rotated rectangle in frame pixels: corners in reading order (top-left, top-right,
/// bottom-right, bottom-left, PaddleOCR's <c>get_mini_boxes</c> order) and the detector's mean probability inside.
/// </summary>
internal readonly record struct TextBox(PointF2 TopLeft, PointF2 TopRight, PointF2 BottomRight, PointF2 BottomLeft, float Score)
{
    public float Width => MathF.Max(TopLeft.DistanceTo(TopRight), BottomLeft.DistanceTo(BottomRight));

    public float Height => MathF.Max(TopLeft.DistanceTo(BottomLeft), TopRight.DistanceTo(BottomRight));

    public PointF2 Center => new((TopLeft.X + BottomRight.X) / 2, (TopLeft.Y + BottomRight.Y) / 2);
}

internal readonly record struct PointF2(float X, float Y)
{
    public float DistanceTo(PointF2 o) => MathF.Sqrt(((X - o.X) * (X - o.X)) + ((Y - o.Y) * (Y - o.Y)));
}
