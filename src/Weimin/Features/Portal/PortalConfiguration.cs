using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Weimin.Features.Portal;

internal sealed class FaqEntryConfiguration : IEntityTypeConfiguration<FaqEntry>
{
    public void Configure(EntityTypeBuilder<FaqEntry> b)
    {
        b.ToTable("portal_faq");
        b.Property(f => f.Question).HasMaxLength(300);
        b.Property(f => f.QuestionEn).HasMaxLength(500);
        b.Property(f => f.Answer).HasMaxLength(4000);
        b.Property(f => f.AnswerEn).HasMaxLength(4000);
        b.HasIndex(f => new { f.AgencyId, f.IsPublished, f.SectionId });
        b.HasIndex(f => f.ServiceId);
        b.HasOne(f => f.Section).WithMany().HasForeignKey(f => f.SectionId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne(f => f.Service).WithMany().HasForeignKey(f => f.ServiceId).OnDelete(DeleteBehavior.Cascade);
        b.HasOne<Organisation.Agency>().WithMany().HasForeignKey(f => f.AgencyId).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class NewsItemConfiguration : IEntityTypeConfiguration<NewsItem>
{
    public void Configure(EntityTypeBuilder<NewsItem> b)
    {
        b.ToTable("portal_news");
        b.Property(n => n.Title).HasMaxLength(200);
        b.Property(n => n.TitleEn).HasMaxLength(300);
        b.Property(n => n.Body).HasMaxLength(8000);
        b.Property(n => n.BodyEn).HasMaxLength(8000);
        b.Property(n => n.Place).HasMaxLength(200);
        b.HasIndex(n => new { n.AgencyId, n.IsPublished, n.PublishedAtUtc });
        b.HasOne(n => n.Section).WithMany().HasForeignKey(n => n.SectionId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<Organisation.Agency>().WithMany().HasForeignKey(n => n.AgencyId).OnDelete(DeleteBehavior.Restrict);
    }
}
