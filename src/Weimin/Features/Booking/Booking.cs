using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Weimin.Data;
using Weimin.Features.Cases;

namespace Weimin.Features.Booking;

/// <summary>
/// 線上預約: when one service is taken at one counter — weekdays, opening hours, slot length and places per slot.
/// Slots exist only on working days of the office calendar (<see cref="BookingSlots"/>).
/// </summary>
public class BookingSchedule : IAgencyOwned
{
    public int Id { get; set; }
    public int AgencyId { get; set; }
    public int ServiceId { get; set; }
    public Catalogue.Service? Service { get; set; }
    /// <summary>The counter (單一窗口) where the booked citizen is served.</summary>
    public int WindowId { get; set; }
    public Catalogue.SingleWindow? Window { get; set; }
    /// <summary>Days of the week the schedule runs on, as bits: 1 &lt;&lt; (int)DayOfWeek.</summary>
    public int Weekdays { get; set; } = Weekday.MondayToFriday;
    public TimeOnly Opens { get; set; } = new(9, 0);
    public TimeOnly Closes { get; set; } = new(12, 0);
    public int SlotMinutes { get; set; } = 30;
    public int Capacity { get; set; } = 2;
    public bool IsActive { get; set; } = true;
}

public static class Weekday
{
    public const int MondayToFriday = (1 << 1) | (1 << 2) | (1 << 3) | (1 << 4) | (1 << 5);
    public static bool Has(int mask, DayOfWeek day) => (mask & (1 << (int)day)) != 0;
}

/// <summary>
/// The places of one slot, written the first time someone books it. <see cref="Taken"/> only ever moves by one
/// conditional UPDATE (<c>Taken &lt; Capacity</c>), which is what keeps concurrent bookings within capacity on both databases.
/// </summary>
public class BookingSlot
{
    public long Id { get; set; }
    public int ScheduleId { get; set; }
    public DateOnly Date { get; set; }
    /// <summary>Minutes after midnight, office time.</summary>
    public int StartMinute { get; set; }
    public int Capacity { get; set; }
    public int Taken { get; set; }
}

public enum BookingStatus { Booked = 0, Cancelled = 1, Arrived = 2, NoShow = 3 }

/// <summary>One citizen's booked place. Section-owned (the service's section) so that only that section sees the person in full.</summary>
public class Appointment : ISectionOwned
{
    public long Id { get; set; }
    public int AgencyId { get; set; }
    public int? SectionId { get; set; }
    public int ScheduleId { get; set; }
    public BookingSchedule? Schedule { get; set; }
    public int ServiceId { get; set; }
    public int WindowId { get; set; }
    public long SlotId { get; set; }
    public DateOnly Date { get; set; }
    public int StartMinute { get; set; }
    /// <summary>Shown to the citizen and the counter (BK-XXXXXXXX); not a secret.</summary>
    public required string Number { get; set; }
    /// <summary>SHA-256 (hex) of the secret in the citizen's cancel/reschedule link; the secret itself is never stored.</summary>
    public required string SecretHash { get; set; }
    public required string Name { get; set; }
    public string? Phone { get; set; }
    public string? Email { get; set; }
    public NoticeChannel NoticeChannel { get; set; }
    public bool NoticeConsent { get; set; }
    public string Language { get; set; } = "zh-TW";
    public BookingStatus Status { get; set; }
    public DateTime CreatedAtUtc { get; set; }
    public DateTime? ChangedAtUtc { get; set; }

    public TimeOnly Start => TimeOnly.FromTimeSpan(TimeSpan.FromMinutes(StartMinute));
}

internal sealed class BookingScheduleConfiguration : IEntityTypeConfiguration<BookingSchedule>
{
    public void Configure(EntityTypeBuilder<BookingSchedule> b)
    {
        b.ToTable("BookingSchedules");
        b.HasOne(s => s.Service).WithMany().HasForeignKey(s => s.ServiceId).OnDelete(DeleteBehavior.Cascade);
        b.HasOne(s => s.Window).WithMany().HasForeignKey(s => s.WindowId).OnDelete(DeleteBehavior.Cascade);
        b.HasIndex(s => new { s.AgencyId, s.ServiceId });
    }
}

internal sealed class BookingSlotConfiguration : IEntityTypeConfiguration<BookingSlot>
{
    public void Configure(EntityTypeBuilder<BookingSlot> b)
    {
        b.ToTable("BookingSlots");
        b.HasOne<BookingSchedule>().WithMany().HasForeignKey(s => s.ScheduleId).OnDelete(DeleteBehavior.Cascade);
        b.HasIndex(s => new { s.ScheduleId, s.Date, s.StartMinute }).IsUnique();
    }
}

internal sealed class AppointmentConfiguration : IEntityTypeConfiguration<Appointment>
{
    public void Configure(EntityTypeBuilder<Appointment> b)
    {
        b.ToTable("Appointments");
        b.Property(a => a.Number).HasMaxLength(20);
        b.Property(a => a.SecretHash).HasMaxLength(64);
        b.Property(a => a.Name).HasMaxLength(100);
        b.Property(a => a.Phone).HasMaxLength(30);
        b.Property(a => a.Email).HasMaxLength(200);
        b.Property(a => a.Language).HasMaxLength(10);
        b.Ignore(a => a.Start);
        b.HasOne(a => a.Schedule).WithMany().HasForeignKey(a => a.ScheduleId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<BookingSlot>().WithMany().HasForeignKey(a => a.SlotId).OnDelete(DeleteBehavior.Restrict);
        b.HasIndex(a => a.Number).IsUnique();
        b.HasIndex(a => new { a.AgencyId, a.Date, a.WindowId });
        b.HasIndex(a => new { a.Date, a.Status });
    }
}
