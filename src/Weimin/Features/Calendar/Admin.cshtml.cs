using System.Globalization;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Weimin.Data;
using Weimin.Features.Organisation;
using Weimin.Web.Authorization;
using Weimin.Web.Errors;

namespace Weimin.Features.Calendar;

/// <summary>
/// Staff view of the calendar: the loaded years (system admins upload DGPA's new file here) and the agency's own
/// closures (停班) and extra working days. The agency is the signed-in admin's own; only a system admin, who sees
/// every agency anyway, picks one.
/// </summary>
[Authorize(Policy = Policies.ManageCalendar)]
public sealed class AdminModel(CalendarService calendar, AppDb db, DataScope scope, IAuthorizationService auth,
    IStringLocalizer<CalendarText> t, TimeProvider clock) : PageModel
{
    public sealed class OverrideInput
    {
        public string? Date { get; set; }
        public string? Kind { get; set; }
        public string? Reason { get; set; }
    }

    public const int MaxReason = 200;

    [BindProperty(SupportsGet = true)] public string? Agency { get; set; }
    [BindProperty] public OverrideInput Input { get; set; } = new();

    public IReadOnlyList<CalendarYear> Years { get; private set; } = [];
    public bool CanUpload { get; private set; }
    public Agency? CurrentAgency { get; private set; }
    public IReadOnlyList<Agency> Agencies { get; private set; } = [];
    public IReadOnlyList<CalendarOverrideRow> Overrides { get; private set; } = [];
    public IReadOnlyDictionary<DateOnly, string> NationalRemarks { get; private set; } = new Dictionary<DateOnly, string>();

    public async Task OnGetAsync(CancellationToken ct) => await LoadAsync(ct);

    public async Task<IActionResult> OnPostUploadAsync(IFormFile? file, CancellationToken ct)
    {
        // Razor Pages ignore [Authorize] on handlers: the page needs ManageCalendar, the national file ManageNationalCalendar.
        if (!(await auth.AuthorizeAsync(User, Policies.ManageNationalCalendar)).Succeeded) return Forbid();
        if (file is null || file.Length == 0)
            return await InvalidAsync("file", t["Upload.Required"], ct);
        if (file.Length > CalendarService.MaxFileBytes)
            return await InvalidAsync("file", t["calendar.file.tooLarge", CalendarService.MaxFileBytes / 1024], ct);

        using var buffer = new MemoryStream();
        await file.CopyToAsync(buffer, ct);
        try
        {
            var year = await calendar.ImportAsync(file.FileName, buffer.ToArray(), User.Identity?.Name, ct);
            TempData["Saved"] = t["Upload.Done", year.Year, year.WorkingDays].Value;
        }
        catch (CalendarFileException e)
        {
            foreach (var error in e.Errors) ModelState.AddModelError("file", t[error.Code, error.Args]);
            return await InvalidAsync(null, null, ct);
        }
        return Redirect("/admin/calendar");
    }

    public async Task<IActionResult> OnPostAddAsync(CancellationToken ct)
    {
        var agency = await AgencyAsync(ct);
        if (agency is null) return NotFound();

        DateOnly date = default;
        if (string.IsNullOrWhiteSpace(Input.Date)) ModelState.AddModelError("Input.Date", t["Override.DateRequired"]);
        else if (!DateOnly.TryParseExact(Input.Date.Trim(), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out date))
            ModelState.AddModelError("Input.Date", t["api.date.invalid", Input.Date]);
        if (Input.Kind is not ("closed" or "open")) ModelState.AddModelError("Input.Kind", t["Override.KindRequired"]);
        if (string.IsNullOrWhiteSpace(Input.Reason)) ModelState.AddModelError("Input.Reason", t["Override.ReasonRequired"]);
        else if (Input.Reason.Trim().Length > MaxReason) ModelState.AddModelError("Input.Reason", t["Override.ReasonTooLong", MaxReason]);
        if (!ModelState.IsValid) return await InvalidAsync(null, null, ct);

        try
        {
            await calendar.AddOverrideAsync(agency.Id, date, Input.Kind == "open", Input.Reason!, User.Identity?.Name ?? "?", ct);
        }
        catch (RuleViolation rule)
        {
            return await InvalidAsync("Input.Date", t[rule.Code, rule.Args], ct);
        }
        TempData["Saved"] = t["Override.Added"].Value;
        return Redirect(Here(agency));
    }

    public async Task<IActionResult> OnPostRemoveAsync(int id, CancellationToken ct)
    {
        var agency = await AgencyAsync(ct);
        if (agency is null) return NotFound();
        if (!await calendar.RemoveOverrideAsync(agency.Id, id, ct)) return NotFound();
        TempData["Saved"] = t["Override.Removed"].Value;
        return Redirect(Here(agency));
    }

    private string Here(Agency agency) => scope.Unrestricted ? "/admin/calendar?agency=" + Uri.EscapeDataString(agency.Code) : "/admin/calendar";

    private async Task<PageResult> InvalidAsync(string? key, string? message, CancellationToken ct)
    {
        if (message is not null) ModelState.AddModelError(key ?? "", message);
        await LoadAsync(ct);
        Response.StatusCode = StatusCodes.Status400BadRequest;
        return Page();
    }

    /// <summary>The staff member's own agency; a system admin's choice (by code) among all.</summary>
    private async Task<Agency?> AgencyAsync(CancellationToken ct)
    {
        if (scope.Unrestricted)
        {
            var agencies = db.Set<Agency>().AsNoTracking().Where(a => a.IsActive);
            return string.IsNullOrWhiteSpace(Agency)
                ? await agencies.OrderBy(a => a.Id).FirstOrDefaultAsync(a => a.Kind != AgencyKind.City, ct) ?? await agencies.OrderBy(a => a.Id).FirstOrDefaultAsync(ct)
                : await agencies.FirstOrDefaultAsync(a => a.Code == Agency, ct);
        }
        return scope.AgencyId is { } id ? await db.Set<Agency>().AsNoTracking().FirstOrDefaultAsync(a => a.Id == id, ct) : null;
    }

    private async Task LoadAsync(CancellationToken ct)
    {
        Years = await calendar.YearsAsync(ct);
        CanUpload = (await auth.AuthorizeAsync(User, Policies.ManageNationalCalendar)).Succeeded;
        if (scope.Unrestricted)
            Agencies = await db.Set<Agency>().AsNoTracking().Where(a => a.IsActive).OrderBy(a => a.Id).ToListAsync(ct);
        CurrentAgency = await AgencyAsync(ct);
        if (CurrentAgency is not null)
        {
            var all = await calendar.OverridesAsync(CurrentAgency.Id, ct: ct);
            // Past overrides older than a year only clutter the list; the API and deadlines still use them.
            var since = Web.Localisation.OfficeTime.Today(clock).AddYears(-1);
            Overrides = all.Where(o => o.Date >= since).OrderByDescending(o => o.Date).ToList();
            var dates = Overrides.Select(o => o.Date).ToList();
            NationalRemarks = await db.Set<CalendarDay>().AsNoTracking().Where(d => dates.Contains(d.Date))
                .ToDictionaryAsync(d => d.Date, d => d.Remark, ct);
        }
    }
}
