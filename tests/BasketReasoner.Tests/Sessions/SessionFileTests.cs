using BasketReasoner.Core.Baskets;
using BasketReasoner.Core.Events;
using BasketReasoner.Core.Sessions;

namespace BasketReasoner.Tests.Sessions;

public sealed class SessionFileTests
{
    private const string Good =
        """{"id":"s-1","events":[{"seq":1,"type":"add","image":"test/a.jpg","weight_delta_g":1062.4,"product":"Milk"},{"seq":2,"type":"remove","image":"test/b.jpg","weight_delta_g":-1059.0,"product":"Milk"}],"expected":[]}""";

    private static (List<CartSession> Sessions, List<SessionReadError> Errors) ReadLines(params string[] lines) =>
        SessionFile.Read(new StringReader(string.Join('\n', lines)));

    private static string WithEvent(string eventJson) =>
        $$"""{"id":"s-x","events":[{{eventJson}}],"expected":[]}""";

    [Fact]
    public void Read_GoodLine_ParsesEventsTruthAndExpected()
    {
        var (sessions, errors) = ReadLines(
            """{"id":"s-1","events":[{"seq":1,"type":"add","image":"test/a.jpg","weight_delta_g":1062.4,"product":"Milk"}],"expected":[{"product":"Milk","qty":1}]}""");

        Assert.Empty(errors);
        var s = Assert.Single(sessions);
        Assert.Equal("s-1", s.Id);
        Assert.Equal(new CartEvent(1, CartEventType.Add, "test/a.jpg", 1062.4), s.Events[0]);
        Assert.Equal(["Milk"], s.EventTruth!);
        Assert.Equal([new BasketLine("Milk", 1)], s.Expected);
    }

    [Fact]
    public void Read_MalformedJsonBetweenGoodLines_ReportsItsLineAndKeepsTheOthers()
    {
        var (sessions, errors) = ReadLines(Good, """{"id":"s-2","events":[""", Good.Replace("s-1", "s-3"));

        Assert.Equal(["s-1", "s-3"], sessions.Select(s => s.Id));
        Assert.Equal(2, Assert.Single(errors).Line);
    }

    [Fact]
    public void Read_BlankLines_AreSkippedButStillCounted()
    {
        var (sessions, errors) = ReadLines(Good, "", "   ", "not json");

        Assert.Single(sessions);
        Assert.Equal(4, Assert.Single(errors).Line);
    }

    [Theory]
    [InlineData("""{"id":7,"events":[],"expected":[]}""")]
    [InlineData("""{"id":"s","events":{},"expected":[]}""")]
    [InlineData("""{"id":"s","events":[{"seq":1,"type":"add","image":"a.jpg"}],"expected":{}}""")]
    [InlineData("""["not","an","object"]""")]
    [InlineData("42")]
    [InlineData("null")]
    public void Read_WrongTopLevelTypes_IsLineError(string line)
    {
        var (sessions, errors) = ReadLines(Good, line);

        Assert.Single(sessions);
        Assert.Equal(2, Assert.Single(errors).Line);
    }

    [Theory]
    [InlineData("""{"seq":1,"type":"grab","image":"a.jpg"}""")]
    [InlineData("""{"seq":1,"type":1,"image":"a.jpg"}""")]
    [InlineData("""{"seq":"one","type":"add","image":"a.jpg"}""")]
    [InlineData("""{"seq":1,"type":"add","image":"a.jpg","weight_delta_g":"12.5"}""")]
    [InlineData("""{"seq":1,"type":"add","image":"a.jpg","weight_delta_g":"NaN"}""")]
    [InlineData("""{"seq":1,"type":"add","image":"a.jpg","weight_delta_g":NaN}""")]
    [InlineData("""{"seq":1,"type":"add","image":"a.jpg","weight_delta_g":1e999}""")]
    [InlineData("""{"seq":1,"type":"add","image":"a.jpg","weight_delta_g":[1]}""")]
    [InlineData("""{"seq":1,"type":"add","weight_delta_g":12}""")]
    [InlineData("""{"seq":1,"type":"add","image":"","weight_delta_g":12}""")]
    [InlineData("""{"seq":1,"type":"add","image":"a.jpg","product":5}""")]
    [InlineData("\"just a string\"")]
    public void Read_BadEvent_IsLineErrorAndNeighboursParse(string eventJson)
    {
        var (sessions, errors) = ReadLines(Good, WithEvent(eventJson), Good.Replace("s-1", "s-3"));

        Assert.Equal(["s-1", "s-3"], sessions.Select(s => s.Id));
        var error = Assert.Single(errors);
        Assert.Equal(2, error.Line);
        Assert.False(string.IsNullOrWhiteSpace(error.Message));
    }

    [Fact]
    public void Read_EmptyEvents_IsLineError()
    {
        var (sessions, errors) = ReadLines("""{"id":"s-0","events":[],"expected":[]}""");

        Assert.Empty(sessions);
        Assert.Contains("events", Assert.Single(errors).Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("""[{"product":"Milk","qty":0}]""")]
    [InlineData("""[{"product":"Milk","qty":-1}]""")]
    [InlineData("""[{"product":"Milk"}]""")]
    [InlineData("""[{"product":"Milk","qty":"2"}]""")]
    [InlineData("""[{"qty":1}]""")]
    public void Read_BadExpectedLine_IsLineError(string expected)
    {
        var (sessions, errors) = ReadLines(
            $$"""{"id":"s","events":[{"seq":1,"type":"add","image":"a.jpg"}],"expected":{{expected}}}""");

        Assert.Empty(sessions);
        Assert.Single(errors);
    }

    [Fact]
    public void Read_DuplicateKey_IsLineErrorNotCrash()
    {
        var (sessions, errors) = ReadLines("""{"id":"a","id":"b","events":[{"type":"add","image":"a.jpg"}],"expected":[]}""", Good);

        Assert.Single(sessions);
        Assert.Equal(1, Assert.Single(errors).Line);
    }

    [Fact]
    public void Read_NullOrAbsentWeightAndSeq_DefaultSensibly()
    {
        var (sessions, errors) = ReadLines(
            """{"id":"s","events":[{"type":"add","image":"a.jpg","weight_delta_g":null},{"type":"add","image":"b.jpg"}],"expected":[]}""");

        Assert.Empty(errors);
        var events = Assert.Single(sessions).Events;
        Assert.Equal([1, 2], events.Select(e => e.Seq));
        Assert.All(events, e => Assert.Null(e.WeightDeltaGrams));
        Assert.Null(sessions[0].EventTruth);
    }

    [Fact]
    public void WriteThenRead_File_RoundTripsSessionsAndTruth()
    {
        var session = new CartSession(
            "s-9",
            [new CartEvent(1, CartEventType.Add, "test/x/Milk_001.jpg", 1062.4), new CartEvent(2, CartEventType.Add, "test/x/Milk_002.jpg", null),
             new CartEvent(3, CartEventType.Remove, "test/x/Milk_003.jpg", -1061.9)],
            [new BasketLine("Milk", 1)])
        { EventTruth = ["Milk", "Milk", "Milk"] };
        var path = Path.Combine(Path.GetTempPath(), $"sessions-{Guid.NewGuid():N}.jsonl");
        try
        {
            SessionFile.Write(path, [session, session with { Id = "s-10" }]);
            var (sessions, errors) = SessionFile.Read(path);

            Assert.Empty(errors);
            Assert.Equal(2, sessions.Count);
            Assert.Equal(session.Events, sessions[0].Events);
            Assert.Equal(session.Expected, sessions[0].Expected);
            Assert.Equal(session.EventTruth, sessions[0].EventTruth!);
            Assert.Equal("s-10", sessions[1].Id);
            Assert.Equal(SessionFile.ToLine(session), SessionFile.ToLine(sessions[0]));
        }
        finally
        {
            File.Delete(path);
        }
    }
}
