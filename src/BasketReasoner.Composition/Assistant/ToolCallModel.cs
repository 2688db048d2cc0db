using BasketReasoner.Generation;
using BasketReasoner.Generation.Chat;
using BasketReasoner.Generation.Engine;
using Microsoft.Extensions.AI;

namespace BasketReasoner.Composition.Assistant;

/// <summary>
/// The assistant's tool-call model: the generation engine over a tool-call model folder (<c>models/toolcall</c>,
/// trained by <c>models/training/toolcall/train_toolcall.py</c>) behind an <see cref="IChatClient"/> whose JSON-schema
/// response format the engine enforces token by token. Owns the engine.
/// </summary>
public sealed class ToolCallModel : IDisposable
{
    private readonly GenerationEngine _engine;

    private ToolCallModel(GenerationEngine engine)
    {
        _engine = engine;
        Client = new OnDeviceChatClient(engine);
    }

    /// <summary>The client the assistant asks (<c>ShopperAssistantOptions.ToolCallClient</c>).</summary>
    public IChatClient Client { get; }

    /// <summary>Opens the model in <paramref name="folder"/> on one thread.</summary>
    /// <exception cref="InvalidModelException">A file is missing or does not match the config.</exception>
    public static ToolCallModel Open(string folder, GenerationRuntime runtime = GenerationRuntime.Ort) =>
        new(GenerationEngine.Open(folder, new EngineOptions { Runtime = runtime, IntraOpThreads = 1 }));

    public void Dispose() => _engine.Dispose();
}
