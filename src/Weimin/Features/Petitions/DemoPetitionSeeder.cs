using Microsoft.EntityFrameworkCore;
using Weimin.Data;
using Weimin.Features.Cases;
using Weimin.Features.Demo;
using Weimin.Features.Organisation;
using Weimin.Web.Localisation;

namespace Weimin.Features.Petitions;

/// <summary>
/// The default petition categories for every district office that has none (mapped to its sections by code), and in demo mode a
/// month of plausible petitions, a media item and tracked items for 楊梅區公所.
/// </summary>
internal sealed class DemoPetitionSeeder(DemoOptions demo, PetitionService petitions, TimeProvider clock) : IStartupSeeder
{
    public int Order => 140;

    private static readonly (string Code, string Name, string NameEn, string Section, bool Report)[] Categories =
    [
        ("road", "道路坑洞", "Roads and potholes", "works", false),
        ("streetlight", "路燈", "Street lights", "works", false),
        ("drain", "水溝側溝", "Drains and gutters", "works", false),
        ("environment", "環境衛生", "Environment and sanitation", "civil", false),
        ("social", "社會福利", "Social welfare", "social", false),
        ("civil", "民政業務", "Civil affairs", "civil", false),
        ("agri", "農業", "Agriculture", "agri", false),
        ("culture", "藝文活動", "Culture and events", "culture", false),
        ("suggestion", "施政建議", "Policy suggestions", "secretariat", false),
        ("conduct", "服務態度", "Staff conduct", "secretariat", false),
        ("report", "檢舉（政風）", "Report of wrongdoing", "ethics", true),
        ("other", "其他", "Other", "secretariat", false),
    ];

    public async Task SeedAsync(AppDb db, CancellationToken ct)
    {
        var agencies = await db.Set<Agency>().IgnoreQueryFilters().Where(a => a.Kind != AgencyKind.City).ToListAsync(ct);
        foreach (var agency in agencies)
        {
            if (await db.Set<PetitionCategory>().IgnoreQueryFilters().AnyAsync(c => c.AgencyId == agency.Id, ct)) continue;
            var sections = await db.Set<Section>().IgnoreQueryFilters().Where(s => s.AgencyId == agency.Id).OrderBy(s => s.SortOrder).ToListAsync(ct);
            if (sections.Count == 0) continue;
            var order = 0;
            foreach (var c in Categories)
                db.Add(new PetitionCategory
                {
                    AgencyId = agency.Id, Code = c.Code, Name = c.Name, NameEn = c.NameEn, IsReport = c.Report, SortOrder = ++order,
                    SectionId = (sections.FirstOrDefault(s => s.Code == c.Section) ?? sections[0]).Id,
                });
        }
        await db.SaveChangesAsync(ct);

        if (!demo.Enabled) return;
        var yangmei = agencies.FirstOrDefault(a => a.Code == "yangmei");
        if (yangmei is null || await db.Set<Petition>().IgnoreQueryFilters().AnyAsync(p => p.AgencyId == yangmei.Id, ct)) return;
        var clerk = new CaseActor(null, "demo");
        var today = clock.Today();
        PetitionIntake P(PetitionChannel ch, string cat, string subject, string details, string? name, string? phone, string? email, int daysAgo,
            bool report = false, string lang = "zh-TW", bool publish = false, PetitionerKind kind = PetitionerKind.Person, string? org = null) => new()
        {
            Channel = ch, CategoryCode = cat, Subject = subject, Details = details, Name = name, Phone = phone, Email = email, IsReport = report,
            Language = lang, PublishConsent = publish, PetitionerKind = kind, OrganisationName = org, ReceivedOn = today.AddDays(-daysAgo),
            NoticeChannel = email is not null ? NoticeChannel.Email : phone is not null ? NoticeChannel.Sms : NoticeChannel.None,
            NoticeConsent = email is not null || phone is not null, RecordReadBack = ch.IsOral(), RecordConfirmation = ch.IsOral() ? "電話中朗讀確認" : null,
            ExternalNumber = ch == PetitionChannel.Hotline1999 ? $"1999-{today:yyyyMM}-{daysAgo:000}" : null,
        };
        var seeds = new[]
        {
            P(PetitionChannel.Hotline1999, "streetlight", "梅高路路燈不亮", "梅高路 120 號前路燈連續三晚不亮，夜間行人危險。", "林小姐", "0912-111-222", null, 12),
            P(PetitionChannel.ChiefMailbox, "road", "大成路坑洞", "大成路與中山路口有一大坑洞，機車經過容易摔車，請儘速修補。", "陳大文", "0922-333-444", "chen.dawen@example.tw", 9, publish: true),
            P(PetitionChannel.ChiefMailbox, "report", "工程廠商疑似圍標", "檢舉本區某道路工程廠商疑似圍標，相關資料如附。", "張檢舉", "0933-555-666", "whistle@example.tw", 7, report: true),
            P(PetitionChannel.MayorMailbox, "social", "育兒津貼撥款延遲", "申請育兒津貼已兩個月尚未撥款，請協助查詢。", "黃媽媽", null, "mom.huang@example.tw", 6),
            P(PetitionChannel.Letter, "suggestion", "建議增設親子公園", "埔心地區缺少親子公園，建議於閒置空地增設。", "梅新社區發展協會", "03-478-1234", null, 15, kind: PetitionerKind.Association, org: "梅新社區發展協會"),
            P(PetitionChannel.Phone, "drain", "側溝堵塞積水", "秀才路側溝堵塞，下雨即積水。", "劉先生", "0955-777-888", null, 3),
            P(PetitionChannel.OpinionBox, "conduct", "櫃台人員態度", "意見箱投書，未留姓名：櫃台人員態度不佳。", null, null, null, 5),
            P(PetitionChannel.MessageBoard, "environment", "Stray dogs near the park", "There are stray dogs near Yangmei park every evening; could the office look into it?", "John Smith", null, "john.smith@example.com", 4, lang: "en"),
            P(PetitionChannel.InPerson, "civil", "里民活動中心開放時間", "希望延長里民活動中心週末開放時間。", "吳阿伯", "03-478-5678", null, 2),
        };
        var created = new List<PetitionCreated>();
        foreach (var s in seeds) created.Add(await petitions.IntakeAsync(s, clerk, yangmei.Id, ct));

        // One answered and published, one answered and rated dissatisfied (in the chief's review queue), one left 存查.
        var road = created[1].Case;
        var replied = await petitions.ReplyAsync(road.Id, road.Version, "本所已於收件後派員查勘，並於 3 日內完成坑洞修補。感謝您的反映。", null, "楊鄉工字第1150001234號", clerk, ct);
        await petitions.PublishAsync(road.Id, replied!.Value.Case.Version, "大成路坑洞修補", "大成路與中山路口有一大坑洞，機車經過容易摔車，請儘速修補。",
            "本所已於收件後派員查勘，並於 3 日內完成坑洞修補。感謝您的反映。", clerk, ct);
        var light = created[0].Case;
        var lit = await petitions.ReplyAsync(light.Id, light.Version, "路燈已更換燈具，恢復照明。", null, null, clerk, ct);
        await petitions.RateAsync(lit!.Value.RatingToken, PetitionRating.Dissatisfied, "修好了但等了太久，而且沒有人先回電說明。", ct);
        var box = created[6].Case;
        await petitions.CloseUnhandledAsync(box.Id, box.Version, UnhandledRule.NoContentOrIdentity, null, "意見箱投書未具名亦無聯絡方式，登記存查。", clerk, ct);

        var works = await db.Set<Section>().IgnoreQueryFilters().FirstAsync(s => s.AgencyId == yangmei.Id && s.Code == "works", ct);
        var civil = await db.Set<Section>().IgnoreQueryFilters().FirstAsync(s => s.AgencyId == yangmei.Id && s.Code == "civil", ct);
        await petitions.LogMediaItemAsync(new MediaItemInput
        {
            Source = "地方新聞", Title = "楊梅區道路積水 居民抱怨", Link = "https://news.example.tw/yangmei-flood", SectionId = works.Id, NeedsResponse = true,
            Summary = "報導埔心地區大雨後道路積水，居民反映側溝未清。", SeenOn = today,
        }, clerk, yangmei.Id, ct);
        await petitions.AddTrackedItemAsync(new TrackedItemInput
        {
            Kind = TrackedKind.CouncillorConcern, RequestedBy = "某市議員服務處", Title = "關心秀才路側溝改善進度", SectionId = works.Id, DueOn = today.AddDays(14),
            Details = "議員服務處來電關心秀才路側溝改善工程進度，請工務課回復。",
        }, clerk, yangmei.Id, ct);
        await petitions.AddTrackedItemAsync(new TrackedItemInput
        {
            Kind = TrackedKind.ChiefAssignment, RequestedBy = "區長", Title = "盤點轄內閒置空地作為親子公園", SectionId = civil.Id, DueOn = today.AddDays(30),
        }, clerk, yangmei.Id, ct);
    }
}
