using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Weimin.Data;
using Weimin.Features.Cases;
using Weimin.Features.Organisation;
using Weimin.Web.Errors;

namespace Weimin.Features.Petitions.Portal;

/// <summary>
/// 區長信箱 (a district office) or 市長信箱 (a city government): the public web form, anonymous and rate-limited per client.
/// A real name and a way to reach the petitioner are asked for, as 要點 第14點 expects; the number and tracking code are
/// shown once, in the answer to the post.
/// </summary>
[AllowAnonymous]
[EnableRateLimiting(PetitionsSetup.MailboxLimit)]
public sealed class MailboxModel(AppDb db, PetitionService petitions, IStringLocalizer<ErrorText> errors) : PageModel, IRedrawable
{
    [BindProperty] public PetitionIntake Input { get; set; } = new();
    /// <summary>?agency=code: another agency of the deployment (the city for 市長信箱); empty means the home office.</summary>
    [BindProperty(SupportsGet = true)] public string? Agency { get; set; }

    public Agency? Office { get; private set; }
    public IReadOnlyList<CategoryChoice> Categories { get; private set; } = [];
    public PetitionCreated? Created { get; private set; }
    public bool IsMayor => Office?.Kind == AgencyKind.City;

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        ModelState.Clear();
        await RedrawAsync();
        if (Office is null) return NotFound();
        Input.Language = System.Globalization.CultureInfo.CurrentUICulture.Name.StartsWith("zh") ? "zh-TW" : "en";
        Input.NoticeChannel = NoticeChannel.Email;
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        await RedrawAsync();
        if (Office is null) return NotFound();
        if (string.IsNullOrWhiteSpace(Input.Name)) ModelState.AddModelError("Input.Name", errors["validation.required", errors["field.PetitionerName"]]);
        if (string.IsNullOrWhiteSpace(Input.Email) && string.IsNullOrWhiteSpace(Input.Phone))
            ModelState.AddModelError("Input.Email", errors["petition.contact_required"]);
        if (!ModelState.IsValid)
        {
            Response.StatusCode = StatusCodes.Status400BadRequest;
            return Page();
        }
        Input.Channel = IsMayor ? PetitionChannel.MayorMailbox : PetitionChannel.ChiefMailbox;
        Input.NoticeConsent = Input.NoticeChannel != NoticeChannel.None;
        Input.ExternalNumber = null;
        Input.ReceivedOn = null;
        Input.RecordReadBack = false;
        Input.RecordConfirmation = Input.RecordCorrections = null;
        Created = await petitions.IntakeAsync(Input, new CaseActor(null, "區長信箱 web"), Office.Id, ct);
        Cases.TrackingSetup.NoTrace(Response);
        return Page();
    }

    public async Task RedrawAsync()
    {
        Office = await OrganisationReads.HomeAgencyAsync(db, string.IsNullOrWhiteSpace(Agency) ? null : Agency.Trim(), HttpContext.RequestAborted);
        if (Office is not null) Categories = await PetitionReads.CategoriesAsync(db, Office.Id, HttpContext.RequestAborted);
    }
}
