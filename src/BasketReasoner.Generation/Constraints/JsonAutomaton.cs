namespace BasketReasoner.Generation.Constraints;

/// <summary>
/// A byte-level pushdown automaton for the JSON a <see cref="CompiledSchema"/> allows: compact JSON with at most
/// one space before a value, strings with the basic escapes and well-formed UTF-8, numbers of at most 15 digits.
/// The state is a small stack of value-type frames, so copying it to try a token is a short array copy.
/// </summary>
internal sealed partial class JsonAutomaton
{
    private const int MaxDigits = 15;

    private struct Frame
    {
        public int Node;
        public int Phase;
        public int Counter;
        public long Aux;
        public bool SpaceUsed;
        public bool Negative;  // bounded numbers: the sign, digits so far in Aux, fraction digits in Scale
        public int Scale;
    }

    private readonly SchemaNode[] _nodes;
    private readonly Frame[] _stack;
    private int _depth;

    public JsonAutomaton(CompiledSchema schema)
    {
        _nodes = schema.Nodes;
        _stack = new Frame[schema.MaxDepth];
        Push(schema.Root);
    }

    /// <summary>The value is complete: nothing more may follow, except more digits of a top-level number.</summary>
    public bool IsAccepting => _depth == 0 || (_depth == 1 && IsNumber(_stack[0]) && IsNumberDone(_stack[0]));

    /// <summary>The value is complete and nothing at all may follow.</summary>
    public bool IsClosed => _depth == 0;

    public void CopyFrom(JsonAutomaton other)
    {
        _depth = other._depth;
        Array.Copy(other._stack, _stack, _depth);
    }

    /// <summary>Consumes <paramref name="bytes"/>; on <c>false</c> the state is undefined (callers work on a copy).</summary>
    public bool TryConsume(ReadOnlySpan<byte> bytes)
    {
        foreach (var b in bytes)
        {
            if (!TryStep(b)) return false;
        }

        return true;
    }

    public bool TryStep(byte b)
    {
        while (true)
        {
            if (_depth == 0) return false;
            ref var f = ref _stack[_depth - 1];
            var node = _nodes[f.Node];
            if (b == (byte)' ' && node.AllowLeadingSpace && !f.SpaceUsed && f.Phase == 0 && f.Counter == 0)
            {
                f.SpaceUsed = true;
                return true;
            }

            switch (node.Kind)
            {
                case SchemaKind.Object:
                    switch (f.Phase)
                    {
                        case 0:
                            if (b != (byte)'{') return false;
                            f.Phase = 1;
                            return true;
                        case 1:
                            if (f.Counter == node.PropertyKeys.Length)
                            {
                                if (b != (byte)'}') return false;
                                _depth--;
                                return true;
                            }

                            f.Phase = 2;
                            Push(node.PropertyKeys[f.Counter]);
                            continue;
                        case 2:
                            f.Phase = 3;
                            Push(node.PropertyValues[f.Counter]);
                            continue;
                        default:
                            f.Counter++;
                            f.Phase = 1;
                            continue;
                    }

                case SchemaKind.Array:
                    switch (f.Phase)
                    {
                        case 0:
                            if (b != (byte)'[') return false;
                            f.Phase = 1;
                            return true;
                        case 1:
                            if (b == (byte)']' && node.MinItems == 0)
                            {
                                _depth--;
                                return true;
                            }

                            if (node.MaxItems == 0) return false;
                            f.Phase = 2;
                            f.Counter = 1;
                            Push(node.Item);
                            continue;
                        case 2:
                            if (b == (byte)',' && f.Counter < node.MaxItems)
                            {
                                f.Phase = 3;
                                return true;
                            }

                            if (b == (byte)']' && f.Counter >= node.MinItems)
                            {
                                _depth--;
                                return true;
                            }

                            return false;
                        default:
                            f.Counter++;
                            f.Phase = 2;
                            Push(node.Item);
                            continue;
                    }

                case SchemaKind.String:
                    return StepString(ref f, node, b);

                case SchemaKind.Integer:
                case SchemaKind.Number:
                    switch (node.HasBounds ? StepBounded(ref f, node, b) : StepNumber(ref f, node.Kind == SchemaKind.Number, b))
                    {
                        case 1: return true;
                        case 0: return false;
                        default:
                            _depth--; // complete number ended by a delimiter: the parent takes the byte
                            continue;
                    }

                default:
                    return StepLiteral(ref f, node, b);
            }
        }
    }

    private bool StepString(ref Frame f, SchemaNode node, byte b)
    {
        switch (f.Phase)
        {
            case 0:
                if (b != (byte)'"') return false;
                f.Phase = 1;
                return true;
            case 2:
                if (b is (byte)'"' or (byte)'\\' or (byte)'/' or (byte)'b' or (byte)'f' or (byte)'n' or (byte)'r' or (byte)'t')
                {
                    f.Phase = 1;
                    f.Counter++;
                    return true;
                }

                return false;
        }

        if (f.Aux > 0)
        {
            if (b is < 0x80 or > 0xBF) return false;
            if (--f.Aux == 0) f.Counter++;
            return true;
        }

        if (b == (byte)'"')
        {
            if (f.Counter < node.MinLength) return false;
            _depth--;
            return true;
        }

        if (f.Counter >= node.MaxLength || b < 0x20) return false;
        if (b == (byte)'\\')
        {
            f.Phase = 2;
            return true;
        }

        if (b < 0x80)
        {
            f.Counter++;
            return true;
        }

        // Lead bytes whose every continuation 0x80-0xBF is valid (no overlongs, surrogates or > U+10FFFF).
        f.Aux = b switch
        {
            >= 0xC2 and <= 0xDF => 1,
            (>= 0xE1 and <= 0xEC) or 0xEE or 0xEF => 2,
            >= 0xF1 and <= 0xF3 => 3,
            _ => 0,
        };
        if (f.Aux == 3)
        {
            // A supplementary character is two UTF-16 units; count it as two so maxLength holds either way.
            if (f.Counter + 2 > node.MaxLength) return false;
            f.Counter++;
        }

        return f.Aux > 0;
    }

    // Phases: 0 start, 1 after '-', 2 after leading 0, 3 int digits, 4 after '.', 5 fraction, 6 after e, 7 after e sign, 8 exponent.
    // Returns 1 consumed, 0 rejected, -1 complete and ended before b.
    private static int StepNumber(ref Frame f, bool allowFraction, byte b)
    {
        bool digit = b is >= (byte)'0' and <= (byte)'9';
        if (digit && f.Counter >= MaxDigits && f.Phase is 3 or 5 or 8) return IsNumberComplete(f) ? -1 : 0;
        switch (f.Phase)
        {
            case 0:
            case 1:
                if (b == (byte)'-' && f.Phase == 0) { f.Phase = 1; return 1; }
                if (!digit) return 0;
                f.Counter++;
                f.Phase = b == (byte)'0' ? 2 : 3;
                return 1;
            case 2:
            case 3:
                if (digit && f.Phase == 3) { f.Counter++; return 1; }
                if (allowFraction && b == (byte)'.') { f.Phase = 4; return 1; }
                if (allowFraction && b is (byte)'e' or (byte)'E') { f.Phase = 6; return 1; }
                return digit ? 0 : -1;
            case 4:
                if (!digit) return 0;
                f.Counter++;
                f.Phase = 5;
                return 1;
            case 5:
                if (digit) { f.Counter++; return 1; }
                if (b is (byte)'e' or (byte)'E') { f.Phase = 6; return 1; }
                return -1;
            case 6:
                if (b is (byte)'+' or (byte)'-') { f.Phase = 7; return 1; }
                if (!digit) return 0;
                f.Counter++;
                f.Phase = 8;
                return 1;
            case 7:
                if (!digit) return 0;
                f.Counter++;
                f.Phase = 8;
                return 1;
            default:
                if (digit) { f.Counter++; return 1; }
                return -1;
        }
    }

    private bool StepLiteral(ref Frame f, SchemaNode node, byte b)
    {
        f.Phase = 1;
        int pos = f.Counter;
        long alive = 0;
        bool done = false;
        for (int k = 0; k < node.Literals.Length; k++)
        {
            var lit = node.Literals[k];
            if ((f.Aux & (1L << k)) != 0 && lit.Length > pos && lit[pos] == b)
            {
                alive |= 1L << k;
                done |= lit.Length == pos + 1;
            }
        }

        if (alive == 0) return false;
        f.Aux = alive;
        f.Counter = pos + 1;
        if (done) _depth--; // literals are prefix-free, so a finished one is the only one left
        return true;
    }

    private static bool IsNumberComplete(in Frame f) => f.Phase is 2 or 3 or 5 or 8;

    private bool IsNumber(in Frame f) => _nodes[f.Node].Kind is SchemaKind.Integer or SchemaKind.Number;

    private void Push(int node)
    {
        var n = _nodes[node];
        _stack[_depth++] = new Frame { Node = node, Aux = n.Kind == SchemaKind.Literal ? (n.Literals.Length == 64 ? -1L : (1L << n.Literals.Length) - 1) : 0 };
    }

    /// <summary>Length in bytes of <see cref="AppendMinimalCompletion"/>; O(depth + properties).</summary>
    public int MinimalCompletionLength()
    {
        int total = 0;
        for (int i = _depth - 1; i >= 0; i--)
        {
            total += FrameCompletionLength(_stack[i]);
        }

        return total;
    }

    /// <summary>Appends the shortest bytes that finish the value from this state.</summary>
    public void AppendMinimalCompletion(List<byte> output)
    {
        for (int i = _depth - 1; i >= 0; i--)
        {
            AppendFrameCompletion(_stack[i], output);
        }
    }

    private int FrameCompletionLength(in Frame f)
    {
        var n = _nodes[f.Node];
        switch (n.Kind)
        {
            case SchemaKind.Object:
                int from = f.Phase switch { 0 or 1 => f.Counter, _ => f.Counter + 1 };
                int length = (f.Phase == 0 ? 1 : 0) + 1 + (f.Phase == 2 ? _nodes[n.PropertyValues[f.Counter]].MinimalLength : 0);
                for (int k = from; k < n.PropertyKeys.Length; k++) length += _nodes[n.PropertyKeys[k]].MinimalLength + _nodes[n.PropertyValues[k]].MinimalLength;
                return length;
            case SchemaKind.Array:
            {
                int item = _nodes[n.Item].MinimalLength;
                return f.Phase switch
                {
                    0 => n.MinimalLength,
                    1 => n.MinimalLength - 1,
                    2 => Math.Max(0, n.MinItems - f.Counter) * (item + 1) + 1,
                    _ => item + Math.Max(0, n.MinItems - f.Counter - 1) * (item + 1) + 1,
                };
            }

            case SchemaKind.String:
                return f.Phase switch
                {
                    0 => n.MinimalLength,
                    2 => 1 + Math.Max(0, n.MinLength - f.Counter - 1) + 1,
                    _ => (int)f.Aux + Math.Max(0, n.MinLength - f.Counter - (f.Aux > 0 ? 1 : 0)) + 1,
                };
            case SchemaKind.Integer:
            case SchemaKind.Number:
                if (n.HasBounds) return BoundedCompletion(f, n).Length;
                return IsNumberComplete(f) ? 0 : 1;
            default:
                return LiteralRest(f, n).Length;
        }
    }

    private void AppendFrameCompletion(in Frame f, List<byte> o)
    {
        var n = _nodes[f.Node];
        switch (n.Kind)
        {
            case SchemaKind.Object:
                if (f.Phase == 0) o.Add((byte)'{');
                if (f.Phase == 2) AppendMinimal(n.PropertyValues[f.Counter], o);
                for (int k = f.Phase is 0 or 1 ? f.Counter : f.Counter + 1; k < n.PropertyKeys.Length; k++)
                {
                    AppendMinimal(n.PropertyKeys[k], o);
                    AppendMinimal(n.PropertyValues[k], o);
                }

                o.Add((byte)'}');
                return;
            case SchemaKind.Array:
                if (f.Phase == 0) o.Add((byte)'[');
                if (f.Phase is 0 or 1)
                {
                    for (int k = 0; k < n.MinItems; k++)
                    {
                        if (k > 0) o.Add((byte)',');
                        AppendMinimal(n.Item, o);
                    }
                }
                else
                {
                    int count = f.Counter;
                    if (f.Phase == 3)
                    {
                        AppendMinimal(n.Item, o);
                        count++;
                    }

                    for (; count < n.MinItems; count++)
                    {
                        o.Add((byte)',');
                        AppendMinimal(n.Item, o);
                    }
                }

                o.Add((byte)']');
                return;
            case SchemaKind.String:
            {
                int count = f.Counter;
                if (f.Phase == 0) o.Add((byte)'"');
                if (f.Phase == 2)
                {
                    o.Add((byte)'n');
                    count++;
                }

                if (f.Phase == 1 && f.Aux > 0)
                {
                    for (int k = 0; k < f.Aux; k++) o.Add(0x80);
                    count++;
                }

                for (; count < n.MinLength; count++) o.Add((byte)'a');
                o.Add((byte)'"');
                return;
            }

            case SchemaKind.Integer:
            case SchemaKind.Number:
                if (n.HasBounds) o.AddRange(BoundedCompletion(f, n));
                else if (!IsNumberComplete(f)) o.Add((byte)'0');
                return;
            default:
                o.AddRange(LiteralRest(f, n).ToArray());
                return;
        }
    }

    private void AppendMinimal(int node, List<byte> o)
    {
        var n = _nodes[node];
        switch (n.Kind)
        {
            case SchemaKind.Object:
                o.Add((byte)'{');
                for (int k = 0; k < n.PropertyKeys.Length; k++)
                {
                    AppendMinimal(n.PropertyKeys[k], o);
                    AppendMinimal(n.PropertyValues[k], o);
                }

                o.Add((byte)'}');
                return;
            case SchemaKind.Array:
                o.Add((byte)'[');
                for (int k = 0; k < n.MinItems; k++)
                {
                    if (k > 0) o.Add((byte)',');
                    AppendMinimal(n.Item, o);
                }

                o.Add((byte)']');
                return;
            case SchemaKind.String:
                o.Add((byte)'"');
                for (int k = 0; k < n.MinLength; k++) o.Add((byte)'a');
                o.Add((byte)'"');
                return;
            case SchemaKind.Integer:
            case SchemaKind.Number:
                if (n.HasBounds) o.AddRange(ShortestBoundedLiteral(node, n));
                else o.Add((byte)'0');
                return;
            default:
                o.AddRange(n.Literals[0]);
                return;
        }
    }

    private static ReadOnlySpan<byte> LiteralRest(in Frame f, SchemaNode n)
    {
        for (int k = 0; k < n.Literals.Length; k++)
        {
            if ((f.Aux & (1L << k)) != 0) return n.Literals[k].AsSpan(f.Counter);
        }

        return default;
    }

    internal bool TopIsNumber => _depth > 0 && IsNumber(_stack[_depth - 1]);
}
