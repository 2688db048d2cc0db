using System.Text.Json.Nodes;
using BasketReasoner.Generation.Engine;
using BasketReasoner.Generation.Tokenization;
using Microsoft.ML.OnnxRuntimeGenAI;
using GenAIModel = Microsoft.ML.OnnxRuntimeGenAI.Model;

namespace BasketReasoner.Generation.Runtimes.GenAI;

/// <summary>
/// JSON-schema output through GenAI's own path: <c>SetGuidance("json_schema", …)</c> (llguidance masks the logits
/// inside <see cref="Generator.GenerateNextToken"/>) and GenAI's search (greedy, or its sampler for temperature /
/// top-k / top-p / seed). A fresh generator per call, because guidance is fixed when a generator is created. The
/// schema gets <c>"x-guidance": {"whitespace_flexible": false}</c> unless it says otherwise, so the output is compact
/// JSON as in the engine's automaton (flexible whitespace lets a weak model loop on spaces). Unlike the automaton,
/// guidance does not plan for the token budget: output cut by <see cref="GenerationOptions.MaxNewTokens"/> ends with
/// <see cref="FinishReason.MaxTokens"/> and may be incomplete JSON, so callers give bounded schemas enough tokens.
/// </summary>
internal sealed class GenAIGuidedGeneration : IGuidedGeneration
{
    private readonly GenAIModel _model;
    private readonly TokenVocabulary _vocabulary;
    private readonly int _maxLength;

    public GenAIGuidedGeneration(GenAIModel model, TokenVocabulary vocabulary, int maxLength)
    {
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
        if (prompt.Length >= _maxLength) throw new ArgumentException($"The prompt has {prompt.Length} tokens; the model holds at most {_maxLength}.", nameof(prompt));
        if (options.Sampling.RepetitionPenalty != 1f) throw new NotSupportedException("Native guidance takes no repetition penalty; use the engine's constraint (UseNativeGuidance = false).");
        return RunCore(prompt, options, WithCompactWhitespace(options.JsonSchema), cancellationToken);
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
        generator.AppendTokens(prompt);
        var stops = new StopSequenceMatcher(options.StopSequences);
        int generated = 0;
        FinishReason finish = FinishReason.ContextFull;
        while (!generator.IsDone())
        {
            cancellationToken.ThrowIfCancellationRequested();
            generator.GenerateNextToken();
            int token = generator.GetNextTokens()[0];
            generated++;
            if (_vocabulary.IsEnd(token))
            {
                finish = FinishReason.EndToken;
                break;
            }

            var (text, stopped) = stops.Push(_vocabulary.BytesOf(token));
            yield return new GenerationUpdate(text, token, null, prompt.Length, generated);
            if (stopped)
            {
                finish = FinishReason.StopSequence;
                break;
            }

            if (generated >= options.MaxNewTokens)
            {
                finish = FinishReason.MaxTokens;
                break;
            }
        }

        var rest = finish == FinishReason.StopSequence ? string.Empty : stops.Flush();
        yield return new GenerationUpdate(rest, -1, finish, prompt.Length, generated);
    }

    internal static string WithCompactWhitespace(string schema)
    {
        JsonNode? root;
        try
        {
            root = JsonNode.Parse(schema);
        }
        catch (System.Text.Json.JsonException e)
        {
            throw new ArgumentException($"The JSON schema is not valid JSON: {e.Message}", nameof(schema), e);
        }

        if (root is not JsonObject o) throw new NotSupportedException("The JSON schema's root is not an object.");
        if (o["x-guidance"] is null) o["x-guidance"] = new JsonObject { ["whitespace_flexible"] = false };
        return o.ToJsonString();
    }
}
