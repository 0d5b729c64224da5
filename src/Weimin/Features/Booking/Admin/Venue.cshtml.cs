using Microsoft.AspNetCore.Authorization;
using Microsoft.Extensions.Localization;
using Weimin.Features.Booking.Staff;

namespace Weimin.Features.Booking.Admin;

/// <summary>Add (/admin/booking/venues/new) or change a venue the office lends; switching it off hides it from the public.</summary>
[Authorize(Policy = VenueStaff.Policy)]
public sealed class VenueModel(BookingSettings settings, IStringLocalizer<BookingText> t) : SettingsForm<VenueInput, Venue>(t)
{
    protected override string Anchor => "venues";
    protected override Task<Venue?> FindAsync(int id, CancellationToken ct) => settings.FindVenueAsync(id, ct);
    protected override Task SaveAsync(int? id, VenueInput input, CancellationToken ct) => settings.SaveVenueAsync(id, input, ct);

    protected override VenueInput ToInput(Venue v) => new()
    {
        Code = v.Code, Name = v.Name, NameEn = v.NameEn, Location = v.Location, Capacity = v.Capacity, Rules = v.Rules, RulesEn = v.RulesEn,
        Opens = v.Opens, Closes = v.Closes, SortOrder = v.SortOrder, IsActive = v.IsActive,
    };
}
