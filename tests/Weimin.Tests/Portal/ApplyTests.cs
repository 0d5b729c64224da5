using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Weimin.Features.Cases;
using Weimin.Features.Catalogue;
using Weimin.Features.Portal;
using Weimin.Tests.Infrastructure;

namespace Weimin.Tests.Portal;

public class ApplyTests(WeiminApp app) : IClassFixture<WeiminApp>
{
    private static readonly byte[] Pdf = Encoding.ASCII.GetBytes("%PDF-1.4\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n");
    private static readonly byte[] Png = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0, 0, 0, 13, 0x49, 0x48, 0x44, 0x52];

    private async Task<Dictionary<string, int>> DocumentIdsAsync(string service) =>
        await app.WithDbAsync(db => db.Set<RequiredDocument>().Where(d => db.Set<Service>().Any(s => s.Id == d.ServiceId && s.Code == service
            && db.Set<Weimin.Features.Organisation.Agency>().Any(a => a.Id == s.AgencyId && a.Code == "yangmei")))
            .ToDictionaryAsync(d => d.Name, d => d.Id));

    private async Task<HttpResponseMessage> PostAsync(HttpClient client, string service, Dictionary<string, string> fields, params (string Field, string Name, byte[] Content)[] files)
    {
        var token = await WeiminApp.AntiforgeryTokenAsync(client, $"/services/{service}/apply");
        using var form = new MultipartFormDataContent { { new StringContent(token), "__RequestVerificationToken" } };
        foreach (var (k, v) in fields) form.Add(new StringContent(v), k);
        foreach (var (field, name, content) in files)
        {
            var part = new ByteArrayContent(content);
            part.Headers.ContentType = new MediaTypeHeaderValue("application/octet-stream");
            form.Add(part, field, name);
        }
        return await client.PostAsync($"/services/{service}/apply", form);
    }

    private Task<int> CaseCountAsync() => app.WithDbAsync(db => db.Set<Case>().CountAsync());

    [Fact]
    public async Task ApplyPage_OnlyForServicesThatAllowIt()
    {
        var client = app.Anonymous();
        var html = await client.GetStringAsync("/services/birth-allowance/apply");
        Assert.Contains("enctype=\"multipart/form-data\"", html);
        Assert.Contains("戶口名簿或戶籍謄本", html); // named as fetched by the office, no upload field
        Assert.Contains("href=\"/services/birth-allowance/apply\"", await client.GetStringAsync("/services/birth-allowance"));
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync("/services/low-income-cert/apply")).StatusCode);
        Assert.DoesNotContain("/apply\"", await client.GetStringAsync("/services/low-income-cert"));
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync("/services/nope/apply")).StatusCode);
    }

    [Fact]
    public async Task Apply_WithEveryDocument_OpensAnOnlineCaseWithReceiptAndStoredFiles()
    {
        var docs = await DocumentIdsAsync("birth-allowance");
        var client = app.Anonymous();
        var response = await PostAsync(client, "birth-allowance",
            new() { ["Input.ApplicantName"] = "陳美玲", ["Input.ApplicantPhone"] = "0912-345-678", ["Input.NoticeChannel"] = "Sms", ["Input.NoticeConsent"] = "true" },
            ($"Doc_{docs["申請書"]}", "form.pdf", Pdf), ($"Doc_{docs["國民身分證"]}", "id.png", Png), ($"Doc_{docs["申請人郵局或金融機構存摺封面影本"]}", "bank.pdf", Pdf));
        var html = await response.Content.ReadAsStringAsync();
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("no-store", response.Headers.CacheControl!.ToString());
        var number = Regex.Match(html, "class=\"case-number\">([^<]+)<").Groups[1].Value;
        var code = Regex.Match(html, "class=\"tracking-code\">([^<]+)<").Groups[1].Value;
        Assert.NotEmpty(number);
        Assert.NotEmpty(code);
        Assert.DoesNotContain("一次告知", html);

        var (channel, status, attachments, documents) = await app.WithDbAsync(async db =>
        {
            var c = await db.Set<Case>().Include(x => x.Documents).SingleAsync(x => x.Number == number);
            var files = await db.Set<CaseAttachment>().Where(a => a.CaseId == c.Id).ToListAsync();
            return (c.Channel, c.Status, files, c.Documents);
        });
        Assert.Equal(CaseChannel.Online, channel);
        Assert.Equal(CaseStatus.Received, status);
        Assert.Equal(3, attachments.Count);
        Assert.Contains(documents, d => d.Name.StartsWith("戶口名簿", StringComparison.Ordinal) && d.State == CaseDocumentState.VerifiedElectronically);
        Assert.DoesNotContain(documents, d => d.State == CaseDocumentState.Missing);
        Assert.Contains(attachments, a => a.FileName == "id.png" && a.ContentType == "image/png");

        // tracking with the receipt's code
        var track = await WeiminApp.PostFormAsync(app.Anonymous(), "/track", new() { ["Input.Number"] = number, ["Input.Secret"] = code });
        Assert.Contains(number, await track.Content.ReadAsStringAsync());

        // staff of the agency read the files; anonymous callers do not
        var id = await app.WithDbAsync(db => db.Set<Case>().Where(c => c.Number == number).Select(c => c.Id).FirstAsync());
        var officer = await app.SignInAsync("secretariat");
        var list = JsonDocument.Parse(await officer.GetStringAsync($"/api/cases/{id}/attachments")).RootElement;
        Assert.Equal(3, list.GetArrayLength());
        var url = list.EnumerateArray().Single(a => a.GetProperty("fileName").GetString() == "id.png").GetProperty("url").GetString()!;
        Assert.Equal(Png, await officer.GetByteArrayAsync(url));
        Assert.Equal(HttpStatusCode.Unauthorized, (await app.Anonymous().GetAsync(url)).StatusCode);
        var xinwu = await app.SignInAsync("xinwu-officer");
        Assert.Equal(HttpStatusCode.NotFound, (await xinwu.GetAsync(url)).StatusCode);
    }

    [Fact]
    public async Task Apply_WithDocumentsMissing_OpensTheCaseAwaitingThemAndListsThemAllAtOnce()
    {
        var docs = await DocumentIdsAsync("birth-allowance");
        var response = await PostAsync(app.Anonymous(), "birth-allowance",
            new() { ["Input.ApplicantName"] = "林志明", ["Input.ApplicantEmail"] = "lin@example.tw" }, ($"Doc_{docs["申請書"]}", "form.pdf", Pdf));
        var html = await response.Content.ReadAsStringAsync();
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("尚缺文件", html);
        Assert.Contains("<li>國民身分證</li>", html);
        Assert.Contains("<li>申請人郵局或金融機構存摺封面影本</li>", html);
        var number = Regex.Match(html, "class=\"case-number\">([^<]+)<").Groups[1].Value;
        Assert.Equal(CaseStatus.AwaitingSupplement, await app.WithDbAsync(db => db.Set<Case>().Where(c => c.Number == number).Select(c => c.Status).FirstAsync()));
    }

    [Theory]
    [InlineData("", "0912345678", null, "請填寫申請人姓名")]
    [InlineData("王小明", "", null, "請填寫聯絡電話或電子郵件")]
    [InlineData("王小明", "not a phone", null, "電話")]
    [InlineData("王小明", "0912345678", "virus.exe", "不是可接受的檔案")]
    [InlineData("王小明", "0912345678", "fake.pdf", "不是可接受的檔案")]
    [InlineData("王小明", "0912345678", "big.pdf", "超過 5 MB")]
    public async Task Apply_BadInput_IsRefusedWithAMessageAndNoCase(string name, string phone, string? file, string message)
    {
        var before = await CaseCountAsync();
        var docs = await DocumentIdsAsync("birth-allowance");
        var files = file switch
        {
            null => [],
            "fake.pdf" => new[] { ($"Doc_{docs["申請書"]}", file, Png) },
            "big.pdf" => [($"Doc_{docs["申請書"]}", file, [.. Pdf, .. new byte[Uploads.MaxBytes]])],
            _ => [($"Doc_{docs["申請書"]}", file, Pdf)],
        };
        var response = await PostAsync(app.Anonymous(), "birth-allowance", new() { ["Input.ApplicantName"] = name, ["Input.ApplicantPhone"] = phone }, files);
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var html = await response.Content.ReadAsStringAsync();
        Assert.Contains("error-summary", html);
        Assert.Contains(message, html);
        Assert.Equal(before, await CaseCountAsync());
    }

    [Fact]
    public async Task Apply_NoticeWithoutConsent_IsRefusedInline()
    {
        var before = await CaseCountAsync();
        var response = await PostAsync(app.Anonymous(), "birth-allowance",
            new() { ["Input.ApplicantName"] = "王小明", ["Input.ApplicantEmail"] = "w@example.tw", ["Input.NoticeChannel"] = "Email" });
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("主動通知需要申請人同意", await response.Content.ReadAsStringAsync());
        Assert.Equal(before, await CaseCountAsync());
    }

    [Fact]
    public void Sniff_AcceptsOdfOnlyWithItsMimetypeEntry()
    {
        var ods = Weimin.Web.Files.OdsWriter.Write(new Weimin.Web.Files.Sheet("a", [["x"]]));
        Assert.NotNull(Uploads.Sniff("plan.ods", ods));
        Assert.Null(Uploads.Sniff("plan.odt", ods));
        Assert.Null(Uploads.Sniff("plan.ods", Pdf));
        Assert.Null(Uploads.Sniff("plan.docx", ods));
    }
}
