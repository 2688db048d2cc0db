using System.Globalization;
using System.Text.RegularExpressions;
using BasketReasoner.Core.Catalog;
using BasketReasoner.Core.Vision;

namespace BasketReasoner.Reasoning.Text;

/// <summary>
/// Scores recognised label text against every branded (packaged) product of the catalog: per product a set of terms
/// (brand, name words and their Swedish pack spellings from <see cref="PackVocabulary"/>, fat %, volume), each
/// weighted by how rare it is among the packaged products (inverse document frequency, so "Oatly" counts more than
/// "Arla", which eleven products share). A term's match is 1 − edits / length where the edits of its best
/// approximate occurrence in a line stay within ⌊(length − 1) / 4⌋ (exact for terms of up to four letters),
/// times the line's OCR confidence; a product's score is the sum of its terms' weighted best matches. Loose produce
/// and products without a brand score 0. Building is O(products · terms); <see cref="Score"/> is
/// O(lines · distinct terms · term length · line length), well under a millisecond for a frame's few lines.
/// Not thread-safe (reuses its match buffer).
/// </summary>
public sealed partial class LabelTextMatcher
{
    private readonly string[] _terms;
    private readonly bool[] _numeric;
    private readonly (int Term, double Weight)[][] _byProduct;
    private readonly double[] _match;

    public LabelTextMatcher(ProductCatalog catalog)
    {
        ArgumentNullException.ThrowIfNull(catalog);
        var perProduct = new List<string>[catalog.Count];
        var df = new Dictionary<string, int>(StringComparer.Ordinal);
        var packaged = 0;
        for (var c = 0; c < catalog.Count; c++)
        {
            var terms = TermsOf(catalog[c]);
            perProduct[c] = terms;
            if (terms.Count > 0)
            {
                packaged++;
            }

            foreach (var t in terms)
            {
                df[t] = df.GetValueOrDefault(t) + 1;
            }
        }

        _terms = [.. df.Keys];
        var index = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var i = 0; i < _terms.Length; i++)
        {
            index[_terms[i]] = i;
        }

        _numeric = [.. _terms.Select(t => t.EndsWith('%') || t.EndsWith("ml", StringComparison.Ordinal))];
        _byProduct = new (int, double)[catalog.Count][];
        for (var c = 0; c < catalog.Count; c++)
        {
            _byProduct[c] = [.. perProduct[c].Select(t => (index[t], Math.Log((packaged + 1.0) / (df[t] + 0.5))))];
        }

        _match = new double[_terms.Length];
        ProductCount = catalog.Count;
    }

    public int ProductCount { get; }

    /// <summary>
    /// The most <see cref="Score"/> can give the product: every one of its terms read exactly at full OCR confidence
    /// (0 for loose produce and unbranded products).
    /// </summary>
    public double MaxScore(int classIndex) => _byProduct[classIndex].Sum(t => t.Weight);

    /// <summary>The folded terms a product is matched on (for explanations and tests).</summary>
    public IEnumerable<string> TermsFor(int classIndex) => _byProduct[classIndex].Select(t => _terms[t.Term]);

    /// <summary>Writes one score ≥ 0 per catalog product into <paramref name="perProduct"/>; all 0 when nothing matched.</summary>
    /// <returns>Whether any product scored above 0.</returns>
    public bool Score(IReadOnlyList<RecognizedText> lines, Span<float> perProduct)
    {
        if (perProduct.Length < ProductCount)
        {
            throw new ArgumentException($"Score span needs {ProductCount} entries, one per catalog product.", nameof(perProduct));
        }

        perProduct[..ProductCount].Clear();
        Array.Clear(_match);
        if (lines.Count == 0)
        {
            return false;
        }

        foreach (var line in lines)
        {
            var folded = TextNormalizer.Fold(line.Text);
            var squashed = TextNormalizer.Squash(folded);
            var tokens = folded.Split(' ', StringSplitOptions.RemoveEmptyEntries);
            var quantities = Quantities(folded);
            for (var t = 0; t < _terms.Length; t++)
            {
                var m = _numeric[t] ? (quantities.Contains(_terms[t]) ? 1.0 : 0.0) : Match(_terms[t], squashed, tokens);
                _match[t] = Math.Max(_match[t], m * line.Confidence);
            }
        }

        var any = false;
        for (var c = 0; c < ProductCount; c++)
        {
            double s = 0;
            foreach (var (term, weight) in _byProduct[c])
            {
                s += weight * _match[term];
            }

            perProduct[c] = (float)s;
            any |= s > 0;
        }

        return any;
    }

    /// <summary>How well <paramref name="term"/> occurs in a line: 1 exact, down to 0.75 with allowed edits, else 0.</summary>
    internal static double Match(string term, string squashedLine, string[] tokens)
    {
        var letters = term.Replace(" ", string.Empty, StringComparison.Ordinal);
        if (letters.Length <= 3)
        {
            // Short words ("eko") only as whole tokens: as substrings they would match inside anything.
            return tokens.Contains(letters) ? 1.0 : 0.0;
        }

        var allowed = (letters.Length - 1) / 4;
        var d = EditDistance.InSubstring(letters, squashedLine);
        return d <= allowed ? 1.0 - ((double)d / letters.Length) : 0.0;
    }

    /// <summary>Fat percentages ("1,5%" → "1.5%") and volumes ("1L", "1000 ml" → "1000ml") printed in a folded line.</summary>
    internal static HashSet<string> Quantities(string folded)
    {
        var set = new HashSet<string>(StringComparer.Ordinal);
        foreach (Match m in PercentPattern().Matches(folded))
        {
            if (double.TryParse(m.Groups[1].Value.Replace(',', '.'), NumberStyles.Float, CultureInfo.InvariantCulture, out var v))
            {
                set.Add(Percent(v));
            }
        }

        foreach (Match m in VolumePattern().Matches(folded))
        {
            if (double.TryParse(m.Groups[1].Value.Replace(',', '.'), NumberStyles.Float, CultureInfo.InvariantCulture, out var v))
            {
                var ml = m.Groups[2].Value switch { "l" => v * 1000, "dl" => v * 100, "cl" => v * 10, _ => v };
                set.Add(Millilitres(ml));
            }
        }

        return set;
    }

    private static List<string> TermsOf(Product p)
    {
        var terms = new List<string>();
        if (string.IsNullOrWhiteSpace(p.Brand))
        {
            return terms;
        }

        var brand = TextNormalizer.Fold(p.Brand).Trim();
        terms.Add(brand);
        // The id without the brand, e.g. "ecological-medium-fat-milk"; phrases are consumed longest first.
        var rest = p.Id.ToLowerInvariant();
        var brandId = p.Brand.Replace(' ', '-').ToLowerInvariant();
        if (rest.StartsWith(brandId, StringComparison.Ordinal))
        {
            rest = rest[brandId.Length..].Trim('-');
        }

        rest = $"-{rest}-";
        foreach (var (phrase, words) in PackVocabulary.Phrases)
        {
            if (rest.Contains($"-{phrase}-", StringComparison.Ordinal))
            {
                terms.AddRange(words);
                rest = rest.Replace($"-{phrase}-", "-", StringComparison.Ordinal);
            }
        }

        foreach (var word in rest.Split('-', StringSplitOptions.RemoveEmptyEntries))
        {
            if (word.Length >= 4)
            {
                terms.Add(word);
            }
        }

        if (p.Attributes.FatPercent is { } fat)
        {
            terms.Add(Percent(fat));
        }

        if (p.VolumeMl is { } ml)
        {
            terms.Add(Millilitres(ml));
        }

        return [.. terms.Distinct(StringComparer.Ordinal)];
    }

    private static string Percent(double v) => v.ToString("0.##", CultureInfo.InvariantCulture) + "%";

    private static string Millilitres(double v) => Math.Round(v).ToString(CultureInfo.InvariantCulture) + "ml";

    [GeneratedRegex(@"(\d+(?:[.,]\d+)?)\s*%")]
    private static partial Regex PercentPattern();

    [GeneratedRegex(@"(\d+(?:[.,]\d+)?)\s*(ml|cl|dl|l)\b")]
    private static partial Regex VolumePattern();
}
