namespace BasketReasoner.Reasoning.Text;

/// <summary>
/// The words Swedish packs print for what the catalog names in English (the dataset was photographed in Swedish
/// stores: "Mellanmjölk", "Filmjölk", "Gräddfil", "Havregurt"...). Keys are hyphen-joined pieces of catalog ids,
/// longest first; values are folded (no diacritics) spellings as printed, English ones included where packs carry
/// both.
/// </summary>
internal static class PackVocabulary
{
    public static readonly (string Phrase, string[] Words)[] Phrases =
    [
        ("medium-fat-milk", ["mellanmjolk"]),
        ("standard-milk", ["standardmjolk", "mjolk"]),
        ("sour-milk", ["filmjolk"]),
        ("sour-cream", ["graddfil"]),
        ("oat-milk", ["havredryck", "havre", "oat"]),
        ("soy-milk", ["sojadryck", "soya", "soja"]),
        ("low-fat", ["latt", "mager"]),
        ("red-grapefruit", ["rod grapefrukt", "grapefrukt", "grapefruit"]),
        ("juice-smooth", ["smooth", "juice"]),
        ("oatghurt", ["havregurt", "oatgurt"]),
        ("soyghurt", ["soya", "yoghurt"]),
        ("ecological", ["ekologisk", "eko", "organic"]),
        ("lactose", ["laktosfri", "laktos"]),
        ("natural", ["naturell", "natural", "naturlig"]),
        ("vanilla", ["vanilj", "vanilla"]),
        ("strawberry", ["jordgubb", "strawberry"]),
        ("blueberry", ["blabar", "blueberry"]),
        ("apple", ["apple"]),            // "äpple" folds to "apple" too
        ("orange", ["apelsin", "orange"]),
        ("grapefruit", ["grapefrukt", "grapefruit"]),
        ("mandarin", ["mandarin"]),
        ("morning", ["morning"]),
        ("golden", ["golden"]),
        ("yoghurt", ["yoghurt", "yogurt"]),
        ("mild", ["mild"]),
        ("fresh", ["fresh", "farsk"]),
        ("juice", ["juice"]),
        ("milk", ["mjolk", "milk"]),
        ("cream", ["gradde"]),
    ];
}
