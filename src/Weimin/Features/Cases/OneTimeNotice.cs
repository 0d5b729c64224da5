using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Weimin.Data;
using Weimin.Features.Audit;

namespace Weimin.Features.Cases;

/// <summary>
/// 一次告知單: the ONE notice that lists everything an applicant still has to bring, so they come back once. Issued
/// at intake when the checklist is incomplete, whether the case was then taken (awaiting supplement) or not.
/// </summary>
[NotAudited]
public class OneTimeNotice : IAgencyOwned
{
    public long Id { get; set; }
    public int AgencyId { get; set; }
    public int ServiceId { get; set; }
    public Catalogue.Service? Service { get; set; }
    public long? CaseId { get; set; }
    /// <summary>The case it was issued with (set at intake, so both are written in one SaveChanges).</summary>
    public Case? Case { get; set; }
    public required string ApplicantName { get; set; }
    public DateTime IssuedAtUtc { get; set; }
    public DateOnly IssuedOn { get; set; }
    public int? IssuedByStaffId { get; set; }
    public string IssuedByName { get; set; } = "";
    public string? Note { get; set; }
    public List<OneTimeNoticeItem> Items { get; set; } = [];
}

[NotAudited]
public class OneTimeNoticeItem
{
    public long Id { get; set; }
    public long NoticeId { get; set; }
    public required string Name { get; set; }
    public string? NameEn { get; set; }
    public string? Note { get; set; }
    public int SortOrder { get; set; }
}

internal sealed class OneTimeNoticeConfiguration : IEntityTypeConfiguration<OneTimeNotice>
{
    public void Configure(EntityTypeBuilder<OneTimeNotice> b)
    {
        b.ToTable("one_time_notices");
        b.Property(n => n.ApplicantName).HasMaxLength(100);
        b.Property(n => n.IssuedByName).HasMaxLength(100);
        b.Property(n => n.Note).HasMaxLength(2000);
        b.HasIndex(n => new { n.AgencyId, n.IssuedOn });
        b.HasIndex(n => n.CaseId);
        b.HasOne(n => n.Service).WithMany().HasForeignKey(n => n.ServiceId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne(n => n.Case).WithMany().HasForeignKey(n => n.CaseId).OnDelete(DeleteBehavior.SetNull);
        b.HasMany(n => n.Items).WithOne().HasForeignKey(i => i.NoticeId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class OneTimeNoticeItemConfiguration : IEntityTypeConfiguration<OneTimeNoticeItem>
{
    public void Configure(EntityTypeBuilder<OneTimeNoticeItem> b)
    {
        b.ToTable("one_time_notice_items");
        b.Property(i => i.Name).HasMaxLength(200);
        b.Property(i => i.NameEn).HasMaxLength(300);
        b.Property(i => i.Note).HasMaxLength(500);
    }
}
