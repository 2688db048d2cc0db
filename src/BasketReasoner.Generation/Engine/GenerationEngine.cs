using System.Diagnostics;
using System.Runtime.CompilerServices;
using BasketReasoner.Generation.Constraints;
using BasketReasoner.Generation.Engine;
using BasketReasoner.Generation.Model;
using BasketReasoner.Generation.Runtimes.Llama;
using BasketReasoner.Generation.Sampling;
using BasketReasoner.Generation.Tokenization;
using BasketReasoner.Generation.Vision;

namespace BasketReasoner.Generation;

/// <summary>
/// An on-device generative model: renders the chat template, encodes images, prefills, then decodes with a KV cache.
/// One generation runs at a time per engine (the cache is single): concurrent calls wait on an async lock (not
/// strictly first-come-first-served); open one engine per worker for parallelism.
/// </summary>
public sealed class GenerationEngine : IDisposable
{
    private readonly ILogitsSource _source;
    private readonly TokenVocabulary _vocabulary;
    private readonly Func<IReadOnlyList<TextSegment>, int[]> _encodePrompt;
    private readonly Func<string, int[]> _encode;
    private readonly ChatTemplate _template;
    private readonly int _imageTokenId;
    private readonly int _imageSeqLen;
    private readonly ImageEncoder? _images;
    private readonly IDisposable? _owner;
    private readonly SemaphoreSlim _lock = new(1, 1);

    /// <param name="encodePrompt">Tokenises a rendered prompt's segments, control tokens from the template only (adds BOS when the model wants it).</param>
    /// <param name="encode">Tokenises plain text (candidates): never a control id.</param>
    internal GenerationEngine(ILogitsSource source, TokenVocabulary vocabulary, Func<IReadOnlyList<TextSegment>, int[]> encodePrompt, Func<string, int[]> encode, ChatTemplate template,
        int imageTokenId, int imageSeqLen, ImageEncoder? images, IDisposable? owner, string modelId)
    {
        _source = source;
        _vocabulary = vocabulary;
        _encodePrompt = encodePrompt;
        _encode = encode;
        _template = template;
        _imageTokenId = imageTokenId;
        _imageSeqLen = imageSeqLen;
        _images = images;
        _owner = owner;
        ModelId = modelId;
    }

    /// <summary>Folder name of the model (or a test name).</summary>
    public string ModelId { get; }

    /// <summary>Which runtime runs the decoder (<see cref="EngineOptions.Runtime"/> at <see cref="Open"/>; tests: Ort).</summary>
    public GenerationRuntime Runtime { get; internal init; }

    /// <summary>Longest context in tokens.</summary>
    public int MaxSequenceLength => _source.MaxLength;

    internal ILogitsSource Source => _source;

    internal TokenVocabulary Vocabulary => _vocabulary;

    internal ImageEncoder? Images => _images;

    /// <summary>Why this engine's runtime takes no images (a text-only runtime over a vision model); <c>null</c> = it does.</summary>
    internal string? ImageRefusal { get; init; }

    /// <summary>The runtime's own JSON-schema loop, used when <see cref="GenerationOptions.UseRuntimeGrammar"/> asks for it; <c>null</c> when the runtime has none (or enforces a grammar in its sampler instead, <see cref="IGrammarSampling"/>).</summary>
    internal IGuidedGeneration? Guided { get; init; }

    /// <summary>Opens and validates a model folder (see <see cref="ModelFolder"/> for the layout).</summary>
    /// <exception cref="InvalidModelException">A file is missing or does not match the config.</exception>
    public static GenerationEngine Open(string modelDirectory, EngineOptions? options = null)
    {
        options ??= new EngineOptions();
        if (options.Runtime == GenerationRuntime.GenAI) return Runtimes.GenAI.GenAIRuntime.Open(modelDirectory, options);
        var folder = ModelFolder.Open(modelDirectory, options);
        try
        {
            var c = folder.Config;
            int maxLength = ContextLength(options, c);
            ILogitsSource source = options.Runtime switch
            {
                GenerationRuntime.Ort => new OnnxLogitsSource(folder, maxLength),
                GenerationRuntime.Llama => LlamaLogitsSource.Open(modelDirectory, c, options, maxLength),
                _ => throw new NotSupportedException($"The {options.Runtime} runtime is not in this build."),
            };
            var images = folder.Vision is null ? null : new ImageEncoder(folder.Vision, c);
            return Create(source, folder.Tokenizer, c, images, new Owner(source, images, folder), modelDirectory, options.Runtime);
        }
        catch
        {
            folder.Dispose();
            throw;
        }
    }

    /// <summary>The context a runtime allocates: <see cref="EngineOptions.MaxSequenceLength"/> capped by max_position_embeddings (0: the cap).</summary>
    internal static int ContextLength(EngineOptions options, ModelConfig config) =>
        options.MaxSequenceLength > 0 ? Math.Min(options.MaxSequenceLength, config.MaxPositionEmbeddings) : config.MaxPositionEmbeddings;

    /// <summary>
    /// An engine over <paramref name="source"/> with the folder's tokenizer (BOS added when the config wants it) and
    /// chat template; every runtime's open ends here. <paramref name="owner"/> frees the source and what it uses.
    /// </summary>
    internal static GenerationEngine Create(ILogitsSource source, ModelTokenizer tokenizer, ModelConfig config, ImageEncoder? images, IDisposable owner,
        string modelDirectory, GenerationRuntime runtime, string? imageRefusal = null, IGuidedGeneration? guided = null)
    {
        // Every runtime (own engine, llama.cpp, GenAI) takes its prompt ids from here, so user and request text is
        // plain text on all of them; only the chat template's segments carry control tokens.
        Func<IReadOnlyList<TextSegment>, int[]> encodePrompt = tokenizer.Encode;
        var prefixed = config.AddBosToken ? segments => [config.BosTokenId!.Value, .. encodePrompt(segments)] : encodePrompt;
        return new GenerationEngine(source, tokenizer.Vocabulary, prefixed, tokenizer.Encode, config.ChatTemplate!, config.ImageTokenId, config.ImageSeqLen, images, owner,
            Path.GetFileName(Path.TrimEndingDirectorySeparator(Path.GetFullPath(modelDirectory))))
        {
            Runtime = runtime,
            ImageRefusal = imageRefusal,
            Guided = guided,
        };
    }

    /// <summary>
    /// Renders and tokenises a conversation; image placeholders are expanded to image_seq_len tokens. Messages' text
    /// is plain text: a control token's string in it (<c>&lt;|end|&gt;</c>, <c>&lt;|system|&gt;</c>, <c>&lt;bos&gt;</c>, …)
    /// is encoded as characters, so no message can close its turn or open another.
    /// </summary>
    public int[] EncodePrompt(IReadOnlyList<PromptMessage> messages, bool addGenerationPrompt = true)
    {
        var ids = _encodePrompt(_template.Segments(messages, addGenerationPrompt));
        int images = messages.Sum(m => m.Images.Count);
        if (images == 0) return ids;
        if (ImageRefusal is not null) throw new NotSupportedException(ImageRefusal);
        if (_imageSeqLen <= 0) throw new NotSupportedException($"Model '{ModelId}' takes no images.");
        int placeholders = ids.Count(i => i == _imageTokenId);
        if (placeholders != images)
        {
            throw new ArgumentException($"The rendered prompt has {placeholders} image tokens for {images} images (does a role string of the chat template hold '{_template.Image}'?).");
        }

        var expanded = new List<int>(ids.Length + images * _imageSeqLen);
        foreach (var id in ids)
        {
            if (id == _imageTokenId) expanded.AddRange(Enumerable.Repeat(id, _imageSeqLen));
            else expanded.Add(id);
        }

        return expanded.ToArray();
    }

    private float[]? EncodeImages(IReadOnlyList<PromptMessage> messages)
    {
        var all = messages.SelectMany(m => m.Images).ToList();
        if (all.Count == 0) return null;
        if (_images is null) throw new NotSupportedException($"Model '{ModelId}' has no {ModelFolder.VisionFile}; it takes no images.");
        var features = new List<float>();
        foreach (var image in all) features.AddRange(_images.Encode(image.Span));
        return features.ToArray();
    }

    /// <summary>Streams the assistant's answer to <paramref name="messages"/>.</summary>
    /// <exception cref="ArgumentException">Prompt too long, bad options, or a schema that cannot fit in MaxNewTokens.</exception>
    /// <exception cref="NotSupportedException">A JSON schema outside the supported subset, or images for a text-only model.</exception>
    public async IAsyncEnumerable<GenerationUpdate> GenerateAsync(IReadOnlyList<PromptMessage> messages, GenerationOptions? options = null,
        [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        options ??= new GenerationOptions();
        await _lock.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            var prompt = EncodePrompt(messages);
            var features = EncodeImages(messages);
            IEnumerable<GenerationUpdate> updates;
            if (options.UseRuntimeGrammar && Guided is { } guided)
            {
                if (options.JsonSchema is null) throw new ArgumentException("UseRuntimeGrammar needs a JsonSchema.", nameof(options));
                if (features is not null) throw new NotSupportedException($"The {Runtime} runtime's own guidance takes no image prompt; leave UseRuntimeGrammar off to constrain by the engine's automaton.");
                updates = guided.Run(prompt, options, cancellationToken);
            }
            else
            {
                updates = new DecodingLoop(_source, _vocabulary).Run(prompt, features, options, cancellationToken);
            }
            foreach (var update in updates)
            {
                yield return update;
            }
        }
        finally
        {
            _lock.Release();
        }
    }

    /// <summary>Generates the whole answer (see <see cref="GenerateAsync"/>).</summary>
    public async Task<GenerationResult> GenerateTextAsync(IReadOnlyList<PromptMessage> messages, GenerationOptions? options = null, CancellationToken cancellationToken = default)
    {
        var text = new System.Text.StringBuilder();
        var tokens = new List<int>();
        var watch = Stopwatch.StartNew();
        TimeSpan? first = null;
        GenerationUpdate? last = null;
        await foreach (var u in GenerateAsync(messages, options, cancellationToken).ConfigureAwait(false))
        {
            first ??= watch.Elapsed;
            text.Append(u.Text);
            if (u.TokenId >= 0) tokens.Add(u.TokenId);
            last = u;
        }

        return new GenerationResult(text.ToString(), tokens, last!.Finish ?? FinishReason.MaxTokens, last.PromptTokens, last.GeneratedTokens, first ?? watch.Elapsed, watch.Elapsed);
    }

    /// <summary>
    /// Which of <paramref name="candidates"/> the model would answer: every candidate (followed by the end token) is
    /// scored exactly through a token trie, so the answer is always one of them. Probabilities are the candidates'
    /// sequence probabilities renormalised over the set.
    /// </summary>
    public async Task<ChoiceResult> ChooseAsync(IReadOnlyList<PromptMessage> messages, IReadOnlyList<string> candidates, CancellationToken cancellationToken = default)
    {
        if (candidates.Count == 0) throw new ArgumentException("No candidates.", nameof(candidates));
        await _lock.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            var prompt = EncodePrompt(messages);
            var features = EncodeImages(messages);
            var sequences = candidates.Select(c => _encode(c).Append(_vocabulary.PreferredEndToken).ToArray()).ToList();
            int longest = sequences.Max(s => s.Length);
            if (prompt.Length + longest > _source.MaxLength)
            {
                throw new ArgumentException($"Prompt ({prompt.Length}) plus the longest candidate ({longest}) exceed the context ({_source.MaxLength}).");
            }

            cancellationToken.ThrowIfCancellationRequested();
            _source.Truncate(0);
            var logits = _source.Append(prompt, features);
            var (scores, steps) = CandidateScorer.Score(_source, logits, sequences);
            var p = LogProbabilities.Normalise(scores);
            int best = 0;
            for (int i = 1; i < p.Length; i++)
            {
                if (scores[i] > scores[best]) best = i;
            }

            return new ChoiceResult(best, candidates[best], p, scores, prompt.Length, steps);
        }
        finally
        {
            _lock.Release();
        }
    }

    public void Dispose()
    {
        _owner?.Dispose();
        _lock.Dispose();
    }

    private sealed class Owner(ILogitsSource source, ImageEncoder? images, ModelFolder folder) : IDisposable
    {
        public void Dispose()
        {
            source.Dispose();
            images?.Dispose();
            folder.Dispose();
        }
    }
}

/// <summary>A finished generation.</summary>
public sealed record GenerationResult(string Text, IReadOnlyList<int> TokenIds, FinishReason FinishReason, int PromptTokens, int GeneratedTokens,
    TimeSpan TimeToFirstToken, TimeSpan Elapsed);

/// <summary>A constrained choice: the index and text of the winner, each candidate's probability and total log-probability.</summary>
public sealed record ChoiceResult(int Index, string Text, IReadOnlyList<double> Probabilities, IReadOnlyList<double> LogProbabilities, int PromptTokens, int ForwardSteps);
