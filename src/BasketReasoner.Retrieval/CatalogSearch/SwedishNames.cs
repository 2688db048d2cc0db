namespace BasketReasoner.Retrieval.CatalogSearch;

/// <summary>
/// Everyday Swedish (and a few English alternative) names per coarse category, so a shopper can say "äpple",
/// "mjölk" or "eggplant". The dataset's texts are part Swedish, part English; this closes the gap for the
/// categories where the store's own texts use only one language.
/// </summary>
internal static class SwedishNames
{
    private static readonly Dictionary<string, string> Names = new(StringComparer.OrdinalIgnoreCase)
    {
        ["Apple"] = "äpple äpplen",
        ["Avocado"] = "avokado",
        ["Banana"] = "banan bananer",
        ["Kiwi"] = "kiwi",
        ["Lemon"] = "citron citroner",
        ["Lime"] = "lime",
        ["Mango"] = "mango",
        ["Melon"] = "melon",
        ["Nectarine"] = "nektarin",
        ["Orange"] = "apelsin apelsiner",
        ["Papaya"] = "papaya",
        ["Passion-Fruit"] = "passionsfrukt",
        ["Peach"] = "persika persikor",
        ["Pear"] = "päron",
        ["Pineapple"] = "ananas",
        ["Plum"] = "plommon",
        ["Pomegranate"] = "granatäpple",
        ["Red-Grapefruit"] = "grapefrukt grapefruit",
        ["Satsumas"] = "satsuma clementin mandarin",
        ["Juice"] = "juice",
        ["Milk"] = "mjölk",
        ["Oatghurt"] = "havregurt havreyoghurt oat yoghurt",
        ["Oat-Milk"] = "havremjölk havredryck oat drink",
        ["Sour-Cream"] = "gräddfil",
        ["Sour-Milk"] = "filmjölk",
        ["Soyghurt"] = "sojayoghurt soy yoghurt",
        ["Soy-Milk"] = "sojamjölk sojadryck soy drink",
        ["Yoghurt"] = "yoghurt yogurt",
        ["Asparagus"] = "sparris",
        ["Aubergine"] = "aubergine eggplant",
        ["Cabbage"] = "vitkål kål",
        ["Carrots"] = "morot morötter carrot",
        ["Cucumber"] = "gurka",
        ["Garlic"] = "vitlök",
        ["Ginger"] = "ingefära",
        ["Leek"] = "purjolök",
        ["Mushroom"] = "svamp champinjon mushroom",
        ["Onion"] = "lök gul lök",
        ["Pepper"] = "paprika bell pepper",
        ["Potato"] = "potatis",
        ["Red-Beet"] = "rödbeta rödbetor beetroot",
        ["Tomato"] = "tomat tomater",
        ["Zucchini"] = "squash zucchini courgette",
    };

    public static string? For(string coarseCategory) => Names.GetValueOrDefault(coarseCategory);
}
