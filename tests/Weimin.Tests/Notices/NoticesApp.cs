using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Weimin.Features.Notices;
using Weimin.Tests.Infrastructure;

namespace Weimin.Tests.Notices;

/// <summary>Weimin wired to a real local SMTP server (aiosmtpd) and to local Mitake, EVERY8D and LINE servers.</summary>
public sealed class NoticesApp : WeiminApp
{
    public const string ReceiptToken = "receipt-token-1";
    public const string LineSecret = "line-channel-secret-for-tests";
    public SmtpSink Smtp { get; } = new();
    public FakeGateways Gateways { get; } = new();

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.UseSetting("Weimin:Notices:PublicBaseUrl", "https://weimin.example.test");
        builder.UseSetting("Weimin:Notices:Smtp:Host", "127.0.0.1");
        builder.UseSetting("Weimin:Notices:Smtp:Port", Smtp.Port.ToString(System.Globalization.CultureInfo.InvariantCulture));
        builder.UseSetting("Weimin:Notices:Smtp:From", "notices@yangmei.example.test");
        builder.UseSetting("Weimin:Notices:Smtp:FromName", "楊梅區公所");
        builder.UseSetting("Weimin:Notices:Smtp:TimeoutSeconds", "5");
        builder.UseSetting("Weimin:Notices:Sms:Provider", "Mitake");
        builder.UseSetting("Weimin:Notices:Sms:BaseUrl", Gateways.BaseUrl + "/api/mtk/");
        builder.UseSetting("Weimin:Notices:Sms:UserName", FakeGateways.User);
        builder.UseSetting("Weimin:Notices:Sms:Password", FakeGateways.Password);
        builder.UseSetting("Weimin:Notices:Sms:ReceiptToken", ReceiptToken);
        builder.UseSetting("Weimin:Notices:Sms:TimeoutSeconds", "2");
        builder.UseSetting("Weimin:Notices:Line:BaseUrl", Gateways.BaseUrl);
        builder.UseSetting("Weimin:Notices:Line:ChannelAccessToken", FakeGateways.LineToken);
        builder.UseSetting("Weimin:Notices:Line:TimeoutSeconds", "2");
        builder.UseSetting("Weimin:Notices:Line:ChannelSecret", LineSecret);
    }

    public NoticeSender Sender => Services.GetRequiredService<NoticeSender>();
    public NoticeOptions Options => Services.GetRequiredService<NoticeOptions>();

    /// <summary>Points SMS at the local Mitake or EVERY8D server.</summary>
    public void UseSms(SmsProvider provider)
    {
        Options.Sms.Provider = provider;
        Options.Sms.BaseUrl = provider == SmsProvider.Mitake ? Gateways.BaseUrl + "/api/mtk/" : Gateways.BaseUrl + "/";
    }

    /// <summary>Runs the sender until nothing due is left.</summary>
    public async Task<int> DrainAsync()
    {
        var total = 0;
        int n;
        while ((n = await Sender.RunOnceAsync()) > 0) total += n;
        return total;
    }

    protected override void Dispose(bool disposing)
    {
        base.Dispose(disposing);
        if (!disposing) return;
        Smtp.Dispose();
        Gateways.DisposeAsync().AsTask().GetAwaiter().GetResult();
    }
}
