using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Weimin.Features.Organisation;

internal sealed class AgencyConfiguration : IEntityTypeConfiguration<Agency>
{
    public void Configure(EntityTypeBuilder<Agency> b)
    {
        b.ToTable("agencies");
        b.HasIndex(a => a.Code).IsUnique();
        b.Property(a => a.Code).HasMaxLength(40);
        b.Property(a => a.Name).HasMaxLength(100);
        b.Property(a => a.NameEn).HasMaxLength(150);
        b.HasOne(a => a.Parent).WithMany().HasForeignKey(a => a.ParentId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne(a => a.EvaluationGroup).WithMany().HasForeignKey(a => a.EvaluationGroupId).OnDelete(DeleteBehavior.SetNull);
    }
}

internal sealed class EvaluationGroupConfiguration : IEntityTypeConfiguration<EvaluationGroup>
{
    public void Configure(EntityTypeBuilder<EvaluationGroup> b)
    {
        b.ToTable("evaluation_groups");
        b.Property(g => g.Name).HasMaxLength(60);
        b.HasOne(g => g.City).WithMany().HasForeignKey(g => g.CityId).OnDelete(DeleteBehavior.Cascade);
        b.HasIndex(g => new { g.CityId, g.Name }).IsUnique();
    }
}

internal sealed class SectionConfiguration : IEntityTypeConfiguration<Section>
{
    public void Configure(EntityTypeBuilder<Section> b)
    {
        b.ToTable("sections");
        b.Property(s => s.Code).HasMaxLength(40);
        b.Property(s => s.Name).HasMaxLength(60);
        b.Property(s => s.NameEn).HasMaxLength(120);
        b.HasIndex(s => new { s.AgencyId, s.Code }).IsUnique();
        b.HasOne(s => s.Agency).WithMany().HasForeignKey(s => s.AgencyId).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class StaffConfiguration : IEntityTypeConfiguration<Staff>
{
    public void Configure(EntityTypeBuilder<Staff> b)
    {
        b.ToTable("staff");
        b.Property(s => s.Name).HasMaxLength(60);
        b.Property(s => s.NameEn).HasMaxLength(120);
        b.Property(s => s.Title).HasMaxLength(60);
        b.Property(s => s.TitleEn).HasMaxLength(120);
        b.Property(s => s.Duties).HasMaxLength(2000);
        b.Property(s => s.Extension).HasMaxLength(20);
        b.Property(s => s.Email).HasMaxLength(200);
        b.Property(s => s.MobilePhone).HasMaxLength(30);
        b.HasIndex(s => new { s.AgencyId, s.SectionId, s.IsActive });
        b.HasIndex(s => s.Name);
        b.HasOne(s => s.Agency).WithMany().HasForeignKey(s => s.AgencyId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne(s => s.Section).WithMany().HasForeignKey(s => s.SectionId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne(s => s.Deputy).WithMany().HasForeignKey(s => s.DeputyId).OnDelete(DeleteBehavior.SetNull);
        b.HasMany(s => s.Leaves).WithOne(l => l.Staff).HasForeignKey(l => l.StaffId).OnDelete(DeleteBehavior.Cascade);
        b.Ignore(s => s.DutyLines);
    }
}

internal sealed class LeavePeriodConfiguration : IEntityTypeConfiguration<LeavePeriod>
{
    public void Configure(EntityTypeBuilder<LeavePeriod> b)
    {
        b.ToTable("leave_periods");
        b.Property(l => l.Reason).HasMaxLength(200);
        b.HasIndex(l => new { l.StaffId, l.From, l.To });
        b.HasOne(l => l.Deputy).WithMany().HasForeignKey(l => l.DeputyId).OnDelete(DeleteBehavior.SetNull);
    }
}
