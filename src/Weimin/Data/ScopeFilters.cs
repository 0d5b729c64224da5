using System.Linq.Expressions;
using Microsoft.EntityFrameworkCore;

namespace Weimin.Data;

/// <summary>Rows that belong to one agency. A staff member sees only their agency's rows.</summary>
public interface IAgencyOwned
{
    int AgencyId { get; }
}

/// <summary>Rows that also belong to one section. Section-bound roles see only their section's rows.</summary>
public interface ISectionOwned : IAgencyOwned
{
    int? SectionId { get; }
}

/// <summary>
/// Agency and section scope, enforced in one place: a query filter on every owned entity. A page or API that
/// loads a row by id from another agency or section simply does not find it (404); public pages that must
/// read across scope say so with <c>IgnoreQueryFilters()</c>, visibly.
/// </summary>
internal static class ScopeFilters
{
    public static void Apply(ModelBuilder builder, AppDb db)
    {
        foreach (var entity in builder.Model.GetEntityTypes().Where(e => e.BaseType is null).ToList())
        {
            var clr = entity.ClrType;
            if (typeof(ISectionOwned).IsAssignableFrom(clr))
                builder.Entity(clr).HasQueryFilter(SectionFilter(clr, db));
            else if (typeof(IAgencyOwned).IsAssignableFrom(clr))
                builder.Entity(clr).HasQueryFilter(AgencyFilter(clr, db));
        }
    }

    private static LambdaExpression AgencyFilter(Type clr, AppDb db)
    {
        var e = Expression.Parameter(clr, "e");
        return Expression.Lambda(AgencyCondition(e, db), e);
    }

    private static LambdaExpression SectionFilter(Type clr, AppDb db)
    {
        var e = Expression.Parameter(clr, "e");
        var ctx = Expression.Constant(db);
        // !SectionOnly || e.SectionId == ScopeSectionId
        var sectionOk = Expression.OrElse(
            Expression.Not(Expression.Property(ctx, nameof(AppDb.ScopeSectionOnly))),
            Expression.Equal(
                Expression.Property(e, nameof(ISectionOwned.SectionId)),
                Expression.Convert(Expression.Property(ctx, nameof(AppDb.ScopeSectionId)), typeof(int?))));
        var body = Expression.OrElse(
            Expression.Property(ctx, nameof(AppDb.ScopeUnrestricted)),
            Expression.AndAlso(AgencyRowCondition(e, ctx), sectionOk));
        return Expression.Lambda(body, e);
    }

    private static Expression AgencyCondition(ParameterExpression e, AppDb db)
    {
        var ctx = Expression.Constant(db);
        return Expression.OrElse(Expression.Property(ctx, nameof(AppDb.ScopeUnrestricted)), AgencyRowCondition(e, ctx));
    }

    private static Expression AgencyRowCondition(ParameterExpression e, Expression ctx) =>
        Expression.Equal(Expression.Property(e, nameof(IAgencyOwned.AgencyId)), Expression.Property(ctx, nameof(AppDb.ScopeAgencyId)));
}
