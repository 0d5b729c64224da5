using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Weimin.Data;
using Weimin.Features.Catalogue;
using Weimin.Web.Files;

namespace Weimin.Features.Portal;

public sealed record TimeLimitRow(string Section, string? SectionEn, string Code, string Name, string? NameEn, string? Topic, int TimeLimitDays,
    IReadOnlyList<string> Documents, IReadOnlyList<string> Fetched, string? Fee, IReadOnlyList<string> Channels);

/// <summary>申請案件處理流程期限一覽表: every active service with its time limit, as a page, .ods and .csv.</summary>
public static class TimeLimitTable
{
    public static async Task<IReadOnlyList<TimeLimitRow>> RowsAsync(AppDb db, int agencyId, CancellationToken ct = default)
    {
        var rows = await db.Set<Service>().IgnoreQueryFilters().AsNoTracking().Where(s => s.AgencyId == agencyId && s.IsActive)
            .OrderBy(s => s.Section!.SortOrder).ThenBy(s => s.SortOrder).ThenBy(s => s.Code)
            .Select(s => new
            {
                Section = s.Section!.Name, SectionEn = s.Section.NameEn, s.Code, s.Name, s.NameEn, s.Topic, s.TimeLimitDays, s.Fee, s.Channels,
                Documents = s.Documents.OrderBy(d => d.SortOrder).Select(d => new { d.Name, d.ElectronicVerification }).ToList(),
            })
            .ToListAsync(ct);
        return [.. rows.Select(r => new TimeLimitRow(r.Section, r.SectionEn, r.Code, r.Name, r.NameEn, r.Topic, r.TimeLimitDays,
            [.. r.Documents.Where(d => !d.ElectronicVerification).Select(d => d.Name)], [.. r.Documents.Where(d => d.ElectronicVerification).Select(d => d.Name)],
            r.Fee, ServiceInput.ChannelNames(r.Channels)))];
    }

    /// <summary>The table as sheet rows: a header in the visitor's language, then one row per service.</summary>
    public static IReadOnlyList<IReadOnlyList<SheetCell>> Sheet(IReadOnlyList<TimeLimitRow> rows, IStringLocalizer t, bool en)
    {
        var header = new SheetCell[]
        {
            t["TimeLimits.No"].Value, t["Common.Section"].Value, t["TimeLimits.Code"].Value, t["TimeLimits.Service"].Value,
            t["Service.TimeLimit"].Value, t["TimeLimits.Days"].Value, t["TimeLimits.Bring"].Value, t["Service.Fetched"].Value,
            t["Service.Fee"].Value, t["Services.Channel"].Value,
        };
        var list = new List<IReadOnlyList<SheetCell>> { header };
        var n = 0;
        foreach (var r in rows)
        {
            list.Add(
            [
                ++n, en ? r.SectionEn ?? r.Section : r.Section, r.Code, en ? r.NameEn ?? r.Name : r.Name,
                r.TimeLimitDays == 0 ? t["Service.OnTheSpot"].Value : t["Service.Days", r.TimeLimitDays].Value, r.TimeLimitDays,
                string.Join("\n", r.Documents), string.Join("\n", r.Fetched), r.Fee,
                string.Join(en ? ", " : "、", r.Channels.Select(c => t["Channel." + c].Value)),
            ]);
        }
        return list;
    }
}
