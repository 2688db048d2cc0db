namespace BasketReasoner.Assistant;

/// <summary>What a shopper's question asks for, as the rules router reads it.</summary>
public enum QuestionIntent
{
    None,
    BasketChange,
    OutOfScope,
    UnknownFact,
    Total,
    ListBasket,
    CountUnits,
    CountLines,
    BasketWeight,
    UnitWeight,
    Volume,
    Allergens,
    Ingredients,
    Organic,
    LactoseFree,
    PlantBased,
    Fat,
    Flavour,
    Origin,
    Price,
    Compare,
    CheaperAlternatives,
    Describe,
    HaveItem,
}
