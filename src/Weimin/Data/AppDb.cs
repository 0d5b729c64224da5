using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Identity.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;
using Weimin.Features.Accounts;
using Weimin.Web.Authorization;

namespace Weimin.Data;

/// <summary>
/// The one DbContext. Provider-specific subclasses (<see cref="SqliteAppDb"/>, <see cref="PostgresAppDb"/>)
/// exist only so that each provider keeps its own migration set; code always asks for <c>AppDb</c>.
/// </summary>
public abstract class AppDb(DbContextOptions options, DataScope scope)
    : IdentityDbContext<AppUser, IdentityRole, string>(options)
{
    // Read by the query filters at query time; EF turns these into parameters per query.
    internal bool ScopeUnrestricted => scope.Unrestricted;
    internal int ScopeAgencyId => scope.AgencyId ?? -1;
    internal bool ScopeSectionOnly => scope.SectionId is not null;
    internal int ScopeSectionId => scope.SectionId ?? -1;

    public DataScope Scope => scope;

    protected override void OnModelCreating(ModelBuilder builder)
    {
        base.OnModelCreating(builder);
        builder.ApplyConfigurationsFromAssembly(typeof(AppDb).Assembly);
        ScopeFilters.Apply(builder, this);
    }

    protected override void ConfigureConventions(ModelConfigurationBuilder builder)
    {
        // Instants are stored as UTC and read back as UTC (SQLite forgets the kind otherwise).
        builder.Properties<DateTime>().HaveConversion<UtcDateTimeConverter>();
        builder.Properties<string>().HaveMaxLength(400);
    }
}
