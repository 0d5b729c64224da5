using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Mvc.ModelBinding;
using Microsoft.Extensions.Localization;
using Weimin.Features.Cases;

namespace Weimin.Features.Booking;

/// <summary>The contact part of every booking form: who the person is and how they want to be told.</summary>
public abstract class ContactInput
{
    [Required(ErrorMessage = "validation.required"), StringLength(100, ErrorMessage = "validation.length"), Display(Name = "field.ApplicantName")]
    public string Name { get; set; } = "";
    [StringLength(30, ErrorMessage = "validation.length"), RegularExpression(@"^[0-9+()#\- ]*$", ErrorMessage = "validation.phone"), Display(Name = "field.ApplicantPhone")]
    public string? Phone { get; set; }
    [StringLength(200, ErrorMessage = "validation.length"), EmailAddress(ErrorMessage = "validation.email"), Display(Name = "field.ApplicantEmail")]
    public string? Email { get; set; }
    [EnumDataType(typeof(NoticeChannel), ErrorMessage = "validation.invalid"), Display(Name = "field.NoticeChannel")]
    public NoticeChannel Channel { get; set; } = NoticeChannel.None;
    [Display(Name = "field.NoticeConsent")]
    public bool Consent { get; set; }
}

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
