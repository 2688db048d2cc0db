/// <summary>
/// The reference: the same idea done the obvious way. It keeps the last readings in a ring and recomputes the window
/// statistics (mean, variance, half means, recent mean) from scratch on every sample, with the same departure and
/// settle thresholds as the detector's defaults but no motion confirmation, drift or recovery refinements. Only its
/// speed is compared.
/// </summary>
internal sealed class NaiveDetector
{
    private readonly double[] _ring;
    private readonly int _recent;
    private int _count;
    private int _next;
    private bool _stable;
    private bool _moving;
    private double _baseline;
    private double _noiseVariance = 0.09;

    public NaiveDetector(int window = 15, int recent = 3)
    {
        _ring = new double[window];
        _recent = recent;
    }

    public bool Push(double t, double grams)
    {
        _ring[_next] = grams;
        _next = (_next + 1) % _ring.Length;
        _count = Math.Min(_count + 1, _ring.Length);
        if (_count < _ring.Length)
        {
            return false;
        }

        // From scratch, every sample.
        double sum = 0, half = 0, recent = 0;
        var n = _ring.Length;
        for (var age = 0; age < n; age++)
        {
            var x = _ring[(_next - 1 - age + n) % n];
            sum += x;
            if (age < n / 2)
            {
                half += x;
            }

            if (age < _recent)
            {
                recent += x;
            }
        }

        var mean = sum / n;
        double m2 = 0;
        for (var i = 0; i < n; i++)
        {
            m2 += (_ring[i] - mean) * (_ring[i] - mean);
        }

        var variance = m2 / n;
        var newer = half / (n / 2);
        var older = (sum - half) / (n - (n / 2));
        var threshold = Math.Max(1.3, Math.Max(1.5 * Math.Sqrt(_noiseVariance), 0.002 * Math.Abs(mean - _baseline)));
        var quiet = variance <= threshold * threshold && Math.Abs(newer - older) <= threshold;
        if (!_stable)
        {
            if (quiet)
            {
                _stable = true;
                _baseline = mean;
            }

            return false;
        }

        if (!_moving)
        {
            if (Math.Abs((recent / _recent) - _baseline) > Math.Max(5, 5 * Math.Sqrt(_noiseVariance)))
            {
                _moving = true;
                return false;
            }

            _noiseVariance = Math.Max(0.09, _noiseVariance + ((variance - _noiseVariance) / 30));
            return false;
        }

        if (!quiet)
        {
            return false;
        }

        var delta = mean - _baseline;
        _baseline = mean;
        _moving = false;
        return Math.Abs(delta) >= 10;
    }
}
