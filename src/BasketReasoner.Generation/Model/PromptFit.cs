using BasketReasoner.Generation.Tokenization;

namespace BasketReasoner.Generation.Model;

/// <summary>
/// How many tokens a prompt takes in a model folder and how many the engine's context holds, from the folder's
/// <c>config.json</c> and <c>tokenizer.json</c> alone (no ONNX session, GGUF or GenAI model is opened): for
/// configuration checks at start, so a prompt that can never fit is refused before the first request, not on each.
/// </summary>
/// <param name="PromptTokens">The rendered prompt as <see cref="GenerationEngine.EncodePrompt"/> counts it (BOS, image rows included).</param>
/// <param name="ContextTokens">The context the engine allocates under the options (<see cref="GenerationEngine.MaxSequenceLength"/>).</param>
public sealed record PromptFit(int PromptTokens, int ContextTokens)
{
    /// <exception cref="InvalidModelException">The folder has no config.json or tokenizer.json, or they are broken.</exception>
    public static PromptFit Measure(string modelDirectory, EngineOptions options, IReadOnlyList<PromptMessage> messages)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(messages);
        string Require(string name)
        {
            var path = Path.Combine(modelDirectory, name);
            return File.Exists(path) ? path : throw new InvalidModelException($"Model folder '{modelDirectory}' has no {name}.");
        }

        var config = ModelConfig.Load(Require(ModelFolder.ConfigFile));
        var tokenizer = ModelTokenizer.Load(Require(ModelFolder.TokenizerFile), config.VocabSize, config.EosTokenIds);
        var ids = tokenizer.Encode(config.ChatTemplate!.Segments(messages));
        var images = messages.Sum(m => m.Images.Count);
        var prompt = ids.Length + (config.AddBosToken ? 1 : 0) + (images * Math.Max(0, config.ImageSeqLen - 1));
        return new PromptFit(prompt, GenerationEngine.ContextLength(options, config));
    }
}
