using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;
using QRCoder;
using Weimin.Data;
using Weimin.Features.Organisation;
using Weimin.Web.Authorization;

namespace Weimin.Features.Cases;

/// <summary>
/// 收件收據: the printable receipt handed to the applicant. The tracking code shows once, right after intake or a
/// reissue (it arrives in TempData, never in the URL); later views show everything else and offer a new code.
/// </summary>
[Authorize(Policy = Policies.CaseIntake)]
public class ReceiptModel(AppDb db, CaseService cases, OrganisationService org, IStringLocalizer<IntakeText> t) : PageModel
{
    public ReceiptView Receipt { get; private set; } = null!;
    public string? Code { get; private set; }
    public string? TrackUrl { get; private set; }
    public string? QrDataUri { get; private set; }
    public bool Reissued { get; private set; }

    /// <summary>The public tracking page's address, for the "how to track" line.</summary>
    public string TrackPage => $"{Request.Scheme}://{Request.Host}/track";

    public async Task<IActionResult> OnGetAsync(long id, CancellationToken ct)
    {
        var receipt = await IntakeReads.ReceiptAsync(db, org, id, cases.Today, ct);
        if (receipt is null) return NotFound();
        Receipt = receipt;
        if (TempData.Peek(IntakeModel.CodeKey) is string carried && carried.StartsWith($"{id}:", StringComparison.Ordinal))
        {
            TempData.Remove(IntakeModel.CodeKey);
            Code = carried[(carried.IndexOf(':', StringComparison.Ordinal) + 1)..];
            Reissued = TempData[ReissuedKey] is true;
            TrackUrl = $"{Request.Scheme}://{Request.Host}/track/{Uri.EscapeDataString(receipt.Number)}?code={Code}";
            QrDataUri = "data:image/png;base64," + Convert.ToBase64String(PngByteQRCodeHelper.GetQRCode(TrackUrl, QRCodeGenerator.ECCLevel.M, 6));
        }
        return Page();
    }

    private const string ReissuedKey = "Intake.Reissued";

    public async Task<IActionResult> OnPostReissueAsync(long id, CancellationToken ct)
    {
        var reissued = await cases.ReissueTrackingCodeAsync(id, await cases.ActorAsync(ct), ct);
        if (reissued is not { } r) return NotFound();
        TempData[IntakeModel.CodeKey] = $"{r.Item1.Id}:{r.Code}";
        TempData[ReissuedKey] = true;
        return Redirect($"/cases/{id}/receipt");
    }

    /// <summary>ABCD-EFGH: easier to read out and type; the hyphen is ignored when checked.</summary>
    public static string Show(string code) => code.Length == 8 ? code[..4] + "-" + code[4..] : code;

    public string DocumentState(CaseDocumentState state) => t["Doc." + state];
}
