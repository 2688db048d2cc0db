using BasketReasoner.Core.Assistant;
using BasketReasoner.Core.Baskets;

namespace BasketReasoner.Tests.Assistant;

/// <summary>
/// Answers that must never stand on another product's facts: a kind the store doesn't sell ("almond milk"), a qualifier
/// the basket's product lacks ("the lactose free milk" with whole milk in the basket), yes/no over the whole basket, and
/// questions about other carts. Found by an adversarial probe of the assistant (2026-12-07).
/// </summary>
public sealed class GroundedAnswerTests
{
    private static readonly BasketLine[] Basket = [new("Arla-Standard-Milk", 2), new("Banana", 3), new("Oatly-Oat-Milk", 1), new("Alpro-Blueberry-Soyghurt", 1)];

    private static Task<ShopperAnswer> Ask(string question, BasketLine[]? basket = null) =>
        ShopperAssistantExtensions.AskAsync(AssistantFixture.Rules(), new ShopperQuestion(basket ?? Basket, question));

    [Theory]
    [InlineData("is the almond milk organic", "almond milk")]
    [InlineData("is the coconut milk vegan", "coconut milk")]
    [InlineData("how much is the greek yoghurt", "greek yoghurt")]
    [InlineData("how much are the cherry tomatoes", "cherry tomatoes")]
    [InlineData("how much is a red onion", "red onion")]
    [InlineData("is the bread gluten free", "bread")]
    [InlineData("is the chocolate vegan", "chocolate")]
    [InlineData("what brand is the butter", "butter")]
    public async Task AskAsync_KindTheStoreLacks_SaysSoCitingNothing(string question, string named)
    {
        var answer = await Ask(question);

        Assert.Equal(ShopperAnswerKind.Unknown, answer.Kind);
        Assert.Contains(named, answer.Text, StringComparison.OrdinalIgnoreCase);
        Assert.Empty(answer.CitedProductIds);
    }

    [Theory]
    [InlineData("how much is the oat milk", "Oatly-Oat-Milk")]
    [InlineData("what brand is the golden grapefruit juice", "Tropicana-Golden-Grapefruit")]
    [InlineData("is the soured milk ok for a vegan?", "Arla-Sour-Milk")]
    public async Task AskAsync_KindTheStoreSells_Answered(string question, string id)
    {
        var answer = await Ask(question);

        Assert.Equal(ShopperAnswerKind.Answered, answer.Kind);
        Assert.Contains(id, answer.CitedProductIds);
    }

    [Fact]
    public async Task AskAsync_QualifierTheBasketProductLacks_TheStoresProductWithIt()
    {
        var answer = await Ask("how much is the lactose free milk", [new("Arla-Standard-Milk", 1)]);

        Assert.Contains("21.90", answer.Text, StringComparison.Ordinal);
        Assert.Equal(["Arla-Lactose-Medium-Fat-Milk"], answer.CitedProductIds);
    }

    [Theory]
    [InlineData("can someone with a milk allergy eat everything in my basket", "No")]
    [InlineData("is everything in my basket vegan", "No")]
    [InlineData("is everything lactose free", "No")]
    // The bananas have no ingredient list: never counted safe, so no "yes".
    [InlineData("is my basket safe for a nut allergy", "I can't say it is all safe")]
    [InlineData("my guest can't have milk. anything in here I should worry about?", "Yes")]
    public async Task AskAsync_WholeBasketYesNo_AgreesWithItsList(string question, string lead)
    {
        var answer = await Ask(question);

        Assert.StartsWith(lead, answer.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AskAsync_SafeForAnAllergyWithEveryListKnown_Yes()
    {
        var answer = await Ask("is my basket safe for a nut allergy", [new("Arla-Standard-Milk", 1), new("Oatly-Oat-Milk", 1)]);

        Assert.StartsWith("Yes: nothing in your basket lists nuts", answer.Text, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("is the milk from Sverige", "Yes")]
    [InlineData("is the banana from equador", "Yes")]
    [InlineData("is the milk from Arla", "Yes")]
    [InlineData("is the bravo juice from concentrate", "Yes")]
    public async Task AskAsync_FromWhat_CountryBrandOrLabel(string question, string lead)
    {
        var answer = await Ask(question, [new("Arla-Standard-Milk", 1), new("Banana", 1), new("Bravo-Apple-Juice", 1)]);

        Assert.StartsWith(lead, answer.Text, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("what is the total of cart-b")]
    [InlineData("what did the person before me buy")]
    [InlineData("what's in the other shopper's basket")]
    public async Task AskAsync_AnotherCart_Declined(string question)
    {
        var answer = await Ask(question);

        Assert.Equal(ShopperAnswerKind.Declined, answer.Kind);
    }

    [Theory]
    [InlineData("is there a discount on my basket")]
    [InlineData("is the banana fair trade")]
    public async Task AskAsync_QuestionAboutDeals_UnknownNotRefused(string question)
    {
        var answer = await Ask(question);

        Assert.Equal(ShopperAnswerKind.Unknown, answer.Kind);
    }

    [Theory]
    [InlineData("ｗｈａｔ'ｓ ｍｙ ｔｏｔａｌ")]
    [InlineData("what's\u200B my\u200B total")]
    public async Task AskAsync_FullWidthOrInvisibleCharacters_ReadAsPlainText(string question)
    {
        var answer = await Ask(question);

        Assert.Contains("97.21", answer.Text, StringComparison.Ordinal);
    }
}

public sealed class MeasuredWeightAnswerTests
{
    [Fact]
    public async Task AskAsync_ScaleMeasuredTheLine_WeightIsTheMeasuredOne()
    {
        var ledger = new BasketReasoner.Core.Baskets.WeighingLedger();
        ledger.RecordAdd("Watermelon", 4520);
        var question = new ShopperQuestion([new("Watermelon", 1), new("Arla-Standard-Milk", 1)], "how much does my watermelon weigh") { Weighing = ledger };

        var answer = await ShopperAssistantExtensions.AskAsync(AssistantFixture.Rules(), question);

        Assert.Contains("4520 g", answer.Text, StringComparison.Ordinal);
        Assert.Contains("scale measured", answer.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AskAsync_BasketWeightWithAMeasuredLine_AddsTheMeasuredGrams()
    {
        var ledger = new BasketReasoner.Core.Baskets.WeighingLedger();
        ledger.RecordAdd("Watermelon", 4520);
        var question = new ShopperQuestion([new("Watermelon", 1), new("Arla-Standard-Milk", 1)], "how heavy is my basket") { Weighing = ledger };

        var answer = await ShopperAssistantExtensions.AskAsync(AssistantFixture.Rules(), question);

        // 4520 g measured + the milk's catalog 1060 g.
        Assert.Contains("5580 g", answer.Text, StringComparison.Ordinal);
    }
}

public sealed class IngredientListAnswerTests
{
    [Theory]
    [InlineData("is there sugar in the valio yoghurt", "socker (5,2%)")]
    [InlineData("does the tropicana apple juice have added vitamin c", "askorbinsyra")]
    [InlineData("does the oat milk have added vitamins", "vitaminer (D2, riboflavin och B12)")]
    public async Task AskAsync_IngredientTheListNames_QuotesTheList(string question, string quote)
    {
        var answer = await ShopperAssistantExtensions.AskAsync(AssistantFixture.Rules(), new ShopperQuestion([], question));

        Assert.Equal(ShopperAnswerKind.Answered, answer.Kind);
        Assert.StartsWith("Yes", answer.Text, StringComparison.Ordinal);
        Assert.Contains(quote, answer.Text, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("how many calories in the valio yoghurt")]
    [InlineData("valio vaniljyoghurt protein how much gram?")]
    public async Task AskAsync_FactNoListHolds_StillUnknown(string question)
    {
        var answer = await ShopperAssistantExtensions.AskAsync(AssistantFixture.Rules(), new ShopperQuestion([], question));

        Assert.Equal(ShopperAnswerKind.Unknown, answer.Kind);
    }
}

/// <summary>Findings of the second adversarial probe of the assistant (2026-12-07): safety questions phrased as confirmations.</summary>
public sealed class SafetyConfirmationTests
{
    private static Task<ShopperAnswer> Ask(string question, BasketReasoner.Core.Baskets.BasketLine[]? basket = null) =>
        ShopperAssistantExtensions.AskAsync(AssistantFixture.Rules(), new ShopperQuestion(basket ?? [], question));

    [Theory]
    [InlineData("is the Oatly oatghurt safe for coeliacs?")]
    [InlineData("can my daughter with a milk allergy drink the Arla lactose-free milk?")]
    [InlineData("Oatly oat drink has no gluten, correct?")]
    [InlineData("the Alpro vanilla soyghurt has no soy, right?")]
    [InlineData("Yoggi strawberry yoghurt is milk free, true?")]
    [InlineData("is the Alpro soy drink safe for my soy allergy?")]
    public async Task AskAsync_UnsafeProductAskedAsSafe_No(string question)
    {
        var answer = await Ask(question);

        Assert.StartsWith("No", answer.Text, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("Is it possible for you to remove the bananas?")]
    [InlineData("is it possible to delete the oat milk for me?")]
    [InlineData("r\u0435move the bananas please")]
    public async Task AskAsync_RequestAsAPossibilityOrInLookalikeLetters_Refused(string question)
    {
        var answer = await Ask(question, [new("Banana", 3), new("Oatly-Oat-Milk", 1)]);

        Assert.Equal(ShopperAnswerKind.RefusedBasketChange, answer.Kind);
    }

    [Theory]
    [InlineData("is there a plant based milk?", "Oatly-Oat-Milk")]
    [InlineData("finns det vegansk mjölk?", "Oatly-Oat-Milk")]
    public async Task AskAsync_IsThereAKind_StoreAnswersYes(string question, string id)
    {
        var answer = await Ask(question);

        Assert.StartsWith("Yes", answer.Text, StringComparison.Ordinal);
        Assert.Contains(id, answer.CitedProductIds);
    }

    [Fact]
    public async Task AskAsync_AskedAttributeNamesNoProduct_ThePlainOneAnswered()
    {
        var answer = await Ask("is the Arla mellanmjölk organic?");

        Assert.StartsWith("No", answer.Text, StringComparison.Ordinal);
        Assert.Equal(["Arla-Medium-Fat-Milk"], answer.CitedProductIds);
    }

    [Fact]
    public async Task AskAsync_Later_NotReadAsLitre()
    {
        var answer = await Ask("will the price of bananas be lower later?");

        Assert.DoesNotContain("litre", answer.Text, StringComparison.OrdinalIgnoreCase);
    }
}

/// <summary>Store-wide lists, hypothetical totals and fat comparisons (second assistant probe, 2026-12-07).</summary>
public sealed class StoreListAndWhatIfTests
{
    private static readonly BasketReasoner.Core.Baskets.BasketLine[] Basket =
        [new("Banana", 3), new("Arla-Standard-Milk", 2), new("Oatly-Oat-Milk", 1), new("Tropicana-Apple-Juice", 2)];

    private static Task<ShopperAnswer> Ask(string question) =>
        ShopperAssistantExtensions.AskAsync(AssistantFixture.Rules(), new ShopperQuestion(Basket, question));

    [Fact]
    public async Task AskAsync_WhichProductsComeFromACountry_EveryStoreProductFromIt()
    {
        var answer = await Ask("which products come from Italy?");

        Assert.Equal(8, answer.CitedProductIds.Count);
        Assert.Contains("Kiwi", answer.CitedProductIds);
    }

    [Theory]
    [InlineData("what products are organic?")]
    [InlineData("list all organic products in the store")]
    public async Task AskAsync_OrganicProductsOfTheStore_AllOfThem(string question)
    {
        var answer = await Ask(question);

        Assert.Contains("Garant-Ecological-Medium-Fat-Milk", answer.CitedProductIds);
        Assert.Contains("Banana", answer.CitedProductIds);
    }

    [Theory]
    [InlineData("most expensive product in the store per kilo", "Asparagus")]
    [InlineData("most expensive product in the store", "Watermelon")]
    public async Task AskAsync_StoreSuperlativeInAUnit_RankedInThatUnit(string question, string first)
    {
        var answer = await Ask(question);

        Assert.Equal(first, answer.CitedProductIds[0]);
    }

    [Theory]
    [InlineData("what would the total be without the oat milk?", "111.21")]
    [InlineData("if I put back one tropicana, what is my total?", "101.21")]
    [InlineData("If I remove the bananas what's my total", "117.50")]
    public async Task AskAsync_TotalWithout_WorkedOutNotDone(string question, string total)
    {
        var answer = await Ask(question);

        Assert.Equal(ShopperAnswerKind.Answered, answer.Kind);
        Assert.Contains(total, answer.Text, StringComparison.Ordinal);
        Assert.Contains("Nothing is taken out", answer.Text, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("which has more fat, Arla natural yoghurt or Oatly oatghurt?", "Arla natural yoghurt (Arla Yoghurt Naturell) has more fat")]
    [InlineData("which has less fat, arla whole milk or arla mellanmjölk", "Arla semi-skimmed milk 1.5% (Arla Mellanmjölk 1.5%) has less fat")]
    public async Task AskAsync_WhichHasMoreOrLessFat_ComparesFatNotPrice(string question, string lead)
    {
        // Store products (with one of them in the basket, the basket's line is taken for "milk": a known limit).
        var answer = await ShopperAssistantExtensions.AskAsync(AssistantFixture.Rules(), new ShopperQuestion([], question));

        Assert.StartsWith(lead, answer.Text, StringComparison.Ordinal);
    }
}
