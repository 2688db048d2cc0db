using System.Text;
using BasketReasoner.Generation.Engine;
using BasketReasoner.Generation.Sampling;

namespace BasketReasoner.Generation.Tests.Engine;

public class DecodingLoopTests
{
    private static List<GenerationUpdate> Run(GenerationOptions options, int seed = 3)
    {
        var model = new SyntheticModel(seed);
        return new DecodingLoop(model, model.Vocabulary).Run([1, 2], null, options, CancellationToken.None).ToList();
    }

    [Fact]
    public void Run_MaxTokens_StopsThere()
    {
        var updates = Run(new GenerationOptions { MaxNewTokens = 7 });
        Assert.Equal(FinishReason.MaxTokens, updates[^1].Finish);
        Assert.Equal(7, updates[^1].GeneratedTokens);
    }

    [Fact]
    public void Run_Greedy_IsDeterministic()
    {
        var a = Run(new GenerationOptions { MaxNewTokens = 20 }).Select(u => u.TokenId);
        var b = Run(new GenerationOptions { MaxNewTokens = 20 }).Select(u => u.TokenId);
        Assert.Equal(a, b);
    }

    [Fact]
    public void Run_StopSequenceAcrossTokens_CutsBeforeIt()
    {
        // Find a greedy output, then use a 2-char string that spans two of its tokens as the stop sequence.
        var free = Run(new GenerationOptions { MaxNewTokens = 200, Sampling = new SamplingOptions { Temperature = 1f, Seed = 4 } });
        var vocabulary = SyntheticModel.CreateVocabulary();
        var tokens = free.Where(u => u.TokenId >= 0).Select(u => Encoding.Latin1.GetString(vocabulary.BytesOf(u.TokenId))).ToList();
        int i = Enumerable.Range(0, tokens.Count - 1).First(k => IsPrintable(tokens[k]) && IsPrintable(tokens[k + 1]));
        int j = i + 1;
        string stop = tokens[i] + tokens[j][0];
        var expectedAll = string.Concat(free.Select(u => u.Text));
        int at = expectedAll.IndexOf(stop, StringComparison.Ordinal);

        var stopped = Run(new GenerationOptions { MaxNewTokens = 200, StopSequences = [stop], Sampling = new SamplingOptions { Temperature = 1f, Seed = 4 } });
        Assert.Equal(FinishReason.StopSequence, stopped[^1].Finish);
        Assert.Equal(expectedAll[..at], string.Concat(stopped.Select(u => u.Text)));
    }

    private static bool IsPrintable(string t) => t.Length > 0 && t.All(c => c is >= ' ' and < (char)0x7F);

    [Fact]
    public void Run_Cancelled_Throws()
    {
        using var cts = new CancellationTokenSource();
        var model = new SyntheticModel(1);
        var updates = new DecodingLoop(model, model.Vocabulary).Run([1], null, new GenerationOptions { MaxNewTokens = 50 }, cts.Token);
        Assert.Throws<OperationCanceledException>(() =>
        {
            foreach (var _ in updates) cts.Cancel();
        });
    }

    [Fact]
    public void Run_SameSeed_SameSample_DifferentSeed_Differs()
    {
        GenerationOptions Options(int s) => new() { MaxNewTokens = 15, Sampling = new SamplingOptions { Temperature = 1f, Seed = s } };
        var a = Run(Options(1)).Select(u => u.TokenId).ToArray();
        var b = Run(Options(1)).Select(u => u.TokenId).ToArray();
        var c = Run(Options(2)).Select(u => u.TokenId).ToArray();
        Assert.Equal(a, b);
        Assert.NotEqual(a, c);
    }

    [Fact]
    public void StopMatcher_SplitUtf8Character_EmittedWhole()
    {
        var m = new StopSequenceMatcher([]);
        var bytes = Encoding.UTF8.GetBytes("é");
        Assert.Equal("", m.Push(bytes.AsSpan(0, 1)).Emit);
        Assert.Equal("é", m.Push(bytes.AsSpan(1)).Emit);
    }

    [Fact]
    public void StopMatcher_PossibleStopPrefix_HeldBackThenReleased()
    {
        var m = new StopSequenceMatcher(["END"]);
        Assert.Equal("ab", m.Push("abE"u8).Emit);
        Assert.Equal("EX", m.Push("X"u8).Emit);
        var (emit, stopped) = m.Push("yEN"u8);
        Assert.Equal("y", emit);
        Assert.False(stopped);
        (emit, stopped) = m.Push("D!"u8);
        Assert.True(stopped);
        Assert.Equal("", emit);
    }
}
