using Npgsql;

namespace Raio.Api.Infrastructure;

/// <summary>The service's two connection pools: one for the slices, one for the ledger.</summary>
public static class DatabaseSetup
{
    /// <summary>
    /// The slices' pool. Statements are few and hot, so each is parsed once per connection;
    /// connections keep no session state, so the pool hands them back without resetting it.
    /// </summary>
    /// <remarks>
    /// Prepared statements are planned afresh on every run: a generic plan, made once while a
    /// young table is small, can settle on a full scan for <c>id = ANY($1)</c> and keep it while
    /// the table grows, turning a lookup by key into a pass over the table.
    /// </remarks>
    public static NpgsqlDataSource CreateDataSource(string connectionString) =>
        Create(connectionString, "-c plan_cache_mode=force_custom_plan");

    /// <summary>
    /// The ledger's pool. Every ledger statement finds its rows through an index, by id or by
    /// account and timestamp, so its sessions rule out table scans and may then keep generic
    /// plans, which spares planning on the hot path without the risk described above.
    /// </summary>
    public static NpgsqlDataSource CreateLedgerDataSource(string connectionString) =>
        Create(connectionString, "-c enable_seqscan=off");

    static NpgsqlDataSource Create(string connectionString, string options)
    {
        var builder = new NpgsqlConnectionStringBuilder(connectionString)
        {
            MaxAutoPrepare = 64,
            AutoPrepareMinUsages = 2,
            NoResetOnClose = true,
            Options = options,
        };
        return new NpgsqlDataSourceBuilder(builder.ConnectionString).Build();
    }
}
