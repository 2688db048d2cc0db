using BasketReasoner.Generation.Constraints;
using BasketReasoner.Generation.Engine;
using BasketReasoner.Generation.Tokenization;
using Microsoft.ML.OnnxRuntimeGenAI;
using GenAIModel = Microsoft.ML.OnnxRuntimeGenAI.Model;

namespace BasketReasoner.Generation.Runtimes.GenAI;

/// <summary>
/// JSON-schema output through GenAI's own path: <c>SetGuidance("json_schema", …)</c> (llguidance masks the logits
/// inside <see cref="Generator.GenerateNextToken"/>) and GenAI's search (greedy, or its sampler for temperature /
/// top-k / top-p / seed). A fresh generator per call, because guidance is fixed when a generator is created.
/// Guidance does not plan for the token budget (the engine's automaton does), so the schema is first bounded by
/// <see cref="GuidanceSchema"/> and the call is refused unless <see cref="GenerationOptions.MaxNewTokens"/> covers its
/// longest output: the output then always ends with the end token, complete and valid.
/// </summary>
internal sealed class GenAIGuidedGeneration : IGuidedGeneration
{
    private readonly GenAIModel _model;
    private readonly TokenVocabulary _vocabulary;
    // a 0-row image_features tensor still needs an address; the pinned object heap never moves it
    private static readonly float[] s_noRowsArray = GC.AllocateArray<float>(1, pinned: true);
    internal static readonly nint NoRows = System.Runtime.InteropServices.Marshal.UnsafeAddrOfPinnedArrayElement(s_noRowsArray, 0);

    private readonly int _maxLength;
    private readonly int _hidden;
    private readonly bool _imageInput;

    /// <param name="hidden">Width of model.onnx's image_features input, when <paramref name="imageInput"/>.</param>
    /// <param name="imageInput">model.onnx takes image_features: it gets an empty one (guided prompts are text).</param>
    public GenAIGuidedGeneration(GenAIModel model, TokenVocabulary vocabulary, int maxLength, int hidden = 0, bool imageInput = false)
    {
        _hidden = hidden;
        _imageInput = imageInput;
        _model = model;
        _vocabulary = vocabulary;
        _maxLength = maxLength;
    }

    public IEnumerable<GenerationUpdate> Run(int[] prompt, GenerationOptions options, CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(options.MaxNewTokens, 1, nameof(options.MaxNewTokens));
        options.Sampling.Validate();
        if (options.JsonSchema is null) throw new ArgumentException("Guided generation needs a JSON schema.", nameof(options));
        if (prompt.Length == 0) throw new ArgumentException("The prompt has no tokens.", nameof(prompt));
        if (prompt.Length >= _maxLength) throw new ContextLengthExceededException($"The prompt has {prompt.Length} tokens; the model holds at most {_maxLength}.");
        if (options.Sampling.RepetitionPenalty != 1f) throw new NotSupportedException("Native guidance takes no repetition penalty; use the engine's constraint (UseRuntimeGrammar = false).");
        string schema;
        int maxBytes;
        try
        {
            (schema, maxBytes) = GuidanceSchema.Prepare(options.JsonSchema);
        }
        catch (NotSupportedException e)
        {
            // The caller's schema is at fault: typed, so an API can name that field.
            throw new UnsupportedSchemaException(e.Message, e);
        }

        if (maxBytes + 1 > options.MaxNewTokens)
        {
            throw new OutputBudgetException(maxBytes + 1, options.MaxNewTokens, $"The schema's longest output is {maxBytes} bytes; native guidance cannot steer into a shorter one, so MaxNewTokens must be at least {maxBytes + 1} (it is {options.MaxNewTokens}).");
        }

        if (prompt.Length + maxBytes + 1 > _maxLength)
        {
            throw new ArgumentException($"The prompt ({prompt.Length} tokens) plus the schema's longest output ({maxBytes + 1}) exceed the context ({_maxLength}).");
        }

        return RunCore(prompt, options, schema, cancellationToken);
    }

    private IEnumerable<GenerationUpdate> RunCore(int[] prompt, GenerationOptions options, string schema, CancellationToken cancellationToken)
    {
        var sampling = options.Sampling;
        using var p = new GeneratorParams(_model);
        p.SetSearchOption("max_length", Math.Min(_maxLength, prompt.Length + options.MaxNewTokens));
        p.SetSearchOption("batch_size", 1);
        bool sample = sampling.Temperature > 0f;
        p.SetSearchOption("do_sample", sample);
        if (sample)
        {
            p.SetSearchOption("temperature", sampling.Temperature);
            p.SetSearchOption("top_k", sampling.TopK > 0 ? sampling.TopK : _vocabulary.Count);
            p.SetSearchOption("top_p", sampling.TopP);
            p.SetSearchOption("random_seed", sampling.Seed ?? Random.Shared.Next());
        }

        try
        {
            p.SetGuidance("json_schema", schema);
        }
        catch (OnnxRuntimeGenAIException e)
        {
            throw new NotSupportedException($"ONNX Runtime GenAI's guidance rejected the schema: {e.Message}", e);
        }

        cancellationToken.ThrowIfCancellationRequested();
        using var generator = new Generator(_model, p);
        using var noImages = _imageInput ? new Tensor(NoRows, [1, 0, _hidden], ElementType.float32) : null;
        if (noImages is not null) generator.SetModelInput(GenAIModelFolder.ImageInput, noImages);
        generator.AppendTokens(prompt);

        var output = new GeneratedOutput(options, prompt.Length);
        var written = new List<byte>();
        FinishReason finish = FinishReason.ContextFull;
        while (!generator.IsDone())
        {
            cancellationToken.ThrowIfCancellationRequested();
            generator.GenerateNextToken();
            int token = generator.GetNextTokens()[0];
            output.Chosen();
            if (_vocabulary.IsEnd(token))
            {
                // Guidance ends with the end token only once the value is complete, unless its grammar had no way
                // forward (GenAI 0.20 does that for negative multipleOf ranges): then fail, never return broken JSON.
                if (!IsCompleteJson(written))
                {
                    throw new InvalidOperationException($"ONNX Runtime GenAI's guidance ended the output before the schema was complete ('{System.Text.Encoding.UTF8.GetString(written.ToArray())}').");
                }

                finish = FinishReason.EndToken;
                break;
            }

            written.AddRange(_vocabulary.BytesOf(token));
            var (update, end) = output.Emit(token, _vocabulary.BytesOf(token));
            yield return update;
            if (end is { } ended)
            {
                finish = ended;
                break;
            }
        }

        yield return output.Finished(finish);
    }

    private static bool IsCompleteJson(List<byte> bytes)
    {
        try
        {
            using var _ = System.Text.Json.JsonDocument.Parse(bytes.ToArray());
            return true;
        }
        catch (System.Text.Json.JsonException)
        {
            return false;
        }
    }
}
