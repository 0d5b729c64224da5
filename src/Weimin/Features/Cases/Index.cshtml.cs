using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Weimin.Data;
using Weimin.Features.Calendar;
using Weimin.Features.Catalogue;
using Weimin.Features.Organisation;
using Weimin.Web.Authorization;
using Weimin.Web.Errors;

namespace Weimin.Features.Cases;

/// <summary>/cases: the work queues with counts, filters, sorting, paging and the look-up for a caller on the phone.</summary>
[Authorize(Policy = Policies.CaseWork)]
public class IndexModel(AppDb db, CalendarService calendars, TimeProvider clock, CaseOptions options, IStringLocalizer<ErrorText> errors) : PageModel
{
    public static readonly CaseQueue[] Queues = [CaseQueue.Mine, CaseQueue.Section, CaseQueue.Deputy, CaseQueue.AtRisk, CaseQueue.Overdue, CaseQueue.All];

    [BindProperty(SupportsGet = true, Name = "queue")] public string? QueueText { get; set; }
    [BindProperty(SupportsGet = true)] public string? Q { get; set; }
    [BindProperty(SupportsGet = true)] public string? Service { get; set; }
    [BindProperty(SupportsGet = true)] public string? Section { get; set; }
    [BindProperty(SupportsGet = true)] public string? Status { get; set; }
    [BindProperty(SupportsGet = true)] public string? From { get; set; }
    [BindProperty(SupportsGet = true)] public string? To { get; set; }
    [BindProperty(SupportsGet = true)] public string? Sort { get; set; }
    // "page" is Razor Pages' own route value (the page's path), so the page number travels as "p".
    [BindProperty(SupportsGet = true, Name = "p")] public string? PageText { get; set; }

    public CaseQuery Query { get; private set; } = new();
    public CaseDesk Desk { get; private set; } = null!;
    public QueueCounts Counts { get; private set; } = new(0, 0, 0, 0, 0);
    public Paged<CaseRow> Result { get; private set; } = new([], 0, 1, CaseQueryText.DefaultPageSize);
    public IReadOnlyList<(int Id, string Name, string? NameEn)> Services { get; private set; } = [];
    public IReadOnlyList<SectionRef> Sections { get; private set; } = [];

    public bool Filtered => Query.ServiceId is not null || Query.ServiceCode is not null || Query.SectionId is not null || Query.Status is not null
                            || Query.ReceivedFrom is not null || Query.ReceivedTo is not null || Query.Sort != CaseSort.Due;

    public async Task OnGetAsync(CancellationToken ct)
    {
        if (Q?.Length > 50) Q = Q[..50];
        var text = new CaseQueryText(QueueText, Q, Service, Section, Status, From, To, PageText, null, Sort);
        if (!text.TryParse(errors, out var query, out var problems))
        {
            foreach (var (field, messages) in problems)
                foreach (var m in messages) ModelState.AddModelError(field, m);
            Response.StatusCode = StatusCodes.Status400BadRequest;
        }
        Query = query;
        Desk = await CaseReads.DeskAsync(db, calendars, clock, options, ct);
        Counts = await CaseReads.CountsAsync(db, Desk, ct);
        Result = await CaseReads.QueueAsync(db, Desk, Query, ct);
        Services = (await db.Set<Service>().AsNoTracking().Where(s => s.IsActive).OrderBy(s => s.SortOrder).ThenBy(s => s.Name)
            .Select(s => new { s.Id, s.Name, s.NameEn }).ToListAsync(ct)).Select(s => (s.Id, s.Name, s.NameEn)).ToList();
        Sections = await OrganisationReads.SectionsAsync(db, ct);
    }

    public static string Key(CaseQueue queue) => queue.ToString().ToLowerInvariant();

    /// <summary>A link to this list with some parameters changed; empty values are left out.</summary>
    public string Link(CaseQueue? queue = null, int? page = null, bool keepFilters = true)
    {
        var q = Query;
        var parts = new List<(string, string?)> { ("queue", Key(queue ?? q.Queue)) };
        if (keepFilters)
        {
            parts.Add(("q", q.Q));
            parts.Add(("service", q.ServiceId?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? q.ServiceCode));
            parts.Add(("section", q.SectionId?.ToString(System.Globalization.CultureInfo.InvariantCulture)));
            parts.Add(("status", q.Status?.ToString()));
            parts.Add(("from", DateValue(q.ReceivedFrom)));
            parts.Add(("to", DateValue(q.ReceivedTo)));
            parts.Add(("sort", q.Sort == CaseSort.Due ? null : q.Sort.ToString().ToLowerInvariant()));
        }
        if (page is > 1) parts.Add(("p", page.Value.ToString(System.Globalization.CultureInfo.InvariantCulture)));
        return "/cases?" + string.Join("&", parts.Where(p => !string.IsNullOrEmpty(p.Item2)).Select(p => $"{p.Item1}={Uri.EscapeDataString(p.Item2!)}"));
    }

    public static string DateValue(DateOnly? d) => d?.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture) ?? "";
}
