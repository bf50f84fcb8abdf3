using Npgsql;

namespace Raio.Api.Infrastructure;

public static class DatabaseSetup
{
    /// <summary>
    /// The one pool every slice and the ledger share. Statements are few and hot, so PostgreSQL
    /// plans each once per connection; connections keep no session state, so the pool hands them
    /// back without resetting it.
    /// </summary>
    public static NpgsqlDataSource CreateDataSource(string connectionString)
    {
        var builder = new NpgsqlConnectionStringBuilder(connectionString)
        {
            MaxAutoPrepare = 64,
            AutoPrepareMinUsages = 2,
            NoResetOnClose = true,
        };
        return new NpgsqlDataSourceBuilder(builder.ConnectionString).Build();
    }
}
