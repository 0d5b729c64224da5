using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Weimin.Data;
using Weimin.Features.Organisation;
using Weimin.Web.Files;
using Weimin.Web.Localisation;

namespace Weimin.Features.Booking;

/// <summary>A facility whose places are counted, not booked by the hour: a columbarium's niches (納骨塔位).</summary>
public class Facility : IAgencyOwned
{
    public int Id { get; set; }
    public int AgencyId { get; set; }
    public required string Code { get; set; }
    public required string Name { get; set; }
    public string? NameEn { get; set; }
    /// <summary>What is counted (塔位, 牌位), in Chinese and English.</summary>
    public string Unit { get; set; } = "位";
    public string? UnitEn { get; set; }
    public int Total { get; set; }
    public int Taken { get; set; }
    public bool IsActive { get; set; } = true;
    public int SortOrder { get; set; }
    public DateTime UpdatedAtUtc { get; set; }
}

internal sealed class FacilityConfiguration : IEntityTypeConfiguration<Facility>
{
    public void Configure(EntityTypeBuilder<Facility> b)
    {
        b.ToTable("Facilities");
        b.Property(f => f.Code).HasMaxLength(50);
        b.HasIndex(f => new { f.AgencyId, f.Code }).IsUnique();
        b.ToTable(t => t.HasCheckConstraint("CK_Facilities_Taken", "\"Taken\" >= 0 AND \"Taken\" <= \"Total\""));
    }
}

/// <summary>One line of the public availability table and of its open data files.</summary>
public sealed record FacilityAvailability(string Kind, string Code, string Name, string? NameEn, string Unit, string? UnitEn, int Total, int Taken)
{
    public int Free => Math.Max(0, Total - Taken);
}

/// <summary>
/// 設施使用情形: counted facilities as they stand, and each venue's coming days — of the next
/// <see cref="VenueDays"/> office days, how many already have an approved use.
/// </summary>
public static class FacilityReads
{
    public const int VenueDays = 14;

    public static async Task<IReadOnlyList<FacilityAvailability>> AvailabilityAsync(AppDb db, Calendar.CalendarService calendars, TimeProvider clock, CancellationToken ct)
    {
        var agency = await OrganisationReads.HomeAgencyAsync(db, null, ct);
        if (agency is null) return [];
        var list = await db.Set<Facility>().IgnoreQueryFilters().AsNoTracking().Where(f => f.AgencyId == agency.Id && f.IsActive)
            .OrderBy(f => f.SortOrder).ThenBy(f => f.Id)
            .Select(f => new FacilityAvailability("columbarium", f.Code, f.Name, f.NameEn, f.Unit, f.UnitEn, f.Total, f.Taken)).ToListAsync(ct);
        var calendar = await calendars.GetCalendarAsync(agency.Id, ct);
        var days = BookingSlots.BookableDays(clock.Today(), VenueDays, calendar).ToList();
        var venues = await db.Set<Venue>().IgnoreQueryFilters().AsNoTracking().Where(v => v.AgencyId == agency.Id && v.IsActive)
            .OrderBy(v => v.SortOrder).ThenBy(v => v.Id)
            .Select(v => new
            {
                v.Code, v.Name, v.NameEn,
                Taken = db.Set<VenueRequest>().IgnoreQueryFilters().Where(r => r.VenueId == v.Id && r.Status == VenueRequestStatus.Approved && days.Contains(r.Date))
                    .Select(r => r.Date).Distinct().Count(),
            }).ToListAsync(ct);
        list.AddRange(venues.Select(v => new FacilityAvailability("venue", v.Code, v.Name, v.NameEn, "日", "day(s)", days.Count, v.Taken)));
        return list;
    }

    public static IReadOnlyList<IReadOnlyList<SheetCell>> Rows(IReadOnlyList<FacilityAvailability> items) =>
        [["kind", "code", "name", "name_en", "unit", "total", "taken", "free"],
         .. items.Select(f => (IReadOnlyList<SheetCell>)[f.Kind, f.Code, f.Name, f.NameEn, f.Unit, f.Total, f.Taken, f.Free])];
}
