using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;
using Weimin.Data;
using Weimin.Features.Organisation;
using Weimin.Web.Authorization;
using Weimin.Web.Files;
using Weimin.Web.Localisation;

namespace Weimin.Features.Cases;

/// <summary>一次告知單: the printable notice listing everything still missing, in one list, handed to the applicant.</summary>
[Authorize(Policy = Policies.CaseIntake)]
public class NoticeModel(AppDb db, CaseService cases, OrganisationService org) : PageModel
{
    public const string NotTakenKey = "Intake.NotTaken";

    public NoticeView Notice { get; private set; } = null!;
    /// <summary>Right after intake refused the case for missing documents: the page says so to the clerk.</summary>
    public bool JustRefused { get; private set; }

    public async Task<IActionResult> OnGetAsync(long id, CancellationToken ct)
    {
        var notice = await IntakeReads.NoticeAsync(db, org, id, cases.Today, ct);
        if (notice is null) return NotFound();
        Notice = notice;
        JustRefused = TempData[NotTakenKey] is true;
        return Page();
    }
}

/// <summary>The same notice as an OpenDocument text, for e-mail or the office's own letterhead.</summary>
[Authorize(Policy = Policies.CaseIntake)]
public class NoticeOdtModel(AppDb db, CaseService cases, OrganisationService org, IStringLocalizer<IntakeText> t, Dates dates) : PageModel
{
    public async Task<IActionResult> OnGetAsync(long id, CancellationToken ct)
    {
        var n = await IntakeReads.NoticeAsync(db, org, id, cases.Today, ct);
        if (n is null) return NotFound();
        var odt = new OdtWriter($"{t["Notice.Title"]} · {n.ServiceName}", System.Globalization.CultureInfo.CurrentUICulture.Name)
            .Paragraph(n.AgencyName, bold: true)
            .Heading(t["Notice.Title"])
            .Field(t["Notice.Applicant"] + t["Colon"], n.ApplicantName)
            .Field(t["Notice.Service"] + t["Colon"], n.ServiceName)
            .Field(t["Notice.IssuedOn"] + t["Colon"], dates.Show(n.IssuedOn));
        if (n.CaseNumber is not null) odt.Field(t["Notice.CaseNumber"] + t["Colon"], n.CaseNumber);
        odt.Paragraph(n.CaseId is null ? t["Notice.IntroNotTaken"] : t["Notice.IntroTaken"])
            .Heading(t["Notice.Missing", n.Items.Count], 2)
            .Table([t["Notice.No"], t["Notice.Item"], t["Notice.ItemNote"]],
                n.Items.Select((item, i) => (IReadOnlyList<string>)[(i + 1).ToString(System.Globalization.CultureInfo.InvariantCulture), item.Name, item.Note ?? ""]));
        if (!string.IsNullOrWhiteSpace(n.Note)) odt.Field(t["Notice.Note"] + t["Colon"], n.Note);
        odt.Heading(t["Notice.Contact"], 2);
        foreach (var line in NoticeText.ContactLines(n, t)) odt.Paragraph(line);
        odt.Heading(t["Notice.Basis"], 2)
            .Paragraph(t["Notice.BasisText"])
            .Paragraph(t["Notice.Promise"]);
        return File(odt.ToArray(), OdtWriter.MediaType, $"notice-{n.Id}.odt");
    }
}

/// <summary>Lines the page and the .odt share.</summary>
public static class NoticeText
{
    public static IEnumerable<string> ContactLines(NoticeView n, IStringLocalizer<IntakeText> t)
    {
        if (n.SectionName is not null)
            yield return t["Notice.SectionLine", n.SectionName + (n.SectionPhone is { } p ? t["Receipt.PhoneSuffix", p] : "")];
        if (n.Officer is { } o)
        {
            yield return t["Notice.OfficerLine", Person(o.Officer, t)];
            if (o.StandIn is { } d) yield return t["Notice.StandInLine", Person(d, t)];
        }
        else if (n.IssuedBy is { } i)
        {
            yield return t["Notice.IssuedByLine", Person(i, t)];
        }
        yield return t["Notice.AgencyLine", n.AgencyName + (n.AgencyPhone is { } ap ? t["Receipt.PhoneSuffix", ap] : "")];
    }

    public static string Person(StaffContact s, IStringLocalizer<IntakeText> t) =>
        (string.IsNullOrEmpty(s.Title) ? s.Name : t["Staff.NameTitle", s.Name, s.Title].Value) + (s.Extension is { } ext ? t["Receipt.ExtensionSuffix", ext] : "");
}
