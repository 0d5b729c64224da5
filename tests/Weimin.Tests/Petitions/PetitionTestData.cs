using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Weimin.Features.Calendar;
using Weimin.Features.Organisation;
using Weimin.Features.Petitions;
using Weimin.Tests.Infrastructure;

namespace Weimin.Tests.Petitions;

public static class PetitionTestData
{
    public static Dictionary<string, object?> Body(string channel = "Letter", string category = "road", string? name = "王大明", bool report = false,
        bool confidential = false, string language = "zh-TW", string? email = "wang.daming@example.tw") => new()
    {
        ["channel"] = channel, ["categoryCode"] = category, ["subject"] = "路面坑洞", ["details"] = "大成路口坑洞請修補", ["name"] = name,
        ["phone"] = "0912-345-678", ["email"] = email, ["address"] = "桃園市楊梅區大成路 1 號", ["isReport"] = report, ["confidential"] = confidential,
        ["language"] = language, ["noticeChannel"] = email is null ? "None" : "Email", ["noticeConsent"] = email is not null,
        ["recordReadBack"] = channel is "Phone" or "InPerson", ["publishConsent"] = true,
    };

    public static async Task<(long Id, string Number, JsonElement Body)> CreateAsync(this HttpClient client, Dictionary<string, object?> body)
    {
        var response = await client.PostAsJsonAsync("/api/petitions", body);
        var json = await response.Content.ReadFromJsonAsync<JsonElement>();
        if (response.StatusCode != System.Net.HttpStatusCode.Created) throw new InvalidOperationException($"{(int)response.StatusCode}: {json}");
        return (json.GetProperty("id").GetInt64(), json.GetProperty("number").GetString()!, json);
    }

    public static async Task<int> VersionAsync(this HttpClient client, long id) =>
        (await client.GetFromJsonAsync<JsonElement>($"/api/petitions/{id}")).GetProperty("version").GetInt32();

    public static Task<OfficeCalendar> YangmeiCalendarAsync(this WeiminApp app) => app.WithDbAsync(async db =>
    {
        var agency = await db.Set<Agency>().SingleAsync(a => a.Code == "yangmei");
        await using var scope = app.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<CalendarService>().GetCalendarAsync(agency.Id);
    });

    public static Task<Petition> PetitionAsync(this WeiminApp app, long id) =>
        app.WithDbAsync(db => db.Set<Petition>().Include(p => p.Case).Include(p => p.SealedIdentity).SingleAsync(p => p.CaseId == id));
}
