using System.Linq.Expressions;
using System.Text;
using BasketReasoner.Retrieval.Common;
using BasketReasoner.Retrieval.PgVector;
using BasketReasoner.Retrieval.Tests.Conformance;
using Microsoft.Extensions.VectorData.ProviderServices;
using Npgsql;

namespace BasketReasoner.Retrieval.Tests.PgVector;

public sealed class PgFilterTranslatorTests
{
    private static readonly CollectionModel Model = new PgModelBuilder().Build(typeof(Grocery), typeof(string), Grocery.Definition(4), null);

    [Fact]
    public void Write_ValuesWithQuotes_BecomeParametersNeverText()
    {
        var hostile = "x'); DROP TABLE t; --";
        double min = 10;

        var (sql, parameters) = Translate(r => r.Category == hostile && r.Weight > min);

        Assert.Equal("(\"Category\" = $1 AND \"Weight\" > $2)", sql);
        Assert.Equal([hostile, (object)10d], parameters.Select(p => p.Value));
        Assert.DoesNotContain("DROP", sql);
    }

    [Fact]
    public void Write_OrNotBoolNullAndContains_TranslatesEachForm()
    {
        string[] brands = ["Arla", "Bio"];

        var (sql, parameters) = Translate(r => (r.Organic || !(r.Weight <= 5)) && r.Brand != null && r.Category != "Milk" && brands.Contains(r.Brand));

        Assert.Equal(
            "((((\"Organic\" = $1 OR (NOT \"Weight\" <= $2)) AND \"Brand\" IS NOT NULL) AND \"Category\" IS DISTINCT FROM $3) AND \"Brand\" = ANY($4))",
            sql);
        Assert.Equal([true, (object)5d, "Milk", brands], parameters.Select(p => p.Value));
    }

    [Fact]
    public void Write_ValueOnTheLeft_FlipsTheComparison()
    {
        var (sql, _) = Translate(r => 100 < r.Weight);

        Assert.Equal("\"Weight\" > $1", sql);
    }

    [Fact]
    public void Parse_RecordOnBothSides_IsRejected()
    {
        Assert.Throws<NotSupportedException>(() => Translate(r => r.Brand == r.Category));
        Assert.Throws<NotSupportedException>(() => Translate(r => r.Vector.Length > 0));
    }

    private static (string Sql, List<NpgsqlParameter> Parameters) Translate(Expression<Func<Grocery, bool>> filter)
    {
        var sql = new StringBuilder();
        var parameters = new List<NpgsqlParameter>();
        PgFilterTranslator.Write(FilterParser.Parse(filter, Model), sql, parameters);
        return (sql.ToString(), parameters);
    }
}
