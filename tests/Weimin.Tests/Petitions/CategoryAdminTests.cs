using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Weimin.Features.Petitions;
using Weimin.Tests.Infrastructure;

namespace Weimin.Tests.Petitions;

/// <summary>陳情類別 kept at /admin/petition-categories and /api/petitions/categories: routing, retiring, bad input.</summary>
public class CategoryAdminTests(WeiminApp app) : IClassFixture<WeiminApp>
{
    private static Dictionary<string, string> Form(string code, string name = "公園綠地", string section = "works") => new()
    {
        ["Input.Code"] = code, ["Input.Name"] = name, ["Input.NameEn"] = "Parks", ["Input.Section"] = section, ["Input.SortOrder"] = "20",
        ["Input.IsActive"] = "true",
    };

    private Task<PetitionCategory?> CategoryAsync(string code) =>
        app.WithDbAsync(db => db.Set<PetitionCategory>().IgnoreQueryFilters().FirstOrDefaultAsync(c => c.Code == code));

    private static async Task<string> BodyAsync(HttpResponseMessage r) => WebUtility.HtmlDecode(await r.Content.ReadAsStringAsync());

    [Fact]
    public async Task NewCategory_FromThePage_RoutesPetitionsToItsSection()
    {
        var staff = await app.SignInAsync("secretariat");
        var saved = await WeiminApp.PostFormAsync(staff, "/admin/petition-categories/new", Form("parks"));
        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        var category = await CategoryAsync("parks");
        Assert.NotNull(category);
        Assert.Contains("公園綠地", await staff.GetStringAsync("/admin/petition-categories"));

        var clerk = await app.SignInAsync("clerk");
        var (id, _, _) = await clerk.CreateAsync(PetitionTestData.Body("ChiefMailbox", "parks"));
        var petition = await app.PetitionAsync(id);
        Assert.Equal(category!.SectionId, petition.Case!.SectionId);
    }

    [Theory]
    [InlineData("Input.Name", "", "請填寫")]
    [InlineData("Input.Code", "公園", "代碼")]
    [InlineData("Input.Section", "no-such-section", "找不到這個課室")]
    [InlineData("Input.Code", "road", "已有其他類別使用")]
    public async Task BadCategory_SaysWhy_AndSavesNothing(string field, string value, string message)
    {
        var staff = await app.SignInAsync("agencyadmin");
        var before = await app.WithDbAsync(db => db.Set<PetitionCategory>().IgnoreQueryFilters().CountAsync());
        var form = Form("lamps-" + field.Length);
        form[field] = value;
        var response = await WeiminApp.PostFormAsync(staff, "/admin/petition-categories/new", form);
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains(message, await BodyAsync(response));
        Assert.Equal(before, await app.WithDbAsync(db => db.Set<PetitionCategory>().IgnoreQueryFilters().CountAsync()));
    }

    [Fact]
    public async Task CategoryInUse_KeepsItsCode_AndIsRetiredNotDeleted()
    {
        var admin = await app.SignInAsync("agencyadmin");
        Assert.Equal(HttpStatusCode.Created, (await admin.PostAsJsonAsync("/api/petitions/categories",
            new { code = "noise", name = "噪音", section = "civil", sortOrder = 30, isActive = true })).StatusCode);
        var clerk = await app.SignInAsync("clerk");
        await clerk.CreateAsync(PetitionTestData.Body("ChiefMailbox", "noise"));

        var rename = await admin.PutAsJsonAsync("/api/petitions/categories/noise", new { code = "noise-2", name = "噪音", section = "civil", isActive = true });
        Assert.Equal(HttpStatusCode.Conflict, rename.StatusCode);
        Assert.Contains("代碼不能變更", await rename.Content.ReadAsStringAsync());

        var retire = await admin.PutAsJsonAsync("/api/petitions/categories/noise", new { code = "noise", name = "噪音（停用）", section = "civil", isActive = false });
        Assert.Equal(HttpStatusCode.OK, retire.StatusCode);
        var dto = await retire.Content.ReadFromJsonAsync<JsonElement>();
        Assert.False(dto.GetProperty("isActive").GetBoolean());
        Assert.Equal(1, dto.GetProperty("petitions").GetInt32());
        var late = await clerk.PostAsJsonAsync("/api/petitions", PetitionTestData.Body("ChiefMailbox", "noise"));
        Assert.Equal(HttpStatusCode.Conflict, late.StatusCode);
        Assert.NotNull(await CategoryAsync("noise"));
    }

    [Fact]
    public async Task Api_ReadsForCaseWorkers_WritesForAdmins_AndRefusesBadInput()
    {
        var officer = await app.SignInAsync("officer");
        var list = await officer.GetFromJsonAsync<JsonElement>("/api/petitions/categories");
        Assert.Contains(list.EnumerateArray(), c => c.GetProperty("code").GetString() == "road" && c.GetProperty("section").GetString() == "works");
        var forbidden = await officer.PostAsJsonAsync("/api/petitions/categories", new { code = "x-officer", name = "x", section = "works" });
        Assert.Equal(HttpStatusCode.Forbidden, forbidden.StatusCode);
        Assert.Null(await CategoryAsync("x-officer"));

        var admin = await app.SignInAsync("agencyadmin");
        var invalid = await admin.PostAsJsonAsync("/api/petitions/categories", new { code = "Bad Code", section = "works" });
        Assert.Equal(HttpStatusCode.BadRequest, invalid.StatusCode);
        var problem = await invalid.Content.ReadFromJsonAsync<JsonElement>();
        Assert.True(problem.GetProperty("errors").TryGetProperty("name", out _) || problem.GetProperty("errors").TryGetProperty("Name", out _), problem.ToString());
        var notJson = await admin.PostAsync("/api/petitions/categories", new StringContent("{code:", System.Text.Encoding.UTF8, "application/json"));
        Assert.Equal(HttpStatusCode.BadRequest, notJson.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await admin.PutAsJsonAsync("/api/petitions/categories/no-such", new { code = "no-such", name = "x", section = "works" })).StatusCode);
        Assert.Null(await CategoryAsync("Bad Code"));
        Assert.Equal(HttpStatusCode.Created, (await admin.PostAsJsonAsync("/api/petitions/categories",
            new { code = "yangmei-only", name = "楊梅限定", section = "works", isActive = true })).StatusCode);

        var other = await app.SignInAsync("xinwu-officer");
        var theirs = await other.GetFromJsonAsync<JsonElement>("/api/petitions/categories");
        Assert.DoesNotContain(theirs.EnumerateArray(), c => c.GetProperty("code").GetString() == "yangmei-only");
        Assert.Contains(theirs.EnumerateArray(), c => c.GetProperty("code").GetString() == "road");   // their own
    }
}

/// <summary>
/// Lists that name each row's section: the section lookup must not lift the scope filter from the rows (an
/// <c>IgnoreQueryFilters()</c> inside a query applies to all of it), so another agency's officer sees none of ours.
/// </summary>
public class PetitionListScopeTests(WeiminApp app) : IClassFixture<WeiminApp>
{
    [Theory]
    [InlineData("/petitions/media", "楊梅區道路積水")]
    [InlineData("/petitions/tracked", "秀才路側溝")]
    public async Task AnotherAgencysOfficer_SeesNoneOfOurRows(string page, string ours)
    {
        Assert.Contains(ours, await (await app.SignInAsync("secretariat")).GetStringAsync(page));
        Assert.DoesNotContain(ours, await (await app.SignInAsync("xinwu-officer")).GetStringAsync(page));
    }
}
