using BasketReasoner.CatalogBuilding;

namespace BasketReasoner.Tests.Assistant;

public sealed class AllergenTableTests
{
    [Theory]
    [InlineData("Högpastöriserad MJÖLK, filkultur, vitamin D.", "milk")]
    [InlineData("Syrad havrebas (vatten, HAVRE 12%, syrningskultur), rapsolja", "gluten")]
    [InlineData("Water, peeled soy beans (8%), sugar, yoghurt culture (S. thermophilus)", "soy")]
    [InlineData("Vetemjöl, ägg, sesamfrön", "gluten,eggs,sesame")]
    public void Find_IngredientList_NamesItsAllergens(string ingredients, string expected)
    {
        Assert.Equal(expected.Split(','), AllergenTable.Find(ingredients));
    }

    [Theory]
    [InlineData("Äpplejuice, mjölksyra, kokosmjölk")]
    [InlineData("Apelsinjuice från koncentrat med fruktkött. Pastöriserad.")]
    [InlineData("Nötkött, salt")]
    public void Find_LookAlikeWords_NoAllergen(string ingredients)
    {
        Assert.Empty(AllergenTable.Find(ingredients));
    }

    [Fact]
    public void Catalog_ProduceWithoutIngredientList_AllergensUnknownNotEmpty()
    {
        var banana = AssistantFixture.Catalog.Get("Banana");
        var juice = AssistantFixture.Catalog.Get("Bravo-Apple-Juice");

        Assert.Null(banana.Allergens);
        Assert.False(banana.AllergensKnown);
        Assert.NotNull(juice.Ingredients);
        Assert.Empty(juice.Allergens!);
        Assert.Contains("milk", AssistantFixture.Catalog.Get("Arla-Standard-Milk").Allergens!);
    }
}
