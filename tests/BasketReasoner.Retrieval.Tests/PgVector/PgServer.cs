namespace BasketReasoner.Retrieval.Tests.PgVector;

/// <summary>Where the pgvector tests find their server: BASKET_PG, else the cluster scripts/setup-postgres.sh starts.</summary>
internal static class PgServer
{
    public const string DefaultConnectionString = "Host=127.0.0.1;Port=55432;Username=postgres;Database=basketreasoner;Timeout=5";

    public static string ConnectionString =>
        Environment.GetEnvironmentVariable("BASKET_PG") is { Length: > 0 } configured ? configured : DefaultConnectionString;
}
