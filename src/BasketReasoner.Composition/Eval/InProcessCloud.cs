using BasketReasoner.Composition.Options;
using BasketReasoner.Core.Escalation;
using BasketReasoner.Core.Vision;
using BasketReasoner.Reasoning.Choice;

namespace BasketReasoner.Composition.Eval;

/// <summary>
/// A cloud configuration's candidate choice run in this process: the pipeline <c>basket serve --config FILE</c> opens
/// for that file (<see cref="CartPipeline.Open(BasketOptions, TextWriter?)"/>: its recognizer folder, mirror setting
/// and fusion config) answering as its <c>ChatBackend</c> (<c>fusion</c> or <c>recognizer</c>) does, without HTTP.
/// The tuner asks it about every val event, which over loopback would spend most of the time in transport. Not
/// thread-safe (one resolver).
/// </summary>
public sealed class InProcessCloud : IDisposable
{
    private readonly CartPipeline _pipeline;

    private InProcessCloud(CartPipeline pipeline, string configFile, string backend)
    {
        _pipeline = pipeline;
        ConfigFile = configFile;
        Chooser = backend == "fusion"
            ? new FusionCandidateChooser(pipeline.Catalog, (cartEvent, frames, basket, _) => ValueTask.FromResult(pipeline.Resolver.Resolve(cartEvent, frames, basket)))
            : new RecognizerCandidateChooser(pipeline.Catalog, (frames, _) => ValueTask.FromResult(pipeline.Recognizer.AverageProbabilities(frames)));
    }

    /// <summary>The configuration file it was opened from.</summary>
    public string ConfigFile { get; }

    /// <summary>The cloud's chooser.</summary>
    public ICandidateChooser Chooser { get; }

    /// <summary>Opens the pipeline a cloud <c>basket serve --config <paramref name="configFile"/></c> runs.</summary>
    /// <exception cref="InvalidConfigurationException">The file is invalid, or its <c>Server:ChatBackend</c> is neither <c>fusion</c> nor <c>recognizer</c>.</exception>
    public static InProcessCloud Open(string configFile, TextWriter? log = null)
    {
        var full = Path.GetFullPath(AppPaths.Resolve(configFile));
        var configuration = Options.ConfigFile.Load("--cloud-config", full);
        var options = BasketOptions.Load(configuration, ownSources: configuration);
        if (options.Server.ChatBackend is not ("fusion" or "recognizer"))
        {
            throw new InvalidConfigurationException(
                $"{CartServerOptions.Section}:{nameof(CartServerOptions.ChatBackend)}",
                $"must be fusion or recognizer for a cloud replayed in-process, got '{options.Server.ChatBackend}' in {full}");
        }

        return new InProcessCloud(CartPipeline.Open(options, log), full, options.Server.ChatBackend);
    }

    public void Dispose() => _pipeline.Dispose();
}
