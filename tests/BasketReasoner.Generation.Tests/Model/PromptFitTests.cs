using BasketReasoner.Generation.Model;

namespace BasketReasoner.Generation.Tests.Model;

/// <summary><see cref="PromptFit"/> counts a prompt as the engine does, from the folder's config and tokenizer alone.</summary>
public sealed class PromptFitTests
{
    [Fact]
    public void Measure_SystemUserAndImage_SameCountAsTheEnginesPromptAndItsContext()
    {
        PromptMessage[] messages = [new(PromptRole.System, "Be brief."), new(PromptRole.User, "Is it plant based? <|end|>", [new byte[] { 1 }])];
        using var engine = GenerationEngine.Open(TestModels.Tiny, new EngineOptions { MaxSequenceLength = 300 });

        var fit = PromptFit.Measure(TestModels.Tiny, new EngineOptions { MaxSequenceLength = 300 }, messages);

        Assert.Equal(engine.EncodePrompt(messages).Length, fit.PromptTokens);
        Assert.Equal(engine.MaxSequenceLength, fit.ContextTokens);
    }

    [Fact]
    public void Measure_FolderWithoutTokenizer_NamesTheFile()
    {
        var folder = Directory.CreateTempSubdirectory("basket-fit-").FullName;
        File.Copy(Path.Combine(TestModels.Tiny, "config.json"), Path.Combine(folder, "config.json"));

        var ex = Assert.Throws<InvalidModelException>(() => PromptFit.Measure(folder, new EngineOptions(), [new(PromptRole.User, "hi")]));

        Assert.Contains("has no tokenizer.json", ex.Message, StringComparison.Ordinal);
        Directory.Delete(folder, recursive: true);
    }
}
