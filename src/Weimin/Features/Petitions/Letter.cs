using Microsoft.EntityFrameworkCore;
using Weimin.Data;
using Weimin.Features.Organisation;
using Weimin.Web.Authorization;
using Weimin.Web.Files;
using Weimin.Web.Localisation;

namespace Weimin.Features.Petitions;

/// <summary>
/// The reply letter (答復函) as .odt, printable. In English for a petitioner who wrote in English. A sealed petitioner is
/// addressed as 陳情人 only: whoever may open the identity adds the address when the letter is sent.
/// </summary>
public static class Letter
{
    public const string Route = "/petitions/{id:long}/letter";

    public static void MapPetitionLetter(this IEndpointRouteBuilder app) =>
        app.MapGet(Route, async (long id, PetitionService petitions, AppDb db, CancellationToken ct) =>
        {
            var p = await petitions.FindAsync(id, ct);
            if (p?.RepliedAtUtc is null) return Results.NotFound();
            var agency = await db.Set<Agency>().AsNoTracking().FirstAsync(a => a.Id == p.AgencyId, ct);
            var bytes = Write(p, agency);
            return Results.File(bytes, OdtWriter.MediaType, $"reply-{p.Case!.Number}.odt");
        }).RequireAuthorization(Policies.CaseWork).ExcludeFromDescription();

    public static byte[] Write(Petition p, Agency agency)
    {
        var c = p.Case!;
        var english = c.Language == "en" && p.ReplyEn is not null;
        var to = p.Sealed ? (english ? "Petitioner" : "陳情人") : p.OrganisationName ?? c.ApplicantName;
        var day = p.RepliedOn ?? c.ReceivedOn;
        var doc = new OdtWriter(english ? $"Reply to petition {c.Number}" : $"陳情案 {c.Number} 答復函", english ? "en" : "zh-TW");
        if (english)
        {
            doc.Heading(agency.NameEn ?? agency.Name).Heading("Reply to your petition", 2)
                .Field("To", to)
                .Field("Date", Dates.Format(day, DateStyle.Gregorian, chinese: false))
                .Field("Our reference", p.ReplyLetterNumber ?? c.Number)
                .Field("Your petition", c.Subject ?? "")
                .Field("Received", Dates.Format(c.ReceivedOn, DateStyle.Gregorian, chinese: false))
                .Paragraph(p.ReplyEn!)
                .Paragraph("If you are not satisfied with this reply, please tell us through the rating link sent with it.");
        }
        else
        {
            doc.Heading(agency.Name).Heading("陳情案件答復函", 2)
                .Field("受文者", to)
                .Field("發文日期", Dates.Format(day, DateStyle.Roc, chinese: true))
                .Field("發文字號", p.ReplyLetterNumber ?? c.Number)
                .Field("主旨", $"有關台端{Dates.Format(c.ReceivedOn, DateStyle.Roc, chinese: true)}陳情「{c.Subject}」一案，復如說明，請查照。")
                .Paragraph("說明：", bold: true)
                .Paragraph(p.Reply!)
                .Paragraph("如對本案處理結果有意見，請利用隨答復通知寄送之滿意度評分連結告知本所。");
        }
        if (agency.Address is not null || agency.Phone is not null)
            doc.Paragraph(string.Join("　", new[] { agency.Address, agency.Phone }.Where(s => s is not null)));
        return doc.ToArray();
    }
}
