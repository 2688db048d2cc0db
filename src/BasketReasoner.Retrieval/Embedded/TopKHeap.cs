namespace BasketReasoner.Retrieval.Embedded;

/// <summary>
/// Fixed-capacity min-heap over caller-owned spans that keeps the k best (highest-ranked) rows seen so far.
/// The root is the worst kept row, so a candidate costs one comparison unless it displaces it.
/// </summary>
internal ref struct TopKHeap
{
    private readonly Span<float> _ranks;
    private readonly Span<int> _rows;
    private int _count;

    public TopKHeap(Span<float> ranks, Span<int> rows)
    {
        _ranks = ranks;
        _rows = rows;
        _count = 0;
    }

    public readonly int Count => _count;

    public void Offer(float rank, int row)
    {
        if (_count < _ranks.Length)
        {
            var i = _count++;
            _ranks[i] = rank;
            _rows[i] = row;
            SiftUp(i);
        }
        else if (rank > _ranks[0])
        {
            _ranks[0] = rank;
            _rows[0] = row;
            SiftDown(0);
        }
    }

    /// <summary>
    /// In-place heapsort: repeatedly moves the worst kept row to the end, leaving the backing spans ordered best
    /// first. Returns the number of rows; the heap is empty afterwards.
    /// </summary>
    public int SortDescending()
    {
        var found = _count;
        while (_count > 1)
        {
            _count--;
            Swap(0, _count);
            SiftDown(0);
        }

        _count = 0;
        return found;
    }

    private readonly void SiftUp(int i)
    {
        while (i > 0)
        {
            var parent = (i - 1) >> 1;
            if (_ranks[parent] <= _ranks[i])
            {
                return;
            }

            Swap(i, parent);
            i = parent;
        }
    }

    private readonly void SiftDown(int i)
    {
        while (true)
        {
            var left = (2 * i) + 1;
            if (left >= _count)
            {
                return;
            }

            var smallest = left + 1 < _count && _ranks[left + 1] < _ranks[left] ? left + 1 : left;
            if (_ranks[i] <= _ranks[smallest])
            {
                return;
            }

            Swap(i, smallest);
            i = smallest;
        }
    }

    private readonly void Swap(int a, int b)
    {
        (_ranks[a], _ranks[b]) = (_ranks[b], _ranks[a]);
        (_rows[a], _rows[b]) = (_rows[b], _rows[a]);
    }
}
