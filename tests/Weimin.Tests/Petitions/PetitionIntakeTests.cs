using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Weimin.Features.Cases;
using Weimin.Features.Petitions;
using Weimin.Tests.Infrastructure;
using Weimin.Web.Localisation;

namespace Weimin.Tests.Petitions;

public class PetitionIntakeTests(WeiminApp app) : IClassFixture<WeiminApp>
{
    [Fact]
    public async Task A_1999_petition_is_due_six_working_days_after_the_day_of_receipt_and_a_letter_thirty()
    {
        var clerk = await app.SignInAsync("clerk");
        var calendar = await app.YangmeiCalendarAsync();
        var today = app.Clock.Today();

        var hotline = await clerk.CreateAsync(PetitionTestData.Body("Hotline1999", "streetlight"));
        Assert.Equal(6, hotline.Body.GetProperty("timeLimitDays").GetInt32());
        Assert.Equal(calendar.AddWorkingDays(today, 6), DateOnly.Parse(hotline.Body.GetProperty("dueOn").GetString()!));
        Assert.Equal(6, calendar.WorkingDaysBetween(today, DateOnly.Parse(hotline.Body.GetProperty("dueOn").GetString()!)));

        var letter = await clerk.CreateAsync(PetitionTestData.Body("Letter", "streetlight"));
        Assert.Equal(30, letter.Body.GetProperty("timeLimitDays").GetInt32());
        Assert.Equal(calendar.AddWorkingDays(today, 30), DateOnly.Parse(letter.Body.GetProperty("dueOn").GetString()!));

        var p = await app.PetitionAsync(hotline.Id);
        Assert.Equal(CaseKind.Petition, p.Case!.Kind);
        Assert.Equal(PetitionChannel.Hotline1999, p.Channel);
        var worksSection = await app.WithDbAsync(db => db.Set<Weimin.Features.Organisation.Section>().Where(s => s.Code == "works" && s.Agency!.Code == "yangmei").Select(s => s.Id).SingleAsync());
        Assert.Equal(worksSection, p.Case.SectionId);
        Assert.NotNull(p.Case.OfficerId);
    }

    [Fact]
    public void Deadline_rules_take_the_most_specific_setting_and_never_pass_the_ceiling()
    {
        var options = new PetitionOptions { CategoryDays = { ["road"] = 10, ["Hotline1999:road"] = 3, ["slow"] = 90 } };
        Assert.Equal(3, PetitionDeadlines.LimitFor(options, PetitionChannel.Hotline1999, "road"));
        Assert.Equal(10, PetitionDeadlines.LimitFor(options, PetitionChannel.Letter, "road"));
        Assert.Equal(6, PetitionDeadlines.LimitFor(options, PetitionChannel.Hotline1999, "other"));
        Assert.Equal(30, PetitionDeadlines.LimitFor(options, PetitionChannel.ChiefMailbox, "other"));
        Assert.Equal(30, PetitionDeadlines.LimitFor(options, PetitionChannel.ChiefMailbox, "slow"));
    }

    [Fact]
    public async Task A_letter_received_earlier_counts_from_the_day_after_it_arrived()
    {
        var clerk = await app.SignInAsync("clerk");
        var calendar = await app.YangmeiCalendarAsync();
        var arrived = app.Clock.Today().AddDays(-7);
        var body = PetitionTestData.Body("Letter", "drain");
        body["receivedOn"] = arrived.ToString("yyyy-MM-dd");
        var created = await clerk.CreateAsync(body);
        Assert.Equal(calendar.AddWorkingDays(arrived, 30), DateOnly.Parse(created.Body.GetProperty("dueOn").GetString()!));

        body["receivedOn"] = app.Clock.Today().AddDays(1).ToString("yyyy-MM-dd");
        var future = await clerk.PostAsJsonAsync("/api/petitions", body);
        Assert.Equal(HttpStatusCode.Conflict, future.StatusCode);
        Assert.Equal("petition.received_in_future", (await future.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("code").GetString());
    }

    [Fact]
    public async Task An_oral_petition_is_refused_until_its_record_was_read_back_and_is_kept_with_its_confirmation()
    {
        var clerk = await app.SignInAsync("clerk");
        var before = await app.WithDbAsync(db => db.Set<Petition>().CountAsync());
        var body = PetitionTestData.Body("InPerson", "civil");
        body["recordReadBack"] = false;
        var refused = await clerk.PostAsJsonAsync("/api/petitions", body);
        Assert.Equal(HttpStatusCode.Conflict, refused.StatusCode);
        Assert.Equal("petition.read_back_required", (await refused.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("code").GetString());
        Assert.Equal(before, await app.WithDbAsync(db => db.Set<Petition>().CountAsync()));

        body["recordReadBack"] = true;
        body["recordConfirmation"] = "陳情人簽名";
        body["recordCorrections"] = "地點更正為大成路 3 號";
        var created = await clerk.CreateAsync(body);
        var p = await app.PetitionAsync(created.Id);
        Assert.True(p.RecordReadBack);
        Assert.Equal("陳情人簽名", p.RecordConfirmation);

        var record = await clerk.GetStringAsync($"/petitions/{created.Id}/record");
        Assert.Contains("大成路口坑洞請修補", record);
        Assert.Contains("地點更正為大成路 3 號", record);
        Assert.Contains("王大明", record);
    }

    [Fact]
    public async Task The_staff_intake_page_takes_in_a_phone_petition_and_redraws_bad_input_with_messages()
    {
        var clerk = await app.SignInAsync("clerk");
        var page = await clerk.GetStringAsync("/petitions/intake?channel=Phone");
        Assert.Contains("言詞陳情", page);
        var before = await app.WithDbAsync(db => db.Set<Petition>().CountAsync());

        var bad = await WeiminApp.PostFormAsync(clerk, "/petitions/intake", new()
        {
            ["Input.Channel"] = "Phone", ["Input.CategoryCode"] = "", ["Input.Subject"] = "", ["Input.Details"] = "x", ["Input.Email"] = "not-an-address",
        });
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        var html = await bad.Content.ReadAsStringAsync();
        Assert.Contains("請填寫陳情類別", html);
        Assert.Contains("請填寫主旨", html);
        Assert.Contains("不是有效的電子郵件地址", html);

        var notReadBack = await WeiminApp.PostFormAsync(clerk, "/petitions/intake", new()
        {
            ["Input.Channel"] = "Phone", ["Input.CategoryCode"] = "road", ["Input.Subject"] = "坑洞", ["Input.Details"] = "電話反映坑洞", ["Input.Name"] = "李小姐",
        });
        Assert.Equal(HttpStatusCode.BadRequest, notReadBack.StatusCode);
        Assert.Contains("行政程序法第169條", await notReadBack.Content.ReadAsStringAsync());
        Assert.Equal(before, await app.WithDbAsync(db => db.Set<Petition>().CountAsync()));

        var ok = await WeiminApp.PostFormAsync(clerk, "/petitions/intake", new()
        {
            ["Input.Channel"] = "Phone", ["Input.CategoryCode"] = "road", ["Input.Subject"] = "坑洞", ["Input.Details"] = "電話反映坑洞", ["Input.Name"] = "李小姐",
            ["Input.Phone"] = "0911-222-333", ["Input.RecordReadBack"] = "true", ["Input.RecordConfirmation"] = "電話中朗讀，陳情人口頭確認",
        });
        Assert.Equal(HttpStatusCode.Redirect, ok.StatusCode);
        var details = await clerk.GetStringAsync(ok.Headers.Location!.OriginalString);
        Assert.Contains("查詢碼", details);
        Assert.Contains("已朗讀或使閱覽並經確認", details);
    }

    [Theory]
    [InlineData("channel", "\"Pigeon\"", "channel")]
    [InlineData("categoryCode", "\"\"", "categoryCode")]
    [InlineData("subject", "\"\"", "subject")]
    [InlineData("details", "null", "details")]
    [InlineData("phone", "\"call me\"", "phone")]
    [InlineData("email", "\"nope\"", "email")]
    [InlineData("language", "\"fr\"", "language")]
    [InlineData("petitionerKind", "\"Ghost\"", "petitionerKind")]
    [InlineData("receivedOn", "\"yesterday\"", "receivedOn")]
    public async Task Api_intake_with_bad_input_gets_a_localised_400_and_saves_nothing(string field, string value, string key)
    {
        var clerk = await app.SignInAsync("clerk");
        var before = await app.WithDbAsync(db => db.Set<Petition>().CountAsync());
        var body = System.Text.Json.Nodes.JsonNode.Parse(JsonSerializer.Serialize(PetitionTestData.Body()))!.AsObject();
        body[field] = System.Text.Json.Nodes.JsonNode.Parse(value);
        var response = await clerk.PostAsync("/api/petitions", new StringContent(body.ToJsonString(), System.Text.Encoding.UTF8, "application/json"));
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var errors = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors");
        Assert.True(errors.TryGetProperty(key, out var messages), errors.ToString());
        Assert.Matches(@"\p{IsCJKUnifiedIdeographs}", messages[0].GetString()!);
        Assert.Equal(before, await app.WithDbAsync(db => db.Set<Petition>().CountAsync()));
    }

    [Fact]
    public async Task An_unknown_category_or_a_company_without_a_name_is_refused()
    {
        var clerk = await app.SignInAsync("clerk");
        var unknown = await clerk.PostAsJsonAsync("/api/petitions", PetitionTestData.Body(category: "unicorns"));
        Assert.Equal("petition.category_unknown", (await unknown.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("code").GetString());
        var body = PetitionTestData.Body();
        body["petitionerKind"] = "Company";
        var company = await clerk.PostAsJsonAsync("/api/petitions", body);
        Assert.Equal("petition.organisation_required", (await company.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("code").GetString());
    }

    [Fact]
    public async Task Petitions_of_another_agency_are_not_found_and_the_auditor_cannot_take_one_in()
    {
        var clerk = await app.SignInAsync("clerk");
        var created = await clerk.CreateAsync(PetitionTestData.Body());
        var xinwu = await app.SignInAsync("xinwu-officer");
        Assert.Equal(HttpStatusCode.NotFound, (await xinwu.GetAsync($"/api/petitions/{created.Id}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await xinwu.GetAsync($"/petitions/{created.Id}")).StatusCode);
        var auditor = await app.SignInAsync("auditor");
        Assert.Equal(HttpStatusCode.Forbidden, (await auditor.PostAsJsonAsync("/api/petitions", PetitionTestData.Body())).StatusCode);
    }
}
