using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Weimin.Features.Notices;

internal sealed class NoticeConfiguration : IEntityTypeConfiguration<Notice>
{
    public void Configure(EntityTypeBuilder<Notice> b)
    {
        b.ToTable("notices");
        b.Property(n => n.Recipient).HasMaxLength(200);
        b.Property(n => n.RecipientName).HasMaxLength(100);
        b.Property(n => n.Language).HasMaxLength(10);
        b.Property(n => n.Data).HasMaxLength(8000);
        b.Property(n => n.Subject).HasMaxLength(300);
        b.Property(n => n.Body).HasMaxLength(8000);
        b.Property(n => n.LastError).HasMaxLength(1000);
        // The outcome of a send is saved only while the lease is still the sender's own.
        b.Property(n => n.LeaseOwner).HasMaxLength(40).IsConcurrencyToken();
        b.Property(n => n.IdempotencyKey).HasMaxLength(100);
        b.Property(n => n.ProviderMessageId).HasMaxLength(100);
        b.Property(n => n.ProviderStatus).HasMaxLength(20);

        b.HasIndex(n => n.IdempotencyKey).IsUnique();
        // The sender's claim: due rows by time. The receipts: by provider id. The admin view and the case page.
        b.HasIndex(n => new { n.Status, n.NextAttemptAtUtc });
        b.HasIndex(n => n.ProviderMessageId);
        b.HasIndex(n => new { n.CaseId, n.CreatedAtUtc });
        b.HasIndex(n => new { n.AgencyId, n.CreatedAtUtc });
        b.HasIndex(n => new { n.AgencyId, n.Recipient });

        b.HasOne(n => n.Case).WithMany().HasForeignKey(n => n.CaseId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<Organisation.Agency>().WithMany().HasForeignKey(n => n.AgencyId).OnDelete(DeleteBehavior.Restrict);
        b.HasMany(n => n.Attempts).WithOne().HasForeignKey(a => a.NoticeId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class NoticeAttemptConfiguration : IEntityTypeConfiguration<NoticeAttempt>
{
    public void Configure(EntityTypeBuilder<NoticeAttempt> b)
    {
        b.ToTable("notice_attempts");
        b.Property(a => a.Error).HasMaxLength(1000);
        b.Property(a => a.Note).HasMaxLength(1000);
        b.HasIndex(a => a.NoticeId);
    }
}
