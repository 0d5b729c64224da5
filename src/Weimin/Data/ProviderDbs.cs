using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;
using Weimin.Web.Authorization;

namespace Weimin.Data;

public sealed class SqliteAppDb(DbContextOptions<SqliteAppDb> options, DataScope scope) : AppDb(options, scope);

public sealed class PostgresAppDb(DbContextOptions<PostgresAppDb> options, DataScope scope) : AppDb(options, scope);

// Used only by `dotnet ef` (docs/migrations.md); never at run time.
internal sealed class SqliteDesignFactory : IDesignTimeDbContextFactory<SqliteAppDb>
{
    public SqliteAppDb CreateDbContext(string[] args) =>
        new(new DbContextOptionsBuilder<SqliteAppDb>().UseSqlite("Data Source=design.db").Options, DataScope.System());
}

internal sealed class PostgresDesignFactory : IDesignTimeDbContextFactory<PostgresAppDb>
{
    public PostgresAppDb CreateDbContext(string[] args) =>
        new(new DbContextOptionsBuilder<PostgresAppDb>().UseNpgsql("Host=127.0.0.1;Database=design").Options, DataScope.System());
}
