using BasketReasoner.Tests.Infrastructure;

namespace BasketReasoner.Tests.Assistant;

public sealed class AskCommandTests : IDisposable
{
    private readonly string _dir = Path.Combine(Path.GetTempPath(), "basket-ask-" + Guid.NewGuid().ToString("N"));

    public AskCommandTests() => Directory.CreateDirectory(_dir);

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [Fact]
    public void Invoke_BasketAndQuestion_StreamsAnswerWithCitedIdsAndStage()
    {
        var basket = Write("""[{"product":"Arla-Standard-Milk","qty":2},{"product":"Banana","qty":1}]""");

        var (exit, output) = Invoke("--basket", basket, "how many items are in my basket?");

        Assert.Equal(0, exit);
        Assert.Contains("You have 3 items", output, StringComparison.Ordinal);
        Assert.Contains("[Answered] stage: rules", output, StringComparison.Ordinal);
    }

    [Fact]
    public void Invoke_UnknownProduct_OneLineError()
    {
        var basket = Write("""[{"product":"Unicorn-Milk","qty":1}]""");

        var (exit, output) = Invoke("--basket", basket, "what is my total?");

        Assert.Equal(1, exit);
        Assert.Equal("basket: Unknown product 'Unicorn-Milk': it is not in the catalog.", output.Trim());
    }

    [Fact]
    public async Task AskAsync_BasketWideAllergenQuestion_ListsContainingAndUnknownLines()
    {
        BasketReasoner.Core.Baskets.BasketLine[] lines = [new("Arla-Standard-Milk", 1), new("Banana", 2), new("Alpro-Fresh-Soy-Milk", 1)];

        var answer = await BasketReasoner.Core.Assistant.ShopperAssistantExtensions.AskAsync(
            AssistantFixture.Rules(), new BasketReasoner.Core.Assistant.ShopperQuestion(lines, "does anything in my basket contain milk?"));

        Assert.Equal(["Arla-Standard-Milk"], answer.CitedProductIds);
        Assert.Contains("no ingredient list for Banana", answer.Text, StringComparison.Ordinal);
    }

    [Fact]
    public void Invoke_ReferenceProductWithEmptyAllergenField_NeverReadAsFreeFrom()
    {
        // Open Food Facts' Barilla spaghetti is durum wheat with an allergen field nobody filled in: not "gluten free".
        var (exit, output) = Invoke("--basket", """[{"product":"Banana","qty":1}]""", "is Barilla spaghetti gluten free?");

        Assert.Equal(0, exit);
        Assert.DoesNotContain("lists no allergens", output, StringComparison.Ordinal);
        Assert.Contains("does not mean it has none", output, StringComparison.Ordinal);
    }

    [Fact]
    public void Invoke_InlineBasketWithTheSameProductTwice_OneLine()
    {
        var (exit, output) = Invoke("--basket", """[{"product":"Banana","qty":2},{"product":"Banana","qty":3}]""", "how many different products do I have?");

        Assert.Equal(0, exit);
        Assert.Contains("1 different product.", output, StringComparison.Ordinal);
    }

    [Fact]
    public void Invoke_QtyNotANumber_SaysWhereWithoutTypeNames()
    {
        var basket = Write("""[{"product":"Banana","qty":"two"}]""");

        var (exit, output) = Invoke("--basket", basket, "what is my total?");

        // A usage error like every other bad qty (README: exit 2).
        Assert.Equal(2, exit);
        Assert.Contains("$[0].qty", output, StringComparison.Ordinal);
        Assert.DoesNotContain("System.", output, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("-2", "-2")]
    [InlineData("0", "0")]
    [InlineData("2.5", "2.5")]
    [InlineData("1001", "1001")]
    [InlineData("1e12", "1000000000000")]
    public void Invoke_InlineQtyOutOfRange_UsageExitWithOneLineNamingThePath(string qty, string shown)
    {
        // The README's exit codes: a value out of range is a usage error (2), not a failed run (1).
        var run = BasketCli.RunCaptured("ask", "--basket", $$"""[{"product":"Arla-Standard-Milk","qty":1},{"product":"Banana","qty":{{qty}}}]""", "what is my total?");

        Assert.Equal(2, run.Exit);
        Assert.Equal($"basket: --basket $[1].qty: '{shown}' must be a whole number from 1 to 1000\n", run.Stderr.ReplaceLineEndings("\n"));
        Assert.Empty(run.Stdout);
    }

    [Fact]
    public void Invoke_FileQtyNegative_UsageExitNamingTheFileAndThePath()
    {
        var basket = Write("""[{"product":"Banana","qty":-2}]""");

        var run = BasketCli.RunCaptured("ask", "--basket", basket, "what is my total?");

        Assert.Equal(2, run.Exit);
        Assert.Equal($"basket: '{basket}' $[0].qty: '-2' must be a whole number from 1 to 1000", run.Stderr.Trim());
    }

    [Fact]
    public void Invoke_NoQuestion_UsageExit()
    {
        var (exit, output) = Invoke("--basket", "[]");

        Assert.Equal(2, exit);
        Assert.Contains("Give a question", output, StringComparison.Ordinal);
    }

    private string Write(string json)
    {
        var path = Path.Combine(_dir, "basket.json");
        File.WriteAllText(path, json);
        return path;
    }

    private static (int Exit, string Output) Invoke(params string[] args) => BasketCli.Run(["ask", .. args]);
}
