using Microsoft.Data.Sqlite;
using Npgsql;

namespace Weimin.Tests.Infrastructure;

/// <summary>
/// A real, empty database for one test class. SQLite by default (a temp file); PostgreSQL when
/// WEIMIN_TEST_PROVIDER=Postgres and WEIMIN_TEST_PG holds a server connection string (.ci/run starts one).
/// </summary>
public sealed class TestDatabase : IDisposable
{
    public string Provider { get; }
    public string ConnectionString { get; }
    private readonly string? _sqliteFile;
    private readonly string? _pgName;
    private readonly string? _pgServer;

    public static bool UsePostgres =>
        string.Equals(Environment.GetEnvironmentVariable("WEIMIN_TEST_PROVIDER"), "Postgres", StringComparison.OrdinalIgnoreCase);

    public TestDatabase()
    {
        if (UsePostgres)
        {
            _pgServer = Environment.GetEnvironmentVariable("WEIMIN_TEST_PG")
                        ?? throw new InvalidOperationException("WEIMIN_TEST_PROVIDER=Postgres needs WEIMIN_TEST_PG (a server connection string).");
            _pgName = "weimin_t_" + Guid.NewGuid().ToString("N")[..16];
            using (var conn = new NpgsqlConnection(_pgServer + ";Database=postgres"))
            {
                conn.Open();
                using var cmd = new NpgsqlCommand($"CREATE DATABASE \"{_pgName}\"", conn);
                cmd.ExecuteNonQuery();
            }
            Provider = "Postgres";
            ConnectionString = _pgServer + ";Database=" + _pgName;
        }
        else
        {
            _sqliteFile = Path.Combine(Path.GetTempPath(), $"weimin-test-{Guid.NewGuid():N}.db");
            Provider = "Sqlite";
            ConnectionString = $"Data Source={_sqliteFile}";
        }
    }

    public void Dispose()
    {
        if (_sqliteFile is not null)
        {
            SqliteConnection.ClearAllPools();
            foreach (var f in new[] { _sqliteFile, _sqliteFile + "-wal", _sqliteFile + "-shm" })
                if (File.Exists(f)) File.Delete(f);
        }
        else if (_pgName is not null)
        {
            NpgsqlConnection.ClearAllPools();
            using var conn = new NpgsqlConnection(_pgServer + ";Database=postgres");
            conn.Open();
            using var cmd = new NpgsqlCommand($"DROP DATABASE IF EXISTS \"{_pgName}\" WITH (FORCE)", conn);
            cmd.ExecuteNonQuery();
        }
    }
}
