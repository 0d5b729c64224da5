using Microsoft.AspNetCore.Mvc.ModelBinding;
using Microsoft.Extensions.Localization;
using Weimin.Features.Cases;

namespace Weimin.Features.Booking;

/// <summary>The contact rules every booking form shares (counter times and venues): one way to reach the person, and consent to be told.</summary>
public static class ContactRules
{
    public static void Check(ModelStateDictionary state, IStringLocalizer<BookingText> t, string? phone, string? email, NoticeChannel channel, bool consent)
    {
        if (string.IsNullOrWhiteSpace(phone) && string.IsNullOrWhiteSpace(email))
            state.AddModelError("Input.Phone", t["Book.ContactRequired"]);
        if (channel is not (NoticeChannel.None or NoticeChannel.Email or NoticeChannel.Sms))
            state.AddModelError("Input.Channel", t["Book.ChannelInvalid"]);
        if (channel == NoticeChannel.Email && string.IsNullOrWhiteSpace(email))
            state.AddModelError("Input.Email", t["Book.EmailForNotice"]);
        if (channel == NoticeChannel.Sms && string.IsNullOrWhiteSpace(phone))
            state.AddModelError("Input.Phone", t["Book.PhoneForNotice"]);
        if (channel != NoticeChannel.None && !consent)
            state.AddModelError("Input.Consent", t["Book.ConsentRequired"]);
    }

    /// <summary>Where a notice goes: the address of the chosen channel, or null when there is none (no notice then).</summary>
    public static string? Recipient(NoticeChannel channel, bool consent, string? phone, string? email) =>
        !consent ? null : channel switch
        {
            NoticeChannel.Email when !string.IsNullOrWhiteSpace(email) => email,
            NoticeChannel.Sms when !string.IsNullOrWhiteSpace(phone) => phone,
            _ => null,
        };
}
