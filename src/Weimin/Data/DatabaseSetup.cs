using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Weimin.Web.Authorization;

namespace Weimin.Data;

public sealed class DatabaseOptions
{
    /// <summary>Sqlite (default, a file in the data directory) or Postgres.</summary>
    public string Provider { get; set; } = "Sqlite";
    public string? ConnectionString { get; set; }
}

/// <summary>Runs once at start: applies migrations, then lets each feature seed what it needs.</summary>
public interface IStartupSeeder
{
    /// <summary>Lower runs first.</summary>
    int Order { get; }
    Task SeedAsync(AppDb db, CancellationToken ct);
}

public static class DatabaseSetup
{
    public static bool IsPostgres(this DatabaseOptions o) => o.Provider.Equals("Postgres", StringComparison.OrdinalIgnoreCase)
                                                            || o.Provider.Equals("PostgreSQL", StringComparison.OrdinalIgnoreCase);

    public static IServiceCollection AddWeiminDatabase(this IServiceCollection services, IConfiguration config, string dataDirectory)
    {
        var options = config.GetSection("Weimin:Database").Get<DatabaseOptions>() ?? new DatabaseOptions();
        // An empty setting (Weimin__Database__ConnectionString= in an env file) means "not set", not SQLite's in-memory database.
        if (string.IsNullOrWhiteSpace(options.ConnectionString)) options.ConnectionString = null;
        options.ConnectionString ??= config.GetConnectionString("Default");
        if (string.IsNullOrWhiteSpace(options.ConnectionString)) options.ConnectionString = null;
        services.AddSingleton(options);

        if (options.IsPostgres())
        {
            var cs = options.ConnectionString ?? throw new InvalidOperationException(
                "Weimin:Database:Provider is Postgres but no connection string is set (Weimin__Database__ConnectionString).");
            services.AddDbContext<AppDb, PostgresAppDb>((sp, o) => Configure(sp, o.UseNpgsql(cs, n => n.EnableRetryOnFailure(3))));
        }
        else
        {
            var cs = options.ConnectionString ?? $"Data Source={Path.Combine(dataDirectory, "weimin.db")}";
            services.AddDbContext<AppDb, SqliteAppDb>((sp, o) => Configure(sp, o.UseSqlite(cs)));
        }
        return services;
    }

    private static void Configure(IServiceProvider sp, DbContextOptionsBuilder o)
    {
        o.AddInterceptors(sp.GetServices<ISaveChangesInterceptor>());
        o.AddInterceptors(new SqlitePragmas());
    }

    /// <summary>
    /// Migrations, then the seeders, with every other instance that starts at the same moment waiting its turn: the
    /// first applies the migrations and seeds, the others then find nothing left to do. EF Core's own migration lock
    /// covers the migrations only; the seeders (roles, the first admin, the calendar, demo data) need it too.
    /// </summary>
    public static async Task MigrateAndSeedAsync(IServiceProvider services, CancellationToken ct = default)
    {
        await using var scope = services.CreateAsyncScope();
        scope.ServiceProvider.GetRequiredService<DataScope>().RunAsSystem();
        var db = scope.ServiceProvider.GetRequiredService<AppDb>();
        await using var startup = await StartupLock.AcquireAsync(db, ct);
        await db.Database.MigrateAsync(ct);
        foreach (var seeder in scope.ServiceProvider.GetServices<IStartupSeeder>().OrderBy(s => s.Order))
            await seeder.SeedAsync(db, ct);
    }
}

/// <summary>WAL and a busy timeout make SQLite behave under concurrent requests; no-op on PostgreSQL.</summary>
internal sealed class SqlitePragmas : DbConnectionInterceptor
{
    public override async Task ConnectionOpenedAsync(System.Data.Common.DbConnection connection, ConnectionEndEventData eventData, CancellationToken ct = default)
    {
        if (connection is Microsoft.Data.Sqlite.SqliteConnection)
        {
            await using var cmd = connection.CreateCommand();
            cmd.CommandText = "PRAGMA journal_mode=WAL; PRAGMA busy_timeout=5000; PRAGMA foreign_keys=ON;";
            await cmd.ExecuteNonQueryAsync(ct);
        }
    }

    public override void ConnectionOpened(System.Data.Common.DbConnection connection, ConnectionEndEventData eventData)
    {
        if (connection is Microsoft.Data.Sqlite.SqliteConnection)
        {
            using var cmd = connection.CreateCommand();
            cmd.CommandText = "PRAGMA journal_mode=WAL; PRAGMA busy_timeout=5000; PRAGMA foreign_keys=ON;";
            cmd.ExecuteNonQuery();
        }
    }
}

/// <summary>
/// One instance at a time through start-up. PostgreSQL: a session advisory lock on a connection of its own (it is
/// released when the connection closes, also when the process dies). SQLite: an exclusive lock file beside the
/// database file (the OS releases it with the process).
/// </summary>
internal sealed class StartupLock : IAsyncDisposable
{
    // Any constant shared by all instances; "weimin" in ASCII.
    private const long Key = 0x7765696d696e;
    private readonly Npgsql.NpgsqlConnection? connection;
    private readonly FileStream? file;

    private StartupLock(Npgsql.NpgsqlConnection? connection, FileStream? file) => (this.connection, this.file) = (connection, file);

    public static async Task<StartupLock> AcquireAsync(AppDb db, CancellationToken ct)
    {
        if (db.Database.IsNpgsql())
        {
            var connection = new Npgsql.NpgsqlConnection(db.Database.GetConnectionString());
            await connection.OpenAsync(ct);
            await using var command = new Npgsql.NpgsqlCommand($"SELECT pg_advisory_lock({Key})", connection);
            await command.ExecuteNonQueryAsync(ct);
            return new StartupLock(connection, null);
        }
        var dataSource = new Microsoft.Data.Sqlite.SqliteConnectionStringBuilder(db.Database.GetConnectionString()).DataSource;
        if (string.IsNullOrEmpty(dataSource) || dataSource == ":memory:") return new StartupLock(null, null);
        var path = Path.GetFullPath(dataSource) + ".startup-lock";
        for (var attempt = 0; ; attempt++)
        {
            try
            {
                return new StartupLock(null, new FileStream(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None, 1, FileOptions.DeleteOnClose));
            }
            catch (IOException) when (attempt < 1200)
            {
                await Task.Delay(100, ct); // another instance is starting; at most two minutes
            }
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (connection is not null) await connection.DisposeAsync();
        if (file is not null) await file.DisposeAsync();
    }
}
