namespace Weimin.Features.Notices;

/// <summary>Configuration section <c>Weimin:Notices</c>.</summary>
public sealed class NoticeOptions
{
    /// <summary>The public address of the portal, for tracking links in notices, e.g. https://weimin.example.gov.tw.</summary>
    public string PublicBaseUrl { get; set; } = "http://localhost:5000";

    /// <summary>No SMS between these office (Taipei) times; SMS due then waits until the end. Equal times turn it off.</summary>
    public TimeOnly QuietHoursStart { get; set; } = new(21, 0);
    public TimeOnly QuietHoursEnd { get; set; } = new(8, 0);

    /// <summary>Run the sender and the chasing sweeps on their timers. Tests turn this off and call RunOnceAsync.</summary>
    public bool Background { get; set; } = true;

    public SenderOptions Sender { get; set; } = new();
    public SmtpOptions Smtp { get; set; } = new();
    public SmsOptions Sms { get; set; } = new();
    public LineOptions Line { get; set; } = new();
    public ChasingOptions Chasing { get; set; } = new();
}

public sealed class SenderOptions
{
    public int IntervalSeconds { get; set; } = 10;
    public int BatchSize { get; set; } = 100;
    /// <summary>How long a claimed batch belongs to one sender; after that another instance may take what is left.</summary>
    public int LeaseSeconds { get; set; } = 300;
    /// <summary>Notices sent at once within a batch.</summary>
    public int Parallelism { get; set; } = 4;
    /// <summary>Waits after failed attempts 1, 2, …; after the last one the notice fails permanently.</summary>
    public int[] RetryMinutes { get; set; } = [1, 5, 15, 60, 360];
}

public sealed class SmtpOptions
{
    /// <summary>Empty: e-mail notices wait in the queue (temporary failure) until a server is configured.</summary>
    public string Host { get; set; } = "";
    public int Port { get; set; } = 25;
    public bool EnableSsl { get; set; }
    public string? UserName { get; set; }
    public string? Password { get; set; }
    public string From { get; set; } = "noreply@weimin.invalid";
    public string FromName { get; set; } = "";
    public int TimeoutSeconds { get; set; } = 30;
}

public enum SmsProvider { None = 0, Mitake = 1, Every8d = 2 }

public sealed class SmsOptions
{
    public SmsProvider Provider { get; set; }
    /// <summary>Mitake: https://smsapi.mitake.com.tw/api/mtk/ (or …/b2c/mtk/); EVERY8D: https://oms.every8d.com/.</summary>
    public string BaseUrl { get; set; } = "";
    public string UserName { get; set; } = "";
    public string Password { get; set; } = "";
    /// <summary>Secret part of the delivery-receipt address given to the gateway; receipts without it are refused.</summary>
    public string ReceiptToken { get; set; } = "";
    public int TimeoutSeconds { get; set; } = 20;
}

public sealed class LineOptions
{
    /// <summary>https://api.line.me; empty turns LINE off (LINE notices wait as temporary failures).</summary>
    public string BaseUrl { get; set; } = "";
    public string ChannelAccessToken { get; set; } = "";
    /// <summary>The channel secret: webhook requests whose X-Line-Signature does not match it are refused. Empty refuses all.</summary>
    public string ChannelSecret { get; set; } = "";
    public int TimeoutSeconds { get; set; } = 20;
    /// <summary>Wrong case number / receipt code pairs a LINE user may send in an hour before further tries are ignored.</summary>
    public int LinkAttemptsPerHour { get; set; } = 5;
}
