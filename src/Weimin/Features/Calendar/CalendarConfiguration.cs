using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Weimin.Features.Organisation;

namespace Weimin.Features.Calendar;

internal sealed class CalendarDayConfiguration : IEntityTypeConfiguration<CalendarDay>
{
    public void Configure(EntityTypeBuilder<CalendarDay> b)
    {
        b.ToTable("calendar_days");
        b.HasKey(d => d.Date);
        b.Property(d => d.Remark).HasMaxLength(100);
        b.Property(d => d.SourceName).HasMaxLength(200);
    }
}

internal sealed class CalendarYearConfiguration : IEntityTypeConfiguration<CalendarYear>
{
    public void Configure(EntityTypeBuilder<CalendarYear> b)
    {
        b.ToTable("calendar_years");
        b.HasKey(y => y.Year);
        b.Property(y => y.Year).ValueGeneratedNever();
        b.Property(y => y.SourceName).HasMaxLength(200);
        b.Property(y => y.ImportedBy).HasMaxLength(100);
    }
}

internal sealed class AgencyCalendarOverrideConfiguration : IEntityTypeConfiguration<AgencyCalendarOverride>
{
    public void Configure(EntityTypeBuilder<AgencyCalendarOverride> b)
    {
        b.ToTable("agency_calendar_overrides");
        b.HasIndex(o => new { o.AgencyId, o.Date }).IsUnique();
        b.Property(o => o.Reason).HasMaxLength(200);
        b.Property(o => o.CreatedBy).HasMaxLength(100);
        b.HasOne<Agency>().WithMany().HasForeignKey(o => o.AgencyId).OnDelete(DeleteBehavior.Cascade);
    }
}
