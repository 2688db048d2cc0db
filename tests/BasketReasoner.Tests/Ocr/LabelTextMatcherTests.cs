using BasketReasoner.Core.Catalog;
using BasketReasoner.Core.Vision;
using BasketReasoner.Reasoning.Text;
using BasketReasoner.Tests.Infrastructure;

namespace BasketReasoner.Tests.Ocr;

public sealed class LabelTextMatcherTests
{
    private static readonly ProductCatalog Catalog = ProductCatalog.Load(RepoPaths.CatalogPath);
    private readonly LabelTextMatcher _matcher = new(Catalog);

    private static RecognizedText Line(string text, double confidence = 0.95) => new(text, confidence, 0.8, 0, 0, 20);

    private string Best(params string[] lines)
    {
        var scores = new float[Catalog.Count];
        Assert.True(_matcher.Score(lines.Select(l => Line(l)).ToArray(), scores));
        var best = 0;
        for (var c = 1; c < scores.Length; c++)
        {
            best = scores[c] > scores[best] ? c : best;
        }

        return Catalog[best].Id;
    }

    [Fact]
    public void Score_BrandNameAndFatPercent_RanksTheArlaMediumFatMilksFirst()
    {
        var scores = new float[Catalog.Count];
        _matcher.Score([Line("Arla"), Line("MELLANMJÖLK"), Line("1,5%")], scores);

        float S(string id) => scores[Catalog.Get(id).ClassIndex];
        // Text is positive evidence only: the plain carton's words are all on the organic and lactose-free ones too,
        // so the three tie here and the "EKOLOGISK" / "LAKTOSFRI" words (next tests) or vision separate them.
        Assert.Equal(S("Arla-Medium-Fat-Milk"), S("Arla-Ecological-Medium-Fat-Milk"));
        Assert.Equal(S("Arla-Medium-Fat-Milk"), S("Arla-Lactose-Medium-Fat-Milk"));
        Assert.True(S("Arla-Medium-Fat-Milk") > S("Arla-Standard-Milk"));
        Assert.True(S("Arla-Medium-Fat-Milk") > S("Garant-Ecological-Medium-Fat-Milk"));
        Assert.True(S("Arla-Medium-Fat-Milk") > S("Arla-Sour-Milk"));
    }

    [Fact]
    public void Score_LactoseFreeWord_SeparatesTheLactoseFreeVariant() =>
        Assert.Equal("Arla-Lactose-Medium-Fat-Milk", Best("Arla", "Laktosfri", "MELLANMJÖLK"));

    [Fact]
    public void Score_OrganicWord_SeparatesTheEcologicalVariant() =>
        Assert.Equal("Arla-Ecological-Medium-Fat-Milk", Best("Arla", "EKOLOGISK", "MELLANMJOLK", "1,5 %"));

    [Fact]
    public void Score_OcrTypos_StillMatchWithinTheEditBound() =>
        Assert.Equal("Arla-Sour-Milk", Best("Arla", "FILMJ0LK"));

    [Fact]
    public void Score_SwedishFlavour_MatchesTheEnglishCatalogName() =>
        Assert.Equal("Alpro-Blueberry-Soyghurt", Best("alpro", "Blåbär"));

    [Fact]
    public void Score_RareBrand_OutweighsCommonBrand()
    {
        var scores = new float[Catalog.Count];
        _matcher.Score([Line("oatly"), Line("arla")], scores);

        var oatly = scores[Catalog.Get("Oatly-Oat-Milk").ClassIndex];
        var arla = scores[Catalog.Get("Arla-Standard-Milk").ClassIndex];
        Assert.True(oatly > arla, $"oatly {oatly} vs arla {arla}: eleven products share Arla");
    }

    [Fact]
    public void Score_NoLinesOrUnrelatedText_ScoresNothing()
    {
        var scores = new float[Catalog.Count];
        Array.Fill(scores, 7f);

        Assert.False(_matcher.Score([], scores));
        Assert.All(scores, s => Assert.Equal(0f, s));
        Assert.False(_matcher.Score([Line("xq zz 42")], scores));
    }

    [Fact]
    public void Score_LooseProduce_NeverScores()
    {
        var scores = new float[Catalog.Count];
        _matcher.Score([Line("BANANA"), Line("Golden Delicious")], scores);

        Assert.Equal(0f, scores[Catalog.Get("Banana").ClassIndex]);
        Assert.Equal(0f, scores[Catalog.Get("Golden-Delicious").ClassIndex]);
    }

    [Fact]
    public void Score_LowConfidenceLine_CountsLess()
    {
        var sure = new float[Catalog.Count];
        var unsure = new float[Catalog.Count];
        _matcher.Score([Line("Tropicana", 0.98)], sure);
        _matcher.Score([Line("Tropicana", 0.55)], unsure);

        var c = Catalog.Get("Tropicana-Apple-Juice").ClassIndex;
        Assert.True(unsure[c] < sure[c]);
    }

    [Theory]
    [InlineData("mellanmjolk", "arlamellanmjolk", 1.0)]
    [InlineData("mellanmjolk", "mellanmjok", 1.0 - (1.0 / 11))]
    [InlineData("arla", "arta", 0.0)]   // four letters: exact only
    [InlineData("eko", "ekologisk", 0.0)] // three letters: whole token only
    [InlineData("eko", "eko", 1.0)]
    public void Match_BoundedEditDistance(string term, string line, double expected)
    {
        var folded = line;
        Assert.Equal(expected, LabelTextMatcher.Match(term, folded, folded.Split(' ')), 6);
    }

    [Fact]
    public void Quantities_PercentAndVolume_AreNormalised()
    {
        var q = LabelTextMatcher.Quantities("fett 1,5% 1l 500 ml 3 %");

        Assert.Contains("1.5%", q);
        Assert.Contains("3%", q);
        Assert.Contains("1000ml", q);
        Assert.Contains("500ml", q);
    }

    [Fact]
    public void TermsFor_MediumFatMilk_HasBrandSwedishNameAndFat()
    {
        var terms = _matcher.TermsFor(Catalog.Get("Arla-Medium-Fat-Milk").ClassIndex).ToArray();

        Assert.Contains("arla", terms);
        Assert.Contains("mellanmjolk", terms);
        Assert.Contains("1.5%", terms);
    }
}
