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

    /// <summary>Whether the store sells a product at all ("do you sell avocados?").</summary>
    StoreAvailability,

    /// <summary>The basket against a sum of money ("am I over 200 kr?", "how much more can I spend before 300?").</summary>
    Budget,

    /// <summary>Who makes a product ("what brand is my orange juice?").</summary>
    Brand,

    /// <summary>What a stated amount of a product costs ("how much for 2 kg of bananas?", "price of 3 yoghurts").</summary>
    QuantityPrice,
}
