using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Weimin.Features.Cases;

internal sealed class CaseConfiguration : IEntityTypeConfiguration<Case>
{
    public void Configure(EntityTypeBuilder<Case> b)
    {
        b.ToTable("cases");
        b.Property(c => c.Number).HasMaxLength(30);
        b.Property(c => c.Subject).HasMaxLength(200);
        b.Property(c => c.Details).HasMaxLength(4000);
        b.Property(c => c.LocationText).HasMaxLength(300);
        b.Property(c => c.ApplicantName).HasMaxLength(100);
        b.Property(c => c.ApplicantPhone).HasMaxLength(30);
        b.Property(c => c.ApplicantEmail).HasMaxLength(200);
        b.Property(c => c.ApplicantAddress).HasMaxLength(300);
        b.Property(c => c.Language).HasMaxLength(10);
        b.Property(c => c.PhoneLast4).HasMaxLength(4);
        b.Property(c => c.TrackingCodeHash).HasMaxLength(64);
        b.Property(c => c.Result).HasMaxLength(4000);
        b.Property(c => c.TransferredTo).HasMaxLength(200);
        b.Property(c => c.Version).IsConcurrencyToken();
        b.Ignore(c => c.IsOpen);

        b.HasIndex(c => new { c.AgencyId, c.Number }).IsUnique();
        // The queues and sweeps: open cases by due date, per agency, section and officer.
        b.HasIndex(c => new { c.AgencyId, c.Status, c.DueOn });
        b.HasIndex(c => new { c.AgencyId, c.SectionId, c.Status, c.DueOn });
        b.HasIndex(c => new { c.OfficerId, c.Status, c.DueOn });
        b.HasIndex(c => new { c.AgencyId, c.ApplicantPhone });
        b.HasIndex(c => new { c.AgencyId, c.ApplicantName });
        b.HasIndex(c => new { c.AgencyId, c.ReceivedOn });

        b.HasOne(c => c.Service).WithMany().HasForeignKey(c => c.ServiceId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne(c => c.Officer).WithMany().HasForeignKey(c => c.OfficerId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<Organisation.Section>().WithMany().HasForeignKey(c => c.SectionId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<Organisation.Agency>().WithMany().HasForeignKey(c => c.AgencyId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<Case>().WithMany().HasForeignKey(c => c.MergedIntoId).OnDelete(DeleteBehavior.Restrict);
        b.HasMany(c => c.Events).WithOne().HasForeignKey(e => e.CaseId).OnDelete(DeleteBehavior.Cascade);
        b.HasMany(c => c.Documents).WithOne().HasForeignKey(d => d.CaseId).OnDelete(DeleteBehavior.Cascade);
        b.HasMany(c => c.Extensions).WithOne().HasForeignKey(e => e.CaseId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class CaseEventConfiguration : IEntityTypeConfiguration<CaseEvent>
{
    public void Configure(EntityTypeBuilder<CaseEvent> b)
    {
        b.ToTable("case_events");
        b.Property(e => e.ActorName).HasMaxLength(100);
        b.Property(e => e.Note).HasMaxLength(4000);
        b.HasIndex(e => new { e.CaseId, e.AtUtc });
    }
}

internal sealed class CaseDocumentConfiguration : IEntityTypeConfiguration<CaseDocument>
{
    public void Configure(EntityTypeBuilder<CaseDocument> b)
    {
        b.ToTable("case_documents");
        b.Property(d => d.Name).HasMaxLength(200);
        b.HasIndex(d => d.CaseId);
    }
}

internal sealed class CaseExtensionConfiguration : IEntityTypeConfiguration<CaseExtension>
{
    public void Configure(EntityTypeBuilder<CaseExtension> b)
    {
        b.ToTable("case_extensions");
        b.Property(e => e.Reason).HasMaxLength(1000);
        b.HasIndex(e => e.CaseId);
    }
}

/// <summary>One counter per agency and office day; the case number's sequence comes from an atomic upsert.</summary>
[Audit.NotAudited]
public class CaseNumberCounter
{
    public int AgencyId { get; set; }
    public DateOnly Day { get; set; }
    public int Next { get; set; }
}

internal sealed class CaseNumberCounterConfiguration : IEntityTypeConfiguration<CaseNumberCounter>
{
    public void Configure(EntityTypeBuilder<CaseNumberCounter> b)
    {
        b.ToTable("case_number_counters");
        b.HasKey(c => new { c.AgencyId, c.Day });
        b.Property(c => c.AgencyId).HasColumnName("agency_id");
        b.Property(c => c.Day).HasColumnName("day");
        b.Property(c => c.Next).HasColumnName("next");
    }
}
