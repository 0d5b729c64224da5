using System.Globalization;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Weimin.Data;
using Weimin.Features.Calendar;
using Weimin.Features.Organisation;
using Weimin.Web.Localisation;

namespace Weimin.Features.Notices;

/// <summary>/notices/chasing: the secretariat's board of everything late in the agency, by section, with what chasing did.</summary>
[Authorize(Policy = NoticePolicies.Chasing)]
public class ChasingModel(AppDb db, CalendarService calendars, TimeProvider clock) : PageModel
{
    public DateOnly Today { get; private set; }
    public IReadOnlyList<IGrouping<string, LateCase>> Sections { get; private set; } = [];
    public int Total { get; private set; }

    public async Task OnGetAsync(CancellationToken ct)
    {
        Today = clock.Today();
        var english = !CultureInfo.CurrentUICulture.Name.StartsWith("zh", StringComparison.Ordinal);
        var agencyId = db.Scope.AgencyId ?? await db.Set<Agency>().OrderBy(a => a.Id).Select(a => a.Id).FirstAsync(ct);
        var calendar = await calendars.GetCalendarAsync(agencyId, ct);
        var late = await NoticeReads.LateAsync(db, calendar, Today, english, ct);
        var names = await db.Set<Section>().AsNoTracking().ToDictionaryAsync(s => s.Id, s => english && s.NameEn != null ? s.NameEn : s.Name, ct);
        Total = late.Count;
        Sections = late.GroupBy(c => c.SectionId is { } s && names.TryGetValue(s, out var n) ? n : "—").OrderByDescending(g => g.Count()).ToList();
    }
}
