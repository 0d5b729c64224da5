using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Weimin.Data;
using Weimin.Features.Cases;

namespace Weimin.Features.Booking;

/// <summary>A room the office lends (大禮堂, 第一會議室): who fits, when it may be used, on what terms.</summary>
public class Venue : IAgencyOwned
{
    public int Id { get; set; }
    public int AgencyId { get; set; }
    /// <summary>Unique in the agency; used in URLs.</summary>
    public required string Code { get; set; }
    public required string Name { get; set; }
    public string? NameEn { get; set; }
    public string? Location { get; set; }
    public int Capacity { get; set; }
    /// <summary>使用規則 (fees, what is not allowed, cleaning), as the office words it.</summary>
    public string Rules { get; set; } = "";
    public string? RulesEn { get; set; }
    public TimeOnly Opens { get; set; } = new(8, 0);
    public TimeOnly Closes { get; set; } = new(21, 0);
    public bool IsActive { get; set; } = true;
    public int SortOrder { get; set; }
    /// <summary>Bumped by every approval: the UPDATE locks the venue's row, so approvals of one venue run one at a time.</summary>
    public int ApprovalVersion { get; set; }
}

public enum VenueRequestStatus { Pending = 0, Approved = 1, Rejected = 2 }

/// <summary>A request to use a venue for a time range on one day, decided by staff. Approved ranges of a venue never overlap.</summary>
public class VenueRequest : IAgencyOwned
{
    public long Id { get; set; }
    public int AgencyId { get; set; }
    public int VenueId { get; set; }
    public Venue? Venue { get; set; }
    public required string Number { get; set; }
    public DateOnly Date { get; set; }
    public int StartMinute { get; set; }
    public int EndMinute { get; set; }
    public required string Purpose { get; set; }
    public int Attendees { get; set; }
    public string? Organisation { get; set; }
    public required string ContactName { get; set; }
    public string? Phone { get; set; }
    public string? Email { get; set; }
    public NoticeChannel NoticeChannel { get; set; }
    public bool NoticeConsent { get; set; }
    public string Language { get; set; } = "zh-TW";
    public VenueRequestStatus Status { get; set; }
    public string? Reason { get; set; }
    public DateTime CreatedAtUtc { get; set; }
    public DateTime? DecidedAtUtc { get; set; }
    public int? DecidedByStaffId { get; set; }

    public bool Overlaps(int start, int end) => StartMinute < end && start < EndMinute;
}

internal sealed class VenueConfiguration : IEntityTypeConfiguration<Venue>
{
    public void Configure(EntityTypeBuilder<Venue> b)
    {
        b.ToTable("Venues");
        b.Property(v => v.Code).HasMaxLength(50);
        b.Property(v => v.Rules).HasMaxLength(4000);
        b.Property(v => v.RulesEn).HasMaxLength(4000);
        b.Property(v => v.ApprovalVersion).IsConcurrencyToken(false);
        b.HasIndex(v => new { v.AgencyId, v.Code }).IsUnique();
    }
}

internal sealed class VenueRequestConfiguration : IEntityTypeConfiguration<VenueRequest>
{
    public void Configure(EntityTypeBuilder<VenueRequest> b)
    {
        b.ToTable("VenueRequests");
        b.Property(r => r.Number).HasMaxLength(20);
        b.Property(r => r.Purpose).HasMaxLength(500);
        b.Property(r => r.Reason).HasMaxLength(1000);
        b.HasOne(r => r.Venue).WithMany().HasForeignKey(r => r.VenueId).OnDelete(DeleteBehavior.Cascade);
        b.HasIndex(r => r.Number).IsUnique();
        b.HasIndex(r => new { r.VenueId, r.Date, r.Status });
        b.HasIndex(r => new { r.AgencyId, r.Status, r.Date });
    }
}
