using System.IO.Compression;
using System.Net;
using System.Text.RegularExpressions;
using System.Xml.Linq;
using Microsoft.EntityFrameworkCore;
using Weimin.Features.Cases;
using Weimin.Features.Catalogue;
using Weimin.Tests.Infrastructure;

namespace Weimin.Tests.Cases;

/// <summary>The intake page, the receipt and the one-time notice, through HTTP as a clerk would use them.</summary>
public class IntakePageTests(WeiminApp app) : IClassFixture<WeiminApp>
{
    private static DateTimeOffset Taipei(int y, int m, int d, int h = 10) => new(y, m, d, h, 0, 0, TimeSpan.FromHours(8));

    /// <summary>A 社會課 service with a paper form, an electronically verified register extract and a bank book copy, at a single window.</summary>
    private async Task<(Service Service, int WindowId, int OtherWindowId)> SocialServiceAtWindowAsync(string code)
    {
        var service = await app.AddServiceAsync(code, 3, documents: [("申請書", false), ("戶籍謄本", true), ("存摺影本", false), ("切結書", false)]);
        var windows = await app.WithDbAsync(async db =>
        {
            var window = new SingleWindow { AgencyId = service.AgencyId, Name = "單一窗口 " + code, Services = [new SingleWindowService { ServiceId = service.Id }] };
            var other = new SingleWindow { AgencyId = service.AgencyId, Name = "兵役櫃台 " + code };
            db.AddRange(window, other);
            await db.SaveChangesAsync();
            return (window.Id, other.Id);
        });
        return (service, windows.Item1, windows.Item2);
    }

    /// <summary>Posts the intake form with the token of the service's own form page (the page a clerk fills in).</summary>
    private static async Task<HttpResponseMessage> PostIntakeAsync(HttpClient client, Dictionary<string, string> form)
    {
        var formPage = "/cases/intake?service=" + Uri.EscapeDataString(form.GetValueOrDefault("Input.ServiceCode", ""));
        try
        {
            return await WeiminApp.PostFormAsync(client, "/cases/intake", form, formPage);
        }
        catch (Exception e) when (e is InvalidOperationException or HttpRequestException)
        {
            // An unknown service has no form page; any page's token of this user will do for the bad-input cases.
            return await WeiminApp.PostFormAsync(client, "/cases/intake", form, "/account");
        }
    }

    private static Dictionary<string, string> Form(Service service, int? windowId, params (int Index, CaseDocumentState State)[] documents)
    {
        var docs = service.Documents.OrderBy(d => d.SortOrder).ToList();
        var form = new Dictionary<string, string>
        {
            ["Input.ServiceCode"] = service.Code,
            ["Input.WindowId"] = windowId?.ToString() ?? "",
            ["Input.ApplicantName"] = "王小明",
            ["Input.ApplicantPhone"] = "0912-345-678",
            ["Input.ApplicantEmail"] = "",
            ["Input.ApplicantAddress"] = "桃園市楊梅區大成路 1 號",
            ["Input.NoticeChannel"] = "Sms",
            ["Input.NoticeConsent"] = "true",
            ["Input.Language"] = "zh-TW",
            ["Input.Channel"] = "Counter",
            ["Input.Subject"] = "申請證明",
            ["Input.Details"] = "",
            ["Input.WhenMissing"] = "AwaitSupplement",
        };
        for (var i = 0; i < docs.Count; i++)
        {
            form[$"Checklist[{i}].Id"] = docs[i].Id.ToString();
            var state = documents.Where(d => d.Index == i).Select(d => (CaseDocumentState?)d.State).FirstOrDefault()
                        ?? (docs[i].ElectronicVerification ? CaseDocumentState.VerifiedElectronically : CaseDocumentState.Provided);
            form[$"Checklist[{i}].State"] = state.ToString();
        }
        return form;
    }

    private static long IdFrom(HttpResponseMessage response, string pattern)
    {
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var m = Regex.Match(response.Headers.Location!.OriginalString, pattern);
        Assert.True(m.Success, response.Headers.Location.OriginalString);
        return long.Parse(m.Groups[1].Value);
    }

    private static string Text(string html) => WebUtility.HtmlDecode(html);

    private static string? CodeOn(string html) =>
        Regex.Match(html, "class=\"tracking-code\">([A-Z2-9]{4}-[A-Z2-9]{4})<") is { Success: true } m ? m.Groups[1].Value : null;

    [Fact]
    public async Task Clerk_takes_in_another_sections_service_and_the_receipt_shows_number_code_qr_and_due_date()
    {
        var (service, windowId, _) = await SocialServiceAtWindowAsync("ip-happy");
        app.Clock.Set(Taipei(2026, 3, 2)); // Monday
        var clerk = await app.SignInAsync("clerk"); // 蔡明哲, 民政課 counter clerk; the service is 社會課's

        var choose = Text(await clerk.GetStringAsync($"/cases/intake?window={windowId}"));
        Assert.Contains("社會課", choose);
        Assert.Contains($"/cases/intake?service=ip-happy&window={windowId}", WebUtility.HtmlDecode(choose));
        var form = Text(await clerk.GetStringAsync($"/cases/intake?service=ip-happy&window={windowId}"));
        Assert.Contains("免書證免謄本", form);
        Assert.Matches("value=\"VerifiedElectronically\" checked", form);

        var posted = await PostIntakeAsync(clerk, Form(service, windowId));
        var id = IdFrom(posted, @"^/cases/(\d+)/receipt$");

        var receipt = await clerk.GetAsync($"/cases/{id}/receipt");
        Assert.Equal(HttpStatusCode.OK, receipt.StatusCode);
        var html = Text(await receipt.Content.ReadAsStringAsync());
        var c = await app.WithDbAsync(db => db.Set<Case>().Include(x => x.Documents).SingleAsync(x => x.Id == id));
        Assert.Equal(CaseStatus.Received, c.Status);
        Assert.Equal(windowId, c.WindowId);
        Assert.Contains(c.Number, html);
        Assert.Contains("民國115年3月5日", html); // 3 working days after Monday 2 March 2026
        Assert.Contains("許家豪", html);
        Assert.Contains("（分機 302）", html);
        Assert.Contains("社會課", html);
        Assert.Contains("電子查驗（免附）", html);
        Assert.Matches("<img class=\"qr\" src=\"data:image/png;base64,[A-Za-z0-9+/=]{200,}\"", html);
        var code = CodeOn(html);
        Assert.NotNull(code);
        Assert.Equal(c.TrackingCodeHash, CaseService.HashCode(code));
        Assert.Contains(CaseDocumentState.VerifiedElectronically, c.Documents.Select(d => d.State));

        // Shown once: the next view has everything else, no code, and offers a new one.
        var again = Text(await clerk.GetStringAsync($"/cases/{id}/receipt"));
        Assert.Contains(c.Number, again);
        Assert.Null(CodeOn(again));
        Assert.DoesNotContain("data:image/png", again);
        Assert.Contains("handler=Reissue", again);
    }

    [Fact]
    public async Task Reissuing_the_code_makes_the_old_one_fail_and_records_an_internal_event()
    {
        var (service, windowId, _) = await SocialServiceAtWindowAsync("ip-reissue");
        var clerk = await app.SignInAsync("clerk");
        var id = IdFrom(await PostIntakeAsync(clerk, Form(service, windowId)), @"^/cases/(\d+)/receipt$");
        var oldCode = CodeOn(Text(await clerk.GetStringAsync($"/cases/{id}/receipt")))!;

        var reissued = await WeiminApp.PostFormAsync(clerk, $"/cases/{id}/receipt?handler=Reissue", [], $"/cases/{id}/receipt");
        Assert.Equal($"/cases/{id}/receipt", reissued.Headers.Location?.OriginalString);
        var newCode = CodeOn(Text(await clerk.GetStringAsync($"/cases/{id}/receipt")));
        Assert.NotNull(newCode);
        Assert.NotEqual(oldCode, newCode);

        var c = await app.WithDbAsync(db => db.Set<Case>().Include(x => x.Events).SingleAsync(x => x.Id == id));
        Assert.NotEqual(c.TrackingCodeHash, CaseService.HashCode(oldCode));
        Assert.Equal(c.TrackingCodeHash, CaseService.HashCode(newCode));
        var e = Assert.Single(c.Events, x => x.Type == CaseEventType.TrackingCodeReissued);
        Assert.False(e.IsPublic);
        Assert.Equal("蔡明哲", e.ActorName);
    }

    [Fact]
    public async Task Missing_documents_take_the_case_awaiting_supplement_with_one_notice_listing_all_of_them()
    {
        var (service, windowId, _) = await SocialServiceAtWindowAsync("ip-missing");
        var clerk = await app.SignInAsync("clerk");
        var form = Form(service, windowId, (2, CaseDocumentState.Missing), (3, CaseDocumentState.Missing));
        form["Input.NoticeNote"] = "請於 7 日內補正";
        var id = IdFrom(await PostIntakeAsync(clerk, form), @"^/cases/(\d+)/receipt$");

        var c = await app.WithDbAsync(db => db.Set<Case>().SingleAsync(x => x.Id == id));
        Assert.Equal(CaseStatus.AwaitingSupplement, c.Status);
        var noticeId = await app.WithDbAsync(db => db.Set<OneTimeNotice>().Where(n => n.CaseId == id).Select(n => n.Id).SingleAsync());
        var receipt = Text(await clerk.GetStringAsync($"/cases/{id}/receipt"));
        Assert.Contains($"/cases/notices/{noticeId}", receipt);
        Assert.Contains("補齊證件後起算", receipt);

        var notice = Text(await clerk.GetStringAsync($"/cases/notices/{noticeId}"));
        Assert.Contains("一次告知單", notice);
        Assert.Contains("存摺影本", notice);
        Assert.Contains("切結書", notice);
        Assert.DoesNotContain("戶籍謄本", notice); // the office verifies it itself
        Assert.Contains("王小明", notice);
        Assert.Contains(c.Number, notice);
        Assert.Contains("許家豪", notice);
        Assert.Contains("（分機 302）", notice);
        Assert.Contains("行政程序法", notice);
        Assert.Contains("請於 7 日內補正", notice);
        Assert.Contains("共 2 項", notice);

        var odt = await clerk.GetAsync($"/cases/notices/{noticeId}.odt");
        Assert.Equal(HttpStatusCode.OK, odt.StatusCode);
        Assert.Equal("application/vnd.oasis.opendocument.text", odt.Content.Headers.ContentType?.MediaType);
        var bytes = await odt.Content.ReadAsByteArrayAsync();
        var content = OdtText(bytes);
        Assert.Contains("存摺影本", content);
        Assert.Contains("切結書", content);
        Assert.Contains("王小明", content);
        Assert.Contains("行政程序法", content);

        if (await OdtToTextAsync(bytes) is { } converted)
        {
            Assert.Contains("存摺影本", converted);
            Assert.Contains("切結書", converted);
            Assert.Contains(c.Number, converted);
        }
    }

    [Fact]
    public async Task Not_taken_opens_no_case_and_hands_over_only_the_notice()
    {
        var (service, windowId, _) = await SocialServiceAtWindowAsync("ip-refused");
        var clerk = await app.SignInAsync("clerk");
        var before = await app.WithDbAsync(db => db.Set<Case>().CountAsync());
        var form = Form(service, windowId, (0, CaseDocumentState.Missing), (2, CaseDocumentState.Missing));
        form["Input.WhenMissing"] = "NotTaken";
        var noticeId = IdFrom(await PostIntakeAsync(clerk, form), @"^/cases/notices/(\d+)$");

        Assert.Equal(before, await app.WithDbAsync(db => db.Set<Case>().CountAsync()));
        var notice = await app.WithDbAsync(db => db.Set<OneTimeNotice>().Include(n => n.Items).SingleAsync(n => n.Id == noticeId));
        Assert.Null(notice.CaseId);
        Assert.Equal(["申請書", "存摺影本"], notice.Items.OrderBy(i => i.SortOrder).Select(i => i.Name));
        var html = Text(await clerk.GetStringAsync($"/cases/notices/{noticeId}"));
        Assert.Contains("未收件", html);
        Assert.Contains("申請書", html);
        Assert.Contains("存摺影本", html);
        Assert.Contains("蔡明哲", html); // who issued it, as the contact when there is no case
        Assert.Contains("申請書", OdtText(await clerk.GetByteArrayAsync($"/cases/notices/{noticeId}.odt")));
    }

    public static TheoryData<string, string, string> BadInput() => new()
    {
        { "Input.ApplicantName", "", "請填寫申請人姓名。" },
        { "Input.ApplicantName", new string('王', 101), "申請人姓名最多 100 個字。" },
        { "Input.ApplicantEmail", "not-an-email", "申請人電子郵件不是有效的電子郵件地址。" },
        { "Input.ApplicantPhone", "0912abc", "申請人電話只能包含數字、空白、括號、+、- 與 #。" },
        { "Input.ApplicantPhone", new string('1', 31), "申請人電話最多 30 個字。" },
        { "Input.ApplicantAddress", new string('路', 301), "申請人地址最多 300 個字。" },
        { "Input.ServiceCode", "no-such-service", "沒有代碼為「no-such-service」的服務項目。" },
        { "Input.WindowId", "other", "這個櫃台不受理這項服務。" },
        { "Input.ApplicantPhone", "", "以簡訊或電話通知，請留電話。" },
        { "Input.NoticeConsent", "false", "主動通知需要申請人同意。" },
        { "Input.NoticeChannel", "Pigeon", "「Pigeon」不是有效的值。" },
        { "Input.Channel", "Api", "收件管道的格式不正確。" },
        { "Input.Subject", new string('案', 201), "案由最多 200 個字。" },
        { "Input.Details", new string('字', 4001), "內容說明最多 4000 個字。" },
        { "Input.Language", "fr", "通知語言的格式不正確。" },
        { "Checklist[0].State", "", "請勾選「申請書」是否備齊。" },
        { "Checklist[1].State", "SuppliedLater", "的格式不正確。" },
        { "Input.NoticeNote", new string('註', 2001), "告知單附註最多 2000 個字。" },
    };

    [Theory]
    [MemberData(nameof(BadInput))]
    public async Task Bad_input_redraws_the_form_with_the_message_and_saves_nothing(string field, string value, string message)
    {
        var (service, windowId, otherWindowId) = await SocialServiceAtWindowAsync("ip-bad");
        var clerk = await app.SignInAsync("clerk");
        var form = Form(service, windowId);
        form[field] = value == "other" ? otherWindowId.ToString() : value;
        await AssertRejectedAsync(clerk, form, message);
    }

    [Fact]
    public async Task One_submission_shows_every_problem_at_once()
    {
        var (service, windowId, _) = await SocialServiceAtWindowAsync("ip-all-at-once");
        var clerk = await app.SignInAsync("clerk");
        var form = Form(service, windowId);
        form["Input.ApplicantName"] = "";
        form["Input.ApplicantPhone"] = "";
        form["Input.NoticeConsent"] = "false";
        form["Checklist[0].State"] = "";
        var response = await PostIntakeAsync(clerk, form);
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var html = Text(await response.Content.ReadAsStringAsync());
        foreach (var message in new[] { "請填寫申請人姓名。", "以簡訊或電話通知，請留電話。", "主動通知需要申請人同意。", "請勾選「申請書」是否備齊。" })
            Assert.Contains($">{message}</a>", html); // each linked from the error summary
        Assert.Contains("href=\"#Input_NoticeConsent\"", html);
        Assert.Contains("href=\"#Checklist_0__State\"", html);
        Assert.Contains("id=\"Checklist_0__State\"", html);
    }

    [Fact]
    public async Task A_repair_without_a_location_or_with_a_position_outside_Taiwan_is_refused()
    {
        var repair = await app.AddServiceAsync("ip-light", 5, section: "works", defaultOfficer: "曾冠宇", needsLocation: true);
        var clerk = await app.SignInAsync("clerk");
        var form = Form(repair, null);
        form["Input.LocationText"] = "";
        await AssertRejectedAsync(clerk, form, "報修案件請填寫地點。");
        form["Input.LocationText"] = "中山路 100 號前";
        form["Input.Latitude"] = "35.6";
        await AssertRejectedAsync(clerk, form, "緯度必須介於 21.5 與 25.5 之間。");

        form["Input.Latitude"] = "24.91";
        var id = IdFrom(await PostIntakeAsync(clerk, form), @"^/cases/(\d+)/receipt$");
        var c = await app.WithDbAsync(db => db.Set<Case>().SingleAsync(x => x.Id == id));
        Assert.Equal(CaseKind.Repair, c.Kind);
        Assert.Equal("中山路 100 號前", c.LocationText);
    }

    private async Task AssertRejectedAsync(HttpClient client, Dictionary<string, string> form, string message)
    {
        var counts = () => app.WithDbAsync(async db => (
            await db.Set<Case>().CountAsync(), await db.Set<OneTimeNotice>().CountAsync(), await db.Set<CaseNumberCounter>().SumAsync(c => c.Next)));
        var before = await counts();
        var response = await PostIntakeAsync(client, form);
        var html = Text(await response.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("error-summary", html);
        Assert.Contains(message, html);
        Assert.Equal(before, await counts());
    }

    [Fact]
    public async Task A_window_offers_only_its_own_services()
    {
        var (_, windowId, otherWindowId) = await SocialServiceAtWindowAsync("ip-window");
        var clerk = await app.SignInAsync("clerk");
        Assert.Contains("測試服務 ip-window", Text(await clerk.GetStringAsync($"/cases/intake?window={windowId}")));
        Assert.DoesNotContain("測試服務 ip-window", Text(await clerk.GetStringAsync($"/cases/intake?window={otherWindowId}")));
        var wrong = await clerk.GetAsync($"/cases/intake?service=ip-window&window={otherWindowId}");
        Assert.Equal(HttpStatusCode.BadRequest, wrong.StatusCode);
        Assert.Contains("這個櫃台不受理這項服務。", Text(await wrong.Content.ReadAsStringAsync()));
    }

    [Fact]
    public async Task Another_agencys_officer_cannot_open_the_receipt_or_notice_of_a_Yangmei_case()
    {
        var (service, windowId, _) = await SocialServiceAtWindowAsync("ip-scope");
        var clerk = await app.SignInAsync("clerk");
        var id = IdFrom(await PostIntakeAsync(clerk, Form(service, windowId, (2, CaseDocumentState.Missing))), @"^/cases/(\d+)/receipt$");
        var noticeId = await app.WithDbAsync(db => db.Set<OneTimeNotice>().Where(n => n.CaseId == id).Select(n => n.Id).SingleAsync());

        var xinwu = await app.SignInAsync("xinwu-officer");
        Assert.Equal(HttpStatusCode.NotFound, (await xinwu.GetAsync($"/cases/{id}/receipt")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await xinwu.GetAsync($"/cases/notices/{noticeId}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await xinwu.GetAsync($"/cases/notices/{noticeId}.odt")).StatusCode);
        var before = await app.WithDbAsync(db => db.Set<Case>().Where(c => c.Id == id).Select(c => c.TrackingCodeHash).SingleAsync());
        var reissue = await WeiminApp.PostFormAsync(xinwu, $"/cases/{id}/receipt?handler=Reissue", [], "/account");
        Assert.Equal(HttpStatusCode.NotFound, reissue.StatusCode);
        Assert.Equal(before, await app.WithDbAsync(db => db.Set<Case>().Where(c => c.Id == id).Select(c => c.TrackingCodeHash).SingleAsync()));
        // Nor can they take in a 楊梅 service: it is not in their catalogue.
        Assert.DoesNotContain("ip-scope", await xinwu.GetStringAsync("/cases/intake"));
    }

    [Theory]
    [InlineData("/cases/intake")]
    [InlineData("/cases/1/receipt")]
    [InlineData("/cases/notices/1")]
    [InlineData("/cases/notices/1.odt")]
    public async Task Anonymous_visitors_are_sent_to_sign_in(string url)
    {
        var response = await app.Anonymous().GetAsync(url);
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.StartsWith("/account/login", response.Headers.Location!.AbsolutePath);
    }

    [Fact]
    public async Task Roles_that_do_not_take_in_cases_are_refused()
    {
        var auditor = await app.SignInAsync("auditor");
        var response = await auditor.GetAsync("/cases/intake");
        Assert.NotEqual(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("denied", response.Headers.Location?.OriginalString ?? "denied", StringComparison.OrdinalIgnoreCase);
    }

    /// <summary>All text of an .odt's content.xml, after checking the package as ODF readers do.</summary>
    internal static string OdtText(byte[] odt)
    {
        Assert.Equal("mimetype", System.Text.Encoding.ASCII.GetString(odt, 30, 8));
        Assert.Equal(0, BitConverter.ToUInt16(odt, 8)); // stored, not deflated
        Assert.Equal("application/vnd.oasis.opendocument.text", System.Text.Encoding.ASCII.GetString(odt, 38, 39));
        using var zip = new ZipArchive(new MemoryStream(odt));
        Assert.NotNull(zip.GetEntry("META-INF/manifest.xml"));
        Assert.NotNull(zip.GetEntry("styles.xml"));
        using var stream = zip.GetEntry("content.xml")!.Open();
        XNamespace text = "urn:oasis:names:tc:opendocument:xmlns:text:1.0";
        return string.Concat(XDocument.Load(stream).Descendants().Where(e => e.Name == text + "p" || e.Name == text + "h").Select(e => e.Value + "\n"));
    }

    /// <summary>LibreOffice Writer's own reading of the file, when Writer is installed (apt-get install libreoffice-writer-nogui); null otherwise.</summary>
    internal static async Task<string?> OdtToTextAsync(byte[] odt)
    {
        var soffice = new[] { "/usr/bin/soffice", "/usr/bin/libreoffice" }.FirstOrDefault(File.Exists);
        // soffice without Writer (e.g. only Calc installed) cannot load any text document.
        if (soffice is null || !File.Exists("/usr/lib/libreoffice/program/libswlo.so")) return null;
        var dir = Directory.CreateTempSubdirectory("weimin-odt-").FullName;
        try
        {
            var file = Path.Combine(dir, "notice.odt");
            await File.WriteAllBytesAsync(file, odt);
            var psi = new System.Diagnostics.ProcessStartInfo(soffice,
                ["-env:UserInstallation=file://" + Path.Combine(dir, "profile"), "--headless", "--convert-to", "txt:Text (encoded):UTF8", "--outdir", dir, file])
            { RedirectStandardOutput = true, RedirectStandardError = true };
            using var process = System.Diagnostics.Process.Start(psi)!;
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(120));
            await process.WaitForExitAsync(timeout.Token);
            var txt = Path.Combine(dir, "notice.txt");
            Assert.True(File.Exists(txt), "LibreOffice could not convert the .odt: " + await process.StandardError.ReadToEndAsync());
            return await File.ReadAllTextAsync(txt);
        }
        finally
        {
            try { Directory.Delete(dir, recursive: true); } catch (IOException) { }
        }
    }
}
