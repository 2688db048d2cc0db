namespace BasketReasoner.Retrieval.Embedded.Hnsw;

/// <summary>
/// Growable binary min-heap of (score, node) on reusable arrays: the scratch of one thread's searches, so steady-state
/// searches allocate nothing. A max-heap is this heap on negated scores.
/// </summary>
internal sealed class NodeHeap
{
    private float[] _keys = new float[64];
    private int[] _nodes = new int[64];

    public int Count { get; private set; }

    public float TopKey => _keys[0];

    public int TopNode => _nodes[0];

    public void Clear() => Count = 0;

    public void Push(float key, int node)
    {
        if (Count == _keys.Length)
        {
            Array.Resize(ref _keys, Count * 2);
            Array.Resize(ref _nodes, Count * 2);
        }

        var i = Count++;
        while (i > 0)
        {
            var parent = (i - 1) >> 1;
            if (_keys[parent] <= key)
            {
                break;
            }

            _keys[i] = _keys[parent];
            _nodes[i] = _nodes[parent];
            i = parent;
        }

        _keys[i] = key;
        _nodes[i] = node;
    }

    public void Pop()
    {
        var last = --Count;
        if (last == 0)
        {
            return;
        }

        var key = _keys[last];
        var node = _nodes[last];
        var i = 0;
        while (true)
        {
            var child = (2 * i) + 1;
            if (child >= last)
            {
                break;
            }

            if (child + 1 < last && _keys[child + 1] < _keys[child])
            {
                child++;
            }

            if (key <= _keys[child])
            {
                break;
            }

            _keys[i] = _keys[child];
            _nodes[i] = _nodes[child];
            i = child;
        }

        _keys[i] = key;
        _nodes[i] = node;
    }
}
