using BasketReasoner.Tests.Infrastructure;
using BasketReasoner.Core.Catalog;
using BasketReasoner.CatalogBuilding;
using BasketReasoner.Core.Data;

namespace BasketReasoner.Tests.Catalog;

public sealed class CatalogBuilderTests
{
    // Building parses 81 small text files; once per test class is plenty.
    private static readonly Lazy<ProductCatalog> Catalog = new(() => CatalogBuilder.Build(DataRoot.Resolve()));

    [Fact]
    public void Build_RealDataset_OneProductPerClassWithUniqueIdsAndIndexes()
    {
        var products = Catalog.Value.Products;

        Assert.Equal(81, products.Count);
        Assert.Equal(81, products.Select(p => p.Id).Distinct(StringComparer.OrdinalIgnoreCase).Count());
        Assert.Equal(Enumerable.Range(0, 81), products.Select(p => p.ClassIndex).Order());
    }

    [Fact]
    public void Build_RealDataset_EveryProductHasWeightPriceAndTexts()
    {
        Assert.All(Catalog.Value.Products, p =>
        {
            Assert.True(p.UnitWeightGrams > 0, p.Id);
            Assert.True(p.Price.Amount > 0, p.Id);
            Assert.True(p.Price.IsDemo, p.Id);
            Assert.Equal(p.IsLoose ? PriceUnit.Kilogram : PriceUnit.Unit, p.Price.Per);
            Assert.False(string.IsNullOrWhiteSpace(p.Description), p.Id);
            Assert.False(string.IsNullOrWhiteSpace(p.DisplayName), p.Id);
            Assert.NotNull(p.Source);
            Assert.Contains(p.TopCategory, new[] { "Fruit", "Vegetables", "Packages" });
        });
    }

    [Fact]
    public void Build_ArlaStandardMilk_UnitWithOneLitreCartonWeight()
    {
        var milk = Catalog.Value.Get("Arla-Standard-Milk");

        Assert.Equal(SoldBy.Unit, milk.SoldBy);
        Assert.InRange(milk.UnitWeightGrams, 1030, 1100);
        Assert.False(milk.UnitWeightEstimated);
        Assert.Equal(1000, milk.VolumeMl);
        Assert.Equal("Arla", milk.Brand);
        Assert.Equal(3, milk.Attributes.FatPercent);
        Assert.Equal("Packages", milk.TopCategory);
        Assert.Equal(41, milk.ClassIndex);
    }

    [Fact]
    public void Build_LooseApple_SoldByWeightWithTextPieceWeight()
    {
        var apple = Catalog.Value.Get("Granny-Smith");

        Assert.Equal(SoldBy.Weight, apple.SoldBy);
        Assert.Equal(180, apple.UnitWeightGrams);
        Assert.False(apple.UnitWeightEstimated);
        Assert.Null(apple.Brand);
        Assert.Equal("Italy", apple.Attributes.Origin);
    }

    [Theory]
    [InlineData("Avocado")]
    [InlineData("Lemon")]
    [InlineData("Cucumber")]
    [InlineData("Floury-Potato")]
    [InlineData("Brown-Cap-Mushroom")]
    public void Build_ProduceWithoutWeightInTexts_EstimatedWeight(string id)
    {
        var p = Catalog.Value.Get(id);
        Assert.True(p.UnitWeightEstimated);
        Assert.True(p.UnitWeightGrams > 0);
    }

    [Fact]
    public void Build_RealDataset_OnlyProduceIsEverEstimated()
    {
        Assert.All(Catalog.Value.Products.Where(p => p.TopCategory == "Packages"), p => Assert.False(p.UnitWeightEstimated, p.Id));
    }

    [Fact]
    public void Build_AsparagusFixedPack_SoldPerUnit()
    {
        var asparagus = Catalog.Value.Get("Asparagus");
        Assert.Equal(SoldBy.Unit, asparagus.SoldBy);
        Assert.Equal(250, asparagus.NetWeightGrams);
        Assert.InRange(asparagus.UnitWeightGrams, 250, 270);
    }

    [Fact]
    public void Build_CabbageWithDashedInformationFileName_StillParsed()
    {
        var cabbage = Catalog.Value.Get("Cabbage");
        Assert.False(cabbage.UnitWeightEstimated);
        Assert.Equal(2800, cabbage.UnitWeightGrams);
        Assert.Equal("Germany", cabbage.Attributes.Origin);
    }

    [Theory]
    [InlineData("Garant-Ecological-Standard-Milk", "Garant", true, false, false)]
    [InlineData("Arla-Lactose-Medium-Fat-Milk", "Arla", false, true, false)]
    [InlineData("Oatly-Oat-Milk", "Oatly", false, false, true)]
    [InlineData("Alpro-Fresh-Soy-Milk", "Alpro", false, false, true)]
    [InlineData("God-Morgon-Orange-Juice", "God Morgon", false, false, false)]
    public void Build_Packages_BrandAndFlagsFromTexts(string id, string brand, bool organic, bool lactoseFree, bool plantBased)
    {
        var p = Catalog.Value.Get(id);
        Assert.Equal(brand, p.Brand);
        Assert.Equal(organic, p.Attributes.Organic);
        Assert.Equal(lactoseFree, p.Attributes.LactoseFree);
        Assert.Equal(plantBased, p.Attributes.PlantBased);
    }

    [Fact]
    public void Build_OrganicMilk_PricedAboveConventional()
    {
        Assert.True(Catalog.Value.Get("Arla-Ecological-Medium-Fat-Milk").Price.Amount > Catalog.Value.Get("Arla-Medium-Fat-Milk").Price.Amount);
    }

    [Fact]
    public void Build_Twice_Deterministic()
    {
        var again = CatalogBuilder.Build(DataRoot.Resolve());
        Assert.Equal(Catalog.Value.Products, again.Products);
    }

    [Fact]
    public void Build_MellanmjolkTitledSkimmed_ShopperNameSemiSkimmedWithSwedishPackName()
    {
        var milk = Catalog.Value.Get("Arla-Medium-Fat-Milk");
        Assert.Equal("Arla Skimmed milk 1,5%", milk.DisplayName);
        Assert.Equal("Arla semi-skimmed milk 1.5%", milk.ShopperFacingName);
        Assert.Equal("Arla Mellanmjölk 1.5%", milk.PackName);
    }

    [Fact]
    public void Build_RealDataset_EveryShopperNameOneLanguageWithDecimalPoints()
    {
        foreach (var p in Catalog.Value.Products)
        {
            Assert.NotNull(p.ShopperName);
            Assert.DoesNotMatch(@"[åäöÅÄÖ]", p.ShopperName);
            Assert.DoesNotMatch(@"\d,\d", p.ShopperName);
            Assert.DoesNotMatch(@"(?i)\b(mjölk|juice med|havre|ekologisk|naturell|vanilj)\b", p.ShopperName);
            Assert.NotEqual(p.ShopperName, p.PackName);
        }
    }

    [Fact]
    public void Build_LooseProduce_NoPackName()
    {
        Assert.All(Catalog.Value.Products.Where(p => p.IsLoose), p => Assert.Null(p.PackName));
    }

    [Fact]
    public void Load_CommittedCatalog_EqualsAFreshBuild()
    {
        var committed = ProductCatalog.Load(RepoPaths.CatalogPath);
        Assert.Equal(Catalog.Value.Products, committed.Products);
    }
}
