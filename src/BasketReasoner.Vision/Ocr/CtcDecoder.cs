using System.Text;

namespace BasketReasoner.Vision.Ocr;

/// <summary>
/// Greedy CTC decoding as PaddleOCR's <c>CTCLabelDecode</c> does it: class 0 is the blank, classes 1..K are the
/// keys file's lines in order, and class K + 1 is the space (<c>use_space_char: True</c>). Per time step the
/// arg-max class; repeats collapse, blanks drop; confidence is the mean probability of the kept steps.
/// </summary>
internal sealed class CtcDecoder
{
    private readonly string[] _classes;
    private readonly StringBuilder _text = new();

    public CtcDecoder(string[] keys)
    {
        _classes = new string[keys.Length + 2];
        _classes[0] = string.Empty;
        keys.CopyTo(_classes, 1);
        _classes[^1] = " ";
    }

    /// <summary>Number of classes the recognizer must output: blank + keys + space.</summary>
    public int ClassCount => _classes.Length;

    public static CtcDecoder Load(string keysPath)
    {
        var lines = File.ReadAllLines(keysPath);
        if (lines.Length == 0)
        {
            throw new InvalidDataException($"OCR keys file '{keysPath}' is empty.");
        }

        return new CtcDecoder(lines);
    }

    /// <summary>Decodes one line's <paramref name="steps"/> × <see cref="ClassCount"/> probabilities.</summary>
    public (string Text, float Confidence) Decode(ReadOnlySpan<float> probabilities, int steps)
    {
        var c = ClassCount;
        _text.Clear();
        var previous = -1;
        double sum = 0;
        var kept = 0;
        for (var t = 0; t < steps; t++)
        {
            var row = probabilities.Slice(t * c, c);
            var best = 0;
            var bestP = row[0];
            for (var k = 1; k < c; k++)
            {
                if (row[k] > bestP)
                {
                    bestP = row[k];
                    best = k;
                }
            }

            if (best != 0 && best != previous)
            {
                _text.Append(_classes[best]);
                sum += bestP;
                kept++;
            }

            previous = best;
        }

        return kept == 0 ? (string.Empty, 0f) : (_text.ToString(), (float)(sum / kept));
    }
}
