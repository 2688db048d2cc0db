namespace BasketReasoner.Eval.Replay;

/// <summary>Calibration of stated confidences against outcomes.</summary>
public static class Calibration
{
    /// <summary>Expected calibration error over <paramref name="bins"/> equal-width confidence bins; <c>null</c> for no decisions.</summary>
    public static double? ExpectedCalibrationError(IEnumerable<(double Confidence, bool Correct)> decisions, int bins = 10)
    {
        var count = new int[bins];
        var correct = new int[bins];
        var confidence = new double[bins];
        var n = 0;
        foreach (var (c, ok) in decisions)
        {
            var b = Math.Clamp((int)(c * bins), 0, bins - 1);
            count[b]++;
            correct[b] += ok ? 1 : 0;
            confidence[b] += c;
            n++;
        }

        if (n == 0)
        {
            return null;
        }

        var ece = 0.0;
        for (var b = 0; b < bins; b++)
        {
            if (count[b] > 0)
            {
                ece += (double)count[b] / n * Math.Abs(((double)correct[b] / count[b]) - (confidence[b] / count[b]));
            }
        }

        return ece;
    }
}
