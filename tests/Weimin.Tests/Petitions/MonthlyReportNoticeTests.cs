using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Weimin.Features.Notices;
using Weimin.Features.Petitions;
using Weimin.Tests.Notices;

namespace Weimin.Tests.Petitions;

/// <summary>月報 to the sections: on the month's first working day, each section head gets last month's figures, once.</summary>
public class MonthlyReportNoticeTests(NoticesApp app) : IClassFixture<NoticesApp>
{
    private static DateTimeOffset Taipei(int y, int m, int d, int h = 9) => new(y, m, d, h, 0, 0, TimeSpan.FromHours(8));

    private PetitionReportSweep Sweep => app.Services.GetRequiredService<PetitionReportSweep>();

    [Fact]
    public async Task FirstWorkingDay_SendsEachSectionHeadLastMonthsFigures_Once_ByEmail()
    {
        app.Clock.Set(Taipei(2026, 5, 4));
        var clerk = await app.SignInAsync("clerk");
        var (_, first, _) = await clerk.CreateAsync(PetitionTestData.Body("ChiefMailbox", "social"));
        await clerk.CreateAsync(PetitionTestData.Body("MayorMailbox", "social", name: "李小華"));

        app.Clock.Set(Taipei(2026, 5, 29));     // a Friday, not the first working day of a month
        Assert.Equal(0, await Sweep.RunOnceAsync());

        app.Clock.Set(Taipei(2026, 6, 1));      // Monday 1 June
        Assert.Equal(1, await Sweep.RunOnceAsync());
        Assert.Equal(0, await Sweep.RunOnceAsync());
        var notice = await app.WithDbAsync(db => db.Set<Notice>().SingleAsync(n => n.Event == NoticeEvent.PetitionMonthlyReport));
        Assert.Equal(NoticeAudience.Staff, notice.Audience);
        var data = NoticeRenderer.ReadData(notice.Data);
        Assert.Equal(("社會課", "115年5月", "2", "2"), (data["section"], data["month"], data["total"], data["open"]));

        app.Clock.Set(Taipei(2026, 6, 2));      // the second working day: nothing more
        Assert.Equal(0, await Sweep.RunOnceAsync());

        await app.DrainAsync();
        var mails = await app.Smtp.WaitForAsync(3);
        var mail = Assert.Single(mails, m => m.Subject.StartsWith("【陳情月報】社會課 115年5月", StringComparison.Ordinal));
        Assert.Contains("收到陳情案件 2 件", mail.Body, StringComparison.Ordinal);
        Assert.Contains("https://weimin.example.test/petitions/report?Month=2026-05", mail.Body, StringComparison.Ordinal);
        Assert.DoesNotContain(first, mail.Body, StringComparison.Ordinal);   // nothing late or overdue yet: no cases listed
    }

    [Theory]
    [InlineData(2026, 6, 1, true)]     // Monday 1 June
    [InlineData(2026, 6, 2, false)]
    [InlineData(2026, 8, 3, true)]     // 1 August is a Saturday: Monday the 3rd is the first working day
    [InlineData(2026, 8, 1, false)]
    public async Task FirstWorkingDay_FollowsTheOfficeCalendar(int y, int m, int d, bool expected)
    {
        var calendar = await app.YangmeiCalendarAsync();
        Assert.Equal(expected, PetitionReportSweep.IsFirstWorkingDayOfMonth(calendar, new DateOnly(y, m, d)));
    }
}
