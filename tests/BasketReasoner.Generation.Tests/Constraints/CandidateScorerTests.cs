using BasketReasoner.Generation.Constraints;
using BasketReasoner.Generation.Sampling;

namespace BasketReasoner.Generation.Tests.Constraints;

public class CandidateScorerTests
{
    private static double BruteForce(int seed, int[] prompt, int[] candidate)
    {
        var model = new SyntheticModel(seed);
        var logits = model.Append(prompt).ToArray();
        double total = 0;
        foreach (var t in candidate)
        {
            total += logits[t] - LogProbabilities.LogSumExp(logits);
            logits = model.Append([t]).ToArray();
        }

        return total;
    }

    [Fact]
    public void Score_SharedPrefixes_EqualsScoringEachCandidateAlone()
    {
        int end = SyntheticModel.EndToken;
        int[][] candidates = [[10, 11, end], [10, 11, 12, end], [10, 13, end], [20, end], [10, end]];
        int[] prompt = [5, 6, 7];
        var model = new SyntheticModel(11);
        var logits = model.Append(prompt).ToArray();
        var (scores, steps) = CandidateScorer.Score(model, logits, candidates);
        for (int c = 0; c < candidates.Length; c++)
        {
            Assert.Equal(BruteForce(11, prompt, candidates[c]), scores[c], 5);
        }

        Assert.Equal(5, steps); // edges with children: 10, 10→11, 10→11→12, 10→13, 20 — shared prefix run once
        Assert.Equal(prompt.Length, model.Length);
    }

    [Fact]
    public void Normalise_Scores_SumToOne()
    {
        var p = LogProbabilities.Normalise([-1.0, -2.0, -30.0]);
        Assert.Equal(1.0, p.Sum(), 9);
        Assert.True(p[0] > p[1] && p[1] > p[2]);
    }
}
