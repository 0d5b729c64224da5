using System.ComponentModel.DataAnnotations;
using System.Globalization;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.Localization;
using Weimin.Data;
using Weimin.Features.Cases;
using Weimin.Features.Organisation;
using Weimin.Web.Errors;

namespace Weimin.Features.Booking.Portal;

public sealed class VenueRequestForm : ContactInput
{
    [Required(ErrorMessage = "validation.required"), Display(Name = "field.VenueDate")]
    public DateOnly? Date { get; set; }
    [Required(ErrorMessage = "validation.required"), Display(Name = "field.VenueStart")]
    public TimeOnly? Start { get; set; }
    [Required(ErrorMessage = "validation.required"), Display(Name = "field.VenueEnd")]
    public TimeOnly? End { get; set; }
    [Required(ErrorMessage = "validation.required"), StringLength(500, ErrorMessage = "validation.length"), Display(Name = "field.VenuePurpose")]
    public string Purpose { get; set; } = "";
    [Required(ErrorMessage = "validation.required"), Range(1, 10000, ErrorMessage = "validation.range"), Display(Name = "field.VenueAttendees")]
    public int? Attendees { get; set; }
    [StringLength(200, ErrorMessage = "validation.length"), Display(Name = "field.VenueOrganisation")]
    public string? Organisation { get; set; }
}

/// <summary>A citizen or an organisation asks for a venue for a time range; staff decide (<see cref="VenueService"/>).</summary>
[AllowAnonymous]
[EnableRateLimiting(BookingSetup.PostPolicy)]
public sealed class VenueRequestModel(AppDb db, VenueService venues, IStringLocalizer<BookingText> t) : PageModel, IRedrawable
{
    [BindProperty] public VenueRequestForm Input { get; set; } = new();
    public Venue Venue { get; private set; } = null!;
    public VenueRequest? Sent { get; private set; }

    public async Task<IActionResult> OnGetAsync(string code, CancellationToken ct) => await LoadAsync(code, ct) ? Page() : NotFound();

    public async Task<IActionResult> OnPostAsync(string code, CancellationToken ct)
    {
        if (!await LoadAsync(code, ct)) return NotFound();
        ContactRules.Check(ModelState, t, Input.Phone, Input.Email, Input.Channel, Input.Consent);
        if (!ModelState.IsValid)
        {
            Response.StatusCode = StatusCodes.Status400BadRequest;
            return Page();
        }
        var language = CultureInfo.CurrentUICulture.Name.StartsWith("zh", StringComparison.Ordinal) ? "zh-TW" : "en";
        Sent = await venues.RequestAsync(Venue, new VenueRequestInput(Input.Date!.Value, Minutes(Input.Start!.Value), Minutes(Input.End!.Value),
            Input.Purpose, Input.Attendees!.Value, Input.Organisation, Input.Name, Input.Phone, Input.Email, Input.Channel, Input.Consent, language), ct);
        return Page();
    }

    public async Task RedrawAsync()
    {
        if (RouteData.Values["code"] is string code) await LoadAsync(code, HttpContext.RequestAborted);
    }

    private static int Minutes(TimeOnly t) => t.Hour * 60 + t.Minute;

    private async Task<bool> LoadAsync(string code, CancellationToken ct)
    {
        var agency = await OrganisationReads.HomeAgencyAsync(db, null, ct);
        if (agency is null || await venues.PublicVenueAsync(agency.Id, code, ct) is not { } venue) return false;
        Venue = venue;
        return true;
    }
}
