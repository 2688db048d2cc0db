using System.Text.Json;
using System.Text.Json.Serialization;

namespace BasketReasoner.Generation.Model;

/// <summary>
/// The model folder's <c>config.json</c>: decoder geometry, special ids, image settings and a simple chat template
/// (role strings with a <c>{content}</c> slot). Hugging Face Jinja templates are not interpreted: a folder exported
/// from Hugging Face needs this object written next to it.
/// </summary>
public sealed class ModelConfig
{
    [JsonPropertyName("num_hidden_layers")] public int NumHiddenLayers { get; init; }
    [JsonPropertyName("num_key_value_heads")] public int NumKeyValueHeads { get; init; }
    [JsonPropertyName("num_attention_heads")] public int NumAttentionHeads { get; init; }
    [JsonPropertyName("head_dim")] public int HeadDim { get; init; }
    [JsonPropertyName("hidden_size")] public int HiddenSize { get; init; }
    [JsonPropertyName("vocab_size")] public int VocabSize { get; init; }
    [JsonPropertyName("bos_token_id")] public int? BosTokenId { get; init; }
    /// <summary>Prepend <see cref="BosTokenId"/> to every prompt. Default false.</summary>
    [JsonPropertyName("add_bos_token")] public bool AddBosToken { get; init; }
    [JsonPropertyName("eos_token_id")] public JsonElement EosTokenIdRaw { get; init; }
    [JsonPropertyName("pad_token_id")] public int? PadTokenId { get; init; }
    [JsonPropertyName("image_token")] public string ImageToken { get; init; } = "<image>";
    [JsonPropertyName("image_token_id")] public int ImageTokenId { get; init; } = -1;
    [JsonPropertyName("image_seq_len")] public int ImageSeqLen { get; init; }
    [JsonPropertyName("image_size")] public int ImageSize { get; init; }
    [JsonPropertyName("image_mean")] public float[] ImageMean { get; init; } = [0f, 0f, 0f];
    [JsonPropertyName("image_std")] public float[] ImageStd { get; init; } = [1f, 1f, 1f];
    [JsonPropertyName("max_position_embeddings")] public int MaxPositionEmbeddings { get; init; }
    [JsonPropertyName("chat_template")] public ChatTemplate? ChatTemplate { get; init; }

    /// <summary>End-of-sequence ids (the config may give one id or a list).</summary>
    [JsonIgnore]
    public int[] EosTokenIds => EosTokenIdRaw.ValueKind switch
    {
        JsonValueKind.Number => [EosTokenIdRaw.GetInt32()],
        JsonValueKind.Array => EosTokenIdRaw.EnumerateArray().Select(e => e.GetInt32()).ToArray(),
        _ => [],
    };

    /// <exception cref="InvalidModelException">A field is missing or inconsistent.</exception>
    public static ModelConfig Load(string path)
    {
        ModelConfig? config;
        try
        {
            config = JsonSerializer.Deserialize<ModelConfig>(File.ReadAllText(path));
        }
        catch (JsonException e)
        {
            throw new InvalidModelException($"{path} is not valid JSON: {e.Message}", e);
        }

        if (config is null) throw new InvalidModelException($"{path} is empty.");
        config.Validate(path);
        return config;
    }

    private void Validate(string path)
    {
        void Positive(int value, string name)
        {
            if (value <= 0) throw new InvalidModelException($"{path}: '{name}' must be a positive integer (got {value}).");
        }

        Positive(NumHiddenLayers, "num_hidden_layers");
        Positive(NumKeyValueHeads, "num_key_value_heads");
        Positive(HeadDim, "head_dim");
        Positive(HiddenSize, "hidden_size");
        Positive(VocabSize, "vocab_size");
        Positive(MaxPositionEmbeddings, "max_position_embeddings");
        if (EosTokenIds.Length == 0) throw new InvalidModelException($"{path}: 'eos_token_id' (an id or a list of ids) is missing.");
        if (EosTokenIds.Any(id => id < 0 || id >= VocabSize)) throw new InvalidModelException($"{path}: 'eos_token_id' is outside the vocabulary.");
        if (AddBosToken && (BosTokenId is not { } bos || bos < 0 || bos >= VocabSize)) throw new InvalidModelException($"{path}: 'add_bos_token' is set but 'bos_token_id' is missing or outside the vocabulary.");
        if (ChatTemplate is null) throw new InvalidModelException($"{path}: 'chat_template' (object with system/user/assistant/generation_prompt/image) is missing.");
        if (ImageSeqLen > 0)
        {
            Positive(ImageSize, "image_size");
            if (ImageTokenId < 0 || ImageTokenId >= VocabSize) throw new InvalidModelException($"{path}: 'image_token_id' is outside the vocabulary.");
            if (ImageMean.Length != 3 || ImageStd.Length != 3 || ImageStd.Any(s => s <= 0))
            {
                throw new InvalidModelException($"{path}: 'image_mean' and 'image_std' need 3 values (std > 0).");
            }
        }
    }
}
