using BasketReasoner.Generation.Constraints;
using BasketReasoner.Generation.Sampling;
using BasketReasoner.Generation.Tokenization;

namespace BasketReasoner.Generation.Engine;

/// <summary>
/// Prefill then decode over any <see cref="ILogitsSource"/>: mask (constraint), sample, stream text, stop on an end
/// token, a stop sequence, the token budget or a full context. The work buffers (logits copy, context ids, sampler
/// scratch) are allocated once per generation; a step allocates only the streamed string.
/// </summary>
internal sealed class DecodingLoop
{
    private readonly ILogitsSource _source;
    private readonly TokenVocabulary _vocabulary;

    public DecodingLoop(ILogitsSource source, TokenVocabulary vocabulary)
    {
        _source = source;
        _vocabulary = vocabulary;
    }

    public IEnumerable<GenerationUpdate> Run(int[] prompt, float[]? imageFeatures, GenerationOptions options, CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(options.MaxNewTokens, 1, nameof(options.MaxNewTokens));
        if (prompt.Length == 0) throw new ArgumentException("The prompt has no tokens.", nameof(prompt));
        if (prompt.Length >= _source.MaxLength)
        {
            throw new ContextLengthExceededException($"The prompt has {prompt.Length} tokens; the model holds at most {_source.MaxLength}.");
        }

        // What the context leaves after the prompt: the output can never be longer.
        var room = _source.MaxLength - prompt.Length;
        ITokenConstraint? constraint = null;
        IGrammarSampler? grammar = null;
        if (options.UseRuntimeGrammar)
        {
            if (options.JsonSchema is null) throw new ArgumentException("UseRuntimeGrammar needs a JsonSchema.", nameof(options));
            if (_source is not IGrammarSampling) throw new NotSupportedException("This runtime has no constrained decoding of its own; leave UseRuntimeGrammar (--grammar) off to use the shared JSON automaton.");
        }
        else if (options.JsonSchema is { } schema)
        {
            var json = new JsonSchemaConstraint(Compiled(() => JsonSchemaCompiler.Compile(schema)), _vocabulary);
            if (json.MinimalTokens > options.MaxNewTokens)
            {
                throw new OutputBudgetException(json.MinimalTokens, options.MaxNewTokens,
                    $"The schema's shortest output needs {json.MinimalTokens} tokens; MaxNewTokens is {options.MaxNewTokens}.");
            }

            // The context bounds the output too: a schema whose shortest output cannot fit after the prompt would end
            // cut off, as invalid JSON.
            if (json.MinimalTokens > room)
            {
                throw new ContextLengthExceededException(
                    $"The schema's shortest output needs {json.MinimalTokens} tokens, but after the prompt's {prompt.Length} the model's context of {_source.MaxLength} leaves {room}.");
            }

            constraint = json;
        }

        // Special tokens other than the end tokens (the image placeholder, template markers) are the prompt's
        // structure, never output: masked at every step, so no sampling temperature can emit one.
        var structural = Enumerable.Range(0, Math.Min(_vocabulary.Count, _source.VocabSize)).Where(id => _vocabulary.IsSpecial(id) && !_vocabulary.IsEnd(id)).ToArray();
        if (options.UseRuntimeGrammar)
        {
            grammar = ((IGrammarSampling)_source).CreateGrammarSampler(Compiled(() => JsonSchemaGbnf.Compile(options.JsonSchema!)), options.Sampling, structural);
        }

        using var ownedGrammar = grammar;
        var sampler = new TokenSampler(_source.VocabSize, options.Sampling);
        var output = new GeneratedOutput(options, prompt.Length);
        var work = new float[_source.VocabSize];
        var context = new int[prompt.Length + options.MaxNewTokens];
        // The schema constraint steers into a complete value within what is left: max_tokens, or the context after the
        // prompt when that is less (else a long request would be cut off by the context, mid-value).
        var budget = Math.Min(options.MaxNewTokens, room);
        prompt.CopyTo(context, 0);
        int contextLength = prompt.Length;

        cancellationToken.ThrowIfCancellationRequested();
        _source.Truncate(0);
        _source.Append(prompt, imageFeatures).CopyTo(work);
        FinishReason finish = FinishReason.MaxTokens;
        var single = new int[1];
        while (true)
        {
            cancellationToken.ThrowIfCancellationRequested();
            constraint?.Mask(work, budget - output.Count);
            foreach (var id in structural)
            {
                work[id] = float.NegativeInfinity;
            }

            int token = grammar?.Sample() ?? sampler.Sample(work, context.AsSpan(0, contextLength));
            constraint?.Accept(token);
            output.Chosen();
            context[contextLength++] = token;
            if (_vocabulary.IsEnd(token))
            {
                finish = FinishReason.EndToken;
                break;
            }

            var (update, end) = output.Emit(token, _vocabulary.BytesOf(token));
            yield return update;
            if (end is { } ended)
            {
                finish = ended;
                break;
            }

            if (_source.Length >= _source.MaxLength)
            {
                finish = FinishReason.ContextFull;
                break;
            }

            single[0] = token;
            _source.Append(single).CopyTo(work);
        }

        yield return output.Finished(finish);
    }

    // A schema the compiler cannot enforce is the caller's schema at fault: typed, so an API can name that field.
    private static T Compiled<T>(Func<T> compile)
    {
        try
        {
            return compile();
        }
        catch (NotSupportedException e) when (e is not UnsupportedSchemaException)
        {
            throw new UnsupportedSchemaException(e.Message, e);
        }
    }
}
