namespace Weimin.Features.Notices;

/// <summary>Configuration section <c>Weimin:Notices</c>.</summary>
public sealed class NoticeOptions
{
    /// <summary>The public address of the portal, for tracking links in notices, e.g. https://weimin.example.gov.tw.</summary>
    public string PublicBaseUrl { get; set; } = "http://localhost:5000";

    /// <summary>No SMS between these office (Taipei) times; SMS due then waits until the end. Equal times turn it off.</summary>
    public TimeOnly QuietHoursStart { get; set; } = new(21, 0);
    public TimeOnly QuietHoursEnd { get; set; } = new(8, 0);
}
