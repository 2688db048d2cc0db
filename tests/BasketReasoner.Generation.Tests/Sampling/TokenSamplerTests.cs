using BasketReasoner.Generation.Sampling;

namespace BasketReasoner.Generation.Tests.Sampling;

public class TokenSamplerTests
{
    private static float[] Logits() => [0.1f, 2.0f, -1f, 1.9f, 0.5f];

    [Fact]
    public void Sample_Greedy_ReturnsArgMax()
    {
        var sampler = new TokenSampler(5, new SamplingOptions());
        Assert.Equal(1, sampler.Sample(Logits(), []));
    }

    [Fact]
    public void Sample_TopKOne_AlwaysReturnsArgMax()
    {
        var sampler = new TokenSampler(5, new SamplingOptions { Temperature = 5f, TopK = 1, Seed = 3 });
        for (int i = 0; i < 50; i++) Assert.Equal(1, sampler.Sample(Logits(), []));
    }

    [Fact]
    public void Sample_TinyTopP_ReturnsArgMax()
    {
        var sampler = new TokenSampler(5, new SamplingOptions { Temperature = 1f, TopP = 0.01f, Seed = 3 });
        for (int i = 0; i < 50; i++) Assert.Equal(1, sampler.Sample(Logits(), []));
    }

    [Fact]
    public void Sample_TopKTwo_OnlyReturnsTwoBest()
    {
        var sampler = new TokenSampler(5, new SamplingOptions { Temperature = 10f, TopK = 2, Seed = 5 });
        var seen = Enumerable.Range(0, 200).Select(_ => sampler.Sample(Logits(), [])).ToHashSet();
        Assert.Equal(new HashSet<int> { 1, 3 }, seen);
    }

    [Fact]
    public void Sample_SameSeed_SameSequence()
    {
        var a = new TokenSampler(5, new SamplingOptions { Temperature = 1f, Seed = 42 });
        var b = new TokenSampler(5, new SamplingOptions { Temperature = 1f, Seed = 42 });
        var sa = Enumerable.Range(0, 30).Select(_ => a.Sample(Logits(), [])).ToArray();
        var sb = Enumerable.Range(0, 30).Select(_ => b.Sample(Logits(), [])).ToArray();
        Assert.Equal(sa, sb);
        Assert.True(sa.Distinct().Count() > 1);
    }

    [Fact]
    public void Sample_HighTemperature_FollowsSoftmaxFrequencies()
    {
        var sampler = new TokenSampler(2, new SamplingOptions { Temperature = 1f, Seed = 1 });
        int ones = 0;
        const int n = 20000;
        for (int i = 0; i < n; i++) ones += sampler.Sample(new float[] { 0f, MathF.Log(3f) }, []);
        Assert.InRange(ones / (double)n, 0.73, 0.77); // p = 3/4
    }

    [Fact]
    public void Sample_RepetitionPenalty_DemotesSeenToken()
    {
        var sampler = new TokenSampler(5, new SamplingOptions { RepetitionPenalty = 1.5f });
        Assert.Equal(3, sampler.Sample(Logits(), [1, 1]));
    }

    [Fact]
    public void Sample_MaskedTokens_NeverChosen()
    {
        var sampler = new TokenSampler(5, new SamplingOptions { Temperature = 3f, Seed = 9 });
        for (int i = 0; i < 100; i++)
        {
            var logits = Logits();
            logits[1] = logits[3] = float.NegativeInfinity;
            Assert.DoesNotContain(sampler.Sample(logits, []), new[] { 1, 3 });
        }
    }

    [Fact]
    public void Constructor_BadTopP_Throws()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new TokenSampler(5, new SamplingOptions { TopP = 0f }));
    }
}
