using BasketReasoner.Eval.Replay;

namespace BasketReasoner.Tests.Sessions;

public sealed class CalibrationTests
{
    [Fact]
    public void ExpectedCalibrationError_PerfectlyCalibrated_IsZero()
    {
        // 80 % confidence, right 8 times out of 10.
        var decisions = Enumerable.Range(0, 10).Select(i => (0.8, i < 8));

        Assert.Equal(0.0, Calibration.ExpectedCalibrationError(decisions)!.Value, 9);
    }

    [Fact]
    public void ExpectedCalibrationError_Overconfident_IsTheGap()
    {
        // Says 0.95, is right half the time: a gap of 0.45.
        var decisions = Enumerable.Range(0, 10).Select(i => (0.95, i % 2 == 0));

        Assert.Equal(0.45, Calibration.ExpectedCalibrationError(decisions)!.Value, 9);
    }

    [Fact]
    public void ExpectedCalibrationError_NoDecisions_IsNull() =>
        Assert.Null(Calibration.ExpectedCalibrationError([]));
}
