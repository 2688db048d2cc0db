namespace BasketReasoner.Core.Scale;

/// <summary>
/// The last <c>capacity</c> readings in a ring buffer with O(1) running sums: mean and variance of the whole window,
/// mean of its newest half and mean of its newest few samples. Values are stored relative to a reference level
/// and the sums are recomputed from the buffer every 65,536 samples, so rounding never accumulates. No allocation
/// after construction.
/// </summary>
internal sealed class SlidingWindow
{
    private const int ResyncInterval = 1 << 16;

    private readonly double[] _ring;
    private readonly int _recent;
    private readonly int _half;
    private double _reference;
    private double _sum;
    private double _sumSquares;
    private double _sumHalf;
    private double _sumRecent;
    private int _next;
    private int _sinceResync;

    /// <param name="capacity">Window length in samples (at least 2).</param>
    /// <param name="recent">Length of the newest-samples mean (1..capacity).</param>
    public SlidingWindow(int capacity, int recent)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(capacity, 2);
        ArgumentOutOfRangeException.ThrowIfLessThan(recent, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(recent, capacity);
        _ring = new double[capacity];
        _recent = recent;
        _half = capacity / 2;
    }

    public int Capacity => _ring.Length;

    /// <summary>Samples held, up to <see cref="Capacity"/>.</summary>
    public int Count { get; private set; }

    public bool IsFull => Count == _ring.Length;

    public double Mean => _reference + (_sum / Count);

    public double Variance
    {
        get
        {
            var m = _sum / Count;
            return Math.Max(0, (_sumSquares / Count) - (m * m));
        }
    }

    /// <summary>Mean of the newest half of a full window.</summary>
    public double NewerHalfMean => _reference + (_sumHalf / _half);

    /// <summary>Mean of the older half of a full window.</summary>
    public double OlderHalfMean => _reference + ((_sum - _sumHalf) / (_ring.Length - _half));

    /// <summary>Mean of the newest <c>recent</c> samples (of all held samples while filling).</summary>
    public double RecentMean => _reference + (_sumRecent / Math.Min(_recent, Count));

    public void Add(double value)
    {
        if (Count == 0)
        {
            _reference = value;
        }

        var x = value - _reference;
        var n = _ring.Length;
        if (Count == n)
        {
            var old = _ring[_next];
            _sum -= old;
            _sumSquares -= old * old;
        }
        else
        {
            Count++;
        }

        // Samples leaving the newest half and the newest few, read before the slot is overwritten.
        if (Count > _half)
        {
            _sumHalf -= _ring[(_next - _half + n) % n];
        }

        if (Count > _recent)
        {
            _sumRecent -= _ring[(_next - _recent + n) % n];
        }

        _ring[_next] = x;
        _sum += x;
        _sumSquares += x * x;
        _sumHalf += x;
        _sumRecent += x;
        _next = _next + 1 == n ? 0 : _next + 1;
        if (++_sinceResync >= ResyncInterval)
        {
            Resync();
        }
    }

    public void Clear()
    {
        Count = 0;
        _next = 0;
        _sum = _sumSquares = _sumHalf = _sumRecent = 0;
        _sinceResync = 0;
    }

    /// <summary>Moves the reference to the current mean and recomputes every sum from the buffer.</summary>
    private void Resync()
    {
        _sinceResync = 0;
        var n = _ring.Length;
        var shift = _sum / Count;
        _reference += shift;
        _sum = _sumSquares = _sumHalf = _sumRecent = 0;
        for (var age = 0; age < Count; age++)
        {
            var i = (_next - 1 - age + (2 * n)) % n;
            var x = _ring[i] - shift;
            _ring[i] = x;
            _sum += x;
            _sumSquares += x * x;
            if (age < _half)
            {
                _sumHalf += x;
            }

            if (age < _recent)
            {
                _sumRecent += x;
            }
        }
    }
}
