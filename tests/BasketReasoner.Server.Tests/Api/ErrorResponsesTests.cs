using BasketReasoner.Server.Api;

namespace BasketReasoner.Server.Tests.Api;

/// <summary>Binding failures reach the client in its own terms: the parameter and the value, no .NET type names.</summary>
public sealed class ErrorResponsesTests
{
    [Theory]
    [InlineData("Failed to bind parameter \"double? grams\" from \"abc\".", "'grams' must be a number, not 'abc'.")]
    [InlineData("Failed to bind parameter \"int limit\" from \"ten\".", "'limit' must be a whole number, not 'ten'.")]
    [InlineData("Failed to bind parameter \"Nullable<Double> grams\" from \"x\".", "'grams' must be a number, not 'x'.")]
    [InlineData("Failed to bind parameter \"System.Nullable<System.Int32> n\" from \"x\".", "'n' must be a whole number, not 'x'.")]
    [InlineData("Failed to bind parameter \"System.DateTime since\" from \"x\".", "'since' must be a valid value, not 'x'.")]
    [InlineData("Required parameter \"string q\" was not provided from query string.", "'q' is required.")]
    [InlineData("Something else entirely.", "Something else entirely.")]
    public void Plain_BindingMessage_NamesParameterWithoutTypes(string message, string expected) =>
        Assert.Equal(expected, ErrorResponses.Plain(message));

    [Fact]
    public void Plain_LongValue_IsCut()
    {
        var plain = ErrorResponses.Plain($"Failed to bind parameter \"double? grams\" from \"{new string('9', 500)}x\".");

        Assert.True(plain.Length < 100, plain);
        Assert.EndsWith("…'.", plain);
    }
}
