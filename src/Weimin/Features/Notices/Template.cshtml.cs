using System.Globalization;
using System.Security.Claims;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Weimin.Data;
using Weimin.Features.Cases;
using Weimin.Features.Organisation;
using Weimin.Web.Authorization;
using Weimin.Web.Errors;
using Weimin.Web.Localisation;

namespace Weimin.Features.Notices;

/// <summary>
/// /notices/templates/{event}/{form}/{language}: edit one template with a preview on sample values. Saving adds a
/// version; the history lists every version with who saved it, and any version (or the default) can be restored.
/// </summary>
[Authorize(Policy = NoticePolicies.Templates)]
public class TemplateModel(AppDb db, NoticeService notices, CaseService cases, NoticeComposer composer, TimeProvider clock, IStringLocalizer<NoticesText> t)
    : PageModel, IRedrawable
{
    public NoticeEvent Event { get; private set; }
    public TemplateForm Form { get; private set; }
    public string Language { get; private set; } = "zh-TW";
    public int AgencyId { get; private set; }
    public IReadOnlyList<NoticeTemplate> History { get; private set; } = [];
    public TemplateText? Preview { get; private set; }

    [BindProperty] public string? Subject { get; set; }
    [BindProperty] public string? Body { get; set; }

    public static int? AgencyOf(ClaimsPrincipal user) =>
        int.TryParse(user.FindFirstValue(WeiminClaims.AgencyId), NumberStyles.None, CultureInfo.InvariantCulture, out var id) ? id : null;

    public async Task<IActionResult> OnGetAsync(string @event, string form, string language, CancellationToken ct)
    {
        if (!Bind(@event, form, language)) return NotFound();
        await LoadAsync(ct);
        var current = History.FirstOrDefault();
        var text = current is null ? DefaultTemplates.Get(Event, Language, Form) : new TemplateText(current.Subject, current.Body);
        (Subject, Body) = (text.Subject, text.Body);
        Preview = await RenderAsync(text, ct);
        return Page();
    }

    public async Task<IActionResult> OnPostPreviewAsync(string @event, string form, string language, CancellationToken ct)
    {
        if (!Bind(@event, form, language)) return NotFound();
        await LoadAsync(ct);
        if (NoticeRenderer.UnknownPlaceholders((Subject ?? "") + (Body ?? "")).FirstOrDefault() is { } unknown)
            ModelState.AddModelError(nameof(Body), t["Template.Unknown", unknown]);
        Preview = await RenderAsync(new TemplateText(Subject ?? "", Body ?? ""), ct);
        if (!ModelState.IsValid) Response.StatusCode = StatusCodes.Status400BadRequest;
        return Page();
    }

    public async Task<IActionResult> OnPostSaveAsync(string @event, string form, string language, CancellationToken ct)
    {
        if (!Bind(@event, form, language)) return NotFound();
        var saved = await notices.SaveTemplateAsync(AgencyId, Event, Form, Language, Subject, Body, await cases.ActorAsync(ct), ct);
        TempData["Saved"] = t["Saved.Template", saved.Version].Value;
        return Redirect(Path);
    }

    public async Task<IActionResult> OnPostRestoreAsync(string @event, string form, string language, int? version, CancellationToken ct)
    {
        if (!Bind(@event, form, language)) return NotFound();
        TemplateText text;
        if (version is { } v)
        {
            var old = await db.Set<NoticeTemplate>().IgnoreQueryFilters().AsNoTracking()
                .FirstOrDefaultAsync(x => x.AgencyId == AgencyId && x.Event == Event && x.Form == Form && x.Language == Language && x.Version == v, ct);
            if (old is null) return NotFound();
            text = new TemplateText(old.Subject, old.Body);
        }
        else
        {
            text = DefaultTemplates.Get(Event, Language, Form);
        }
        var saved = await notices.SaveTemplateAsync(AgencyId, Event, Form, Language, text.Subject, text.Body, await cases.ActorAsync(ct), ct);
        TempData["Saved"] = t["Saved.Template", saved.Version].Value;
        return Redirect(Path);
    }

    public string Path => $"/notices/templates/{Event}/{Form}/{Language}";

    public async Task RedrawAsync()
    {
        await LoadAsync(HttpContext.RequestAborted);
        Preview = await RenderAsync(new TemplateText(Subject ?? "", Body ?? ""), HttpContext.RequestAborted);
    }

    private bool Bind(string e, string form, string language)
    {
        if (!Enum.TryParse<NoticeEvent>(e, out var ev) || !Enum.IsDefined(ev) || int.TryParse(e, out _)) return false;
        if (!Enum.TryParse<TemplateForm>(form, out var f) || !Enum.IsDefined(f) || int.TryParse(form, out _)) return false;
        if (language is not ("zh-TW" or "en")) return false;
        if (AgencyOf(User) is not { } agencyId) return false;
        (Event, Form, Language, AgencyId) = (ev, f, language, agencyId);
        return true;
    }

    private async Task LoadAsync(CancellationToken ct) =>
        History = await db.Set<NoticeTemplate>().IgnoreQueryFilters().AsNoTracking()
            .Where(x => x.AgencyId == AgencyId && x.Event == Event && x.Form == Form && x.Language == Language)
            .OrderByDescending(x => x.Version).ToListAsync(ct);

    /// <summary>The text filled with sample values, as an applicant (or a colleague) would read it.</summary>
    private async Task<TemplateText> RenderAsync(TemplateText text, CancellationToken ct)
    {
        var today = clock.Today();
        var english = Language == "en";
        var agency = await db.Set<Agency>().IgnoreQueryFilters().AsNoTracking().FirstOrDefaultAsync(a => a.Id == AgencyId, ct);
        string Day(DateOnly d) => d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        var data = new Dictionary<string, string>
        {
            ["name"] = english ? "Jane Doe" : "王小明", ["number"] = $"{Dates.RocYear(today)}{today.Month:00}{today.Day:00}-0001",
            ["service"] = english ? "Low-income household certificate" : "低收入戶證明", ["agency"] = english && agency?.NameEn is { } en ? en : agency?.Name ?? "",
            ["received"] = Day(today), ["due"] = Day(today.AddDays(7)), ["newDue"] = Day(today.AddDays(14)),
            ["reason"] = english ? "a site visit is needed" : "需會勘現場", ["result"] = english ? "Approved" : "核准",
            ["documents"] = english ? "・Household register copy" : "・戶口名簿影本", ["days"] = "2", ["section"] = english ? "Social Affairs Section" : "社會課",
            ["cases"] = "・1151120-0001\n・1151120-0002",
        };
        data["link"] = composer.TrackingLink(data["number"]);
        return NoticeRenderer.Render(text, data, Language);
    }
}
