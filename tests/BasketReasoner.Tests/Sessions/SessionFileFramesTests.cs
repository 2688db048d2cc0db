using BasketReasoner.Core.Events;
using BasketReasoner.Core.Sessions;
using BasketReasoner.Core.Vision;

namespace BasketReasoner.Tests.Sessions;

public sealed class SessionFileFramesTests
{
    private const string WithFrames =
        """{"id":"s-1","events":[{"seq":1,"type":"add","image":"test/a.jpg","weight_delta_g":1062.4,"product":"Milk","frames":[{"camera":"cam0","before":"s-1/e0-cam0.jpg","after":"s-1/e1-cam0.jpg","target_box":[104,228,205.5,350]},{"camera":"cam1","before":"s-1/e0-cam1.jpg","after":"s-1/e1-cam1.jpg","target_box":null}]},{"seq":2,"type":"remove","image":"test/b.jpg","weight_delta_g":-1059.0,"product":"Milk"}],"expected":[]}""";

    private static string Frames(string frames) =>
        $$"""{"id":"s-x","events":[{"seq":1,"type":"add","image":"a.jpg","weight_delta_g":10,"frames":{{frames}}}],"expected":[]}""";

    [Fact]
    public void ParseLine_EventWithFrames_ReadsCamerasPathsAndTargetTruth()
    {
        var s = SessionFile.ParseLine(WithFrames);

        Assert.Equal(
            [new CameraFrames("cam0", "s-1/e0-cam0.jpg", "s-1/e1-cam0.jpg"), new CameraFrames("cam1", "s-1/e0-cam1.jpg", "s-1/e1-cam1.jpg")],
            s.Events[0].Frames!);
        Assert.Null(s.Events[1].Frames);
        Assert.Equal(new ItemBox(104, 228, 205.5f, 350), s.FrameTruth![0]![0]);
        Assert.Null(s.FrameTruth[0]![1]);
        Assert.Null(s.FrameTruth[1]);
    }

    [Fact]
    public void ToLine_EventWithFrames_RoundTripsEventsAndTruth()
    {
        var s = SessionFile.ParseLine(WithFrames);

        var again = SessionFile.ParseLine(SessionFile.ToLine(s));

        Assert.Equal(s.Events, again.Events);
        Assert.Equal(s.FrameTruth![0], again.FrameTruth![0]);
        Assert.Null(again.FrameTruth[1]);
        Assert.Equal(s.EventTruth, again.EventTruth);
    }

    [Fact]
    public void ToLine_NoFrames_WritesNoFramesField()
    {
        var s = SessionFile.ParseLine("""{"id":"s","events":[{"seq":1,"type":"add","image":"a.jpg","weight_delta_g":1}],"expected":[]}""");

        Assert.DoesNotContain("frames", SessionFile.ToLine(s));
        Assert.Null(s.FrameTruth);
    }

    [Theory]
    [InlineData("{}", "must be an array")]
    [InlineData("[]", "empty")]
    [InlineData("[7]", "must be an object")]
    [InlineData("""[{"before":"a.jpg","after":"b.jpg"}]""", "'camera'")]
    [InlineData("""[{"camera":"c","after":"b.jpg"}]""", "'before'")]
    [InlineData("""[{"camera":"c","before":"a.jpg","after":""}]""", "'after'")]
    [InlineData("""[{"camera":"c","before":"a.jpg","after":"b.jpg"},{"camera":"c","before":"a.jpg","after":"b.jpg"}]""", "twice")]
    [InlineData("""[{"camera":"c","before":"/etc/a.jpg","after":"b.jpg"}]""", "relative")]
    [InlineData("""[{"camera":"c","before":"a.jpg","after":"b.jpg","target_box":[1,2,3]}]""", "target_box")]
    [InlineData("""[{"camera":"c","before":"a.jpg","after":"b.jpg","target_box":[5,2,3,9]}]""", "x1 > x0")]
    [InlineData("""[{"camera":"c","before":"a.jpg","after":"b.jpg","target_box":[1,2,"3",9]}]""", "finite numbers")]
    public void Read_MalformedFrames_IsLineErrorNamingTheProblem(string frames, string says)
    {
        var (sessions, errors) = SessionFile.Read(new StringReader(WithFrames + "\n" + Frames(frames)));

        Assert.Single(sessions);
        var error = Assert.Single(errors);
        Assert.Equal(2, error.Line);
        Assert.Contains(says, error.Message);
        Assert.Contains("event 1", error.Message);
    }
}
