using System.Text;

namespace BasketReasoner.Generation.Engine;

/// <summary>
/// Turns token bytes into text for streaming and finds stop sequences even when they span tokens: text that could
/// still be the start of a stop sequence is held back until the next token decides. UTF-8 is decoded incrementally,
/// so a character split over two tokens is emitted once it is whole.
/// </summary>
internal sealed class StopSequenceMatcher
{
    private readonly string[] _stops;
    private readonly Decoder _decoder = new UTF8Encoding(false, false).GetDecoder();
    private char[] _text = new char[256];
    private int _length;
    private int _emitted;

    public StopSequenceMatcher(IReadOnlyList<string> stops)
    {
        _stops = stops.Where(s => !string.IsNullOrEmpty(s)).ToArray();
    }

    /// <summary>All text decoded so far, stop sequence included.</summary>
    public ReadOnlySpan<char> Text => _text.AsSpan(0, _length);

    /// <summary>Adds bytes; returns text safe to emit and whether a stop sequence was found (emission ends before it).</summary>
    public (string Emit, bool Stopped) Push(ReadOnlySpan<byte> bytes)
    {
        int chars = _decoder.GetCharCount(bytes, flush: false);
        if (_length + chars > _text.Length) Array.Resize(ref _text, Math.Max(_text.Length * 2, _length + chars));
        _length += _decoder.GetChars(bytes, _text.AsSpan(_length), flush: false);

        var pending = _text.AsSpan(_emitted, _length - _emitted);
        int stopAt = -1;
        foreach (var stop in _stops)
        {
            int i = pending.IndexOf(stop.AsSpan(), StringComparison.Ordinal);
            if (i >= 0 && (stopAt < 0 || i < stopAt)) stopAt = i;
        }

        if (stopAt >= 0)
        {
            var emit = pending[..stopAt].ToString();
            _emitted = _length;
            return (emit, true);
        }

        int hold = 0;
        foreach (var stop in _stops)
        {
            for (int k = Math.Min(stop.Length - 1, pending.Length); k > hold; k--)
            {
                if (pending[^k..].SequenceEqual(stop.AsSpan(0, k)))
                {
                    hold = k;
                    break;
                }
            }
        }

        int count = pending.Length - hold;
        if (count == 0) return (string.Empty, false);
        _emitted += count;
        return (pending[..count].ToString(), false);
    }

    /// <summary>Text held back at the end (no stop followed).</summary>
    public string Flush()
    {
        var rest = _text.AsSpan(_emitted, _length - _emitted).ToString();
        _emitted = _length;
        return rest;
    }
}
