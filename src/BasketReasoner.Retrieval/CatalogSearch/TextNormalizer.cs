using System.Text;

namespace BasketReasoner.Retrieval.CatalogSearch;

/// <summary>
/// Lower-cases, folds Swedish and other Latin diacritics (å ä → a, ö → o, é → e) and splits on anything that is not a
/// letter or digit, so "Mjölk", "mjolk" and "MJÖLK" meet. O(length).
/// </summary>
internal static class TextNormalizer
{
    public static string Normalize(string text)
    {
        var sb = new StringBuilder(text.Length);
        foreach (var c in text)
        {
            var lower = char.ToLowerInvariant(c);
            sb.Append(lower switch
            {
                'å' or 'ä' or 'à' or 'á' or 'â' or 'æ' => 'a',
                'ö' or 'ø' or 'ó' or 'ò' or 'ô' => 'o',
                'é' or 'è' or 'ê' or 'ë' => 'e',
                'ü' or 'ú' or 'ù' => 'u',
                'í' or 'ì' or 'ï' => 'i',
                _ when char.IsLetterOrDigit(lower) => lower,
                _ => ' ',
            });
        }

        return sb.ToString();
    }

    public static string[] Tokens(string text) =>
        Normalize(text).Split(' ', StringSplitOptions.RemoveEmptyEntries);
}
