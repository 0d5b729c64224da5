using Microsoft.EntityFrameworkCore;
using Weimin.Data;
using Weimin.Features.Cases;
using Weimin.Features.Organisation;

namespace Weimin.Features.Notices;

/// <summary>
/// Turns a queued notice into words: the agency's current template (or the default), the captured values, and the
/// values only known now (agency name, service name, tracking link). One per batch: it remembers what it looked up.
/// </summary>
public sealed class NoticeComposer(AppDb db, NoticeOptions options)
{
    private readonly Dictionary<(int, NoticeEvent, TemplateForm, string), (TemplateText Text, int? Version)> _templates = [];
    private readonly Dictionary<int, Agency?> _agencies = [];

    public async Task<(TemplateText Text, int? Version)> TemplateAsync(int agencyId, NoticeEvent e, TemplateForm form, string language, CancellationToken ct)
    {
        var key = (agencyId, e, form, language);
        if (_templates.TryGetValue(key, out var found)) return found;
        var row = await db.Set<NoticeTemplate>().IgnoreQueryFilters().AsNoTracking()
            .Where(t => t.AgencyId == agencyId && t.Event == e && t.Form == form && t.Language == language)
            .OrderByDescending(t => t.Version).FirstOrDefaultAsync(ct);
        var result = row is null ? (DefaultTemplates.Get(e, language, form), (int?)null) : (new TemplateText(row.Subject, row.Body), row.Version);
        _templates[key] = result;
        return result;
    }

    /// <summary>Fills in the subject and body of a notice that has none yet (the first attempt); later attempts keep them.</summary>
    public async Task ComposeAsync(Notice n, CancellationToken ct)
    {
        if (n.Body is not null) return;
        var (template, version) = await TemplateAsync(n.AgencyId, n.Event, DefaultTemplates.FormOf(n.Channel), n.Language, ct);
        var data = await ValuesAsync(n, ct);
        var text = NoticeRenderer.Render(template, data, n.Language);
        n.Subject = Cut(text.Subject, 300);
        n.Body = Cut(text.Body, 8000);
        n.TemplateVersion = version;
    }

    /// <summary>The captured values plus those looked up now.</summary>
    public async Task<Dictionary<string, string>> ValuesAsync(Notice n, CancellationToken ct)
    {
        var data = NoticeRenderer.ReadData(n.Data);
        var english = n.Language.StartsWith("en", StringComparison.Ordinal);
        if (!data.ContainsKey("agency") && await AgencyAsync(n.AgencyId, ct) is { } agency)
            data["agency"] = english && agency.NameEn is { Length: > 0 } en ? en : agency.Name;
        if (!data.ContainsKey("service") && n.CaseId is { } caseId)
        {
            var service = await db.Set<Case>().IgnoreQueryFilters().Where(c => c.Id == caseId)
                .Select(c => new { c.Service!.Name, c.Service.NameEn }).FirstOrDefaultAsync(ct);
            if (service is not null) data["service"] = english && service.NameEn is { Length: > 0 } en ? en : service.Name;
        }
        if (!data.ContainsKey("link") && data.TryGetValue("number", out var number))
            data["link"] = TrackingLink(number);
        return data;
    }

    public string TrackingLink(string number) => $"{options.PublicBaseUrl.TrimEnd('/')}/track/{Uri.EscapeDataString(number)}";

    private async Task<Agency?> AgencyAsync(int id, CancellationToken ct)
    {
        if (_agencies.TryGetValue(id, out var a)) return a;
        a = await db.Set<Agency>().AsNoTracking().FirstOrDefaultAsync(x => x.Id == id, ct);
        _agencies[id] = a;
        return a;
    }

    private static string Cut(string s, int max) => s.Length <= max ? s : s[..max];
}
