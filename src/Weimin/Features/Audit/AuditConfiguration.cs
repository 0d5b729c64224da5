using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Weimin.Features.Audit;

internal sealed class AuditEntryConfiguration : IEntityTypeConfiguration<AuditEntry>
{
    public void Configure(EntityTypeBuilder<AuditEntry> b)
    {
        b.ToTable("audit_entries");
        b.Property(a => a.ActorUserId).HasMaxLength(64);
        b.Property(a => a.ActorName).HasMaxLength(200);
        b.Property(a => a.EntityType).HasMaxLength(100);
        b.Property(a => a.EntityKey).HasMaxLength(200);
        b.Property(a => a.Action).HasConversion<string>().HasMaxLength(10);
        // Unbounded: one row may carry many long fields (duties, descriptions), each already capped at 2000 characters.
        b.Property(a => a.Changes).Metadata.SetMaxLength(null);
        // No foreign key to agencies: audit rows outlive what they describe, and 0 means "no agency".
        // Every search runs inside one agency (the query filter) and newest first, so each index leads with AgencyId and ends with AtUtc.
        b.HasIndex(a => new { a.AgencyId, a.AtUtc });
        b.HasIndex(a => new { a.AgencyId, a.EntityType, a.EntityKey, a.AtUtc });
        b.HasIndex(a => new { a.AgencyId, a.ActorUserId, a.AtUtc });
        b.HasIndex(a => new { a.AgencyId, a.ActorName, a.AtUtc });
    }
}

internal sealed class SealedDataViewConfiguration : IEntityTypeConfiguration<SealedDataView>
{
    public void Configure(EntityTypeBuilder<SealedDataView> b)
    {
        b.ToTable("sealed_data_views");
        b.Property(v => v.UserId).HasMaxLength(64);
        b.Property(v => v.UserName).HasMaxLength(200);
        b.Property(v => v.SubjectType).HasMaxLength(100);
        b.Property(v => v.SubjectId).HasMaxLength(200);
        b.Property(v => v.Reason).HasMaxLength(500);
        b.Property(v => v.Fields).HasMaxLength(400);
        b.Property(v => v.Ip).HasMaxLength(64);
        b.HasIndex(v => new { v.AgencyId, v.AtUtc });
        b.HasIndex(v => new { v.AgencyId, v.SubjectType, v.SubjectId, v.AtUtc });
        b.HasIndex(v => new { v.AgencyId, v.UserId, v.AtUtc });
        b.HasIndex(v => new { v.AgencyId, v.UserName, v.AtUtc });
    }
}
