namespace BasketReasoner.Core.Vision;

/// <summary>
/// Pixel buffers on the pinned object heap, pooled by power-of-two size. Pinned, because native decoders and
/// resamplers keep pointers to a frame's pixels between calls (a buffer that moved would break them); pooled, because
/// a camera's frames come and go at one size and a disposed frame's buffer should serve the next one. Thread-safe.
/// </summary>
internal static class PixelBufferPool
{
    private const int MinShift = 12; // 4 KiB: smaller frames share the smallest bucket.
    private const int MaxShift = 30; // 1 GiB: far above any accepted frame (4096² × 4 = 64 MiB).
    private const int PerBucket = 8;
    private static readonly Stack<byte[]>[] Buckets = Enumerable.Range(0, MaxShift - MinShift + 1).Select(_ => new Stack<byte[]>()).ToArray();

    /// <summary>A buffer of at least <paramref name="bytes"/> bytes; its contents are undefined.</summary>
    public static byte[] Rent(int bytes)
    {
        var bucket = Bucket(bytes);
        var stack = Buckets[bucket];
        lock (stack)
        {
            if (stack.TryPop(out var buffer))
            {
                return buffer;
            }
        }

        return GC.AllocateUninitializedArray<byte>(1 << (bucket + MinShift), pinned: true);
    }

    /// <summary>Gives a buffer from <see cref="Rent"/> back; others (and the empty array) are ignored.</summary>
    public static void Return(byte[] buffer)
    {
        if (buffer.Length < 1 << MinShift || !int.IsPow2(buffer.Length))
        {
            return;
        }

        var stack = Buckets[Bucket(buffer.Length)];
        lock (stack)
        {
            // Beyond a few per size the buffer is left to the GC: the pool bounds its memory, not the frames in use.
            if (stack.Count < PerBucket)
            {
                stack.Push(buffer);
            }
        }
    }

    private static int Bucket(int bytes)
    {
        ArgumentOutOfRangeException.ThrowIfGreaterThan(bytes, 1 << MaxShift);
        var shift = bytes <= 1 << MinShift ? MinShift : 32 - int.LeadingZeroCount(bytes - 1);
        return shift - MinShift;
    }
}
