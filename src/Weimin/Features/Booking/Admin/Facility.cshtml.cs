using Microsoft.AspNetCore.Authorization;
using Microsoft.Extensions.Localization;
using Weimin.Features.Booking.Staff;

namespace Weimin.Features.Booking.Admin;

/// <summary>Add (/admin/booking/facilities/new) or update a counted facility: the public availability table reads these figures.</summary>
[Authorize(Policy = VenueStaff.Policy)]
public sealed class FacilityModel(BookingSettings settings, IStringLocalizer<BookingText> t) : SettingsForm<FacilityInput, Facility>(t)
{
    protected override string Anchor => "facilities";
    protected override Task<Facility?> FindAsync(int id, CancellationToken ct) => settings.FindFacilityAsync(id, ct);
    protected override Task SaveAsync(int? id, FacilityInput input, CancellationToken ct) => settings.SaveFacilityAsync(id, input, ct);

    protected override FacilityInput ToInput(Facility f) => new()
    {
        Code = f.Code, Name = f.Name, NameEn = f.NameEn, Unit = f.Unit, UnitEn = f.UnitEn, Total = f.Total, Taken = f.Taken,
        SortOrder = f.SortOrder, IsActive = f.IsActive,
    };
}
