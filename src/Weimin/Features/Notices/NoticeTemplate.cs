using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Weimin.Data;

namespace Weimin.Features.Notices;

/// <summary>
/// An agency's wording for one event, form and language. Never edited in place: every save adds a version, and the
/// highest version is the one in use, so the history shows who changed what and when. No row means the built-in
/// default (<see cref="DefaultTemplates"/>).
/// </summary>
public class NoticeTemplate : IAgencyOwned
{
    public long Id { get; set; }
    public int AgencyId { get; set; }
    public NoticeEvent Event { get; set; }
    public TemplateForm Form { get; set; }
    public string Language { get; set; } = "zh-TW";
    public int Version { get; set; }
    public string Subject { get; set; } = "";
    public string Body { get; set; } = "";
    public DateTime CreatedAtUtc { get; set; }
    public int? CreatedByStaffId { get; set; }
    public string CreatedByName { get; set; } = "";
}

internal sealed class NoticeTemplateConfiguration : IEntityTypeConfiguration<NoticeTemplate>
{
    public void Configure(EntityTypeBuilder<NoticeTemplate> b)
    {
        b.ToTable("notice_templates");
        b.Property(t => t.Language).HasMaxLength(10);
        b.Property(t => t.Subject).HasMaxLength(300);
        b.Property(t => t.Body).HasMaxLength(4000);
        b.Property(t => t.CreatedByName).HasMaxLength(100);
        b.HasIndex(t => new { t.AgencyId, t.Event, t.Form, t.Language, t.Version }).IsUnique();
        b.HasOne<Organisation.Agency>().WithMany().HasForeignKey(t => t.AgencyId).OnDelete(DeleteBehavior.Restrict);
    }
}
