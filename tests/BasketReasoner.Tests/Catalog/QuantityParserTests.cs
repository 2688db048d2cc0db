using BasketReasoner.CatalogBuilding;

namespace BasketReasoner.Tests.Catalog;

public sealed class QuantityParserTests
{
    [Theory]
    [InlineData("Italy, ca 180g", 180, "Mass", true)]
    [InlineData("Spain, ca 1.05kg", 1050, "Mass", true)]
    [InlineData("Peru, 250g", 250, "Mass", false)]
    [InlineData("ARLA KO , 1l", 1000, "Volume", false)]
    [InlineData("BRAVO , 2l", 2000, "Volume", false)]
    [InlineData("ARLA KO, 3dl", 300, "Volume", false)]
    [InlineData("OATLY , 1kg", 1000, "Mass", false)]
    [InlineData("ALPRO , 750g", 750, "Mass", false)]
    [InlineData("1,5 kg", 1500, "Mass", false)]
    [InlineData("1,5 l", 1500, "Volume", false)]
    [InlineData("500 ml", 500, "Volume", false)]
    [InlineData("ca 2 gram", 2, "Mass", true)]
    public void TryParse_DatasetStyleQuantity_NormalisesToGramsOrMillilitres(string text, double amount, string kind, bool approximate)
    {
        Assert.True(QuantityParser.TryParse(text, out var q));
        Assert.Equal(amount, q.Amount, 3);
        Assert.Equal(Enum.Parse<QuantityKind>(kind), q.Kind);
        Assert.Equal(approximate, q.IsApproximate);
    }

    [Fact]
    public void TryParse_Multipack_MultipliesCount()
    {
        Assert.True(QuantityParser.TryParse("6x33cl", out var q));
        Assert.Equal(1980, q.Amount, 3);
        Assert.Equal(6, q.Count);
        Assert.Equal(QuantityKind.Volume, q.Kind);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("Peru")]
    [InlineData("The Netherlands")]
    [InlineData("soy beans (5,9%)")]
    public void TryParse_NoQuantity_ReturnsFalse(string? text)
    {
        Assert.False(QuantityParser.TryParse(text, out _));
        Assert.Null(QuantityParser.Parse(text));
    }

    [Fact]
    public void TryParse_KilogramsNotReadAsGrams_UsesLongestUnit()
    {
        Assert.Equal(3000, QuantityParser.Parse("Spain, ca 3kg")!.Value.Grams);
    }
}
