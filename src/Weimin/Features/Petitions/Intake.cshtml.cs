using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Weimin.Data;
using Weimin.Features.Cases;
using Weimin.Web.Authorization;
using Weimin.Web.Errors;

namespace Weimin.Features.Petitions;

/// <summary>
/// 陳情收件 by staff for every channel. An oral petition (phone, in person) is saved only once the officer confirms the
/// record was read back or shown to the petitioner (行政程序法 §169); its record then prints for signature.
/// </summary>
[Authorize(Policy = Policies.CaseIntake)]
public class IntakeModel(AppDb db, PetitionService petitions, CaseService cases) : PageModel, IRedrawable
{
    public const string CodeKey = "Petition.Code";

    [BindProperty] public PetitionIntake Input { get; set; } = new();
    [BindProperty(SupportsGet = true, Name = "channel")] public PetitionChannel? ChannelChoice { get; set; }

    public IReadOnlyList<CategoryChoice> Categories { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        ModelState.Clear();
        Input.Channel = ChannelChoice is { } ch && Enum.IsDefined(ch) ? ch : PetitionChannel.Letter;
        await RedrawAsync();
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        if (!ModelState.IsValid)
        {
            await RedrawAsync();
            Response.StatusCode = StatusCodes.Status400BadRequest;
            return Page();
        }
        var agency = await PetitionReads.AgencyOfCallerAsync(db, ct) ?? throw new RuleViolation("petition.category_unknown", Input.CategoryCode);
        var created = await petitions.IntakeAsync(Input, await cases.ActorAsync(ct), agency, ct);
        TempData[CodeKey] = created.TrackingCode;
        return Redirect($"/petitions/{created.Case.Id}");
    }

    public async Task RedrawAsync()
    {
        var agency = await PetitionReads.AgencyOfCallerAsync(db, HttpContext.RequestAborted);
        Categories = agency is { } a ? await PetitionReads.CategoriesAsync(db, a, HttpContext.RequestAborted) : [];
    }
}
