using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Weimin.Features.Catalogue;

internal sealed class ServiceConfiguration : IEntityTypeConfiguration<Service>
{
    public void Configure(EntityTypeBuilder<Service> b)
    {
        b.ToTable("services");
        b.Property(s => s.Code).HasMaxLength(40);
        b.Property(s => s.Name).HasMaxLength(120);
        b.Property(s => s.NameEn).HasMaxLength(200);
        b.Property(s => s.Topic).HasMaxLength(60);
        b.Property(s => s.Description).HasMaxLength(4000);
        b.Property(s => s.DescriptionEn).HasMaxLength(4000);
        b.Property(s => s.Eligibility).HasMaxLength(2000);
        b.Property(s => s.Fee).HasMaxLength(200);
        b.Property(s => s.LegalBasis).HasMaxLength(1000);
        b.HasIndex(s => new { s.AgencyId, s.Code }).IsUnique();
        b.HasIndex(s => new { s.AgencyId, s.SectionId, s.IsActive });
        b.HasOne(s => s.Section).WithMany().HasForeignKey(s => s.SectionId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne(s => s.DefaultOfficer).WithMany().HasForeignKey(s => s.DefaultOfficerId).OnDelete(DeleteBehavior.SetNull);
        b.HasOne<Organisation.Agency>().WithMany().HasForeignKey(s => s.AgencyId).OnDelete(DeleteBehavior.Restrict);
        b.HasMany(s => s.Documents).WithOne().HasForeignKey(d => d.ServiceId).OnDelete(DeleteBehavior.Cascade);
        b.HasMany(s => s.Steps).WithOne().HasForeignKey(d => d.ServiceId).OnDelete(DeleteBehavior.Cascade);
        b.HasMany(s => s.Forms).WithOne().HasForeignKey(d => d.ServiceId).OnDelete(DeleteBehavior.Cascade);
        b.HasMany(s => s.Attributes).WithOne().HasForeignKey(a => a.ServiceId).OnDelete(DeleteBehavior.Cascade);
        b.Ignore(s => s.OnTheSpot);
    }
}

internal sealed class RequiredDocumentConfiguration : IEntityTypeConfiguration<RequiredDocument>
{
    public void Configure(EntityTypeBuilder<RequiredDocument> b)
    {
        b.ToTable("service_documents");
        b.Property(d => d.Name).HasMaxLength(200);
        b.Property(d => d.NameEn).HasMaxLength(300);
        b.Property(d => d.Note).HasMaxLength(500);
    }
}

internal sealed class ServiceAttributeConfiguration : IEntityTypeConfiguration<ServiceAttribute>
{
    public void Configure(EntityTypeBuilder<ServiceAttribute> b)
    {
        b.ToTable("service_attributes");
        b.Property(a => a.Code).HasMaxLength(40);
        b.Property(a => a.DatatypeDescription).HasMaxLength(300);
        b.Property(a => a.Description).HasMaxLength(1000);
        b.Property(a => a.Values).HasMaxLength(4000);
        b.Ignore(a => a.IsList);
        b.HasIndex(a => new { a.ServiceId, a.Code }).IsUnique();
    }
}

internal sealed class SopStepConfiguration : IEntityTypeConfiguration<SopStep>
{
    public void Configure(EntityTypeBuilder<SopStep> b)
    {
        b.ToTable("service_steps");
        b.Property(s => s.Title).HasMaxLength(200);
        b.Property(s => s.TitleEn).HasMaxLength(300);
        b.Property(s => s.Description).HasMaxLength(1000);
    }
}

internal sealed class ServiceFormConfiguration : IEntityTypeConfiguration<ServiceForm>
{
    public void Configure(EntityTypeBuilder<ServiceForm> b)
    {
        b.ToTable("service_forms");
        b.Property(f => f.Title).HasMaxLength(200);
        b.Property(f => f.FileName).HasMaxLength(200);
        b.Property(f => f.ContentType).HasMaxLength(100);
        b.Property(f => f.StoredPath).HasMaxLength(300);
        b.Property(f => f.Url).HasMaxLength(500);
    }
}

internal sealed class SingleWindowConfiguration : IEntityTypeConfiguration<SingleWindow>
{
    public void Configure(EntityTypeBuilder<SingleWindow> b)
    {
        b.ToTable("single_windows");
        b.Property(w => w.Name).HasMaxLength(60);
        b.Property(w => w.NameEn).HasMaxLength(120);
        b.Property(w => w.Location).HasMaxLength(120);
        b.Property(w => w.Hours).HasMaxLength(120);
        b.HasOne<Organisation.Agency>().WithMany().HasForeignKey(w => w.AgencyId).OnDelete(DeleteBehavior.Restrict);
        b.HasMany(w => w.Services).WithOne().HasForeignKey(s => s.WindowId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class SingleWindowServiceConfiguration : IEntityTypeConfiguration<SingleWindowService>
{
    public void Configure(EntityTypeBuilder<SingleWindowService> b)
    {
        b.ToTable("single_window_services");
        b.HasKey(s => new { s.WindowId, s.ServiceId });
        b.HasOne(s => s.Service).WithMany().HasForeignKey(s => s.ServiceId).OnDelete(DeleteBehavior.Cascade);
    }
}
