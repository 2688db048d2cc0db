namespace BasketReasoner.Generation.Sampling;

internal static class LogProbabilities
{
    /// <summary>log Σ exp(x), stable; −∞ entries contribute nothing.</summary>
    public static double LogSumExp(ReadOnlySpan<float> logits)
    {
        float max = float.NegativeInfinity;
        foreach (var v in logits) max = Math.Max(max, v);
        if (float.IsNegativeInfinity(max)) return double.NegativeInfinity;
        double sum = 0;
        foreach (var v in logits) sum += Math.Exp(v - max);
        return max + Math.Log(sum);
    }

    /// <summary>Softmax of log-scores into probabilities (in place on a copy).</summary>
    public static double[] Normalise(ReadOnlySpan<double> logScores)
    {
        double max = double.NegativeInfinity;
        foreach (var v in logScores) max = Math.Max(max, v);
        var p = new double[logScores.Length];
        double sum = 0;
        for (int i = 0; i < p.Length; i++)
        {
            p[i] = Math.Exp(logScores[i] - max);
            sum += p[i];
        }

        for (int i = 0; i < p.Length; i++) p[i] /= sum;
        return p;
    }
}
