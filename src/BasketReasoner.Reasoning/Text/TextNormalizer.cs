using System.Globalization;
using System.Text;

namespace BasketReasoner.Reasoning.Text;

/// <summary>
/// Folds text for matching: lower case, diacritics removed (å/ä → a, ö → o, é → e), everything but letters, digits,
/// <c>%</c> and the decimal comma/point turned into a space. The OCR model's character set has no å/ä/ö, so pack
/// text and catalog vocabulary meet in this folded form.
/// </summary>
internal static class TextNormalizer
{
    public static string Fold(string text)
    {
        var decomposed = text.Normalize(NormalizationForm.FormD);
        var sb = new StringBuilder(decomposed.Length);
        foreach (var ch in decomposed)
        {
            var category = CharUnicodeInfo.GetUnicodeCategory(ch);
            if (category == UnicodeCategory.NonSpacingMark)
            {
                continue;
            }

            if (char.IsLetterOrDigit(ch))
            {
                sb.Append(char.ToLowerInvariant(ch));
            }
            else if (ch is '%' or ',' or '.')
            {
                sb.Append(ch);
            }
            else
            {
                sb.Append(' ');
            }
        }

        return sb.ToString();
    }

    /// <summary>Letters and digits only: OCR often merges or splits words, so terms are also sought in this form.</summary>
    public static string Squash(string folded)
    {
        var sb = new StringBuilder(folded.Length);
        foreach (var ch in folded)
        {
            if (char.IsLetterOrDigit(ch))
            {
                sb.Append(ch);
            }
        }

        return sb.ToString();
    }
}
