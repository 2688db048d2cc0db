using BasketReasoner.Core.Assistant;
using BasketReasoner.Core.Baskets;

namespace BasketReasoner.Tests.Assistant;

/// <summary>
/// Questions about the store rather than the basket, and amounts: whether a product is sold, what an amount costs,
/// the cheapest of a category, yes/no comparisons. Every figure is the catalog's (demo prices).
/// </summary>
public sealed class StoreQuestionTests
{
    private static readonly BasketLine[] Basket = [new("Banana", 3), new("Oatly-Oat-Milk", 1), new("Arla-Standard-Milk", 2)];

    private static Task<ShopperAnswer> Ask(string question, BasketLine[]? basket = null) =>
        ShopperAssistantExtensions.AskAsync(AssistantFixture.Rules(), new ShopperQuestion(basket ?? Basket, question));

    [Theory]
    [InlineData("do you sell avocados?", "Avocado")]
    [InlineData("Do you sell bananas?", "Banana")]
    [InlineData("can I buy kiwi here", "Kiwi")]
    [InlineData("do you carry pink ladies", "Pink-Lady")]
    public async Task AskAsync_StoreSellsIt_YesCitingTheProduct(string question, string id)
    {
        var answer = await Ask(question);

        Assert.Equal(ShopperAnswerKind.Answered, answer.Kind);
        Assert.StartsWith("Yes", answer.Text, StringComparison.Ordinal);
        Assert.Contains(id, answer.CitedProductIds);
    }

    [Theory]
    [InlineData("do you sell durian?")]
    [InlineData("do you have dog food")]
    [InlineData("do you have almond milk in the store?")]
    [InlineData("do you have red onions")]
    [InlineData("Do you sell strawberries?")]
    public async Task AskAsync_StoreLacksIt_SaysNo(string question)
    {
        var answer = await Ask(question);

        Assert.StartsWith("No", answer.Text, StringComparison.Ordinal);
        Assert.DoesNotContain("Yes", answer.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AskAsync_WhichOfACategory_ListsTheStoresProductsNotTheBasket()
    {
        var answer = await Ask("Which apples do you have?", [new("Pink-Lady", 1)]);

        Assert.Equal(["Golden-Delicious", "Granny-Smith", "Pink-Lady", "Red-Delicious", "Royal-Gala"], answer.CitedProductIds.Order(StringComparer.Ordinal));
    }

    [Theory]
    [InlineData("what's the price per kilo of bananas", "28.90")]
    [InlineData("how much are bananas per kg", "28.90")]
    [InlineData("how much is 2 kg of bananas", "57.80")]
    [InlineData("what would half a kilo of kiwi cost", "22.45")]
    [InlineData("how much would 600 g of carrots cost", "8.94")]
    [InlineData("how much for 4 bananas", "20.81")]
    [InlineData("price of 3 oatly", "65.70")]
    [InlineData("how much for 2 litres of arla milk", "31.80")]
    public async Task AskAsync_PriceOfAnAmount_PricedByTheOnePricingRule(string question, string expected)
    {
        var answer = await Ask(question);

        Assert.Equal(ShopperAnswerKind.Answered, answer.Kind);
        Assert.Contains(expected, answer.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AskAsync_BasketLinePrice_SaysWhatTheBasketsLineCosts()
    {
        var answer = await Ask("how much do the bananas cost me");

        // 3 bananas at the catalog's 180 g: 28.90 SEK/kg × 0.54 kg.
        Assert.Contains("your 3 in the basket cost 15.61", answer.Text, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("what's the price of durian")]
    [InlineData("where is the durian from")]
    public async Task AskAsync_UnknownProductNamed_UnknownNeverTheBasket(string question)
    {
        var answer = await Ask(question);

        Assert.Equal(ShopperAnswerKind.Unknown, answer.Kind);
        Assert.Contains("durian", answer.Text, StringComparison.Ordinal);
        Assert.Empty(answer.CitedProductIds);
    }

    [Theory]
    [InlineData("how heavy is my basket")]
    [InlineData("how much does my cart weigh")]
    public async Task AskAsync_BasketWeight_SumsUnitWeights(string question)
    {
        var answer = await Ask(question);

        // 3 × 180 g + 1060 g + 2 × 1060 g.
        Assert.Contains("3720 g", answer.Text, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("do I have anything that contains lactose", "Yes", "Arla-Standard-Milk")]
    [InlineData("is there lactose in the oat milk", "No", "Oatly-Oat-Milk")]
    [InlineData("does the arla milk contain lactose?", "Yes", "Arla-Standard-Milk")]
    [InlineData("Is Oatly oat drink gluten-free?", "No", "Oatly-Oat-Milk")]
    [InlineData("Is Arla lactose-free milk lactose free?", "Yes", "Arla-Lactose-Medium-Fat-Milk")]
    public async Task AskAsync_PresenceOrFreeFrom_YesNoFollowsTheFact(string question, string lead, string id)
    {
        var answer = await Ask(question);

        Assert.StartsWith(lead, answer.Text, StringComparison.Ordinal);
        Assert.Contains(id, answer.CitedProductIds);
    }

    [Theory]
    [InlineData("Is papaya cheaper than golden delicious apples?", "No")]
    [InlineData("Is oranges cheaper than pomegranate?", "Yes")]
    [InlineData("which is cheaper, oat milk or arla milk?", "The cheaper one is Arla")]
    public async Task AskAsync_Comparison_AnswersTheWayItWasAsked(string question, string lead)
    {
        var answer = await Ask(question);

        Assert.StartsWith(lead, answer.Text, StringComparison.Ordinal);
        Assert.Equal(2, answer.CitedProductIds.Count);
    }

    [Fact]
    public async Task AskAsync_CheapestOfACategoryInTheStore_RanksTheCatalogNotTheBasket()
    {
        var answer = await Ask("what's the cheapest plant-based milk you sell?", [new("Arla-Standard-Milk", 1)]);

        Assert.Equal("Oatly-Oat-Milk", answer.CitedProductIds[0]);
        Assert.DoesNotContain("Arla-Standard-Milk", answer.CitedProductIds);
    }

    [Theory]
    [InlineData("Can i get 20% off the ginger?")]
    [InlineData("pay for my basket with the card on file")]
    public async Task AskAsync_DiscountOrPayment_Refused(string question)
    {
        var answer = await Ask(question);

        Assert.Equal(ShopperAnswerKind.RefusedBasketChange, answer.Kind);
    }

    [Theory]
    [InlineData("how much do I pay for 2 kg of bananas?")]
    [InlineData("what's the damage so far?")]
    [InlineData("how much is all this?")]
    public async Task AskAsync_PriceQuestionsThatMentionPaying_AnsweredNotRefused(string question)
    {
        var answer = await Ask(question);

        Assert.Equal(ShopperAnswerKind.Answered, answer.Kind);
    }

    [Theory]
    [InlineData("does my yoghurt have milk in it", "Yes", "Arla-Natural-Yoghurt")]
    [InlineData("anything with milk in my cart?", "Yes", "Arla-Natural-Yoghurt")]
    [InlineData("is the cucumber from sweden", "Yes", "Cucumber")]
    [InlineData("are the apples from spain", "No", "Granny-Smith")]
    public async Task AskAsync_YesNoAboutMyProducts_AnsweredFromTheirFacts(string question, string lead, string id)
    {
        BasketLine[] basket = [new("Granny-Smith", 2), new("Arla-Natural-Yoghurt", 1), new("Cucumber", 1)];

        var answer = await Ask(question, basket);

        Assert.StartsWith(lead, answer.Text, StringComparison.Ordinal);
        Assert.Contains(id, answer.CitedProductIds);
    }

    [Fact]
    public async Task AskAsync_LeastExpensiveOfAGroup_RankedOverTheStore()
    {
        var answer = await Ask("what is the least expensive vegetable per kg");

        Assert.Equal(ShopperAnswerKind.Answered, answer.Kind);
        Assert.Contains("Carrots", answer.CitedProductIds);
        Assert.Contains("14.90 SEK per kg", answer.Text, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("ok be honest, have i gone past 100 kronor", "No")]
    [InlineData("is my stuff more than 50 sek already", "Yes")]
    [InlineData("my budget is 350 today. am i still under?", "Yes")]
    [InlineData("will this come to less than 50 kr?", "No")]
    public async Task AskAsync_BasketAgainstAnAmount_YesNoWithTheTotal(string question, string lead)
    {
        // 3 bananas at 180 g (15.61) + an oat drink (21.90) + 2 whole milks (31.80) = 69.31 SEK.
        var answer = await Ask(question);

        Assert.Equal(ShopperAnswerKind.Answered, answer.Kind);
        Assert.StartsWith(lead, answer.Text, StringComparison.Ordinal);
        Assert.Contains("69.31", answer.Text, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("how much more can i spend before i hit 200 kronor", "130.69")]
    [InlineData("I've got 100 kr on my card. what's left over after this lot", "30.69")]
    public async Task AskAsync_MoneyLeft_TheGapToTheAmount(string question, string gap)
    {
        var answer = await Ask(question);

        Assert.Contains(gap, answer.Text, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("hey what does my stuff add up to")]
    [InlineData("The bananas I put in - what does that come to?")]
    [InlineData("hey did i already put the oat milk in?")]
    public async Task AskAsync_AddUpOrPutInNarrated_NotAChangeRequest(string question)
    {
        var answer = await Ask(question);

        Assert.NotEqual(ShopperAnswerKind.RefusedBasketChange, answer.Kind);
    }

    [Theory]
    [InlineData("what's cheaper per kilo: kiwis or pink lady", "29.90", "44.90")]
    [InlineData("would I save money per kg going with vattenmelon instead of nektariner?", "14.90", "39.90")]
    public async Task AskAsync_PerKiloComparison_ComparesPricesNotWeights(string question, string a, string b)
    {
        var answer = await Ask(question);

        Assert.Contains(a, answer.Text, StringComparison.Ordinal);
        Assert.Contains(b, answer.Text, StringComparison.Ordinal);
        Assert.DoesNotContain("heavier", answer.Text, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("do you guys sell lactose-free milk? tack!", "Arla-Lactose-Medium-Fat-Milk")]
    [InlineData("looking for galia melons - do you even have them?", "Galia-Melon")]
    [InlineData("finns det fresh ginger?", "Ginger")]
    public async Task AskAsync_AvailabilityPhrasedLoosely_YesWithTheProduct(string question, string id)
    {
        var answer = await Ask(question, [new("Leek", 1)]);

        Assert.StartsWith("Yes", answer.Text, StringComparison.Ordinal);
        Assert.Contains(id, answer.CitedProductIds);
    }

    [Theory]
    [InlineData("is honungsmelon sold by weight?", "Yes")]
    [InlineData("is the oat drink sold by weight?", "No")]
    public async Task AskAsync_SoldByWeight_YesOrNoThenThePrice(string question, string lead)
    {
        var answer = await Ask(question);

        Assert.StartsWith(lead, answer.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AskAsync_NameWordAmongTwoOfACategory_PicksThatOneNotAClarification()
    {
        var answer = await Ask("what brand is my whole milk", [new("Arla-Lactose-Medium-Fat-Milk", 1), new("Garant-Ecological-Standard-Milk", 2)]);

        Assert.Equal(ShopperAnswerKind.Answered, answer.Kind);
        Assert.Contains("Garant", answer.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AskAsync_AskedAttributeInTheName_StillAClarification()
    {
        // "lactose free" is what is asked, not which milk: both milks stay in question.
        var answer = await Ask("is my milk lactose free?", [new("Arla-Lactose-Medium-Fat-Milk", 1), new("Arla-Ecological-Medium-Fat-Milk", 1)]);

        Assert.Equal(ShopperAnswerKind.Clarify, answer.Kind);
    }

    [Fact]
    public async Task AskAsync_CheaperPlantDrinkOfTheSiblingKind_SaysBoth()
    {
        var answer = await Ask("is there anything cheaper than my alpro soy drink, litre for litre?", [new("Alpro-Fresh-Soy-Milk", 1)]);

        Assert.StartsWith("Yes", answer.Text, StringComparison.Ordinal);
        Assert.Contains("no cheaper", answer.Text, StringComparison.Ordinal);
        Assert.Contains("Oatly-Oat-Milk", answer.CitedProductIds);
    }

    [Theory]
    [InlineData("Is the dragon fruit organic?", "dragon fruit")]
    [InlineData("Where does the star fruit come from?", "star fruit")]
    public async Task AskAsync_UnknownKindOfFruit_NeverAnsweredAboutTheBasketsFruit(string question, string named)
    {
        var answer = await Ask(question, [new("Banana", 1)]);

        Assert.Equal(ShopperAnswerKind.Unknown, answer.Kind);
        Assert.Contains(named, answer.Text, StringComparison.Ordinal);
        Assert.Empty(answer.CitedProductIds);
    }

    [Theory]
    [InlineData("Do you sell eggs?")]
    [InlineData("do you have bread")]
    public async Task AskAsync_StoreLacksAGoodWhoseNameIsAnAllergen_SaysNo(string question)
    {
        var answer = await Ask(question, [new("Banana", 1)]);

        Assert.StartsWith("No", answer.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AskAsync_WhichOfACategoryHasAnAttribute_TheStoresProductsWithIt()
    {
        var answer = await Ask("Which yoghurt is vegan?", [new("Banana", 1)]);

        Assert.Equal(["Alpro-Blueberry-Soyghurt", "Alpro-Vanilla-Soyghurt", "Oatly-Natural-Oatghurt"], answer.CitedProductIds.Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task AskAsync_MostExpensiveProductInTheStore_RanksTheWholeStorePerUnit()
    {
        var answer = await Ask("Most expensive product in the store?", [new("Banana", 1)]);

        Assert.Equal("Watermelon", answer.CitedProductIds[0]);
    }

    [Theory]
    [InlineData("Where does Banana Ecological come from?", "Ecuador")]
    [InlineData("Did the lemon get added?", "No")]
    public async Task AskAsync_NameWordsOrAddedAsked_ReadAsTheQuestionNotTheWord(string question, string expected)
    {
        var answer = await Ask(question, [new("Banana", 1)]);

        Assert.NotEqual(ShopperAnswerKind.RefusedBasketChange, answer.Kind);
        Assert.Contains(expected, answer.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AskAsync_NegativeAmount_NotPricedAsAnAmount()
    {
        var answer = await Ask("how much is -2 kg of bananas");

        Assert.DoesNotContain("57.80", answer.Text, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("have i gone over two hundred and twenty five kronor yet", "No", "155.69")]
    [InlineData("will fifty sek be enough", "No", "19.31")]
    [InlineData("is my toe tall over one hundred kronor", "No", "30.69")]
    public async Task AskAsync_SpokenAmounts_ReadAsNumbers(string question, string lead, string gap)
    {
        var answer = await Ask(question);

        Assert.StartsWith(lead, answer.Text, StringComparison.Ordinal);
        Assert.Contains(gap, answer.Text, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("two point five kilos of bananas how much", "72.25")]
    [InlineData("how much for one point two five kg of bananas?", "36.13")]
    public async Task AskAsync_SpokenDecimal_ReadAsOneNumber(string question, string price)
    {
        var answer = await Ask(question);

        Assert.Contains(price, answer.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AskAsync_LastThingAdded_TheBasketsNewestLine()
    {
        var answer = await Ask("is the last thing i added organic", [new("Garlic", 3), new("Yoggi-Vanilla-Yoghurt", 3)]);

        Assert.StartsWith("No", answer.Text, StringComparison.Ordinal);
        Assert.Equal(["Yoggi-Vanilla-Yoghurt"], answer.CitedProductIds);
    }

    [Theory]
    [InlineData("is there a cheaper potato than the sweet potatoes per kilo", "Yes")]
    [InlineData("any cheaper soy milk than the soy milk i have", "No")]
    public async Task AskAsync_IsThereSomethingCheaper_YesOrNoForTheKindAsked(string question, string lead)
    {
        var answer = await Ask(question, [new("Alpro-Fresh-Soy-Milk", 1), new("Sweet-Potato", 1)]);

        Assert.StartsWith(lead, answer.Text, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("hey cart you got mangoes", "Yes")]
    [InlineData("uh is there cauliflower here", "No")]
    public async Task AskAsync_SpokenAvailability_AnsweredFromTheStore(string question, string lead)
    {
        var answer = await Ask(question, [new("Banana", 1)]);

        Assert.StartsWith(lead, answer.Text, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("how much fat is in the arla whole milk", "Arla-Standard-Milk", "3%")]
    [InlineData("how much fat is in arla medium fat milk", "Arla-Medium-Fat-Milk", "1.5%")]
    public async Task AskAsync_FatOfANamedMilk_TheAskedWordDoesNotPickTheProduct(string question, string id, string fat)
    {
        var answer = await Ask(question, [new("Banana", 1)]);

        Assert.Equal([id], answer.CitedProductIds);
        Assert.Contains(fat, answer.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AskAsync_BrandOfMyProduct_NamesTheBrand()
    {
        var answer = await Ask("What brand is my oat milk");

        Assert.Contains("Oatly", answer.Text, StringComparison.Ordinal);
        Assert.Equal(["Oatly-Oat-Milk"], answer.CitedProductIds);
    }
}
