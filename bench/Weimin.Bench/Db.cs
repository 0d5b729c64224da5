using Microsoft.EntityFrameworkCore;
using Weimin.Data;
using Weimin.Web.Authorization;

namespace Weimin.Bench;

internal static class Db
{
    public static bool IsPostgres(string provider) =>
        provider.Equals("Postgres", StringComparison.OrdinalIgnoreCase) || provider.Equals("PostgreSQL", StringComparison.OrdinalIgnoreCase);

    /// <summary>The app's own context (its model gives table and column names), unrestricted like a startup seeder.</summary>
    public static AppDb Open(string provider, string connection) => IsPostgres(provider)
        ? new PostgresAppDb(new DbContextOptionsBuilder<PostgresAppDb>().UseNpgsql(connection).Options, DataScope.System())
        : new SqliteAppDb(new DbContextOptionsBuilder<SqliteAppDb>().UseSqlite(connection).Options, DataScope.System());
}
