using System.Net;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Weimin.Data;
using Weimin.Features.Portal;
using Weimin.Tests.Infrastructure;
using Weimin.Web.Authorization;

namespace Weimin.Tests.Portal;

public class SearchQueryTests
{
    [Theory]
    [InlineData("路燈", "路燈")]
    [InlineData("育兒 津貼", "育兒 津貼")]
    [InlineData("育兒 AND 津貼", "育兒 津貼")]
    [InlineData("育兒 OR 生育", "育兒 OR 生育")]
    [InlineData("津貼 NOT 老人", "津貼 NOT 老人")]
    [InlineData("津貼 -老人", "津貼 NOT 老人")]
    [InlineData("\"低收入戶 證明\"", "\"低收入戶 證明\"")]
    [InlineData("「路燈報修」", "路燈報修")]
    [InlineData("ＡＢＣ Street", "abc street")]
    [InlineData("a OR b c NOT d", "a OR b c NOT d")]
    [InlineData("OR AND NOT", "")]
    [InlineData("   ", "")]
    public void Parse_Operators_GiveGroups(string text, string expected) => Assert.Equal(expected, SearchQuery.Parse(text).ToString());

    [Fact]
    public void Parse_TooManyTerms_KeepsTheFirstTen()
    {
        var q = SearchQuery.Parse(string.Join(" ", Enumerable.Range(1, 30).Select(i => "t" + i)));
        Assert.Equal(SearchQuery.MaxTerms, q.Groups.Single().Include.Count);
    }

    [Fact]
    public void Highlight_MarksEveryMatchAndEncodesHtml()
    {
        var html = SearchIndex.Highlight("<b>路燈</b>不亮請報修路燈", ["路燈"]).ToString();
        Assert.Equal("&lt;b&gt;<mark>路燈</mark>&lt;/b&gt;不亮請報修<mark>路燈</mark>", html);
    }
}

/// <summary>Runs on SQLite and on PostgreSQL (WEIMIN_TEST_PROVIDER=Postgres): the expected lists are the same for both.</summary>
public class SearchTests(WeiminApp app) : IClassFixture<WeiminApp>
{
    private async Task<List<string>> ResultUrlsAsync(string query)
    {
        var html = await app.Anonymous().GetStringAsync("/search?" + query);
        var list = html.IndexOf("class=\"search-results\"", StringComparison.Ordinal);
        if (list < 0) return [];
        return [.. Regex.Matches(html[list..], "<h2><a href=\"([^\"]+)\"").Select(m => WebUtility.HtmlDecode(m.Groups[1].Value))];
    }

    [Fact]
    public async Task TwoChineseCharacters_FindServicesFaqAndNews()
    {
        var lights = await ResultUrlsAsync("q=" + Uri.EscapeDataString("路燈"));
        Assert.Equal("/services/streetlight-repair", lights[0]);
        Assert.Contains(lights, u => u.StartsWith("/faq#q", StringComparison.Ordinal));
        Assert.Contains(lights, u => u.StartsWith("/news/", StringComparison.Ordinal));

        var childcare = await ResultUrlsAsync("q=" + Uri.EscapeDataString("育兒"));
        Assert.Equal("/services/childcare-allowance", childcare[0]);
        Assert.Contains(childcare, u => u.StartsWith("/news/", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Operators_AndOrNotAndPhrase_NarrowOrWiden()
    {
        var either = await ResultUrlsAsync("q=" + Uri.EscapeDataString("育兒 OR 生育") + "&type=Service");
        Assert.Equal(["/services/birth-allowance", "/services/childcare-allowance"], either.Order().ToList());

        var allowance = await ResultUrlsAsync("q=" + Uri.EscapeDataString("津貼") + "&type=Service");
        var notElders = await ResultUrlsAsync("q=" + Uri.EscapeDataString("津貼 NOT 老人") + "&type=Service");
        Assert.Contains("/services/mid-low-elderly-allowance", allowance);
        Assert.DoesNotContain("/services/mid-low-elderly-allowance", notElders);
        Assert.True(notElders.Count < allowance.Count && notElders.Count > 0);

        var both = await ResultUrlsAsync("q=" + Uri.EscapeDataString("役男 出境") + "&type=Service");
        Assert.Equal(["/services/military-exit"], both);
        var phrase = await ResultUrlsAsync("q=" + Uri.EscapeDataString("\"出境 役男\"") + "&type=Service");
        Assert.Empty(phrase);
    }

    [Fact]
    public async Task Filters_TypeSectionAndDate()
    {
        var works = await ResultUrlsAsync("q=" + Uri.EscapeDataString("修") + "&section=works");
        Assert.NotEmpty(works);
        var socialIds = await app.WithDbAsync(db => db.Set<SearchDoc>().Where(d => d.SectionId != null && db.Set<Weimin.Features.Organisation.Section>().Any(s => s.Id == d.SectionId && s.Code == "works")).Select(d => d.Url).ToListAsync());
        Assert.All(works, u => Assert.Contains(u, socialIds));

        var faqOnly = await ResultUrlsAsync("q=" + Uri.EscapeDataString("路燈") + "&type=Faq");
        Assert.All(faqOnly, u => Assert.StartsWith("/faq#q", u));

        var today = Weimin.Web.Localisation.OfficeTime.Today(app.Clock);
        var future = await ResultUrlsAsync("q=" + Uri.EscapeDataString("路燈") + $"&from={today.AddDays(1):yyyy-MM-dd}");
        Assert.Empty(future);
        var recentNews = await ResultUrlsAsync("q=" + Uri.EscapeDataString("津貼") + $"&type=News&from={today.AddDays(-5):yyyy-MM-dd}&to={today:yyyy-MM-dd}");
        Assert.NotEmpty(recentNews);
        Assert.Equal(HttpStatusCode.OK, (await app.Anonymous().GetAsync("/search?q=x&from=abc&type=99&section=%3C")).StatusCode);
    }

    [Fact]
    public async Task Ranking_ByDate_PutsNewestFirst_AndPagingCoversAll()
    {
        var byDate = await ResultUrlsAsync("q=" + Uri.EscapeDataString("本所") + "&sort=date");
        var days = await app.WithDbAsync(db => db.Set<SearchDoc>().ToDictionaryAsync(d => d.Url, d => d.Day));
        Assert.Equal(byDate.Select(u => days[u]).OrderDescending(), byDate.Select(u => days[u]));

        var all = new List<string>();
        for (var p = 1; p <= 10; p++)
        {
            var page = await ResultUrlsAsync("q=" + Uri.EscapeDataString("申請") + $"&p={p}");
            if (page.Count == 0) break;
            all.AddRange(page);
        }
        Assert.True(all.Count > 10, $"more than one page of results, got {all.Count}");
        Assert.Equal(all.Count, all.Distinct().Count());
        var html = await app.Anonymous().GetStringAsync("/search?q=" + Uri.EscapeDataString("申請"));
        Assert.Contains($"共 {all.Count} 筆結果", html);
        Assert.Contains("rel=\"next\"", html);
    }

    [Fact]
    public async Task Results_HighlightMatches()
    {
        var html = await app.Anonymous().GetStringAsync("/search?q=" + Uri.EscapeDataString("路燈"));
        Assert.Contains("<mark>路燈</mark>", html);
        var english = await app.Anonymous().GetStringAsync("/search?culture=en&q=street");
        Assert.Contains("<mark>Street</mark>", english);
    }

    /// <summary>
    /// The database's answer equals the same query evaluated in memory over the index rows, for a set of queries:
    /// the SQL the provider runs has exactly the documented meaning (and so is the same on both providers).
    /// </summary>
    [Theory]
    [InlineData("路燈")]
    [InlineData("育兒")]
    [InlineData("津貼 NOT 老人")]
    [InlineData("育兒 OR 路燈 OR 役男")]
    [InlineData("\"證明書\" 補發")]
    [InlineData("street OR allowance")]
    [InlineData("申請 -證明")]
    public async Task Database_AgreesWithTheQueryMeaning(string text)
    {
        await app.Anonymous().GetStringAsync("/search?q=x"); // builds the index
        var query = SearchQuery.Parse(text);
        var (rows, agencyId) = await app.WithDbAsync(async db =>
        {
            var agency = await db.Set<Weimin.Features.Organisation.Agency>().Where(a => a.Code == "yangmei").Select(a => a.Id).FirstAsync();
            return (await db.Set<SearchDoc>().Where(d => d.AgencyId == agency).ToListAsync(), agency);
        });
        var now = app.Clock.GetUtcNow().UtcDateTime;
        var expected = rows.Where(d => d.VisibleFromUtc <= now && query.Groups.Any(g => g.Include.All(d.Text.Contains) && !g.Exclude.Any(d.Text.Contains)))
            .Select(d => (d.Kind, d.RefId)).Order().ToList();
        await using var scope = app.Services.CreateAsyncScope();
        scope.ServiceProvider.GetRequiredService<DataScope>().RunAsSystem();
        var index = scope.ServiceProvider.GetRequiredService<SearchIndex>();
        var result = await index.SearchAsync(agencyId, query, new SearchFilter(text, PageSize: 50));
        Assert.Equal(expected.Count, result.Total);
        var urls = rows.ToDictionary(d => d.Url, d => (d.Kind, d.RefId));
        var got = result.Items.Select(h => urls[h.Url]).ToList();
        Assert.Equal(Math.Min(50, expected.Count), got.Count);
        Assert.Subset(expected.ToHashSet(), got.ToHashSet());
        if (expected.Count <= 50) Assert.Equal(expected, got.Order().ToList());
    }

    [Fact]
    public async Task Index_FollowsContentChanges()
    {
        var staff = await app.SignInAsync("agencyadmin");
        var r = await WeiminApp.PostFormAsync(staff, "/admin/portal/faq", new() { ["Input.Question"] = "颱風天垃圾車會停收嗎？", ["Input.Answer"] = "依市府公告辦理。", ["Input.IsPublished"] = "true" });
        Assert.Equal(HttpStatusCode.Redirect, r.StatusCode);
        Assert.Single(await ResultUrlsAsync("q=" + Uri.EscapeDataString("颱風")));
        var id = await app.WithDbAsync(db => db.Set<FaqEntry>().Where(f => f.Question.StartsWith("颱風")).Select(f => f.Id).FirstAsync());
        Assert.Equal(HttpStatusCode.Redirect, (await WeiminApp.PostFormAsync(staff, $"/admin/portal/faq/{id}?handler=Delete", new(), formPage: $"/admin/portal/faq/{id}")).StatusCode);
        Assert.Empty(await ResultUrlsAsync("q=" + Uri.EscapeDataString("颱風")));
    }
}
