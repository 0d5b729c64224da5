using Microsoft.EntityFrameworkCore;
using Weimin.Data;
using Weimin.Web.Authorization;

namespace Weimin.Tests.Data;

/// <summary>Both providers' migration sets must cover the model: a model change without a migration fails here.</summary>
public class MigrationTests
{
    [Fact]
    public void Sqlite_migrations_cover_the_model()
    {
        using var db = new SqliteAppDb(new DbContextOptionsBuilder<SqliteAppDb>().UseSqlite("Data Source=:memory:").Options, DataScope.System());
        Assert.False(db.Database.HasPendingModelChanges(), "The model has changes no SQLite migration covers: run scripts/add-migration.sh");
        Assert.NotEmpty(db.Database.GetMigrations());
    }

    [Fact]
    public void Postgres_migrations_cover_the_model()
    {
        using var db = new PostgresAppDb(new DbContextOptionsBuilder<PostgresAppDb>().UseNpgsql("Host=127.0.0.1;Database=unused").Options, DataScope.System());
        Assert.False(db.Database.HasPendingModelChanges(), "The model has changes no PostgreSQL migration covers: run scripts/add-migration.sh");
        Assert.Equal(
            new SqliteAppDb(new DbContextOptionsBuilder<SqliteAppDb>().UseSqlite("Data Source=:memory:").Options, DataScope.System())
                .Database.GetMigrations().Select(m => m[15..]),
            db.Database.GetMigrations().Select(m => m[15..]));
    }
}
