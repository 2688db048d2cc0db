using System.ClientModel;
using Microsoft.Extensions.AI;
using OpenAI;

namespace BasketReasoner.Eval.Harness.Systems;

/// <summary>The <c>openai</c> backend: any OpenAI-compatible endpoint (<c>base_url</c>, <c>model</c>, key from <c>api_key_env</c>).</summary>
public static class OpenAIBackend
{
    public const string Name = "openai";

    public static EvalBackend Create() => new() { ChatClient = CreateClient };

    public static IChatClient CreateClient(SystemVariant variant)
    {
        ArgumentNullException.ThrowIfNull(variant);
        var spec = variant.Spec;
        if (string.IsNullOrWhiteSpace(spec.BaseUrl) || string.IsNullOrWhiteSpace(spec.Model))
        {
            throw new InvalidDataException($"system '{variant.Name}': the openai backend needs base_url and model");
        }

        var key = "none";
        if (spec.ApiKeyEnv is { } env)
        {
            key = Environment.GetEnvironmentVariable(env) is { Length: > 0 } k
                ? k
                : throw new InvalidDataException($"system '{variant.Name}': environment variable {env} (api_key_env) is not set");
        }

        var options = new OpenAIClientOptions { Endpoint = new Uri(spec.BaseUrl), NetworkTimeout = TimeSpan.FromSeconds(120) };
        return new OpenAI.Chat.ChatClient(spec.Model, new ApiKeyCredential(key), options).AsIChatClient();
    }
}
