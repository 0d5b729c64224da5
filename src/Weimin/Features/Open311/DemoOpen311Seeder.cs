using Microsoft.EntityFrameworkCore;
using Weimin.Data;
using Weimin.Features.Catalogue;
using Weimin.Features.Demo;
using Weimin.Features.Organisation;

namespace Weimin.Features.Open311;

/// <summary>
/// Demo mode only: offers 楊梅區公所's repair services through Open311 (側溝清疏 as a batch service), gives 路燈報修 and
/// 道路坑洞修補 a service definition using all six datatypes, and registers a demo client whose key is published in
/// docs/open311.md (<see cref="DemoKey"/>) — a demo database is public anyway. Runs once, after the demo catalogue.
/// </summary>
internal sealed class DemoOpen311Seeder(DemoOptions options, TimeProvider clock) : IStartupSeeder
{
    public const string DemoKey = "weimin-demo-open311-key";
    private static readonly string[] Repairs = ["streetlight-repair", "pothole-repair", "drain-cover-repair", "mirror-repair", "ditch-cleaning", "park-maintenance"];

    public int Order => 130;

    public async Task SeedAsync(AppDb db, CancellationToken ct)
    {
        if (!options.Enabled) return;
        if (await db.Set<Open311Client>().IgnoreQueryFilters().AnyAsync(ct)) return;
        var agency = await db.Set<Agency>().IgnoreQueryFilters().FirstOrDefaultAsync(a => a.Code == "yangmei", ct);
        if (agency is null) return;

        var services = await db.Set<Service>().IgnoreQueryFilters().Include(s => s.Attributes)
            .Where(s => s.AgencyId == agency.Id && Repairs.Contains(s.Code)).ToListAsync(ct);
        foreach (var s in services)
        {
            s.Open311 = true;
            s.Open311Type = s.Code == "ditch-cleaning" ? Open311Type.Batch : Open311Type.Realtime;
            if (s.Attributes.Count > 0) continue;
            s.Attributes.AddRange(s.Code switch
            {
                "streetlight-repair" =>
                [
                    Attribute(1, "pole_number", AttributeDatatype.String, false, "路燈編號（燈桿上的牌子）", "例如 YM-0123"),
                    Attribute(2, "fault", AttributeDatatype.SingleValueList, true, "故障情形", null,
                        "dark|不亮\nflicker|閃爍\nday|白天亮著\nleaning|燈桿傾斜\nother|其他"),
                    Attribute(3, "noticed_at", AttributeDatatype.Datetime, false, "發現時間", "ISO 8601，例如 2026-11-20T19:30:00+08:00"),
                ],
                "pothole-repair" =>
                [
                    Attribute(1, "safety", AttributeDatatype.String, false, "若有人受傷或車輛受損，請撥 110 或 119。", null, variable: false),
                    Attribute(2, "size_cm", AttributeDatatype.Number, false, "坑洞大約直徑（公分）", "數字，例如 40"),
                    Attribute(3, "hazards", AttributeDatatype.MultiValueList, true, "現場狀況", null,
                        "deep|很深\nwater|積水\nlane|位於車道\nsidewalk|位於人行道"),
                    Attribute(4, "notes", AttributeDatatype.Text, false, "其他說明（如附近地標）", null),
                ],
                _ => [],
            });
            s.UpdatedAtUtc = clock.GetUtcNow().UtcDateTime;
        }
        db.Add(new Open311Client
        {
            AgencyId = agency.Id, Name = "Demo 311 app", Contact = "docs/open311.md", KeyHash = Open311Service.HashKey(DemoKey),
            KeyPrefix = DemoKey[..9], CreatedAtUtc = clock.GetUtcNow().UtcDateTime, CreatedBy = "demo",
        });
        await db.SaveChangesAsync(ct);
    }

    private static ServiceAttribute Attribute(int order, string code, AttributeDatatype type, bool required, string description, string? hint,
        string? values = null, bool variable = true) => new()
    {
        Order = order, Code = code, Datatype = type, Required = required, Description = description, DatatypeDescription = hint, Values = values,
        Variable = variable,
    };
}
