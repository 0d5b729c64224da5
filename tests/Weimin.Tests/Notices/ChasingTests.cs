using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Weimin.Features.Cases;
using Weimin.Features.Notices;
using Weimin.Features.Organisation;
using Weimin.Tests.Cases;

namespace Weimin.Tests.Notices;

public class ChasingTests(NoticesApp app) : IClassFixture<NoticesApp>
{
    private static DateTimeOffset Taipei(int y, int m, int d, int h = 9) => new(y, m, d, h, 0, 0, TimeSpan.FromHours(8));

    private ChasingSweep Sweep => app.Services.GetRequiredService<ChasingSweep>();

    private Task<List<Notice>> NoticesAsync(long caseId) =>
        app.WithDbAsync(db => db.Set<Notice>().Where(n => n.CaseId == caseId).OrderBy(n => n.Id).ToListAsync());

    private Task<int> StaffIdAsync(string name) => app.WithDbAsync(db => db.Set<Staff>().Where(s => s.Name == name).Select(s => s.Id).SingleAsync());

    [Fact]
    public async Task Sweeps_remind_escalate_tell_the_applicant_and_digest_once_each_however_often_they_run()
    {
        await app.AddServiceAsync("c-chase", 3); // 社會課, officer 許家豪 (deputy 楊淑惠), head 謝美玲
        app.Clock.Set(Taipei(2026, 3, 2)); // Monday
        var c = (await app.AsStaffAsync("蔡明哲", (cases, actor) => cases.IntakeAsync(new IntakeRequest
        {
            ServiceCode = "c-chase", ApplicantName = "王小明", ApplicantEmail = "late@example.test", NoticeChannel = NoticeChannel.Email, NoticeConsent = true,
        }, actor))).Case!;
        Assert.Equal(new DateOnly(2026, 3, 5), c.DueOn);

        // Monday: 3 working days left, nothing yet.
        Assert.Equal(new ChasingResult(0, 0, 0, 0), await Sweep.RunOnceAsync());

        // Tuesday: 2 left → the officer and the deputy; running again adds nothing.
        app.Clock.Set(Taipei(2026, 3, 3));
        Assert.Equal(new ChasingResult(2, 0, 0, 0), await Sweep.RunOnceAsync());
        Assert.Equal(new ChasingResult(0, 0, 0, 0), await Sweep.RunOnceAsync());
        var reminders = (await NoticesAsync(c.Id)).Where(n => n.Event == NoticeEvent.DueReminder).ToList();
        Assert.Equal(new[] { await StaffIdAsync("許家豪"), await StaffIdAsync("楊淑惠") }.Order(), reminders.Select(n => n.RecipientStaffId!.Value).Order());
        Assert.All(reminders, n => Assert.Equal(NoticeAudience.Staff, n.Audience));

        // Friday: one working day late → the applicant is told, the section head is asked; once.
        app.Clock.Set(Taipei(2026, 3, 6));
        Assert.Equal(new ChasingResult(0, 1, 0, 1), await Sweep.RunOnceAsync());
        Assert.Equal(new ChasingResult(0, 0, 0, 0), await Sweep.RunOnceAsync());
        var all = await NoticesAsync(c.Id);
        var overdue = Assert.Single(all, n => n.Event == NoticeEvent.Overdue);
        Assert.Equal("late@example.test", overdue.Recipient);
        Assert.Equal(await StaffIdAsync("謝美玲"), Assert.Single(all, n => n.Event == NoticeEvent.Escalation).RecipientStaffId);

        // Saturday: the office is closed; nothing happens.
        app.Clock.Set(Taipei(2026, 3, 7));
        Assert.Equal(new ChasingResult(0, 0, 0, 0), await Sweep.RunOnceAsync());

        // Monday: the weekly digest to the head; the applicant is not told again.
        app.Clock.Set(Taipei(2026, 3, 9));
        Assert.Equal(new ChasingResult(0, 0, 1, 0), await Sweep.RunOnceAsync());
        Assert.Equal(new ChasingResult(0, 0, 0, 0), await Sweep.RunOnceAsync());
        Assert.Equal(1, await app.WithDbAsync(db => db.Set<Notice>().CountAsync(n => n.Event == NoticeEvent.WeeklyDigest)));

        // Everything goes out by e-mail to the real SMTP server.
        await app.DrainAsync();
        var mails = await app.Smtp.WaitForAsync(6);
        var digest = Assert.Single(mails, m => m.Subject.StartsWith("【稽催週報】社會課", StringComparison.Ordinal));
        Assert.Contains(c.Number, digest.Body, StringComparison.Ordinal);
        Assert.Contains("民國115年3月5日", digest.Body, StringComparison.Ordinal);
        Assert.Single(mails, m => m.To.Contains("late@example.test", StringComparison.Ordinal) && m.Subject.Contains("逾期", StringComparison.Ordinal));
        var escalation = Assert.Single(mails, m => m.Subject.StartsWith("【稽催】社會課案件", StringComparison.Ordinal));
        Assert.Contains($"https://weimin.example.test/cases/{c.Id}", escalation.Body, StringComparison.Ordinal);
        Assert.Equal(2, mails.Count(m => m.Subject.StartsWith($"【稽催】案件 {c.Number} 將於", StringComparison.Ordinal)));
    }

    [Fact]
    public async Task An_extension_gives_new_reminders_for_the_new_due_date()
    {
        await app.AddServiceAsync("c-extend", 2);
        app.Clock.Set(Taipei(2026, 3, 10)); // Tuesday
        var c = (await app.AsStaffAsync("蔡明哲", (cases, actor) => cases.IntakeAsync(new IntakeRequest { ServiceCode = "c-extend", ApplicantName = "李四" }, actor))).Case!;
        Assert.Equal(new ChasingResult(2, 0, 0, 0), await Sweep.RunOnceAsync());
        await app.AsStaffAsync("謝美玲", (cases, actor) => cases.ExtendAsync(c.Id, null, 5, "需會勘", actor, ["SectionHead"]));
        Assert.Equal(new ChasingResult(0, 0, 0, 0), await Sweep.RunOnceAsync()); // 7 working days left now
        app.Clock.Set(Taipei(2026, 3, 17));
        Assert.Equal(new ChasingResult(2, 0, 0, 0), await Sweep.RunOnceAsync());
        Assert.Equal(4, (await NoticesAsync(c.Id)).Count(n => n.Event == NoticeEvent.DueReminder));
    }

    [Fact]
    public void First_working_day_of_the_week_skips_a_monday_holiday()
    {
        // 2026 with weekends closed and Monday 2 March a holiday.
        var calendar = Weimin.Features.Calendar.OfficeCalendar.Create(Enumerable.Range(0, 365).Select(i => new DateOnly(2026, 1, 1).AddDays(i))
            .Select(d => (d, d.DayOfWeek is not (DayOfWeek.Saturday or DayOfWeek.Sunday) && d != new DateOnly(2026, 3, 2))));
        Assert.False(ChasingSweep.IsFirstWorkingDayOfWeek(calendar, new DateOnly(2026, 3, 4)));
        Assert.True(ChasingSweep.IsFirstWorkingDayOfWeek(calendar, new DateOnly(2026, 3, 3))); // Monday closed
        Assert.True(ChasingSweep.IsFirstWorkingDayOfWeek(calendar, new DateOnly(2026, 3, 9)));
    }
}
