using System.Runtime.InteropServices;

namespace BasketReasoner.Generation.KvCache;

/// <summary>
/// The decoder's key/value cache in native memory allocated once: per layer and per key/value two buffers sized for
/// the maximum sequence. A step reads the past from the current buffer, viewed as the compact tensor
/// [1, kv_heads, length, head_dim], and the decoder writes its present [1, kv_heads, length + S, head_dim] straight
/// into the other buffer, which then becomes current. Nothing is allocated or copied per token beyond what the
/// model itself writes. Not thread-safe.
/// </summary>
internal sealed unsafe class KvCacheBuffers : IDisposable
{
    private readonly float*[] _buffers; // [layer * 4 + kv * 2 + side]
    private int _current;
    private bool _disposed;

    public KvCacheBuffers(int layers, int kvHeads, int headDim, int maxLength)
    {
        Layers = layers;
        KvHeads = kvHeads;
        HeadDim = headDim;
        MaxLength = maxLength;
        _buffers = new float*[layers * 4];
        nuint bytes = (nuint)kvHeads * (nuint)maxLength * (nuint)headDim * sizeof(float);
        for (int i = 0; i < _buffers.Length; i++)
        {
            _buffers[i] = (float*)NativeMemory.AlignedAlloc(bytes, 64);
        }

        BytesAllocated = (long)bytes * _buffers.Length;
    }

    public int Layers { get; }

    public int KvHeads { get; }

    public int HeadDim { get; }

    public int MaxLength { get; }

    /// <summary>Tokens held.</summary>
    public int Length { get; private set; }

    public long BytesAllocated { get; }

    /// <summary>The buffer holding the past for <paramref name="layer"/> (value when <paramref name="value"/>).</summary>
    public nint Past(int layer, bool value) => (nint)_buffers[PastIndex(layer, value)];

    /// <summary>The buffer the present for <paramref name="layer"/> is written into.</summary>
    public nint Present(int layer, bool value) => (nint)_buffers[PresentIndex(layer, value)];

    /// <summary>Index (0 .. 4 × layers − 1) of the buffer <see cref="Past"/> returns; stable per buffer, for callers that cache views.</summary>
    public int PastIndex(int layer, bool value) => layer * 4 + (value ? 2 : 0) + _current;

    /// <summary>Index of the buffer <see cref="Present"/> returns.</summary>
    public int PresentIndex(int layer, bool value) => layer * 4 + (value ? 2 : 0) + (1 - _current);

    /// <summary>The buffer with index <paramref name="index"/> (see <see cref="PastIndex"/>).</summary>
    public nint BufferAt(int index) => (nint)_buffers[index];

    /// <summary>Makes the presents current after a step that added <paramref name="added"/> tokens.</summary>
    public void Commit(int added)
    {
        _current = 1 - _current;
        Length += added;
    }

    /// <summary>
    /// Keeps the first <paramref name="length"/> positions. The compact layout's head stride depends on the length,
    /// so heads 1.. move down in place: O(layers × kv_heads × length × head_dim), once per truncation.
    /// </summary>
    public void Truncate(int length)
    {
        ArgumentOutOfRangeException.ThrowIfGreaterThan((uint)length, (uint)Length, nameof(length));
        if (length == Length) return;
        long oldStride = (long)Length * HeadDim, newStride = (long)length * HeadDim;
        for (int layer = 0; layer < Layers; layer++)
        {
            foreach (var value in (ReadOnlySpan<bool>)[false, true])
            {
                var p = (float*)Past(layer, value);
                for (int h = 1; h < KvHeads; h++)
                {
                    Buffer.MemoryCopy(p + h * oldStride, p + h * newStride, newStride * sizeof(float), newStride * sizeof(float));
                }
            }
        }

        Length = length;
    }

    /// <summary>Copies the cached keys or values of a layer out, [kv_heads, Length, head_dim] (tests).</summary>
    public float[] Snapshot(int layer, bool value) => new ReadOnlySpan<float>((float*)Past(layer, value), KvHeads * Length * HeadDim).ToArray();

    public void Dispose()
    {
        if (_disposed) return;
        _disposed = true;
        foreach (var b in _buffers) NativeMemory.AlignedFree(b);
    }
}
