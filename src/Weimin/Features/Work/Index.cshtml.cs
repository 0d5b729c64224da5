using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Weimin.Data;
using Weimin.Features.Organisation;

namespace Weimin.Features.Work;

/// <summary>The staff landing page: who I am, whom I stand in for today, my leave.</summary>
public class IndexModel(AppDb db, OrganisationService org) : PageModel
{
    public sealed record Absent(int Id, string Name, string Title, DateOnly Until);

    public StaffDetails? Me { get; private set; }
    public IReadOnlyList<Absent> StandingInFor { get; private set; } = [];
    public DateOnly Today { get; private set; }

    public async Task OnGetAsync(CancellationToken ct)
    {
        Today = org.Today;
        if (db.Scope.StaffId is not { } me) return;
        Me = await OrganisationApi.DetailsAsync(me, org, User, ct);
        var today = Today;
        // People on leave today whose work falls to me: as their deputy for the period, or as their usual deputy.
        var candidates = await db.Set<Staff>().IgnoreQueryFilters().AsNoTracking()
            .Where(s => s.IsActive && s.Leaves.Any(l => l.From <= today && today <= l.To && (l.DeputyId == me || (l.DeputyId == null && s.DeputyId == me))))
            .Select(s => new { s.Id, s.Name, s.Title, Until = s.Leaves.Where(l => l.From <= today && today <= l.To).Max(l => l.To) })
            .ToListAsync(ct);
        StandingInFor = candidates.Select(c => new Absent(c.Id, c.Name, c.Title, c.Until)).ToList();
    }
}
