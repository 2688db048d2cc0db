using BasketReasoner.Generation.Engine;
using BasketReasoner.Generation.Model;
using BasketReasoner.Generation.Sampling;

namespace BasketReasoner.Generation.Tests.Model;

public sealed class ChoiceOnnxTests : IDisposable
{
    private readonly GenerationEngine _engine = GenerationEngine.Open(TestModels.Tiny);

    [Fact]
    public async Task ChooseAsync_TrieScores_EqualEachCandidateRecomputedAlone()
    {
        string[] candidates = ["Arla Mjölk 3%", "Oatly Havredryck", "Arla Mild Yoghurt Vanilla", "Arla"];
        var messages = new[] { new PromptMessage(PromptRole.User, "Which of these products is it? Candidates: " + string.Join("; ", candidates)) };
        var choice = await _engine.ChooseAsync(messages, candidates);

        var tokenizer = ModelTokenizer();
        var prompt = _engine.EncodePrompt(messages);
        var source = (OnnxLogitsSource)_engine.Source;
        for (int c = 0; c < candidates.Length; c++)
        {
            source.Truncate(0);
            var logits = source.Append(prompt).ToArray();
            double total = 0;
            foreach (var t in tokenizer.Encode(candidates[c]).Append(2))
            {
                total += logits[t] - LogProbabilities.LogSumExp(logits);
                logits = source.Append([t]).ToArray();
            }

            Assert.Equal(total, choice.LogProbabilities[c], 3);
        }

        Assert.Equal(choice.LogProbabilities.ToList().IndexOf(choice.LogProbabilities.Max()), choice.Index);
    }

    private static BasketReasoner.Generation.Tokenization.ModelTokenizer ModelTokenizer() =>
        BasketReasoner.Generation.Tokenization.ModelTokenizer.Load(Path.Combine(TestModels.Tiny, "tokenizer.json"), 1324, [2]);

    public void Dispose() => _engine.Dispose();
}
