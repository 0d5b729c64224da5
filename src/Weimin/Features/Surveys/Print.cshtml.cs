using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using QRCoder;
using Weimin.Data;
using Weimin.Features.Notices;

namespace Weimin.Features.Surveys;

/// <summary>A sheet to print and put on the counter: the title, the public link and its QR code (SVG, sharp at any size).</summary>
[Authorize(Policy = SurveysSetup.ManagePolicy)]
public sealed class PrintModel(AppDb db, NoticeOptions notices) : PageModel
{
    public Survey Survey { get; private set; } = null!;
    public string Link { get; private set; } = "";
    public string Svg { get; private set; } = "";

    public async Task<IActionResult> OnGetAsync(int id, CancellationToken ct)
    {
        var survey = await db.Set<Survey>().AsNoTracking().FirstOrDefaultAsync(s => s.Id == id, ct);
        if (survey is null) return NotFound();
        Survey = survey;
        Link = $"{notices.PublicBaseUrl.TrimEnd('/')}/surveys/{survey.Code}";
        Svg = QrSvg(Link);
        return Page();
    }

    /// <summary>
    /// The QR code of <paramref name="text"/> as an SVG data URI for an &lt;img&gt; (so the strict CSP's style rules
    /// do not touch it); medium error correction survives a worn print.
    /// </summary>
    public static string QrSvg(string text)
    {
        using var generator = new QRCodeGenerator();
        using var data = generator.CreateQrCode(text, QRCodeGenerator.ECCLevel.M);
        var svg = new SvgQRCode(data).GetGraphic(8, "#000000", "#ffffff", true, SvgQRCode.SizingMode.ViewBoxAttribute);
        return "data:image/svg+xml;base64," + Convert.ToBase64String(System.Text.Encoding.UTF8.GetBytes(svg));
    }
}
