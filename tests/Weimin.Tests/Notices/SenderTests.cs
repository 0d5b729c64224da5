using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Weimin.Data;
using Weimin.Features.Cases;
using Weimin.Features.Notices;
using Weimin.Tests.Cases;
using Weimin.Web.Authorization;

namespace Weimin.Tests.Notices;

public class SenderTests(NoticesApp app) : IClassFixture<NoticesApp>
{
    private static DateTimeOffset Taipei(int y, int m, int d, int h = 10, int min = 0) => new(y, m, d, h, min, 0, TimeSpan.FromHours(8));

    private async Task<Case> CaseAsync(NoticeChannel channel, string phone = "0912345678", string email = "wang@example.test", string name = "王小明", string language = "zh-TW")
    {
        await app.AddServiceAsync("s-send", 3);
        return (await app.AsStaffAsync("蔡明哲", (cases, actor) => cases.IntakeAsync(new IntakeRequest
        {
            ServiceCode = "s-send", ApplicantName = name, ApplicantPhone = phone, ApplicantEmail = email,
            NoticeChannel = channel, NoticeConsent = true, Language = language,
        }, actor))).Case!;
    }

    private Task<List<Notice>> NoticesOfAsync(long caseId) =>
        app.WithDbAsync(db => db.Set<Notice>().Include(n => n.Attempts).Where(n => n.CaseId == caseId).OrderBy(n => n.Id).ToListAsync());

    private Task<Notice> NoticeAsync(long id) =>
        app.WithDbAsync(db => db.Set<Notice>().Include(n => n.Attempts).SingleAsync(n => n.Id == id));

    [Fact]
    public async Task Acknowledgement_email_reaches_the_smtp_server_with_roc_dates_and_tracking_link()
    {
        app.Clock.Set(Taipei(2026, 3, 2));
        var c = await CaseAsync(NoticeChannel.Email, email: "ack@example.test");
        await app.DrainAsync();

        var mail = Assert.Single(await app.Smtp.WaitForAsync(1), m => m.To.Contains("ack@example.test", StringComparison.Ordinal));
        Assert.Equal($"【桃園市楊梅區公所】收件確認 {c.Number}", mail.Subject);
        Assert.Contains("測試服務 s-send", mail.Body, StringComparison.Ordinal);
        Assert.Contains("民國115年3月5日", mail.Body, StringComparison.Ordinal);
        Assert.Contains($"https://weimin.example.test/track/{c.Number}", mail.Body, StringComparison.Ordinal);
        var n = Assert.Single(await NoticesOfAsync(c.Id));
        Assert.Equal(NoticeStatus.Sent, n.Status);
        Assert.Equal(mail.MessageId, n.ProviderMessageId);
        Assert.Equal(1, Assert.Single(n.Attempts).Number);
        Assert.Null(n.LeaseOwner);
    }

    [Fact]
    public async Task English_applicant_gets_the_english_template()
    {
        app.Clock.Set(Taipei(2026, 3, 2));
        var c = await CaseAsync(NoticeChannel.Email, email: "en@example.test", name: "Jane Doe", language: "en");
        await app.DrainAsync();
        var mail = Assert.Single(app.Smtp.Messages(), m => m.To.Contains("en@example.test", StringComparison.Ordinal));
        Assert.StartsWith("[", mail.Subject, StringComparison.Ordinal);
        Assert.Contains($"application {c.Number}", mail.Subject, StringComparison.Ordinal);
        Assert.Contains("Dear Jane Doe", mail.Body, StringComparison.Ordinal);
        Assert.Contains("ROC 115-03-05", mail.Body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Sms_through_mitake_carries_clientid_and_receipt_url_and_the_receipt_marks_it_delivered()
    {
        app.UseSms(SmsProvider.Mitake);
        app.Clock.Set(Taipei(2026, 3, 2));
        var c = await CaseAsync(NoticeChannel.Sms, phone: "0911-000-001");
        await app.DrainAsync();

        var sms = Assert.Single(app.Gateways.Mitake, m => m.To == "0911000001");
        var n = Assert.Single(await NoticesOfAsync(c.Id));
        Assert.Equal(NoticeStatus.Sent, n.Status);
        Assert.Equal(sms.ProviderId, n.ProviderMessageId);
        Assert.Equal(Idempotency.Uuid(n.IdempotencyKey).ToString("N"), sms.ClientId);
        Assert.Contains(c.Number, sms.Text, StringComparison.Ordinal);
        Assert.DoesNotContain("\n", sms.Text, StringComparison.Ordinal);
        Assert.Equal($"https://weimin.example.test/notices/receipts/mitake/{NoticesApp.ReceiptToken}", sms.ReceiptUrl);

        // The gateway calls back as go-mitake documents it (GET with msgid, statuscode …).
        var client = app.Anonymous();
        var path = new Uri(sms.ReceiptUrl!).AbsolutePath;
        var answer = await client.GetAsync($"{path}?msgid={Uri.EscapeDataString(sms.ProviderId)}&dstaddr=0911000001&dlvtime=20260302100001&donetime=20260302100005&statuscode=4&statusstr=DELIVRD&StatusFlag=4");
        Assert.Equal(System.Net.HttpStatusCode.OK, answer.StatusCode);
        Assert.Contains("msgid=" + sms.ProviderId, await answer.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        n = await NoticeAsync(n.Id);
        Assert.Equal(NoticeStatus.Delivered, n.Status);
        Assert.Equal("4", n.ProviderStatus);

        Assert.Equal(System.Net.HttpStatusCode.NotFound, (await client.GetAsync($"/notices/receipts/mitake/wrong-token?msgid={sms.ProviderId}&statuscode=4")).StatusCode);
        Assert.Equal(System.Net.HttpStatusCode.NotFound, (await client.GetAsync($"/notices/receipts/every8d/{NoticesApp.ReceiptToken}?BatchID=x&STATUS=100")).StatusCode);
        Assert.Equal(System.Net.HttpStatusCode.BadRequest, (await client.GetAsync(path)).StatusCode);
    }

    [Fact]
    public async Task Sms_through_every8d_and_its_failure_receipt()
    {
        app.UseSms(SmsProvider.Every8d);
        try
        {
            app.Clock.Set(Taipei(2026, 3, 2));
            var c = await CaseAsync(NoticeChannel.Sms, phone: "0911000002");
            await app.DrainAsync();
            var sms = Assert.Single(app.Gateways.Every8d, m => m.To == "0911000002");
            var n = Assert.Single(await NoticesOfAsync(c.Id));
            Assert.Equal(NoticeStatus.Sent, n.Status);
            Assert.Equal(sms.ProviderId, n.ProviderMessageId);

            var answer = await app.Anonymous().GetAsync($"/notices/receipts/every8d/{NoticesApp.ReceiptToken}?BatchID={sms.ProviderId}&RM=%2B886911000002&RT=20260302100500&STATUS=103&SM=&MR=");
            Assert.Equal(System.Net.HttpStatusCode.OK, answer.StatusCode);
            n = await NoticeAsync(n.Id);
            Assert.Equal(NoticeStatus.PermanentFailure, n.Status);
            Assert.Contains("無此手機號碼", n.LastError, StringComparison.Ordinal);
        }
        finally
        {
            app.UseSms(SmsProvider.Mitake);
        }
    }

    [Fact]
    public async Task Line_push_with_retry_key()
    {
        app.Clock.Set(Taipei(2026, 3, 2));
        var c = await CaseAsync(NoticeChannel.Line, phone: "0911000003");
        var userId = "U" + new string('a', 32);
        var n = await EnqueueAsync(c.Id, NoticeEvent.ReadyForPickup, new Dictionary<string, string> { ["lineUserId"] = userId });
        await app.DrainAsync();
        var line = Assert.Single(app.Gateways.Line, m => m.To == userId);
        Assert.Contains("已可領件", line.Text, StringComparison.Ordinal);
        Assert.Equal(Idempotency.Uuid(n.IdempotencyKey).ToString("D"), line.ClientId);
        Assert.Equal(NoticeStatus.Sent, (await NoticeAsync(n.Id)).Status);
        // The acknowledgement had only the phone to go on: no LINE account linked, a permanent failure that says so.
        var ack = (await NoticesOfAsync(c.Id)).First(x => x.Event == NoticeEvent.Acknowledgement);
        Assert.Equal(NoticeStatus.PermanentFailure, ack.Status);
        Assert.Contains("No LINE user id", ack.LastError, StringComparison.Ordinal);
    }

    private Task<Notice> EnqueueAsync(long caseId, NoticeEvent e, Dictionary<string, string>? extra = null, string? key = null) =>
        app.WithDbAsync(async db =>
        {
            var outbox = new NoticeOutbox(db, app.Clock, app.Options);
            var c = await db.Set<Case>().SingleAsync(x => x.Id == caseId);
            var n = outbox.Enqueue(c, e, extra, key)!;
            await db.SaveChangesAsync();
            return n;
        });

    [Theory]
    [InlineData("v", NoticeStatus.PermanentFailure)] // 無效的手機號碼
    [InlineData("u", NoticeStatus.PermanentFailure)] // 簡訊內容不得為空白
    [InlineData("e", NoticeStatus.TemporaryFailure)] // 帳號、密碼錯誤: fixable by the admin, so retried
    [InlineData("*", NoticeStatus.TemporaryFailure)] // 系統發生錯誤
    [InlineData("b", NoticeStatus.TemporaryFailure)] // 暫時停止服務
    public async Task Mitake_error_codes_map_to_permanent_or_temporary(string code, NoticeStatus expected)
    {
        app.UseSms(SmsProvider.Mitake);
        app.Clock.Set(Taipei(2026, 3, 3));
        var c = await CaseAsync(NoticeChannel.Sms, phone: "0911000010");
        app.Gateways.Mode = GatewayMode.Error;
        app.Gateways.ErrorCode = code;
        try
        {
            await app.DrainAsync();
        }
        finally
        {
            app.Gateways.Mode = GatewayMode.Ok;
        }
        var n = Assert.Single(await NoticesOfAsync(c.Id));
        Assert.Equal(expected, n.Status);
        Assert.Equal(code, n.ProviderStatus);
        Assert.Contains(MitakeGateway.Meaning(code), n.LastError, StringComparison.Ordinal);
        if (expected == NoticeStatus.TemporaryFailure) Assert.Equal(app.Clock.GetUtcNow().UtcDateTime.AddMinutes(1), n.NextAttemptAtUtc);
    }

    [Fact]
    public async Task Every8d_errors_timeouts_and_no_credit_are_retried_and_a_bad_number_is_not()
    {
        app.UseSms(SmsProvider.Every8d);
        try
        {
            app.Clock.Set(Taipei(2026, 3, 4));
            foreach (var (mode, code, expected) in new[]
                     {
                         (GatewayMode.Error, "-99", NoticeStatus.TemporaryFailure), (GatewayMode.Error, "-3", NoticeStatus.PermanentFailure),
                         (GatewayMode.NoCredit, "", NoticeStatus.TemporaryFailure), (GatewayMode.Http500, "", NoticeStatus.TemporaryFailure),
                         (GatewayMode.Hang, "", NoticeStatus.TemporaryFailure),
                     })
            {
                var c = await CaseAsync(NoticeChannel.Sms, phone: "0911000020");
                app.Gateways.Mode = mode;
                app.Gateways.ErrorCode = code;
                await app.DrainAsync();
                app.Gateways.Mode = GatewayMode.Ok;
                var n = Assert.Single(await NoticesOfAsync(c.Id));
                Assert.True(expected == n.Status, $"{mode} {code}: {n.Status} {n.LastError}");
                Assert.NotNull(n.LastError);
            }
            Assert.DoesNotContain(app.Gateways.Every8d, m => m.To == "0911000020");
        }
        finally
        {
            app.Gateways.Mode = GatewayMode.Ok;
            app.UseSms(SmsProvider.Mitake);
        }
    }

    [Fact]
    public async Task Retries_back_off_1_5_15_60_360_minutes_then_fail_permanently()
    {
        app.Clock.Set(Taipei(2026, 3, 5));
        var c = await CaseAsync(NoticeChannel.Email, email: "never@example.test");
        var n = Assert.Single(await NoticesOfAsync(c.Id));
        var saved = app.Options.Smtp.Port;
        app.Options.Smtp.Port = 1; // nothing listens there
        try
        {
            foreach (var wait in new[] { 1, 5, 15, 60, 360 })
            {
                await app.DrainAsync();
                n = await NoticeAsync(n.Id);
                Assert.Equal(NoticeStatus.TemporaryFailure, n.Status);
                Assert.Equal(app.Clock.GetUtcNow().UtcDateTime.AddMinutes(wait), n.NextAttemptAtUtc);
                app.Clock.Advance(TimeSpan.FromMinutes(wait - 0.5));
                Assert.Equal(0, await app.Sender.RunOnceAsync()); // not due yet
                app.Clock.Advance(TimeSpan.FromMinutes(0.5));
            }
            await app.DrainAsync();
        }
        finally
        {
            app.Options.Smtp.Port = saved;
        }
        n = await NoticeAsync(n.Id);
        Assert.Equal(NoticeStatus.PermanentFailure, n.Status);
        Assert.Equal(6, n.AttemptCount);
        Assert.Equal(6, n.Attempts.Count);
        Assert.StartsWith("Gave up after 6 attempts", n.LastError, StringComparison.Ordinal);
        Assert.All(n.Attempts, a => Assert.NotNull(a.Error));
    }

    [Fact]
    public async Task Sms_in_quiet_hours_waits_for_the_morning()
    {
        app.UseSms(SmsProvider.Mitake);
        app.Clock.Set(Taipei(2026, 3, 5, 22, 15));
        var c = await CaseAsync(NoticeChannel.Sms, phone: "0911000030");
        await app.DrainAsync();
        Assert.DoesNotContain(app.Gateways.Mitake, m => m.To == "0911000030");
        var n = Assert.Single(await NoticesOfAsync(c.Id));
        Assert.Equal(NoticeStatus.Queued, n.Status);
        Assert.Equal(Taipei(2026, 3, 6, 8).UtcDateTime, n.NextAttemptAtUtc);
        app.Clock.Set(Taipei(2026, 3, 6, 8, 1));
        await app.DrainAsync();
        Assert.Single(app.Gateways.Mitake, m => m.To == "0911000030");
    }

    [Fact]
    public async Task Segments_count_70_per_ucs2_and_160_per_gsm7()
    {
        Assert.Equal(1, SmsText.Segments(new string('中', 70)));
        Assert.Equal(2, SmsText.Segments(new string('中', 71)));
        Assert.Equal(1, SmsText.Segments(new string('a', 160)));
        Assert.Equal(2, SmsText.Segments(new string('a', 161)));
        Assert.Equal(2, SmsText.Segments(new string('a', 159) + "€")); // € takes two in GSM-7
        Assert.Equal("3/1", SmsText.Describe("abc"));
        await Task.CompletedTask;
    }

    [Fact]
    public async Task Notices_of_other_agencies_and_unclaimed_channels_are_left_alone_by_the_claim()
    {
        // Phone and letter notices are staff tasks: the sender never claims them.
        app.Clock.Set(Taipei(2026, 3, 9));
        var c = await CaseAsync(NoticeChannel.Phone, phone: "0911000040");
        await app.DrainAsync();
        var n = Assert.Single(await NoticesOfAsync(c.Id));
        Assert.Equal(NoticeStatus.Queued, n.Status);
        Assert.Equal(0, n.AttemptCount);
    }
}
