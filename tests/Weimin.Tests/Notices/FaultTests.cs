using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Weimin.Features.Cases;
using Weimin.Features.Notices;
using Weimin.Tests.Cases;

namespace Weimin.Tests.Notices;

/// <summary>Outages and crashes: after recovery every notice is sent, and sent once.</summary>
public class FaultTests(NoticesApp app) : IClassFixture<NoticesApp>
{
    private static DateTimeOffset Taipei(int y, int m, int d, int h = 10) => new(y, m, d, h, 0, 0, TimeSpan.FromHours(8));

    private async Task<List<long>> CasesAsync(int count, NoticeChannel channel, string tag)
    {
        await app.AddServiceAsync("f-" + tag, 3);
        var ids = new List<long>();
        for (var i = 0; i < count; i++)
        {
            var c = (await app.AsStaffAsync("蔡明哲", (cases, actor) => cases.IntakeAsync(new IntakeRequest
            {
                ServiceCode = "f-" + tag, ApplicantName = "民眾" + i, ApplicantPhone = $"09{tag[0] - '0'}{i:0000000}", ApplicantEmail = $"{tag}{i}@example.test",
                NoticeChannel = channel, NoticeConsent = true,
            }, actor))).Case!;
            ids.Add(c.Id);
        }
        return ids;
    }

    private Task<List<Notice>> NoticesAsync(List<long> caseIds) =>
        app.WithDbAsync(db => db.Set<Notice>().Include(n => n.Attempts).Where(n => n.CaseId != null && caseIds.Contains(n.CaseId.Value)).ToListAsync());

    [Fact]
    public async Task Smtp_server_down_for_a_while_then_every_notice_goes_once()
    {
        app.Clock.Set(Taipei(2026, 4, 1));
        var cases = await CasesAsync(5, NoticeChannel.Email, "outage");
        app.Smtp.Stop();
        try
        {
            await app.DrainAsync();
            var failed = await NoticesAsync(cases);
            Assert.All(failed, n => Assert.Equal(NoticeStatus.TemporaryFailure, n.Status));
            Assert.All(failed, n => Assert.NotNull(n.LastError));
            // Still down at the first retry.
            app.Clock.Advance(TimeSpan.FromMinutes(1));
            await app.DrainAsync();
            Assert.All(await NoticesAsync(cases), n => Assert.Equal(2, n.AttemptCount));
        }
        finally
        {
            app.Smtp.Start();
        }
        app.Clock.Advance(TimeSpan.FromMinutes(5));
        await app.DrainAsync();
        var sent = await NoticesAsync(cases);
        Assert.All(sent, n => Assert.Equal(NoticeStatus.Sent, n.Status));
        Assert.All(sent, n => Assert.Equal(3, n.Attempts.Count));
        var mails = (await app.Smtp.WaitForAsync(5)).Where(m => m.To.Contains("outage", StringComparison.Ordinal)).ToList();
        Assert.Equal(5, mails.Count);
        Assert.Equal(5, mails.Select(m => m.To).Distinct().Count());
    }

    [Fact]
    public async Task Sms_gateway_timing_out_then_answering_sends_each_message_once()
    {
        app.UseSms(SmsProvider.Mitake);
        app.Clock.Set(Taipei(2026, 4, 2));
        var cases = await CasesAsync(3, NoticeChannel.Sms, "7hang");
        app.Gateways.Mode = GatewayMode.Hang;
        app.Gateways.HangFor = TimeSpan.FromSeconds(4); // the sender gives up after 2 s
        try
        {
            await app.DrainAsync();
        }
        finally
        {
            app.Gateways.Mode = GatewayMode.Ok;
        }
        Assert.All(await NoticesAsync(cases), n => Assert.Contains("timed out", n.LastError, StringComparison.Ordinal));
        // The hung requests may still have reached the gateway; the clientid makes the retry harmless.
        await Task.Delay(TimeSpan.FromSeconds(3));
        app.Clock.Advance(TimeSpan.FromMinutes(1));
        await app.DrainAsync();
        var notices = await NoticesAsync(cases);
        Assert.All(notices, n => Assert.Equal(NoticeStatus.Sent, n.Status));
        var received = app.Gateways.Mitake.Where(m => m.To.StartsWith("097", StringComparison.Ordinal)).ToList();
        Assert.Equal(3, received.Count);
        Assert.Equal(3, received.Select(m => m.ClientId).Distinct().Count());
    }

    [Theory]
    [InlineData(NoticeChannel.Sms)]
    [InlineData(NoticeChannel.Line)]
    [InlineData(NoticeChannel.Email)]
    public async Task Sender_killed_between_send_and_save_resends_after_the_lease_and_the_provider_sees_it_once(NoticeChannel channel)
    {
        app.UseSms(SmsProvider.Mitake);
        app.Clock.Set(Taipei(2026, 4, 3));
        var tag = channel switch { NoticeChannel.Sms => "1crash", NoticeChannel.Line => "2crash", _ => "3crash" };
        var cases = await CasesAsync(4, channel, tag);
        if (channel == NoticeChannel.Line)
        {
            // LINE needs a linked user id: queue the pickup notice with one, and drop the acknowledgements that lack it.
            await app.WithDbAsync(async db =>
            {
                await db.Set<Notice>().Where(n => n.CaseId != null && cases.Contains(n.CaseId.Value)).ExecuteDeleteAsync();
                var outbox = new NoticeOutbox(db, app.Clock, app.Options);
                foreach (var c in await db.Set<Case>().Where(c => cases.Contains(c.Id)).ToListAsync())
                    outbox.Enqueue(c, NoticeEvent.ReadyForPickup, new Dictionary<string, string> { ["lineUserId"] = "U" + c.Id.ToString("x32") });
                await db.SaveChangesAsync();
            });
        }
        var notices = await NoticesAsync(cases);
        var victim = notices.OrderBy(n => n.Id).ElementAt(2).Id;

        // A second sender instance, as another process would be, that dies right after the provider accepted the victim.
        var doomed = ActivatorUtilities.CreateInstance<NoticeSender>(app.Services, NullLogger<NoticeSender>.Instance);
        doomed.BetweenSendAndSave = (n, _) => n.Id == victim ? throw new InvalidOperationException("process killed") : Task.CompletedTask;
        app.Options.Sender.Parallelism = 1;
        try
        {
            await Assert.ThrowsAsync<InvalidOperationException>(() => doomed.RunOnceAsync());
        }
        finally
        {
            app.Options.Sender.Parallelism = 4;
        }
        var stuck = (await NoticesAsync(cases)).Single(n => n.Id == victim);
        Assert.Equal(NoticeStatus.Sending, stuck.Status);
        Assert.Equal(0, stuck.AttemptCount);

        // The lease still holds: the healthy sender leaves the victim alone.
        await app.DrainAsync();
        Assert.Equal(NoticeStatus.Sending, (await NoticesAsync(cases)).Single(n => n.Id == victim).Status);
        app.Clock.Advance(TimeSpan.FromSeconds(app.Options.Sender.LeaseSeconds + 1));
        await app.DrainAsync();
        var after = await NoticesAsync(cases);
        Assert.All(after, n => Assert.Equal(NoticeStatus.Sent, n.Status));
        var keys = after.Select(n => Idempotency.Uuid(n.IdempotencyKey)).ToList();

        switch (channel)
        {
            case NoticeChannel.Sms:
                // Mitake answered the resend with Duplicate=Y: one message per notice on the phone.
                var sms = app.Gateways.Mitake.Where(m => keys.Contains(Guid.ParseExact(m.ClientId!, "N"))).ToList();
                Assert.Equal(4, sms.Count);
                Assert.Equal(after.Single(n => n.Id == victim).ProviderMessageId, sms.Single(m => Guid.ParseExact(m.ClientId!, "N") == Idempotency.Uuid(after.Single(n => n.Id == victim).IdempotencyKey)).ProviderId);
                break;
            case NoticeChannel.Line:
                // LINE answered the resend with 409 (retry key already accepted).
                Assert.Equal(4, app.Gateways.Line.Count(m => keys.Contains(Guid.Parse(m.ClientId!))));
                Assert.Contains("409", after.Single(n => n.Id == victim).ProviderStatus, StringComparison.Ordinal);
                break;
            default:
                // SMTP has no such answer: the server received the victim twice, with the same Message-ID, which mail
                // systems collapse into one message. Every other notice arrived once.
                var mails = (await app.Smtp.WaitForAsync(5)).Where(m => m.To.Contains(tag, StringComparison.Ordinal)).ToList();
                Assert.Equal(5, mails.Count);
                Assert.Equal(4, mails.Select(m => m.MessageId).Distinct().Count());
                Assert.Equal(4, mails.Select(m => m.To).Distinct().Count());
                break;
        }
    }

    [Fact]
    public async Task Two_senders_at_once_send_each_notice_exactly_once()
    {
        app.UseSms(SmsProvider.Mitake);
        app.Clock.Set(Taipei(2026, 4, 6));
        var cases = await CasesAsync(30, NoticeChannel.Sms, "5pair");
        var second = ActivatorUtilities.CreateInstance<NoticeSender>(app.Services, NullLogger<NoticeSender>.Instance);
        app.Options.Sender.BatchSize = 7;
        try
        {
            async Task Drain(NoticeSender s)
            {
                while (await s.RunOnceAsync() > 0) { }
            }
            await Task.WhenAll(Drain(app.Sender), Drain(second), Drain(app.Sender));
        }
        finally
        {
            app.Options.Sender.BatchSize = 100;
        }
        var notices = await NoticesAsync(cases);
        Assert.All(notices, n => Assert.Equal(NoticeStatus.Sent, n.Status));
        Assert.All(notices, n => Assert.Single(n.Attempts));
        var received = app.Gateways.Mitake.Where(m => m.To.StartsWith("095", StringComparison.Ordinal)).ToList();
        Assert.Equal(30, received.Count);
    }
}
