using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Weimin.Data;
using Weimin.Web.Authorization;

namespace Weimin.Features.Notices;

/// <summary>/notices/templates: every event's wording per form and language — the agency's version or the default.</summary>
[Authorize(Policy = NoticePolicies.Templates)]
public class TemplatesModel(AppDb db) : PageModel
{
    public static readonly string[] Languages = ["zh-TW", "en"];
    public int? AgencyId { get; private set; }
    public Dictionary<(NoticeEvent, TemplateForm, string), int> Current { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken ct)
    {
        AgencyId = TemplateModel.AgencyOf(User);
        if (AgencyId is not { } agencyId) return;
        var rows = await db.Set<NoticeTemplate>().IgnoreQueryFilters().AsNoTracking().Where(t => t.AgencyId == agencyId)
            .GroupBy(t => new { t.Event, t.Form, t.Language }).Select(g => new { g.Key.Event, g.Key.Form, g.Key.Language, Version = g.Max(t => t.Version) })
            .ToListAsync(ct);
        Current = rows.ToDictionary(r => (r.Event, r.Form, r.Language), r => r.Version);
    }
}
