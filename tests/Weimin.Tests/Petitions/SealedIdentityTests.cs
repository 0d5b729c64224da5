using System.IO.Compression;
using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Weimin.Features.Audit;
using Weimin.Features.Demo;
using Weimin.Features.Petitions;
using Weimin.Tests.Infrastructure;
using Weimin.Web.Privacy;

namespace Weimin.Tests.Petitions;

/// <summary>
/// A sealed identity (a 檢舉 by a person, a confidential petition by a company) must not be reachable through any page,
/// export or API, as any demo role or anonymously; it opens only for those who must see it, with a reason, and is logged.
/// </summary>
public class SealedIdentityTests(SealedIdentityTests.Fixture f) : IClassFixture<SealedIdentityTests.Fixture>
{
    private const string Name = "甄秘密";
    private const string Phone = "0987-654-321";
    private const string Email = "whistle.secret@example.tw";
    private const string Address = "桃園市楊梅區秘密路 99 號";
    private const string Company = "祕密實業股份有限公司";

    private static readonly string[] Forbidden =
    [
        Name, Mask.Name(Name), Phone, "0987654321", Mask.Phone(Phone), "654-321", Email, Mask.Email(Email), "whistle.secret", "秘密路", Company,
        Mask.Name(Company), "祕密實業",
    ];

    public sealed class Fixture : WeiminApp, IAsyncLifetime
    {
        public long Report { get; private set; }
        public string ReportNumber { get; private set; } = "";
        public long CompanyPetition { get; private set; }
        public string CompanyNumber { get; private set; } = "";
        public string CompanyCode { get; private set; } = "";

        public async Task InitializeAsync()
        {
            var clerk = await SignInAsync("clerk");
            var report = PetitionTestData.Body("ChiefMailbox", "report", Name);
            report["phone"] = Phone;
            report["email"] = Email;
            report["address"] = Address;
            report["subject"] = "檢舉工程圍標";
            report["details"] = "檢舉某工程廠商圍標";
            var r = await clerk.CreateAsync(report);
            (Report, ReportNumber) = (r.Id, r.Number);

            var company = PetitionTestData.Body("Letter", "social", Name, confidential: true);
            company["petitionerKind"] = "Company";
            company["organisationName"] = Company;
            company["phone"] = Phone;
            company["email"] = Email;
            company["address"] = Address;
            company["subject"] = "福利業務建議";
            company["details"] = "本公司建議改善福利申辦流程";
            var c = await clerk.CreateAsync(company);
            (CompanyPetition, CompanyNumber, CompanyCode) = (c.Id, c.Number, c.Body.GetProperty("trackingCode").GetString()!);

            var secretariat = await SignInAsync("secretariat");
            var reply = await secretariat.PostAsJsonAsync($"/api/petitions/{c.Id}/reply", new { version = await secretariat.VersionAsync(c.Id), reply = "已研議改善。", letterNumber = "楊鄉秘字第1150000001號" });
            if (reply.StatusCode != HttpStatusCode.OK) throw new InvalidOperationException(await reply.Content.ReadAsStringAsync());
        }

        Task IAsyncLifetime.DisposeAsync() => Task.CompletedTask;
    }

    public static TheoryData<string> Users()
    {
        var data = new TheoryData<string> { "" };
        foreach (var a in DemoAccounts.All) data.Add(a.UserName);
        return data;
    }

    private static async Task<string> TextOfAsync(HttpResponseMessage response)
    {
        var bytes = await response.Content.ReadAsByteArrayAsync();
        var type = response.Content.Headers.ContentType?.MediaType ?? "";
        if (!type.Contains("opendocument", StringComparison.Ordinal)) return Encoding.UTF8.GetString(bytes);
        using var zip = new ZipArchive(new MemoryStream(bytes));
        var sb = new StringBuilder();
        foreach (var entry in zip.Entries.Where(e => e.FullName.EndsWith(".xml", StringComparison.Ordinal)))
        {
            using var reader = new StreamReader(entry.Open());
            sb.Append(await reader.ReadToEndAsync());
        }
        return sb.ToString();
    }

    [Theory]
    [MemberData(nameof(Users))]
    public async Task No_page_export_or_api_shows_a_sealed_identity_to_any_role(string user)
    {
        var client = user == "" ? f.Anonymous() : await f.SignInAsync(user);
        var month = f.Clock.GetUtcNow().ToString("yyyy-MM");
        string[] urls =
        [
            "/petitions", $"/petitions/{f.Report}", $"/petitions/{f.CompanyPetition}",
            $"/petitions/{f.Report}/record", $"/petitions/{f.CompanyPetition}/record", $"/petitions/{f.CompanyPetition}/letter",
            "/petitions/reviews", $"/petitions/report?Month={month}", $"/petitions/report?Month={month}&Format=ods", "/petitions/media", "/petitions/tracked",
            "/cases", "/cases?queue=All",
            $"/cases/{f.Report}", $"/cases/{f.CompanyPetition}", "/work",
            "/api/petitions", $"/api/petitions/{f.Report}", $"/api/petitions/{f.CompanyPetition}", $"/api/petitions/report?month={month}",
            "/api/cases?queue=All", $"/api/cases/{f.Report}", $"/api/cases/{f.CompanyPetition}",
            "/audit", "/audit/views", "/api/audit/changes", "/api/audit/views", "/replies", $"/replies/{f.CompanyPetition}",
            $"/track/{f.CompanyNumber}?code={f.CompanyCode}", $"/api/track?number={f.CompanyNumber}&secret={f.CompanyCode}",
        ];
        var read = new List<string>();
        foreach (var url in urls)
        {
            var response = await client.GetAsync(url);
            if (response.StatusCode != HttpStatusCode.OK) continue;
            read.Add(url);
            var text = await TextOfAsync(response);
            foreach (var secret in Forbidden)
                Assert.False(text.Contains(secret, StringComparison.Ordinal), $"{user} saw \"{secret}\" at {url}");
        }

        // The test reaches the pages: the chief reads nearly all of them, the anonymous visitor only the public ones.
        if (user == "chief")
        {
            Assert.True(read.Count >= 20, string.Join(" ", read));
            Assert.Contains($"/petitions/{f.CompanyPetition}/letter", read);
            Assert.Contains($"/petitions/report?Month={month}&Format=ods", read);
            Assert.Contains($"/api/petitions/{f.Report}", read);
        }
        if (user == "")
        {
            Assert.Contains("/replies", read);
            Assert.All(read, url => Assert.Matches("^/(replies|track|api/track)", url));
        }

        // Searching by the petitioner's name or phone must not tell whether they wrote in.
        string[] searches =
        [
            $"/petitions?Q={Uri.EscapeDataString(Name)}", $"/api/petitions?q={Uri.EscapeDataString(Name)}", $"/cases?queue=All&q={Uri.EscapeDataString(Name)}",
            "/cases?queue=All&q=0987654321", $"/api/cases?queue=All&q={Uri.EscapeDataString(Name)}", "/api/cases?queue=All&q=0987654321",
        ];
        foreach (var url in searches)
        {
            var response = await client.GetAsync(url);
            if (response.StatusCode != HttpStatusCode.OK) continue;
            var text = await response.Content.ReadAsStringAsync();
            Assert.DoesNotContain(f.ReportNumber, text);
            Assert.DoesNotContain(f.CompanyNumber, text);
        }
    }

    [Fact]
    public async Task The_chief_opens_a_sealed_identity_only_with_a_reason_and_each_view_is_logged()
    {
        var chief = await f.SignInAsync("chief");
        var before = await f.WithDbAsync(db => db.Set<SealedDataView>().CountAsync(v => v.SubjectId == f.ReportNumber));

        var noReason = await WeiminApp.PostFormAsync(chief, $"/petitions/{f.Report}?handler=OpenIdentity", new() { ["Form.ViewReason"] = " " }, $"/petitions/{f.Report}");
        Assert.Equal(HttpStatusCode.BadRequest, noReason.StatusCode);
        Assert.DoesNotContain(Name, await noReason.Content.ReadAsStringAsync());
        Assert.Equal(before, await f.WithDbAsync(db => db.Set<SealedDataView>().CountAsync(v => v.SubjectId == f.ReportNumber)));

        var opened = await WeiminApp.PostFormAsync(chief, $"/petitions/{f.Report}?handler=OpenIdentity", new() { ["Form.ViewReason"] = "約談檢舉人補充資料" }, $"/petitions/{f.Report}");
        Assert.Equal(HttpStatusCode.OK, opened.StatusCode);
        var html = await opened.Content.ReadAsStringAsync();
        Assert.Contains(Name, html);
        Assert.Contains(Phone, html);
        var view = await f.WithDbAsync(db => db.Set<SealedDataView>().Where(v => v.SubjectId == f.ReportNumber).OrderBy(v => v.Id).ToListAsync());
        Assert.Equal(before + 1, view.Count);
        Assert.Equal("約談檢舉人補充資料", view[^1].Reason);
        Assert.Equal("Petition", view[^1].SubjectType);
        Assert.Contains("Phone", view[^1].Fields);

        // Reading the page again shows nothing: every view needs its own reason.
        Assert.DoesNotContain(Name, await chief.GetStringAsync($"/petitions/{f.Report}"));
    }

    [Theory]
    [InlineData("chief", HttpStatusCode.OK)]
    [InlineData("secretariat", HttpStatusCode.OK)]
    [InlineData("officer", HttpStatusCode.OK)]
    [InlineData("sectionhead", HttpStatusCode.OK)]
    [InlineData("clerk", HttpStatusCode.Forbidden)]
    [InlineData("auditor", HttpStatusCode.Forbidden)]
    [InlineData("agencyadmin", HttpStatusCode.Forbidden)]
    [InlineData("admin", HttpStatusCode.Forbidden)]
    [InlineData("xinwu-officer", HttpStatusCode.NotFound)]
    public async Task Only_those_who_must_may_open_a_companys_sealed_identity_through_the_api(string user, HttpStatusCode expected)
    {
        var client = await f.SignInAsync(user);
        var before = await f.WithDbAsync(db => db.Set<SealedDataView>().CountAsync(v => v.SubjectId == f.CompanyNumber));
        var response = await client.PostAsJsonAsync($"/api/petitions/{f.CompanyPetition}/identity", new { reason = "須聯絡陳情公司" });
        Assert.Equal(expected, response.StatusCode);
        var body = await response.Content.ReadAsStringAsync();
        var after = await f.WithDbAsync(db => db.Set<SealedDataView>().CountAsync(v => v.SubjectId == f.CompanyNumber));
        if (expected == HttpStatusCode.OK)
        {
            Assert.Contains(Company, body);
            Assert.Equal(before + 1, after);
        }
        else
        {
            Assert.DoesNotContain(Company, body);
            Assert.Equal(before, after);
        }
    }

    [Fact]
    public async Task A_reason_is_required_by_the_api_too()
    {
        var chief = await f.SignInAsync("chief");
        var response = await chief.PostAsJsonAsync($"/api/petitions/{f.CompanyPetition}/identity", new { reason = "" });
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.DoesNotContain(Company, await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task A_report_is_sealed_by_default_and_its_case_holds_no_identity()
    {
        var p = await f.PetitionAsync(f.Report);
        Assert.True(p.Sealed);
        Assert.True(p.IsReport);
        Assert.Equal(Petition.SealedName, p.Case!.ApplicantName);
        Assert.Null(p.Case.ApplicantPhone);
        Assert.Null(p.Case.ApplicantEmail);
        Assert.Null(p.Case.ApplicantAddress);
        Assert.Null(p.Case.PhoneLast4);
        Assert.Equal(Name, p.SealedIdentity!.Name);
        Assert.False(p.PublishConsent);
    }

    [Fact]
    public async Task A_petition_sealed_after_intake_moves_its_identity_out_of_the_case()
    {
        var clerk = await f.SignInAsync("clerk");
        var created = await clerk.CreateAsync(PetitionTestData.Body("Letter", "road", "錢保密"));
        var secretariat = await f.SignInAsync("secretariat");
        var sealedResponse = await secretariat.PostAsJsonAsync($"/api/petitions/{created.Id}/seal", new { version = await secretariat.VersionAsync(created.Id) });
        Assert.Equal(HttpStatusCode.OK, sealedResponse.StatusCode);
        var json = await sealedResponse.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(JsonValueKind.Null, json.GetProperty("petitioner").ValueKind);
        var p = await f.PetitionAsync(created.Id);
        Assert.Equal(Petition.SealedName, p.Case!.ApplicantName);
        Assert.Equal("錢保密", p.SealedIdentity!.Name);
        Assert.Equal("0912-345-678", p.SealedIdentity.Phone);
        Assert.DoesNotContain("錢保密", await secretariat.GetStringAsync($"/cases/{created.Id}"));
    }
}
