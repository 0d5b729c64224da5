using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Weimin.Features.Cases;

namespace Weimin.Features.Petitions;

internal sealed class PetitionConfiguration : IEntityTypeConfiguration<Petition>
{
    public void Configure(EntityTypeBuilder<Petition> b)
    {
        b.ToTable("petitions");
        b.HasKey(p => p.CaseId);
        b.Property(p => p.CaseId).ValueGeneratedNever();
        b.Property(p => p.OrganisationName).HasMaxLength(200);
        b.Property(p => p.ExternalNumber).HasMaxLength(40);
        b.Property(p => p.RecordConfirmation).HasMaxLength(200);
        b.Property(p => p.RecordCorrections).HasMaxLength(2000);
        b.Property(p => p.UnhandledNote).HasMaxLength(1000);
        b.Property(p => p.ForwardedTo).HasMaxLength(200);
        b.Property(p => p.Reply).HasMaxLength(4000);
        b.Property(p => p.ReplyEn).HasMaxLength(4000);
        b.Property(p => p.ReplyLetterNumber).HasMaxLength(60);
        b.Property(p => p.RatingTokenHash).HasMaxLength(64);
        b.Property(p => p.RatingComment).HasMaxLength(2000);
        b.Property(p => p.Review).HasMaxLength(2000);
        b.Property(p => p.Finding).HasMaxLength(2000);
        b.Property(p => p.Improvement).HasMaxLength(2000);
        b.Property(p => p.PublicSubject).HasMaxLength(200);
        b.Property(p => p.PublicQuestion).HasMaxLength(4000);
        b.Property(p => p.PublicReply).HasMaxLength(4000);

        b.HasOne(p => p.Case).WithOne().HasForeignKey<Petition>(p => p.CaseId).OnDelete(DeleteBehavior.Cascade);
        b.HasOne(p => p.Category).WithMany().HasForeignKey(p => p.CategoryId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<Case>().WithMany().HasForeignKey(p => p.EarlierCaseId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne(p => p.SealedIdentity).WithOne().HasForeignKey<PetitionIdentity>(i => i.CaseId).OnDelete(DeleteBehavior.Cascade);

        // The monthly report, the review queue, the public reply area, the rating link and the 1999 import.
        b.HasIndex(p => new { p.AgencyId, p.Channel });
        b.HasIndex(p => new { p.AgencyId, p.Rating, p.ReviewedAtUtc });
        b.HasIndex(p => new { p.AgencyId, p.Published, p.PublishedAtUtc });
        b.HasIndex(p => p.RatingTokenHash).IsUnique();
        b.HasIndex(p => new { p.AgencyId, p.ExternalNumber }).IsUnique();
    }
}

internal sealed class PetitionIdentityConfiguration : IEntityTypeConfiguration<PetitionIdentity>
{
    public void Configure(EntityTypeBuilder<PetitionIdentity> b)
    {
        b.ToTable("petition_sealed_identities");
        b.HasKey(i => i.CaseId);
        b.Property(i => i.CaseId).ValueGeneratedNever();
        b.Property(i => i.Name).HasMaxLength(100);
        b.Property(i => i.OrganisationName).HasMaxLength(200);
        b.Property(i => i.Phone).HasMaxLength(30);
        b.Property(i => i.Email).HasMaxLength(200);
        b.Property(i => i.Address).HasMaxLength(300);
    }
}

internal sealed class PetitionCategoryConfiguration : IEntityTypeConfiguration<PetitionCategory>
{
    public void Configure(EntityTypeBuilder<PetitionCategory> b)
    {
        b.ToTable("petition_categories");
        b.Property(c => c.Code).HasMaxLength(40);
        b.Property(c => c.Name).HasMaxLength(100);
        b.Property(c => c.NameEn).HasMaxLength(100);
        b.HasIndex(c => new { c.AgencyId, c.Code }).IsUnique();
        b.HasOne<Organisation.Section>().WithMany().HasForeignKey(c => c.SectionId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<Organisation.Agency>().WithMany().HasForeignKey(c => c.AgencyId).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class TrackedItemConfiguration : IEntityTypeConfiguration<TrackedItem>
{
    public void Configure(EntityTypeBuilder<TrackedItem> b)
    {
        b.ToTable("tracked_items");
        b.HasKey(t => t.CaseId);
        b.Property(t => t.CaseId).ValueGeneratedNever();
        b.Property(t => t.RequestedBy).HasMaxLength(100);
        b.HasOne(t => t.Case).WithOne().HasForeignKey<TrackedItem>(t => t.CaseId).OnDelete(DeleteBehavior.Cascade);
        b.HasIndex(t => new { t.AgencyId, t.Kind });
    }
}

internal sealed class MediaItemConfiguration : IEntityTypeConfiguration<MediaItem>
{
    public void Configure(EntityTypeBuilder<MediaItem> b)
    {
        b.ToTable("media_items");
        b.HasKey(m => m.CaseId);
        b.Property(m => m.CaseId).ValueGeneratedNever();
        b.Property(m => m.Source).HasMaxLength(100);
        b.Property(m => m.Link).HasMaxLength(500);
        b.HasOne(m => m.Case).WithOne().HasForeignKey<MediaItem>(m => m.CaseId).OnDelete(DeleteBehavior.Cascade);
        b.HasIndex(m => new { m.AgencyId, m.SeenOn });
    }
}
