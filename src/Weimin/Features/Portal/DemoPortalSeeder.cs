using Microsoft.EntityFrameworkCore;
using Weimin.Data;
using Weimin.Features.Catalogue;
using Weimin.Features.Demo;
using Weimin.Features.Organisation;

namespace Weimin.Features.Portal;

/// <summary>Demo FAQ and news of 楊梅區公所, after the demo catalogue (Order 120); only into empty tables, only in demo mode.</summary>
internal sealed class DemoPortalSeeder(DemoOptions options, TimeProvider clock) : IStartupSeeder
{
    public int Order => 130;

    private sealed record Faq(string? Section, string? Service, string Q, string QEn, string A, string AEn);
    private sealed record News(string? Section, NewsKind Kind, int DaysAgo, string Title, string TitleEn, string Body, string BodyEn, int? EventInDays = null, string? Place = null);

    private static readonly Faq[] Faqs =
    [
        new(null, null, "辦理業務需要帶哪些證件？", "What do I need to bring?",
            "每項服務的頁面列出應備證件；標示「本所代為查驗」者免附，由本所以電子方式查驗（免書證免謄本）。",
            "Each service's page lists the documents to bring; those marked \"fetched by the office\" you need not bring: we check them electronically."),
        new(null, null, "可以在其他區公所申辦嗎？", "Can I apply at another district office?",
            "標示「跨區收件」的服務，可在桃園市任一區公所臨櫃申辦，由本所承辦。",
            "Services marked \"cross-district intake\" can be applied for at any district office in Taoyuan."),
        new("works", "streetlight-repair", "路燈不亮要怎麼報修？", "How do I report a street light that is out?",
            "請提供路燈編號（燈桿上的牌子）或詳細地點，可臨櫃、電話或線上報修；本所於 3 個工作天內派工修復。",
            "Give the lamp number (on the pole) or the exact place, at the counter, by phone or online; we repair it within 3 working days."),
        new("social", "childcare-allowance", "育兒津貼什麼時候撥款？", "When is the childcare allowance paid?",
            "核定後按月撥入申請人帳戶，首次撥款約在申請後一個月內。", "Once approved it is paid monthly into your account; the first payment comes within about a month."),
        new("civil", "military-deferment", "役男緩徵需要本人到場嗎？", "Must the conscript apply in person?",
            "可委託家人代辦，請攜帶委託書及受託人身分證。", "A family member may apply with a letter of authorisation and their own ID card."),
        new("secretariat", "auditorium-booking", "大禮堂可以借用嗎？", "Can I book the auditorium?",
            "可以，請先線上或臨櫃申請，經秘書室核准後始完成借用。", "Yes: apply online or at the counter; the booking stands once the Secretariat approves it."),
    ];

    private static readonly News[] Items =
    [
        new(null, NewsKind.News, 1, "本所服務時間延長至晚間 8 時（每週三）", "Open until 8 p.m. on Wednesdays",
            "為方便上班族洽公，本所每週三延長服務至晚間 8 時，受理戶政以外各項業務。", "To serve working people, the office stays open until 8 p.m. every Wednesday."),
        new("social", NewsKind.News, 3, "重陽禮金開始發放", "Double Ninth gift money now being paid",
            "年滿 65 歲設籍本市之長者，重陽禮金即日起發放，免申請者由里辦公處造冊。", "Residents aged 65 and over receive the Double Ninth gift money from today."),
        new("works", NewsKind.News, 6, "路燈報修專線與線上報修上線", "Street-light repair: new hotline and online reporting",
            "路燈不亮可撥打工務課專線或於網站線上報修，報修後可以案件編號查詢進度。", "Report a dark street light by phone or online, and follow it with the case number."),
        new("culture", NewsKind.Activity, 2, "社區長青運動會", "Community seniors' sports day",
            "歡迎本區長者報名參加，現場提供健康檢測與防詐騙宣導。", "Seniors of the district are welcome; health checks and fraud-prevention talks on site.", 14, "楊梅運動公園"),
        new("social", NewsKind.Activity, 4, "育兒津貼及托育補助說明會", "Information session: childcare allowance and subsidies",
            "說明育兒津貼、托育補助申請資格與流程，歡迎家長參加。", "Eligibility and how to apply for childcare allowances; parents welcome.", 10, "本所 3 樓大禮堂"),
    ];

    public async Task SeedAsync(AppDb db, CancellationToken ct)
    {
        if (!options.Enabled) return;
        if (await db.Set<FaqEntry>().IgnoreQueryFilters().AnyAsync(ct) || await db.Set<NewsItem>().IgnoreQueryFilters().AnyAsync(ct)) return;
        var agency = await db.Set<Agency>().IgnoreQueryFilters().FirstOrDefaultAsync(a => a.Code == "yangmei", ct);
        if (agency is null) return;
        var sections = await db.Set<Section>().IgnoreQueryFilters().Where(s => s.AgencyId == agency.Id).ToDictionaryAsync(s => s.Code, s => s.Id, ct);
        var services = await db.Set<Service>().IgnoreQueryFilters().Where(s => s.AgencyId == agency.Id).ToDictionaryAsync(s => s.Code, s => (s.Id, s.SectionId), ct);
        var now = clock.GetUtcNow().UtcDateTime;
        var today = DateOnly.FromDateTime(Web.Localisation.OfficeTime.ToOffice(now));
        var order = 0;
        foreach (var f in Faqs)
        {
            (int Id, int SectionId)? service = f.Service is not null && services.TryGetValue(f.Service, out var s) ? s : null;
            int? section = service?.SectionId ?? (f.Section is not null && sections.TryGetValue(f.Section, out var sid) ? sid : null);
            db.Add(new FaqEntry
            {
                AgencyId = agency.Id, SectionId = section, ServiceId = service?.Id, Question = f.Q, QuestionEn = f.QEn, Answer = f.A, AnswerEn = f.AEn,
                SortOrder = order += 10, UpdatedAtUtc = now,
            });
        }
        foreach (var n in Items)
        {
            db.Add(new NewsItem
            {
                AgencyId = agency.Id, SectionId = n.Section is not null && sections.TryGetValue(n.Section, out var sid) ? sid : null, Kind = n.Kind,
                Title = n.Title, TitleEn = n.TitleEn, Body = n.Body, BodyEn = n.BodyEn, PublishedAtUtc = now.AddDays(-n.DaysAgo),
                EventOn = n.EventInDays is { } d ? today.AddDays(d) : null, Place = n.Place, UpdatedAtUtc = now.AddDays(-n.DaysAgo),
            });
        }
        await db.SaveChangesAsync(ct);
    }
}
