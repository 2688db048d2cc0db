using Microsoft.Extensions.AI;

namespace BasketReasoner.Eval.Harness.Systems;

/// <summary>Maps a variant's parameters onto <see cref="ChatOptions"/>; unknown ones travel as additional properties.</summary>
internal static class ChatParameters
{
    public static ChatOptions Options(SystemVariant variant, int seed)
    {
        var options = new ChatOptions { ModelId = variant.Spec.Model, Seed = seed };
        foreach (var (key, value) in variant.Parameters)
        {
            switch (key)
            {
                case "temperature":
                    options.Temperature = (float)variant.Double(key)!.Value;
                    break;
                case "max_tokens" or "max_output_tokens":
                    options.MaxOutputTokens = variant.Int(key);
                    break;
                case "top_p":
                    options.TopP = (float)variant.Double(key)!.Value;
                    break;
                case "images":
                    break;
                default:
                    (options.AdditionalProperties ??= [])[key] = value;
                    break;
            }
        }

        return options;
    }
}
