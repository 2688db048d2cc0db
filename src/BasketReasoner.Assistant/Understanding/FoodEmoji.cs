namespace BasketReasoner.Assistant.Understanding;

/// <summary>
/// Food emoji read as the word a shopper would have typed ("price of 🍌?" is the banana's price; it listed every line).
/// Only the ones the store's kinds have; others stay as they are.
/// </summary>
internal static class FoodEmoji
{
    private static readonly (string Emoji, string Word)[] Words =
    [
        ("🍌", "banana"), ("🍎", "apple"), ("🍏", "green apple"), ("🍐", "pear"), ("🍊", "orange"), ("🍋", "lemon"),
        ("🍉", "watermelon"), ("🍈", "melon"), ("🍍", "pineapple"), ("🥭", "mango"), ("🍑", "peach"), ("🥝", "kiwi"),
        ("🥑", "avocado"), ("🍅", "tomato"), ("🍆", "aubergine"), ("🥒", "cucumber"), ("🥕", "carrot"), ("🥔", "potato"),
        ("🍠", "sweet potato"), ("🧅", "onion"), ("🧄", "garlic"), ("🫑", "bell pepper"), ("🍄", "mushroom"), ("🥬", "cabbage"),
        ("🫚", "ginger"), ("🥛", "milk"), ("🧃", "juice"),
    ];

    /// <summary><paramref name="text"/> with each known food emoji as its word, spaced from its neighbours.</summary>
    public static string ToWords(string text)
    {
        if (text.All(c => c < 0x2000))
        {
            return text;
        }

        foreach (var (emoji, word) in Words)
        {
            text = text.Replace(emoji, $" {word} ", StringComparison.Ordinal);
        }

        return text.Replace("\uFE0F", string.Empty, StringComparison.Ordinal);
    }
}
