using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using Weimin.Features.Cases;
using Weimin.Tests.Infrastructure;

namespace Weimin.Tests.Cases;

public class CasesApiTests(WeiminApp app) : IClassFixture<WeiminApp>
{
    private static DateTimeOffset Taipei(int y, int m, int d, int h = 10) => new(y, m, d, h, 0, 0, TimeSpan.FromHours(8));

    private static JsonObject ValidIntake(string service = "api-basic") => new()
    {
        ["serviceCode"] = service, ["channel"] = "Counter", ["applicantName"] = "王小明", ["applicantPhone"] = "0912-345-678",
        ["applicantEmail"] = "wang@example.tw", ["applicantAddress"] = "桃園市楊梅區大成路 1 號", ["noticeChannel"] = "Email",
        ["noticeConsent"] = true, ["language"] = "zh-TW", ["subject"] = "申請證明", ["details"] = "一份", ["whenMissing"] = "AwaitSupplement",
    };

    private static StringContent Json(JsonNode body) => new(body.ToJsonString(), Encoding.UTF8, "application/json");

    private async Task<(int Cases, int Notices)> CountsAsync() => await app.WithDbAsync(async db =>
        (await db.Set<Case>().CountAsync(), await db.Set<OneTimeNotice>().CountAsync()));

    public static TheoryData<string, string, string, string> BadFields => new()
    {
        // field to set, JSON value, error key, what the zh-TW message must say
        { "serviceCode", "\"\"", "serviceCode", "請填寫服務項目。" },
        { "serviceCode", "\"" + new string('x', 41) + "\"", "serviceCode", "服務項目最多 40 個字。" },
        { "channel", "\"Pigeon\"", "channel", "收件管道的格式不正確。" },
        { "channel", "99", "channel", "收件管道的格式不正確。" },
        { "windowId", "\"front desk\"", "windowId", "櫃台的格式不正確。" },
        { "applicantName", "\"\"", "applicantName", "請填寫申請人姓名。" },
        { "applicantName", "null", "applicantName", "請填寫申請人姓名。" },
        { "applicantName", "\"" + new string('王', 101) + "\"", "applicantName", "申請人姓名最多 100 個字。" },
        { "applicantPhone", "\"call me\"", "applicantPhone", "申請人電話只能包含數字" },
        { "applicantPhone", "\"" + new string('1', 31) + "\"", "applicantPhone", "申請人電話最多 30 個字。" },
        { "applicantEmail", "\"not-an-address\"", "applicantEmail", "申請人電子郵件不是有效的電子郵件地址。" },
        { "applicantAddress", "\"" + new string('路', 301) + "\"", "applicantAddress", "申請人地址最多 300 個字。" },
        { "noticeChannel", "\"Pigeon\"", "noticeChannel", "通知方式的格式不正確。" },
        { "noticeChannel", "42", "noticeChannel", "通知方式的格式不正確。" },
        { "noticeConsent", "\"yes\"", "noticeConsent", "同意主動通知的格式不正確。" },
        { "language", "\"fr\"", "language", "通知語言的格式不正確。" },
        { "subject", "\"" + new string('案', 201) + "\"", "subject", "案由最多 200 個字。" },
        { "details", "\"" + new string('文', 4001) + "\"", "details", "內容說明最多 4000 個字。" },
        { "locationText", "\"" + new string('地', 301) + "\"", "locationText", "地點最多 300 個字。" },
        { "latitude", "99", "latitude", "緯度必須介於 21.5 與 25.5 之間。" },
        { "latitude", "\"north\"", "latitude", "緯度的格式不正確。" },
        { "longitude", "0", "longitude", "經度必須介於 119 與 122.5 之間。" },
        { "documents", "[{\"requiredDocumentId\":0,\"state\":\"Provided\"}]", "documents[0].requiredDocumentId", "應備證件的格式不正確。" },
        { "documents", "[{\"requiredDocumentId\":1,\"state\":\"Lost\"}]", "documents[0].state", "應備證件的格式不正確。" },
        { "documents", "[{\"requiredDocumentId\":1,\"state\":42}]", "documents[0].state", "應備證件的格式不正確。" },
        { "documents", "[null]", "documents[0]", "應備證件的格式不正確。" },
        { "documents", "\"all of them\"", "documents", "應備證件的格式不正確。" },
        { "whenMissing", "\"Maybe\"", "whenMissing", "證件不齊時的格式不正確。" },
        { "noticeNote", "\"" + new string('註', 2001) + "\"", "noticeNote", "告知單附註最多 2000 個字。" },
    };

    [Theory]
    [MemberData(nameof(BadFields))]
    public async Task Intake_field_with_bad_input_gets_a_localised_400_and_saves_nothing(string field, string value, string key, string message)
    {
        await app.AddServiceAsync("api-basic", 5);
        var clerk = await app.SignInAsync("clerk");
        var before = await CountsAsync();

        var body = ValidIntake();
        body[field] = JsonNode.Parse(value);
        var response = await clerk.PostAsync("/api/cases", Json(body));
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var errors = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors");
        Assert.StartsWith(message, errors.GetProperty(key)[0].GetString());

        var english = await clerk.PostAsync("/api/cases?culture=en", Json(body));
        Assert.Equal(HttpStatusCode.BadRequest, english.StatusCode);
        var englishMessage = (await english.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors").GetProperty(key)[0].GetString()!;
        Assert.Matches("^[ -~]+$", englishMessage);  // English, not the Chinese text

        Assert.Equal(before, await CountsAsync());
    }

    [Fact]
    public async Task Intake_without_a_json_body_is_refused_and_saves_nothing()
    {
        var clerk = await app.SignInAsync("clerk");
        var before = await CountsAsync();
        var empty = await clerk.PostAsync("/api/cases", new StringContent("", Encoding.UTF8, "application/json"));
        Assert.Equal(HttpStatusCode.BadRequest, empty.StatusCode);
        Assert.Equal("請以 JSON 格式送出內容。", (await empty.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors").GetProperty("")[0].GetString());
        var broken = await clerk.PostAsync("/api/cases", new StringContent("{\"serviceCode\":", Encoding.UTF8, "application/json"));
        Assert.Equal(HttpStatusCode.BadRequest, broken.StatusCode);
        var form = await clerk.PostAsync("/api/cases", new StringContent("serviceCode=x", Encoding.UTF8, "application/x-www-form-urlencoded"));
        Assert.Equal(HttpStatusCode.UnsupportedMediaType, form.StatusCode);
        Assert.Equal(before, await CountsAsync());
    }

    [Fact]
    public async Task Intake_rules_answer_409_with_a_stable_code()
    {
        await app.AddServiceAsync("api-basic", 5);
        var clerk = await app.SignInAsync("clerk");
        var before = await CountsAsync();

        var unknown = ValidIntake("no-such-service");
        var response = await clerk.PostAsync("/api/cases", Json(unknown));
        Assert.Equal(HttpStatusCode.Conflict, response.StatusCode);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("case.service_unknown", problem.GetProperty("code").GetString());
        Assert.Contains("no-such-service", problem.GetProperty("title").GetString());

        var noConsent = ValidIntake();
        noConsent["noticeConsent"] = false;
        Assert.Equal("case.consent_required", (await (await clerk.PostAsync("/api/cases", Json(noConsent))).Content.ReadFromJsonAsync<JsonElement>()).GetProperty("code").GetString());

        var strangeDocument = ValidIntake();
        strangeDocument["documents"] = JsonNode.Parse("[{\"requiredDocumentId\":987654,\"state\":\"Provided\"}]");
        Assert.Equal("case.document_unknown", (await (await clerk.PostAsync("/api/cases", Json(strangeDocument))).Content.ReadFromJsonAsync<JsonElement>()).GetProperty("code").GetString());

        Assert.Equal(before, await CountsAsync());
    }

    [Fact]
    public async Task Intake_creates_the_case_and_returns_the_code_once()
    {
        var service = await app.AddServiceAsync("api-docs", 5, documents: [("申請書", false), ("戶口名簿", false)]);
        var docs = service.Documents.OrderBy(d => d.SortOrder).ToList();
        app.Clock.Set(Taipei(2026, 3, 2));
        var clerk = await app.SignInAsync("clerk");

        var complete = ValidIntake("api-docs");
        complete["documents"] = new JsonArray(docs.Select(d => (JsonNode)new JsonObject { ["requiredDocumentId"] = d.Id, ["state"] = "Provided" }).ToArray());
        var created = await clerk.PostAsync("/api/cases", Json(complete));
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var body = await created.Content.ReadFromJsonAsync<JsonElement>();
        var id = body.GetProperty("id").GetInt64();
        Assert.Equal($"/api/cases/{id}", created.Headers.Location!.ToString());
        Assert.Matches("^1150302-\\d{4}$", body.GetProperty("number").GetString());
        Assert.Matches("^[A-Z2-9]{8}$", body.GetProperty("trackingCode").GetString());
        Assert.Equal("2026-03-09", body.GetProperty("dueOn").GetString());
        Assert.Equal("Received", body.GetProperty("status").GetString());
        Assert.Equal(JsonValueKind.Null, body.GetProperty("noticeId").ValueKind);
        Assert.Empty(body.GetProperty("missing").EnumerateArray());

        // The code works on the tracking API, and is never shown again.
        var number = body.GetProperty("number").GetString();
        var code = body.GetProperty("trackingCode").GetString();
        Assert.Equal(HttpStatusCode.OK, (await app.Anonymous().GetAsync($"/api/track?number={number}&secret={code}")).StatusCode);
        var details = await clerk.GetStringAsync($"/api/cases/{id}");
        Assert.DoesNotContain(code!, details);

        // Missing documents, taken in awaiting supplement: the case and the notice.
        var partial = ValidIntake("api-docs");
        partial["documents"] = new JsonArray(new JsonObject { ["requiredDocumentId"] = docs[0].Id, ["state"] = "Provided" });
        var waiting = await (await clerk.PostAsync("/api/cases", Json(partial))).Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("AwaitingSupplement", waiting.GetProperty("status").GetString());
        Assert.Equal(JsonValueKind.Number, waiting.GetProperty("noticeId").ValueKind);
        Assert.Equal(["戶口名簿"], waiting.GetProperty("missing").EnumerateArray().Select(m => m.GetString()));

        // Missing documents, not taken: 422 with the notice and no case.
        var before = await CountsAsync();
        partial["whenMissing"] = "NotTaken";
        var refused = await clerk.PostAsync("/api/cases", Json(partial));
        Assert.Equal(HttpStatusCode.UnprocessableEntity, refused.StatusCode);
        var notice = await refused.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("case.documents_missing", notice.GetProperty("code").GetString());
        Assert.Equal(["戶口名簿"], notice.GetProperty("missing").EnumerateArray().Select(m => m.GetString()));
        Assert.True(notice.GetProperty("noticeId").GetInt64() > 0);
        var after = await CountsAsync();
        Assert.Equal((before.Cases, before.Notices + 1), after);
    }

    private async Task<(long Id, int Version)> NewCaseAsync(HttpClient clerk, string service = "api-basic")
    {
        await app.AddServiceAsync(service, 5);
        var body = await (await clerk.PostAsync("/api/cases", Json(ValidIntake(service)))).Content.ReadFromJsonAsync<JsonElement>();
        var id = body.GetProperty("id").GetInt64();
        return (id, 0);
    }

    private static async Task<JsonElement> ActAsync(HttpClient client, long id, string action, object body, HttpStatusCode expected = HttpStatusCode.OK)
    {
        var response = await client.PostAsJsonAsync($"/api/cases/{id}/{action}", body);
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(expected == response.StatusCode, $"{action}: {(int)response.StatusCode} {text}");
        return text.Length == 0 ? default : JsonDocument.Parse(text).RootElement;
    }

    [Fact]
    public async Task Every_action_works_through_the_api_and_a_stale_version_is_refused()
    {
        app.Clock.Set(Taipei(2026, 4, 13));
        var clerk = await app.SignInAsync("clerk");
        var officer = await app.SignInAsync("officer");
        var head = await app.SignInAsync("sectionhead");
        var (id, _) = await NewCaseAsync(clerk);

        var details = await officer.GetFromJsonAsync<JsonElement>($"/api/cases/{id}");
        Assert.Equal("王小明", details.GetProperty("applicant").GetProperty("name").GetString());
        Assert.Contains("\"王小明\"", await officer.GetStringAsync($"/api/cases/{id}")); // Chinese is sent as text, not \uXXXX
        var v = details.GetProperty("version").GetInt32();

        var started = await ActAsync(officer, id, "start", new { version = v });
        Assert.Equal("InProgress", started.GetProperty("status").GetString());
        var startedTwice = await ActAsync(officer, id, "start", new { version = started.GetProperty("version").GetInt32() }, HttpStatusCode.Conflict);
        Assert.Equal("case.bad_transition", startedTwice.GetProperty("code").GetString());
        Assert.Equal("案件目前狀態（處理中）不能改為「處理中」。", startedTwice.GetProperty("title").GetString());
        var stale = await ActAsync(officer, id, "note", new { version = v, note = "遲來的更新" }, HttpStatusCode.Conflict);
        Assert.Equal("case.stale", stale.GetProperty("code").GetString());
        v = started.GetProperty("version").GetInt32();

        var noted = await ActAsync(officer, id, "note", new { version = v, note = "已電話聯絡", isPublic = true });
        Assert.Contains(noted.GetProperty("timeline").EnumerateArray(), e => e.GetProperty("note").GetString() == "已電話聯絡" && e.GetProperty("isPublic").GetBoolean());
        v = noted.GetProperty("version").GetInt32();
        var asked = await ActAsync(officer, id, "supplement-request", new { version = v, note = "請補印鑑證明" });
        Assert.Equal("AwaitingSupplement", asked.GetProperty("status").GetString());
        var back = await ActAsync(officer, id, "supplemented", new { version = asked.GetProperty("version").GetInt32() });
        Assert.Equal("InProgress", back.GetProperty("status").GetString());

        var officerExtends = await ActAsync(officer, id, "extend", new { version = back.GetProperty("version").GetInt32(), days = 3, reason = "會勘" }, HttpStatusCode.Conflict);
        Assert.Equal("case.extension_approver", officerExtends.GetProperty("code").GetString());
        var extended = await ActAsync(head, id, "extend", new { version = back.GetProperty("version").GetInt32(), days = 3, reason = "需會勘現場" });
        Assert.Single(extended.GetProperty("extensions").EnumerateArray());
        Assert.Equal(3, extended.GetProperty("extensionDays").GetInt32());

        var officerId = await app.StaffAsync("楊淑惠");
        var assigned = await ActAsync(head, id, "assign", new { version = extended.GetProperty("version").GetInt32(), officerId });
        Assert.Equal(officerId, assigned.GetProperty("officerId").GetInt32());
        var completed = await ActAsync(head, id, "complete", new { version = assigned.GetProperty("version").GetInt32(), result = "核發" });
        Assert.Equal("Completed", completed.GetProperty("status").GetString());
        Assert.True(completed.GetProperty("completedOnTime").GetBoolean());
        var closed = await ActAsync(head, id, "close", new { version = completed.GetProperty("version").GetInt32() });
        Assert.Equal("Closed", closed.GetProperty("status").GetString());
        var closedAgain = await ActAsync(head, id, "reject", new { version = closed.GetProperty("version").GetInt32(), reason = "x" }, HttpStatusCode.Conflict);
        Assert.Equal("case.closed", closedAgain.GetProperty("code").GetString());

        // The ends of the other roads: reject, withdraw, merge, transfer to an agency, transfer to a section.
        var (r, _) = await NewCaseAsync(clerk);
        Assert.Equal("Rejected", (await ActAsync(officer, r, "reject", new { version = 0, reason = "資格不符" })).GetProperty("status").GetString());
        var (w, _) = await NewCaseAsync(clerk);
        Assert.Equal("Withdrawn", (await ActAsync(officer, w, "withdraw", new { version = 0, note = "申請人撤回" })).GetProperty("status").GetString());
        var (m, _) = await NewCaseAsync(clerk);
        var (target, _) = await NewCaseAsync(clerk);
        var targetNumber = (await officer.GetFromJsonAsync<JsonElement>($"/api/cases/{target}")).GetProperty("number").GetString();
        var merged = await ActAsync(officer, m, "merge", new { version = 0, intoNumber = targetNumber });
        Assert.Equal("Merged", merged.GetProperty("status").GetString());
        Assert.Equal(target, merged.GetProperty("mergedIntoId").GetInt64());
        var (ta, _) = await NewCaseAsync(clerk);
        var toAgency = await ActAsync(officer, ta, "transfer-agency", new { version = 0, agency = "桃園市政府社會局" });
        Assert.Equal("Transferred", toAgency.GetProperty("status").GetString());
        var (ts, _) = await NewCaseAsync(clerk);
        var civil = await app.SectionAsync("yangmei", "civil");
        var moved = await ActAsync(officer, ts, "transfer-section", new { version = 0, sectionId = civil });
        Assert.Equal(civil, moved.GetProperty("sectionId").GetInt32());
        // The officer's section no longer holds it.
        Assert.Equal(HttpStatusCode.NotFound, (await officer.GetAsync($"/api/cases/{ts}")).StatusCode);
    }

    [Fact]
    public async Task Action_bodies_are_checked_before_anything_changes()
    {
        var clerk = await app.SignInAsync("clerk");
        var officer = await app.SignInAsync("officer");
        var (id, _) = await NewCaseAsync(clerk);

        var noVersion = await ActAsync(officer, id, "start", new { }, HttpStatusCode.BadRequest);
        Assert.Equal("請填寫版本。", noVersion.GetProperty("errors").GetProperty("version")[0].GetString());
        var noDays = await ActAsync(officer, id, "extend", new { version = 0 }, HttpStatusCode.BadRequest);
        Assert.True(noDays.GetProperty("errors").TryGetProperty("days", out _));
        Assert.True(noDays.GetProperty("errors").TryGetProperty("reason", out _));
        var badDays = await ActAsync(officer, id, "extend", new StringContentBody("{\"version\":0,\"days\":\"many\",\"reason\":\"x\"}").Node, HttpStatusCode.BadRequest);
        Assert.Equal("展期天數的格式不正確。", badDays.GetProperty("errors").GetProperty("days")[0].GetString());
        var tooLong = await ActAsync(officer, id, "note", new { version = 0, note = new string('字', 4001) }, HttpStatusCode.BadRequest);
        Assert.Contains("4000", tooLong.GetProperty("errors").GetProperty("note")[0].GetString());
        foreach (var (action, field) in new[] { ("transfer-section", "sectionId"), ("transfer-agency", "agency"), ("assign", "officerId"), ("complete", "result"), ("reject", "reason"), ("merge", "intoNumber"), ("note", "note") })
        {
            var missing = await ActAsync(officer, id, action, new { version = 0 }, HttpStatusCode.BadRequest);
            Assert.True(missing.GetProperty("errors").TryGetProperty(field, out _), action);
        }
        var en = await officer.PostAsJsonAsync($"/api/cases/{id}/complete?culture=en", new { version = 0 });
        Assert.Equal("Enter Result.", (await en.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors").GetProperty("result")[0].GetString());

        var unchanged = await officer.GetFromJsonAsync<JsonElement>($"/api/cases/{id}");
        Assert.Equal(0, unchanged.GetProperty("version").GetInt32());
        Assert.Single(unchanged.GetProperty("timeline").EnumerateArray());
    }

    private sealed record StringContentBody(string Json)
    {
        public JsonNode Node => JsonNode.Parse(Json)!;
    }

    [Fact]
    public async Task Access_anonymous_401_wrong_role_403_other_scope_404()
    {
        var clerk = await app.SignInAsync("clerk");
        var (id, _) = await NewCaseAsync(clerk);
        var anonymous = app.Anonymous();
        Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.PostAsync("/api/cases", Json(ValidIntake()))).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.GetAsync($"/api/cases/{id}")).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.PostAsJsonAsync($"/api/cases/{id}/start", new { version = 0 })).StatusCode);

        var auditor = await app.SignInAsync("auditor");
        Assert.Equal(HttpStatusCode.OK, (await auditor.GetAsync($"/api/cases/{id}")).StatusCode);        // reads
        Assert.Equal(HttpStatusCode.Forbidden, (await auditor.PostAsJsonAsync($"/api/cases/{id}/start", new { version = 0 })).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await auditor.PostAsync("/api/cases", Json(ValidIntake()))).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await clerk.PostAsJsonAsync($"/api/cases/{id}/start", new { version = 0 })).StatusCode);
        var committee = await app.SignInAsync("committee");
        Assert.Equal(HttpStatusCode.Forbidden, (await committee.GetAsync($"/api/cases/{id}")).StatusCode);

        var otherAgency = await app.SignInAsync("xinwu-officer");
        Assert.Equal(HttpStatusCode.NotFound, (await otherAgency.GetAsync($"/api/cases/{id}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await otherAgency.PostAsJsonAsync($"/api/cases/{id}/start", new { version = 0 })).StatusCode);
        // A service of another agency is unknown to this one.
        Assert.Equal(HttpStatusCode.Conflict, (await otherAgency.PostAsync("/api/cases", Json(ValidIntake()))).StatusCode);

        // An officer of another section of the same agency: not found either.
        var civilCase = await app.AddServiceAsync("api-civil", 3, section: "civil", defaultOfficer: null);
        var (civilId, _) = await NewCaseAsync(clerk, civilCase.Code);
        var officer = await app.SignInAsync("officer");
        Assert.Equal(HttpStatusCode.NotFound, (await officer.GetAsync($"/api/cases/{civilId}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await officer.PostAsJsonAsync($"/api/cases/{civilId}/start", new { version = 0 })).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await clerk.GetAsync($"/api/cases/{civilId}")).StatusCode);
    }

    [Fact]
    public async Task OpenApi_describes_intake_actions_and_tracking()
    {
        var doc = await app.Anonymous().GetStringAsync("/openapi/v1.json");
        foreach (var path in new[] { "/api/cases", "/api/cases/{id}", "/api/cases/{id}/extend", "/api/cases/{id}/transfer-section", "/api/track" })
            Assert.Contains($"\"{path}\"", doc);
        Assert.Contains("IntakeRequest", doc);
        Assert.Contains("CaseActionRequest", doc);
    }
}
