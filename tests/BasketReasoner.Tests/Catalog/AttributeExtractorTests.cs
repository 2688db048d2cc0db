using BasketReasoner.CatalogBuilding;

namespace BasketReasoner.Tests.Catalog;

public sealed class AttributeExtractorTests
{
    private static InformationFile Info(string text) => InformationFile.Parse(text);

    [Fact]
    public void Extract_GarantEkoMilk_OrganicWithFatAndSwedishCountryNormalised()
    {
        var info = Info("""
            Title: Mellanmjölk Ekologisk 1,5% 
            Manufacturer and volume: GARANT EKO , 1l 
            Manufacturing country: Sverige 
            Ingredients: INGREDIENSER: Lågpastöriserad MJÖLK*, vitamin D. *KRAV-godkänd råvara.
            Nutrition values per 100 gram: 
               fett ca 1.50 gram 
            """);

        var a = AttributeExtractor.Extract(info, isPackage: true, "Milk");

        Assert.True(a.Organic);
        Assert.False(a.LactoseFree);
        Assert.False(a.PlantBased);
        Assert.Equal(1.5, a.FatPercent);
        Assert.Equal("Sweden", a.Origin);
        Assert.Null(a.Flavour);
    }

    [Fact]
    public void Extract_LactoseFreeTitle_LactoseFree()
    {
        var a = AttributeExtractor.Extract(Info("Title: Skimmed milk lactose free 1,5% \nManufacturer and volume: ARLA KO, 1l \n"), true, "Milk");
        Assert.True(a.LactoseFree);
        Assert.False(a.Organic);
        Assert.Equal(1.5, a.FatPercent);
    }

    [Fact]
    public void Extract_OatlyWithoutFatInTitle_PlantBasedAndFatFromNutrition()
    {
        var info = Info("""
            Title: Havredryck Berikad Färsk 
            Manufacturer and volume: OATLY , 1l 
            Ingredients: INGREDIENSER: Havrebas (vatten, HAVRE 10 %), rapsolja.
            Nutrition values per 100 gram: 
               energi ca 190 kilojoule 
               fett ca 1.5 gram 
               varav mättat fett ca 0.2 gram 
            """);

        var a = AttributeExtractor.Extract(info, true, "Oat-Milk");

        Assert.True(a.PlantBased);
        Assert.Equal(1.5, a.FatPercent);
    }

    [Fact]
    public void Extract_SourCreamIngredients_FatFromFetthalt()
    {
        var info = Info("Title: Gräddfil\nIngredients: Högpastöriserad GRÄDDE fetthalt 12% och syrningskultur.\n");
        Assert.Equal(12, AttributeExtractor.Extract(info, true, "Sour-Cream").FatPercent);
    }

    [Fact]
    public void Extract_JuiceWithTraceFat_NoFatPercent()
    {
        var info = Info("Title: Apelsinjuice \nNutrition values per 100 gram: \n   fett ca 0.1 gram \n");
        Assert.Null(AttributeExtractor.Extract(info, true, "Juice").FatPercent);
    }

    [Fact]
    public void Extract_EcologicalBanana_OrganicWithOriginButNoPackageAttributes()
    {
        var info = Info("Title: Banana Ecological Class 1 \nCountry and volume: Ecuador, ca 180g \n");
        var a = AttributeExtractor.Extract(info, isPackage: false, "Banana");
        Assert.True(a.Organic);
        Assert.False(a.PlantBased);
        Assert.Null(a.Flavour);
        Assert.Equal("Ecuador", a.Origin);
    }

    [Theory]
    [InlineData("Mild Yoghurt Vanilla", "vanilla")]
    [InlineData("Madagaskar Vanilj Yoghurt 2%", "vanilla")]
    [InlineData("Blueberry Yofu Soyghurt", "blueberry")]
    [InlineData("Äpple Juice", "apple")]
    [InlineData("Apelsin Blodgrape Juice med Fruktkött", "orange, red grapefruit")]
    [InlineData("Golden Grapefruit Färskpressad Juice", "grapefruit")]
    [InlineData("Mild Lättyoghurt Naturell 0,5%", "natural")]
    [InlineData("Vaniljyoghurt Jordgubb 2%", "vanilla, strawberry")]
    [InlineData("Soy drink calcium", null)]
    public void Flavour_RealTitles_CanonicalEnglishFlavours(string title, string? expected) =>
        Assert.Equal(expected, AttributeExtractor.Flavour(title));

    [Fact]
    public void Origin_TheNetherlands_Normalised()
    {
        Assert.Equal("Netherlands", AttributeExtractor.Origin(Info("Title: Carrot\nCountry and volume: The Netherlands, ca 170g\n")));
    }

    [Theory]
    [InlineData("ARLA KO , 1l", "Arla")]
    [InlineData("GARANT EKO , 1l", "Garant")]
    [InlineData("GOD MORGON , 1l", "God Morgon")]
    [InlineData("ALPRO , 750g", "Alpro")]
    [InlineData(null, null)]
    public void BrandExtract_ManufacturerLine_TitleCasedWithoutRangeQualifiers(string? line, string? brand) =>
        Assert.Equal(brand, BrandExtractor.Extract(line));

    [Fact]
    public void InformationFile_Bom_TitleStillRead()
    {
        Assert.Equal("Apple Granny Smith Class 1", Info("\uFEFFTitle: Apple Granny Smith Class 1 \r\nCountry and volume: Italy, ca 180g \r\n").Title);
    }

    [Theory]
    [InlineData("Apple Granny Smith Class 1", null, "Granny-Smith", "Apple Granny Smith")]
    [InlineData("Pineapple Klass 1 ", null, "Pineapple", "Pineapple")]
    [InlineData("Mjölk 3%", "Arla", "Arla-Standard-Milk", "Arla Mjölk 3%")]
    [InlineData(null, null, "Red-Beet", "Red Beet")]
    public void DisplayName_Title_DropsGradeAndAddsBrand(string? title, string? brand, string id, string expected) =>
        Assert.Equal(expected, DisplayNameCleaner.Clean(title, brand, id));
}
