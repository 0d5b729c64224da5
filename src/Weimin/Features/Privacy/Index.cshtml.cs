using System.ComponentModel.DataAnnotations;
using System.Text.Json;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Weimin.Data;
using Weimin.Features.Audit;
using Weimin.Features.Cases;
using Weimin.Web.Authorization;
using Weimin.Web.Errors;

namespace Weimin.Features.Privacy;

/// <summary>
/// 個資 requests at /admin/privacy: find everything the agency holds about one applicant and hand it over (shown, or
/// as JSON), each time with the reason written to the sealed-view log; and where the retention sweep stands.
/// </summary>
[Authorize(Policy = Policies.PrivacyRequests)]
public sealed class IndexModel(AppDb db, SealedDataAudit audit, RetentionOptions retention, TimeProvider clock, IStringLocalizer<ErrorText> errors) : PageModel
{
    public sealed class RequestInput
    {
        [Display(Name = "field.ApplicantName")]
        [Required(ErrorMessage = "validation.required"), StringLength(100, ErrorMessage = "validation.length")]
        public string? Name { get; set; }

        [Display(Name = "field.ApplicantPhone")]
        [StringLength(30, ErrorMessage = "validation.length")]
        public string? Phone { get; set; }

        [Display(Name = "field.ApplicantEmail")]
        [EmailAddress(ErrorMessage = "validation.email"), StringLength(200, ErrorMessage = "validation.length")]
        public string? Email { get; set; }

        [Display(Name = "field.Reason")]
        [Required(ErrorMessage = "validation.required"), StringLength(SealedDataAudit.MaxReasonLength, ErrorMessage = "validation.length")]
        public string? Reason { get; set; }
    }

    public sealed record RetentionStatus(int? Years, int Anonymised, int Due);

    [BindProperty] public RequestInput Input { get; set; } = new();
    public IReadOnlyList<ApplicantCase>? Found { get; private set; }
    public RetentionStatus Retention { get; private set; } = new(null, 0, 0);

    public async Task OnGetAsync(CancellationToken ct) => await LoadRetentionAsync(ct);

    public async Task<IActionResult> OnPostFindAsync(CancellationToken ct)
    {
        var found = await FindAsync(ct);
        if (found is null) return await InvalidAsync(ct);
        Found = found;
        await LoadRetentionAsync(ct);
        return Page();
    }

    public async Task<IActionResult> OnPostDownloadAsync(CancellationToken ct)
    {
        var found = await FindAsync(ct);
        if (found is null) return await InvalidAsync(ct);
        var json = JsonSerializer.SerializeToUtf8Bytes(new { applicant = Input.Name!.Trim(), exportedAtUtc = clock.GetUtcNow().UtcDateTime, cases = found },
            new JsonSerializerOptions(JsonSerializerDefaults.Web)
            {
                WriteIndented = true,
                Encoder = System.Text.Encodings.Web.JavaScriptEncoder.Create(System.Text.Unicode.UnicodeRanges.All),
            });
        return File(json, "application/json; charset=utf-8", $"applicant-data-{clock.GetUtcNow():yyyyMMdd}.json");
    }

    /// <summary>Null when the request is not valid (the page shows why); otherwise the cases, with the view logged.</summary>
    private async Task<IReadOnlyList<ApplicantCase>?> FindAsync(CancellationToken ct)
    {
        if (string.IsNullOrWhiteSpace(Input.Phone) && string.IsNullOrWhiteSpace(Input.Email))
            ModelState.AddModelError("Input.Phone", errors["privacy.contact_required"]);
        else if (!string.IsNullOrWhiteSpace(Input.Phone) && ApplicantQuery.Digits(Input.Phone).Length < 7)
            ModelState.AddModelError("Input.Phone", errors["privacy.phone_short"]);
        if (!ModelState.IsValid) return null;

        var found = await ApplicantData.FindAsync(db, new ApplicantQuery(Input.Name!, Input.Phone, Input.Email), ct);
        var numbers = string.Join(",", found.Select(c => c.Number));
        await audit.RecordViewAsync("ApplicantData", found.Count == 0 ? "none" : numbers.Length > 200 ? numbers[..197] + "…" : numbers,
            null, Input.Reason, ["Name", "Phone", "Email", "Address", "Details"], ct);
        return found;
    }

    private async Task<IActionResult> InvalidAsync(CancellationToken ct)
    {
        await LoadRetentionAsync(ct);
        Response.StatusCode = StatusCodes.Status400BadRequest;
        return Page();
    }

    private async Task LoadRetentionAsync(CancellationToken ct)
    {
        var years = retention.AnonymiseEndedCasesAfterYears is > 0 ? retention.AnonymiseEndedCasesAfterYears : null;
        var anonymised = await db.Set<Case>().CountAsync(c => c.AnonymisedAtUtc != null, ct);
        var due = 0;
        if (years is not null)
        {
            var cutoff = clock.GetUtcNow().UtcDateTime.AddYears(-years.Value);
            due = await db.Set<Case>().CountAsync(c => c.AnonymisedAtUtc == null
                && c.Status != CaseStatus.Received && c.Status != CaseStatus.AwaitingSupplement && c.Status != CaseStatus.InProgress
                && (c.ClosedAtUtc ?? c.CompletedAtUtc ?? c.UpdatedAtUtc) < cutoff, ct);
        }
        Retention = new RetentionStatus(years, anonymised, due);
    }
}
