using System.Net;
using System.Net.Mail;
using System.Net.Sockets;
using System.Text;
using Weimin.Features.Cases;

namespace Weimin.Features.Notices;

/// <summary>
/// E-mail over SMTP (System.Net.Mail). The Message-ID comes from the notice's idempotency key, so a resend after a
/// crash between "sent" and "saved" carries the same Message-ID, which mail systems treat as the same message.
/// </summary>
public sealed class EmailChannel(NoticeOptions options) : INoticeChannel
{
    public NoticeChannel Channel => NoticeChannel.Email;

    public async Task<SendResult> SendAsync(OutgoingNotice notice, CancellationToken ct)
    {
        var smtp = options.Smtp;
        if (string.IsNullOrWhiteSpace(smtp.Host)) return SendResult.Temporary("SMTP server not configured (Weimin:Notices:Smtp:Host)");
        MailMessage message;
        try
        {
            message = new MailMessage(new MailAddress(smtp.From, smtp.FromName, Encoding.UTF8), new MailAddress(notice.Recipient, notice.RecipientName, Encoding.UTF8))
            {
                Subject = notice.Subject, Body = notice.Body, SubjectEncoding = Encoding.UTF8, BodyEncoding = Encoding.UTF8,
                HeadersEncoding = Encoding.UTF8, IsBodyHtml = false,
            };
        }
        catch (FormatException e)
        {
            return SendResult.Permanent("Bad e-mail address: " + e.Message);
        }
        var messageId = $"<{notice.Uuid:D}@{Domain(smtp.From)}>";
        message.Headers.Add("Message-ID", messageId);
        message.Headers.Add("X-Weimin-Notice", notice.Id.ToString(System.Globalization.CultureInfo.InvariantCulture));

        using (message)
        using (var client = new SmtpClient(smtp.Host, smtp.Port) { EnableSsl = smtp.EnableSsl, DeliveryMethod = SmtpDeliveryMethod.Network })
        {
            if (!string.IsNullOrEmpty(smtp.UserName)) client.Credentials = new NetworkCredential(smtp.UserName, smtp.Password);
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(ct);
            timeout.CancelAfter(TimeSpan.FromSeconds(smtp.TimeoutSeconds));
            try
            {
                await client.SendMailAsync(message, timeout.Token);
                return new SendResult(SendOutcome.Sent, messageId, "250");
            }
            catch (SmtpFailedRecipientException e) when (IsPermanent(e.StatusCode))
            {
                return SendResult.Permanent($"{(int)e.StatusCode} {e.Message}", ((int)e.StatusCode).ToString(System.Globalization.CultureInfo.InvariantCulture));
            }
            catch (SmtpException e)
            {
                var code = ((int)e.StatusCode).ToString(System.Globalization.CultureInfo.InvariantCulture);
                return IsPermanent(e.StatusCode) ? SendResult.Permanent($"{code} {e.Message}", code) : SendResult.Temporary($"{code} {Describe(e)}", code);
            }
            catch (OperationCanceledException) when (!ct.IsCancellationRequested)
            {
                return SendResult.Temporary($"SMTP timed out after {smtp.TimeoutSeconds} s");
            }
            catch (Exception e) when (e is SocketException or IOException or InvalidOperationException)
            {
                return SendResult.Temporary(Describe(e));
            }
        }
    }

    /// <summary>5xx replies about the mailbox or the message; 4xx and connection trouble are worth another try.</summary>
    private static bool IsPermanent(SmtpStatusCode code) => code is SmtpStatusCode.MailboxUnavailable or SmtpStatusCode.MailboxNameNotAllowed
        or SmtpStatusCode.UserNotLocalTryAlternatePath or SmtpStatusCode.ExceededStorageAllocation or SmtpStatusCode.TransactionFailed;

    private static string Describe(Exception e) => e.InnerException is { } inner ? $"{e.Message} ({inner.Message})" : e.Message;

    private static string Domain(string from)
    {
        var at = from.LastIndexOf('@');
        return at >= 0 && at < from.Length - 1 ? from[(at + 1)..] : "weimin.invalid";
    }
}
