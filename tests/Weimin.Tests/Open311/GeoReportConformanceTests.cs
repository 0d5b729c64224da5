using System.Globalization;
using System.Net;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Weimin.Features.Cases;
using Weimin.Features.Open311;
using Weimin.Web.Authorization;

namespace Weimin.Tests.Open311;

/// <summary>
/// GeoReport v2 conformance over real HTTP, every rule in both formats (XML read with System.Xml.Linq). The demo data
/// offers 楊梅區公所's repairs through Open311: 道路坑洞修補 (pothole-repair) requires attribute "hazards"
/// (multivaluelist), 路燈報修 requires "fault" (singlevaluelist), 側溝清疏 (ditch-cleaning) is a batch service.
/// </summary>
public class GeoReportConformanceTests(Open311App app) : IClassFixture<Open311App>
{
    public static TheoryData<string> Formats => new() { "xml", "json" };

    private static List<KeyValuePair<string, string>> Form(params (string Key, string Value)[] fields) =>
        [.. fields.Select(f => new KeyValuePair<string, string>(f.Key, f.Value))];

    /// <summary>A valid pothole report; a field in <paramref name="more"/> replaces the one of the same name (attribute lists add up).</summary>
    private static List<KeyValuePair<string, string>> Pothole(params (string Key, string Value)[] more) =>
    [
        .. Form(("api_key", Open311App.DemoKey), ("service_code", "pothole-repair"), ("lat", "24.9112"), ("long", "121.1449"),
            ("description", "大成路上有坑洞"), ("attribute[hazards][]", "deep")).Where(f => f.Key.EndsWith("[]", StringComparison.Ordinal) || more.All(m => m.Key != f.Key)),
        .. Form(more),
    ];

    private Task<int> CaseCountAsync() => app.WithDbAsync(db => db.Set<Case>().CountAsync());

    private async Task<string> PostPotholeAsync(string description, params (string Key, string Value)[] more)
    {
        var fields = Pothole([.. more, ("description", description)]);
        var reply = await app.PostAsync("requests.json", fields);
        Assert.True(reply.Status == HttpStatusCode.OK, reply.Body);
        return (string)reply.Items().Single()["service_request_id"]!;
    }

    private async Task ChangeCaseAsync(string number, Func<CaseService, long, CaseActor, Task> change)
    {
        await using var scope = app.Services.CreateAsyncScope();
        scope.ServiceProvider.GetRequiredService<DataScope>().RunAsSystem();
        var id = await app.WithDbAsync(db => db.Set<Case>().Where(c => c.Number == number).Select(c => c.Id).FirstAsync());
        await change(scope.ServiceProvider.GetRequiredService<CaseService>(), id, new CaseActor(null, "test"));
    }

    private static void AssertW3cDate(object? value)
    {
        var s = Assert.IsType<string>(value);
        Assert.Matches(@"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(Z|[+-]\d{2}:\d{2})$", s);
        Assert.EndsWith("+08:00", s);
    }

    private static void AssertFormat(Reply reply, string format)
    {
        if (format == "xml")
        {
            Assert.Equal("text/xml; charset=utf-8", reply.ContentType);
            Assert.StartsWith("<?xml version=\"1.0\" encoding=\"utf-8\"?>", reply.Body);
            Assert.Equal("", reply.Root.Name.NamespaceName);
        }
        else Assert.Equal("application/json; charset=utf-8", reply.ContentType);
    }

    // --- discovery

    [Fact]
    public async Task Discovery_is_served_in_both_formats_with_the_same_contact_and_a_v2_endpoint()
    {
        var xml = await app.GetAsync("discovery.xml");
        var json = await app.GetAsync("discovery.json");
        Assert.Equal(HttpStatusCode.OK, xml.Status);
        Assert.Equal(HttpStatusCode.OK, json.Status);
        AssertFormat(xml, "xml");
        AssertFormat(json, "json");
        Assert.Equal("discovery", xml.Root.Name.LocalName);
        var x = xml.Object();
        var j = json.Object();
        Assert.Equal(x["contact"], j["contact"]);
        Assert.Contains("楊梅區公所", (string)x["contact"]!);
        Assert.False(string.IsNullOrWhiteSpace((string?)j["key_service"]));
        foreach (var d in new[] { x, j })
        {
            Assert.True(DateTimeOffset.Parse((string)d["changeset"]!, CultureInfo.InvariantCulture) <= app.Clock.GetUtcNow());
            var endpoint = Assert.IsType<Dictionary<string, object?>>(Assert.Single(Assert.IsType<List<object>>(d["endpoints"])));
            Assert.Equal("http://wiki.open311.org/GeoReport_v2", endpoint["specification"]);
            Assert.Equal(app.BaseUrl + "/open311/v2", endpoint["url"]);
            Assert.Contains(endpoint["type"], new[] { "production", "test" });
            Assert.NotNull(endpoint["changeset"]);
            var formats = Assert.IsType<List<object>>(endpoint["formats"]);
            Assert.Contains("text/xml", formats);
            Assert.Contains("application/json", formats);
        }
        Assert.Equal(JsonValueKind.Array, JsonDocument.Parse(json.Body).RootElement.GetProperty("endpoints")[0].GetProperty("formats").ValueKind);
    }

    [Fact]
    public async Task An_unknown_format_suffix_is_not_found()
    {
        var reply = await app.GetAsync("services.html");
        Assert.Equal(HttpStatusCode.NotFound, reply.Status);
        reply.Errors();
    }

    // --- services and definitions

    [Theory, MemberData(nameof(Formats))]
    public async Task Services_lists_only_the_services_offered_through_Open311(string format)
    {
        var reply = await app.GetAsync($"services.{format}");
        Assert.Equal(HttpStatusCode.OK, reply.Status);
        AssertFormat(reply, format);
        if (format == "xml") Assert.Equal("services", reply.Root.Name.LocalName);
        var services = reply.Items();
        var codes = services.Select(s => (string)s["service_code"]!).ToList();
        Assert.Contains("streetlight-repair", codes);
        Assert.Contains("pothole-repair", codes);
        Assert.Contains("drain-cover-repair", codes);
        Assert.DoesNotContain("low-income-cert", codes);
        foreach (var s in services)
        {
            Assert.False(string.IsNullOrWhiteSpace((string?)s["service_name"]));
            Assert.Contains(s["metadata"], new[] { "true", "false" });
            Assert.Contains(s["type"], new[] { "realtime", "batch" });
            Assert.True(s.ContainsKey("description") && s.ContainsKey("keywords") && s.ContainsKey("group"));
        }
        var pothole = services.Single(s => (string)s["service_code"]! == "pothole-repair");
        Assert.Equal("道路坑洞修補", pothole["service_name"]);
        Assert.Equal("true", pothole["metadata"]);
        Assert.Equal("false", services.Single(s => (string)s["service_code"]! == "drain-cover-repair")["metadata"]);
        Assert.Equal("batch", services.Single(s => (string)s["service_code"]! == "ditch-cleaning")["type"]);
        if (format == "json")
        {
            Assert.Equal(JsonValueKind.String, reply.JsonKind("service_code"));
            Assert.Equal(JsonValueKind.True, reply.JsonKind("metadata"));
        }
    }

    [Theory, MemberData(nameof(Formats))]
    public async Task Service_definitions_use_the_six_datatypes_with_unique_orders_and_values_for_lists(string format)
    {
        var datatypes = new HashSet<string>();
        foreach (var code in new[] { "streetlight-repair", "pothole-repair" })
        {
            var reply = await app.GetAsync($"services/{code}.{format}");
            Assert.Equal(HttpStatusCode.OK, reply.Status);
            AssertFormat(reply, format);
            if (format == "xml") Assert.Equal("service_definition", reply.Root.Name.LocalName);
            var definition = reply.Object();
            Assert.Equal(code, definition["service_code"]);
            var attributes = Assert.IsType<List<object>>(definition["attributes"]).Cast<Dictionary<string, object?>>().ToList();
            var orders = attributes.Select(a => int.Parse((string)a["order"]!, CultureInfo.InvariantCulture)).ToList();
            Assert.All(orders, o => Assert.True(o > 0));
            Assert.Equal(orders.Count, orders.Distinct().Count());
            foreach (var a in attributes)
            {
                Assert.Contains(a["variable"], new[] { "true", "false" });
                Assert.Contains(a["required"], new[] { "true", "false" });
                Assert.True(a.ContainsKey("datatype_description") && a.ContainsKey("description") && a.ContainsKey("code"));
                var datatype = (string)a["datatype"]!;
                datatypes.Add(datatype);
                if (datatype.EndsWith("valuelist", StringComparison.Ordinal))
                {
                    var values = Assert.IsType<List<object>>(a["values"]).Cast<Dictionary<string, object?>>().ToList();
                    Assert.NotEmpty(values);
                    Assert.All(values, v => Assert.True(v["key"] is string && v["name"] is string));
                }
            }
        }
        Assert.Equal(new HashSet<string> { "string", "number", "datetime", "text", "singlevaluelist", "multivaluelist" }, datatypes);
    }

    [Theory, MemberData(nameof(Formats))]
    public async Task Unknown_service_or_jurisdiction_is_404_with_the_error_list_and_an_empty_jurisdiction_is_absent(string format)
    {
        var unknown = await app.GetAsync($"services/no-such-service.{format}");
        Assert.Equal(HttpStatusCode.NotFound, unknown.Status);
        AssertFormat(unknown, format);
        Assert.Contains("no-such-service", Assert.Single(unknown.Errors()));

        var notOffered = await app.GetAsync($"services/low-income-cert.{format}");
        Assert.Equal(HttpStatusCode.NotFound, notOffered.Status);

        var city = await app.GetAsync($"services.{format}?jurisdiction_id=nowhere.gov.tw");
        Assert.Equal(HttpStatusCode.NotFound, city.Status);
        Assert.Contains("nowhere.gov.tw", Assert.Single(city.Errors()));

        var plain = await app.GetAsync($"services.{format}");
        Assert.Equal(plain.Body, (await app.GetAsync($"services.{format}?jurisdiction_id=")).Body);
        Assert.Equal(plain.Body, (await app.GetAsync($"services.{format}?jurisdiction_id=yangmei")).Body);
        Assert.Equal(plain.Body, (await app.GetAsync($"services.{format}?unknown_parameter=1")).Body);

        var english = await app.GetAsync($"services/no-such-service.{format}?culture=en");
        Assert.Contains("was not found", Assert.Single(english.Errors()));
    }

    // --- POST requests

    [Theory, MemberData(nameof(Formats))]
    public async Task Post_without_or_with_a_bad_api_key_is_403_and_creates_nothing(string format)
    {
        var before = await CaseCountAsync();
        var none = await app.PostAsync($"requests.{format}", Pothole().Where(f => f.Key != "api_key"));
        Assert.Equal(HttpStatusCode.Forbidden, none.Status);
        AssertFormat(none, format);
        Assert.Single(none.Errors());
        var wrong = await app.PostAsync($"requests.{format}", Pothole().Where(f => f.Key != "api_key").Append(new("api_key", "o311_guess")));
        Assert.Equal(HttpStatusCode.Forbidden, wrong.Status);
        var english = await app.PostAsync($"requests.{format}?culture=en", Pothole().Where(f => f.Key != "api_key"));
        Assert.Equal("Invalid api_key received -- can't proceed with create_request.", Assert.Single(english.Errors()));
        var otherAgency = await app.PostAsync($"requests.{format}", Pothole(("jurisdiction_id", "xinwu")));
        Assert.Equal(HttpStatusCode.Forbidden, otherAgency.Status);
        Assert.Equal(before, await CaseCountAsync());
    }

    public static TheoryData<string, string, string, string> BadPosts => new()
    {
        // format, field to change (key=value; "-key" removes it), what the error says
        { "xml", "-lat", "lat 與 long 必須一起提供。", "" },
        { "json", "-lat;-long", "請提供地點：lat 與 long、address_string 或 address_id 擇一。", "" },
        { "xml", "lat=north", "lat 必須是數字。", "" },
        { "json", "lat=40.7", "緯度必須介於 21.5 與 25.5 之間。", "" },
        { "xml", "-attribute[hazards][]", "請填寫「現場狀況」（attribute[hazards]）。", "" },
        { "json", "attribute[hazards][]=lava", "「現場狀況」沒有「lava」這個選項。", "" },
        { "xml", "attribute[size_cm]=big", "「坑洞大約直徑（公分）」必須是數字。", "" },
        { "json", "description=<script>alert(1)</script>", "說明（description）不可包含 HTML 或程式碼。", "" },
        { "xml", "description=" + new string('坑', 4001), "description 最多 4000 個字。", "" },
        { "json", "media_url=javascript:alert(1)", "media_url 必須是 http 或 https 網址。", "" },
        { "xml", "email=not-an-address", "email 不是有效的電子郵件地址。", "" },
        { "json", "phone=call me", "申請人電話只能包含數字", "" },
        { "xml", "address_string=a\u0001b", "address_string 含有無效的控制字元。", "" },
        { "json", "-service_code", "請提供服務代碼（service_code）。", "" },
    };

    [Theory, MemberData(nameof(BadPosts))]
    public async Task Post_with_bad_input_is_400_with_a_clear_message_and_creates_nothing(string format, string change, string message, string _)
    {
        var fields = Pothole();
        foreach (var c in change.Split(';'))
        {
            var key = c.TrimStart('-').Split('=')[0];
            fields.RemoveAll(f => f.Key == key);
            if (!c.StartsWith('-')) fields.Add(new(key, c[(key.Length + 1)..]));
        }
        var before = await CaseCountAsync();
        var reply = await app.PostAsync($"requests.{format}", fields);
        Assert.Equal(HttpStatusCode.BadRequest, reply.Status);
        AssertFormat(reply, format);
        Assert.Contains(reply.Errors(), e => e.StartsWith(message, StringComparison.Ordinal));
        Assert.Equal(before, await CaseCountAsync());
    }

    [Fact]
    public async Task Post_to_a_service_not_offered_or_unknown_is_404()
    {
        var unknown = await app.PostAsync("requests.xml", Pothole().Where(f => f.Key != "service_code").Append(new("service_code", "no-such")));
        Assert.Equal(HttpStatusCode.NotFound, unknown.Status);
        var notOffered = await app.PostAsync("requests.json", Pothole().Where(f => f.Key != "service_code").Append(new("service_code", "low-income-cert")));
        Assert.Equal(HttpStatusCode.NotFound, notOffered.Status);
        var json = await app.PostAsync("requests.json", []);
        Assert.Equal(HttpStatusCode.Forbidden, json.Status);
    }

    [Fact]
    public async Task Post_with_a_field_given_twice_is_400()
    {
        var reply = await app.PostAsync("requests.xml", [.. Pothole(), new("description", "第二個說明")]);
        Assert.Equal(HttpStatusCode.BadRequest, reply.Status);
        Assert.Equal("description 只能提供一次。", Assert.Single(reply.Errors()));
    }

    [Fact]
    public async Task Post_reports_every_problem_at_once()
    {
        var reply = await app.PostAsync("requests.json", Form(("api_key", Open311App.DemoKey), ("service_code", "pothole-repair"), ("lat", "24.9")));
        Assert.Equal(HttpStatusCode.BadRequest, reply.Status);
        Assert.Equal(2, reply.Errors().Count);
    }

    [Theory, MemberData(nameof(Formats))]
    public async Task Post_to_a_realtime_service_creates_a_real_case_through_intake(string format)
    {
        var description = $"大成路與中山路口坑洞，約 40 公分深 😮 {format}\n第二行";
        var reply = await app.PostAsync($"requests.{format}", Pothole(
            ("attribute[hazards][]", "water"), ("attribute[size_cm]", "40"), ("attribute[notes]", "便利商店前\n靠近公車站"),
            ("email", "reporter@example.tw"), ("phone", "0912-345-678"), ("first_name", "小明"), ("last_name", "王"),
            ("account_id", "acct-9"), ("device_id", "dev-1"), ("media_url", "https://img.example.tw/p/1.jpg"),
            ("address_string", "楊梅區大成路 100 號前"), ("address_id", "YM-100"), ("description", description), ("jurisdiction_id", "")));
        Assert.Equal(HttpStatusCode.OK, reply.Status);
        AssertFormat(reply, format);
        if (format == "xml") Assert.Equal("service_requests", reply.Root.Name.LocalName);
        var item = Assert.Single(reply.Items());
        var number = Assert.IsType<string>(item["service_request_id"]);
        Assert.False(item.ContainsKey("token"));
        Assert.Equal("acct-9", item["account_id"]);
        Assert.Contains(number, (string)item["service_notice"]!);
        if (format == "json") Assert.Equal(JsonValueKind.String, reply.JsonKind("service_request_id"));

        var c = await app.WithDbAsync(db => db.Set<Case>().Include(x => x.Events).AsSplitQuery().SingleAsync(x => x.Number == number));
        Assert.Equal(CaseChannel.Api, c.Channel);
        Assert.Equal(CaseKind.Repair, c.Kind);
        Assert.Equal(CaseStatus.Received, c.Status);
        Assert.Equal("王 小明", c.ApplicantName);
        Assert.Equal("reporter@example.tw", c.ApplicantEmail);
        Assert.Equal(NoticeChannel.Email, c.NoticeChannel);
        Assert.True(c.NoticeConsent);
        Assert.NotNull(c.OfficerId);
        Assert.Equal(7, c.TimeLimitDays);
        // The same deadline as any intake of the service: 7 working days from Friday 2026-11-20.
        Assert.Equal(new DateOnly(2026, 12, 1), c.DueOn);
        Assert.Equal(description.Replace("\r\n", "\n", StringComparison.Ordinal), c.Details);
        var note = Assert.Single(c.Events, e => e.Type == CaseEventType.Note);
        Assert.False(note.IsPublic);
        Assert.Contains("現場狀況: 很深、積水", note.Note);
        Assert.Contains("便利商店前", note.Note);

        var read = await app.GetAsync($"requests/{number}.{format}");
        var r = Assert.Single(read.Items());
        Assert.Equal(description, r["description"]);
        Assert.Equal("YM-100", r["address_id"]);
        Assert.Equal("https://img.example.tw/p/1.jpg", r["media_url"]);
        Assert.Equal("楊梅區大成路 100 號前", r["address"]);
        Assert.Equal("24.9112", r["lat"]);
        Assert.Equal("121.1449", r["long"]);
        Assert.Equal("工務課", r["agency_responsible"]);
        Assert.Equal("2026-12-01T23:59:59+08:00", r["expected_datetime"]);
        foreach (var secret in new[] { "reporter@example.tw", "0912", "小明", "acct-9", "dev-1" })
            Assert.DoesNotContain(secret, read.Body);
        if (format == "json")
        {
            Assert.Equal(JsonValueKind.Number, read.JsonKind("lat"));
            Assert.Equal(JsonValueKind.Null, read.JsonKind("zipcode"));
        }
    }

    [Fact]
    public async Task Post_accepts_a_description_of_exactly_4000_characters_and_a_single_value_list()
    {
        var description = new string('坑', 4000);
        var number = await PostPotholeAsync(description);
        var read = await app.GetAsync($"requests/{number}.xml");
        Assert.Equal(description, Assert.Single(read.Items())["description"]);

        var light = await app.PostAsync("requests.xml", Form(("api_key", Open311App.DemoKey), ("service_code", "streetlight-repair"),
            ("address_string", "楊梅區環東路 5 號旁"), ("attribute[fault]", "flicker"), ("attribute[noticed_at]", "2026-11-19T19:30:00+08:00")));
        Assert.Equal(HttpStatusCode.OK, light.Status);
        var twoFaults = await app.PostAsync("requests.xml", Form(("api_key", Open311App.DemoKey), ("service_code", "streetlight-repair"),
            ("address_string", "楊梅區環東路 5 號旁"), ("attribute[fault][]", "flicker"), ("attribute[fault][]", "dark")));
        Assert.Equal(HttpStatusCode.BadRequest, twoFaults.Status);
        var badTime = await app.PostAsync("requests.json", Form(("api_key", Open311App.DemoKey), ("service_code", "streetlight-repair"),
            ("address_id", "YM-5"), ("attribute[fault]", "dark"), ("attribute[noticed_at]", "last night")));
        Assert.Equal(HttpStatusCode.BadRequest, badTime.Status);
        Assert.StartsWith("「發現時間」必須是 ISO 8601", Assert.Single(badTime.Errors()));
    }

    [Theory, MemberData(nameof(Formats))]
    public async Task Post_to_a_batch_service_returns_a_token_that_later_resolves_to_the_case(string format)
    {
        var before = await CaseCountAsync();
        var reply = await app.PostAsync($"requests.{format}", Form(("api_key", Open311App.DemoKey), ("service_code", "ditch-cleaning"),
            ("address_string", "楊梅區梅高路 20 號旁側溝"), ("description", "側溝淤積發臭")));
        Assert.Equal(HttpStatusCode.OK, reply.Status);
        var item = Assert.Single(reply.Items());
        Assert.False(item.ContainsKey("service_request_id"));
        var token = Assert.IsType<string>(item["token"]);
        Assert.Equal(before, await CaseCountAsync());

        var pending = Assert.Single((await app.GetAsync($"tokens/{token}.{format}")).Items());
        Assert.Equal(token, pending["token"]);
        Assert.Null(pending["service_request_id"]);

        Assert.True(await app.Services.GetRequiredService<Open311BatchIntake>().RunOnceAsync() >= 1);
        var resolvedReply = await app.GetAsync($"tokens/{token}.{format}");
        AssertFormat(resolvedReply, format);
        var resolved = Assert.Single(resolvedReply.Items());
        var number = Assert.IsType<string>(resolved["service_request_id"]);
        Assert.Equal(before + 1, await CaseCountAsync());
        var request = Assert.Single((await app.GetAsync($"requests/{number}.{format}")).Items());
        Assert.Equal("ditch-cleaning", request["service_code"]);
        Assert.Equal("側溝淤積發臭", request["description"]);
        Assert.Equal(0, await app.Services.GetRequiredService<Open311BatchIntake>().RunOnceAsync());

        var unknown = await app.GetAsync($"tokens/no-such-token.{format}");
        Assert.Equal(HttpStatusCode.NotFound, unknown.Status);
        unknown.Errors();
    }

    [Fact]
    public async Task A_batch_request_that_can_no_longer_be_taken_in_reports_why_on_its_token()
    {
        var reply = await app.PostAsync("requests.json", Form(("api_key", Open311App.DemoKey), ("service_code", "ditch-cleaning"), ("address_id", "YM-7")));
        var token = (string)Assert.Single(reply.Items())["token"]!;
        await app.WithDbAsync(db => db.Set<Features.Catalogue.Service>().Where(s => s.Code == "ditch-cleaning")
            .ExecuteUpdateAsync(u => u.SetProperty(s => s.IsActive, false)));
        try
        {
            await app.Services.GetRequiredService<Open311BatchIntake>().RunOnceAsync();
            var failed = await app.GetAsync($"tokens/{token}.xml");
            Assert.Equal(HttpStatusCode.BadRequest, failed.Status);
            Assert.Contains(token, Assert.Single(failed.Errors()));
        }
        finally
        {
            await app.WithDbAsync(db => db.Set<Features.Catalogue.Service>().Where(s => s.Code == "ditch-cleaning")
                .ExecuteUpdateAsync(u => u.SetProperty(s => s.IsActive, true)));
        }
    }

    // --- GET requests

    [Theory, MemberData(nameof(Formats))]
    public async Task Requests_map_status_dates_and_notes_from_the_case(string format)
    {
        var number = await PostPotholeAsync("狀態測試 " + format);
        var open = Assert.Single((await app.GetAsync($"requests/{number}.{format}")).Items());
        Assert.Equal("open", open["status"]);
        Assert.Null(open["status_notes"]);
        foreach (var field in new[] { "requested_datetime", "updated_datetime", "expected_datetime" }) AssertW3cDate(open[field]);

        app.Clock.Advance(TimeSpan.FromHours(3));
        await ChangeCaseAsync(number, (s, id, a) => s.StartAsync(id, null, a));
        await ChangeCaseAsync(number, (s, id, a) => s.NoteAsync(id, null, "已派廠商查看", true, a));
        await ChangeCaseAsync(number, (s, id, a) => s.NoteAsync(id, null, "內部：廠商電話 0912000000", false, a));
        app.Clock.Advance(TimeSpan.FromHours(20));
        await ChangeCaseAsync(number, (s, id, a) => s.CompleteAsync(id, null, "已填補完成", a));
        var closedAt = app.Clock.GetUtcNow().AddHours(1);
        app.Clock.Set(closedAt);
        await ChangeCaseAsync(number, (s, id, a) => s.CloseAsync(id, null, null, a));

        var closedReply = await app.GetAsync($"requests/{number}.{format}");
        var closed = Assert.Single(closedReply.Items());
        Assert.Equal("closed", closed["status"]);
        Assert.Equal("已填補完成", closed["status_notes"]);
        Assert.Equal(closedAt.ToOffset(TimeSpan.FromHours(8)).ToString("yyyy-MM-dd'T'HH:mm:sszzz", CultureInfo.InvariantCulture), closed["updated_datetime"]);
        Assert.False(closed.ContainsKey("notes"));
        Assert.DoesNotContain("0912000000", closedReply.Body);

        var extended = await app.GetAsync($"requests/{number}.{format}?extensions=true");
        var notes = Assert.IsType<List<object>>(Assert.Single(extended.Items())["notes"]).Cast<Dictionary<string, object?>>().ToList();
        Assert.Equal(["Received", "Started", "Note", "Completed", "Closed"], notes.Select(n => (string)n["type"]!).ToList());
        Assert.Equal("已派廠商查看", notes[2]["description"]);
        Assert.All(notes, n => AssertW3cDate(n["datetime"]));
        Assert.DoesNotContain("0912000000", extended.Body);
        Assert.Equal(closedReply.Body, (await app.GetAsync($"requests/{number}.{format}?extensions=false")).Body);
        Assert.Equal(closedReply.Body, (await app.GetAsync($"requests/{number}.{format}?extensions=")).Body);

        var missing = await app.GetAsync($"requests/1150101-9999.{format}");
        Assert.Equal(HttpStatusCode.NotFound, missing.Status);
        missing.Errors();
    }

    [Theory, MemberData(nameof(Formats))]
    public async Task Requests_filter_by_status_code_dates_and_ids_and_empty_parameters_are_absent(string format)
    {
        var start = app.Clock.GetUtcNow();
        app.Clock.Set(start.AddDays(-120));
        var old = await PostPotholeAsync("四個月前的坑洞 " + format);
        app.Clock.Set(start);
        var a = await PostPotholeAsync("篩選測試 A " + format);
        var light = await app.PostAsync("requests.json", Form(("api_key", Open311App.DemoKey), ("service_code", "streetlight-repair"),
            ("address_string", "楊梅區新成路"), ("attribute[fault]", "dark")));
        var b = (string)Assert.Single(light.Items())["service_request_id"]!;
        await ChangeCaseAsync(a, (s, id, x) => s.RejectAsync(id, null, "非本所轄管道路", x));

        List<string> Ids(Reply r) => [.. r.Items().Select(i => (string)i["service_request_id"]!)];

        var all = await app.GetAsync($"requests.{format}");
        Assert.Equal(HttpStatusCode.OK, all.Status);
        AssertFormat(all, format);
        Assert.Contains(a, Ids(all));
        Assert.Contains(b, Ids(all));
        Assert.DoesNotContain(old, Ids(all));
        Assert.All(all.Items(), i => Assert.Contains(i["status"], new[] { "open", "closed" }));
        Assert.Equal(all.Body, (await app.GetAsync($"requests.{format}?service_code=&status=&start_date=&end_date=&service_request_id=&page=&page_size=&extensions=")).Body);
        Assert.Equal(all.Body, (await app.GetAsync($"requests.{format}?status=open,closed&whatever=1")).Body);

        var closed = Ids(await app.GetAsync($"requests.{format}?status=closed"));
        Assert.Contains(a, closed);
        Assert.DoesNotContain(b, closed);
        var open = Ids(await app.GetAsync($"requests.{format}?status=open"));
        Assert.DoesNotContain(a, open);
        Assert.Contains(b, open);
        Assert.Equal(["streetlight-repair"], (await app.GetAsync($"requests.{format}?service_code=streetlight-repair")).Items().Select(i => (string)i["service_code"]!).Distinct());
        var both = Ids(await app.GetAsync($"requests.{format}?service_code=streetlight-repair,pothole-repair"));
        Assert.Contains(a, both);
        Assert.Contains(b, both);

        var window = $"start_date={Uri.EscapeDataString(start.AddDays(-125).ToString("yyyy-MM-dd'T'HH:mm:ssK", CultureInfo.InvariantCulture))}" +
                     $"&end_date={Uri.EscapeDataString(start.AddDays(-100).ToString("yyyy-MM-dd'T'HH:mm:ssK", CultureInfo.InvariantCulture))}";
        var inWindow = Ids(await app.GetAsync($"requests.{format}?{window}"));
        Assert.Contains(old, inWindow);
        Assert.DoesNotContain(a, inWindow);
        // An unescaped "+" in the offset arrives as a space; it is read as the "+" the client meant.
        var taipei = start.AddDays(-125).ToOffset(TimeSpan.FromHours(8)).ToString("yyyy-MM-dd'T'HH:mm:sszzz", CultureInfo.InvariantCulture);
        Assert.Contains(old, Ids(await app.GetAsync($"requests.{format}?start_date={taipei}")));

        var overridden = Ids(await app.GetAsync($"requests.{format}?service_request_id={old},{a}&status=open&service_code=streetlight-repair"));
        Assert.Equal(2, overridden.Count);
        Assert.Contains(old, overridden);
        Assert.Contains(a, overridden);

        var tooLong = await app.GetAsync($"requests.{format}?start_date=2026-01-01T00:00:00Z&end_date=2026-06-01T00:00:00Z");
        Assert.Equal(HttpStatusCode.BadRequest, tooLong.Status);
        Assert.Contains("90", Assert.Single(tooLong.Errors()));
        Assert.Equal(HttpStatusCode.BadRequest, (await app.GetAsync($"requests.{format}?start_date=2026-06-01T00:00:00Z&end_date=2026-05-01T00:00:00Z")).Status);
        var noZone = await app.GetAsync($"requests.{format}?start_date=2026-06-01T00:00:00");
        Assert.Equal(HttpStatusCode.BadRequest, noZone.Status);
        Assert.StartsWith("start_date 必須是含時區", Assert.Single(noZone.Errors()));
        Assert.Equal(HttpStatusCode.BadRequest, (await app.GetAsync($"requests.{format}?status=pending")).Status);
        Assert.Equal(HttpStatusCode.BadRequest, (await app.GetAsync($"requests.{format}?page_size=1001")).Status);
        Assert.Equal(HttpStatusCode.BadRequest, (await app.GetAsync($"requests.{format}?page=0")).Status);
    }

    [Theory, MemberData(nameof(Formats))]
    public async Task Requests_page_without_changing_the_default_and_a_single_result_is_still_a_list(string format)
    {
        await PostPotholeAsync("分頁 1 " + format);
        await PostPotholeAsync("分頁 2 " + format);
        var all = (await app.GetAsync($"requests.{format}")).Items().Select(i => (string)i["service_request_id"]!).ToList();
        Assert.True(all.Count >= 2);
        var first = await app.GetAsync($"requests.{format}?page_size=1");
        Assert.Equal([all[0]], first.Items().Select(i => (string)i["service_request_id"]!));
        Assert.Equal([all[1]], (await app.GetAsync($"requests.{format}?page_size=1&page=2")).Items().Select(i => (string)i["service_request_id"]!));
        if (format == "json") Assert.Equal(JsonValueKind.Array, JsonDocument.Parse(first.Body).RootElement.ValueKind);
        else Assert.Equal("request", Assert.Single(first.Root.Elements()).Name.LocalName);
    }

    [Fact]
    public async Task Requests_of_a_counter_case_never_show_its_details_or_applicant()
    {
        await using var scope = app.Services.CreateAsyncScope();
        scope.ServiceProvider.GetRequiredService<DataScope>().RunForAgency(await app.WithDbAsync(db =>
            db.Set<Features.Organisation.Agency>().Where(a => a.Code == "yangmei").Select(a => a.Id).FirstAsync()));
        var result = await scope.ServiceProvider.GetRequiredService<CaseService>().IntakeAsync(new IntakeRequest
        {
            ServiceCode = "drain-cover-repair", ApplicantName = "陳大文", ApplicantPhone = "0933-111-222", Details = "陳先生說他家門口水溝蓋鬆動",
            LocationText = "楊梅區中山路 10 號",
        }, new CaseActor(null, "test"));
        var reply = await app.GetAsync($"requests/{result.Case!.Number}.json");
        var item = Assert.Single(reply.Items());
        Assert.Equal("楊梅區中山路 10 號", item["address"]);
        Assert.Null(item["description"]);
        foreach (var secret in new[] { "陳大文", "0933", "陳先生" }) Assert.DoesNotContain(secret, reply.Body);
    }
}
