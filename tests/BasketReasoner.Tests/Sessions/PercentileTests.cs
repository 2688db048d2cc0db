using BasketReasoner.Eval.Replay;
using FsCheck;
using FsCheck.Xunit;

namespace BasketReasoner.Tests.Sessions;

public sealed class PercentileTests
{
    [Theory]
    [InlineData(5, 15)]
    [InlineData(30, 20)]
    [InlineData(40, 20)]
    [InlineData(50, 35)]
    [InlineData(100, 50)]
    public void NearestRank_TextbookExample_MatchesDefinition(double percent, double expected)
    {
        Assert.Equal(expected, Percentile.NearestRank([15, 20, 35, 40, 50], percent));
    }

    [Fact]
    public void NearestRank_IntegerPercentOfHundredValues_IsThatRankExactly()
    {
        var values = Enumerable.Range(1, 100).Select(i => (double)i).ToArray();

        // 7 / 100.0 * 100 is not exactly 7; a naive formula returns 8 here.
        Assert.All(Enumerable.Range(1, 100), p => Assert.Equal(p, Percentile.NearestRank(values, p)));
    }

    [Fact]
    public void NearestRank_SingleValue_IsThatValue()
    {
        Assert.Equal(4.2, Percentile.NearestRank([4.2], 0.1));
    }

    [Fact]
    public void NearestRank_Empty_Throws()
    {
        Assert.Throws<ArgumentException>(() => Percentile.NearestRank([], 50));
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-1)]
    [InlineData(100.5)]
    [InlineData(double.NaN)]
    public void NearestRank_PercentOutOfRange_Throws(double percent)
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => Percentile.NearestRank([1, 2], percent));
    }

    [Property]
    public bool NearestRank_AnyData_IsSmallestObservedValueCoveringPercent(NonEmptyArray<NormalFloat> data, byte p)
    {
        var percent = (p % 100) + 1;
        var sorted = data.Get.Select(x => x.Get).Order().ToArray();
        var r = Percentile.NearestRank(sorted, percent);
        var atOrBelow = sorted.Count(x => x <= r);
        var below = sorted.Count(x => x < r);
        return sorted.Contains(r) && atOrBelow * 100 >= percent * sorted.Length && below * 100 < percent * sorted.Length;
    }

    [Fact]
    public void LatencySummary_From_UnsortedInput_SortsFirst()
    {
        Assert.Equal(new LatencySummary(2, 3, 3, 2, 3), LatencySummary.From([3, 1, 2]));
    }
}
