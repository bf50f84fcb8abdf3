using Npgsql;

namespace Raio.Api.Infrastructure;

public static class DatabaseSetup
{
    /// <summary>
    /// The one pool every slice and the ledger share. Statements are few and hot, so each is
    /// parsed once per connection; connections keep no session state, so the pool hands them back
    /// without resetting it.
    /// </summary>
    /// <remarks>
    /// Prepared statements are planned afresh on every run: a generic plan, made once while a
    /// young table is small, can settle on a full scan for <c>id = ANY($1)</c> and keep it while
    /// the table grows, turning a lookup by key into a pass over every transfer.
    /// </remarks>
    public static NpgsqlDataSource CreateDataSource(string connectionString)
    {
        var builder = new NpgsqlConnectionStringBuilder(connectionString)
        {
            MaxAutoPrepare = 64,
            AutoPrepareMinUsages = 2,
            NoResetOnClose = true,
            Options = "-c plan_cache_mode=force_custom_plan",
        };
        return new NpgsqlDataSourceBuilder(builder.ConnectionString).Build();
    }
}
