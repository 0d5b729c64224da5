using System.Security.Cryptography;
using System.Text;

namespace Weimin.Features.Notices;

public static class NoticesApi
{
    public static IEndpointRouteBuilder MapNotices(this IEndpointRouteBuilder app)
    {
        // Delivery receipts from the SMS gateway: anonymous, but the address carries a secret the gateway was given.
        app.MapGet("/notices/receipts/{provider}/{token}", Receipt).AllowAnonymous().DisableAntiforgery().ExcludeFromDescription();
        app.MapLineWebhook();
        return app;
    }

    private static async Task<IResult> Receipt(string provider, string token, HttpRequest request, SmsChannel sms, NoticeOptions options, NoticeService notices, CancellationToken ct)
    {
        var expected = Encoding.UTF8.GetBytes(options.Sms.ReceiptToken);
        if (expected.Length == 0 || !CryptographicOperations.FixedTimeEquals(expected, Encoding.UTF8.GetBytes(token))
            || sms.Gateway is not { } gateway || !string.Equals(provider, gateway.Provider.ToString(), StringComparison.OrdinalIgnoreCase))
            return Results.NotFound();
        if (gateway.ParseReceipt(request.Query) is not { } receipt) return Results.BadRequest();
        await notices.ApplyReceiptAsync(receipt, ct);
        return Results.Text(gateway.ReceiptAnswer(receipt), "text/plain; charset=utf-8");
    }
}
