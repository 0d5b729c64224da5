using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Weimin.Features.Cases;

namespace Weimin.Features.Surveys;

internal sealed class SurveyConfiguration : IEntityTypeConfiguration<Survey>
{
    public void Configure(EntityTypeBuilder<Survey> b)
    {
        b.ToTable("surveys");
        b.Property(s => s.Code).HasMaxLength(40);
        b.Property(s => s.Title).HasMaxLength(200);
        b.Property(s => s.TitleEn).HasMaxLength(200);
        b.Property(s => s.Intro).HasMaxLength(2000);
        b.Property(s => s.IntroEn).HasMaxLength(2000);
        b.Property(s => s.PresetCode).HasMaxLength(40);
        b.HasIndex(s => s.Code).IsUnique();
        b.HasIndex(s => new { s.AgencyId, s.Kind, s.Status });
        b.HasOne<Organisation.Agency>().WithMany().HasForeignKey(s => s.AgencyId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<Survey>().WithMany().HasForeignKey(s => s.CopiedFromId).OnDelete(DeleteBehavior.Restrict);
        b.HasMany(s => s.Dimensions).WithOne().HasForeignKey(d => d.SurveyId).OnDelete(DeleteBehavior.Cascade);
        b.HasMany(s => s.Items).WithOne().HasForeignKey(i => i.SurveyId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class SurveyDimensionConfiguration : IEntityTypeConfiguration<SurveyDimension>
{
    public void Configure(EntityTypeBuilder<SurveyDimension> b)
    {
        b.ToTable("survey_dimensions");
        b.Property(d => d.Name).HasMaxLength(200);
        b.Property(d => d.NameEn).HasMaxLength(200);
        b.HasIndex(d => new { d.SurveyId, d.SortOrder });
    }
}

internal sealed class SurveyItemConfiguration : IEntityTypeConfiguration<SurveyItem>
{
    public void Configure(EntityTypeBuilder<SurveyItem> b)
    {
        b.ToTable("survey_items");
        b.Property(i => i.Text).HasMaxLength(400);
        b.Property(i => i.TextEn).HasMaxLength(400);
        b.HasIndex(i => new { i.SurveyId, i.SortOrder });
        b.HasOne(i => i.Dimension).WithMany().HasForeignKey(i => i.DimensionId).OnDelete(DeleteBehavior.Restrict);
        b.HasMany(i => i.Options).WithOne().HasForeignKey(o => o.ItemId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class SurveyOptionConfiguration : IEntityTypeConfiguration<SurveyOption>
{
    public void Configure(EntityTypeBuilder<SurveyOption> b)
    {
        b.ToTable("survey_options");
        b.Property(o => o.Text).HasMaxLength(200);
        b.Property(o => o.TextEn).HasMaxLength(200);
        b.HasIndex(o => new { o.ItemId, o.SortOrder });
    }
}

internal sealed class SurveyResponseConfiguration : IEntityTypeConfiguration<SurveyResponse>
{
    public void Configure(EntityTypeBuilder<SurveyResponse> b)
    {
        b.ToTable("survey_responses");
        b.HasIndex(r => new { r.SurveyId, r.AnsweredOn });
        b.HasIndex(r => new { r.AgencyId, r.AnsweredOn });
        b.HasOne<Survey>().WithMany().HasForeignKey(r => r.SurveyId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<Organisation.Section>().WithMany().HasForeignKey(r => r.SectionId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<Catalogue.Service>().WithMany().HasForeignKey(r => r.ServiceId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<Case>().WithMany().HasForeignKey(r => r.CaseId).OnDelete(DeleteBehavior.Restrict);
        b.HasMany(r => r.Answers).WithOne().HasForeignKey(a => a.ResponseId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class SurveyAnswerConfiguration : IEntityTypeConfiguration<SurveyAnswer>
{
    public void Configure(EntityTypeBuilder<SurveyAnswer> b)
    {
        b.ToTable("survey_answers");
        b.Property(a => a.Text).HasMaxLength(2000);
        b.HasIndex(a => new { a.ResponseId, a.ItemId });
        b.HasIndex(a => a.ItemId);
        b.HasOne<SurveyItem>().WithMany().HasForeignKey(a => a.ItemId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<SurveyOption>().WithMany().HasForeignKey(a => a.OptionId).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class SurveyInvitationConfiguration : IEntityTypeConfiguration<SurveyInvitation>
{
    public void Configure(EntityTypeBuilder<SurveyInvitation> b)
    {
        b.ToTable("survey_invitations");
        b.Property(i => i.TokenHash).HasMaxLength(64);
        b.Property(i => i.UsedAtUtc).IsConcurrencyToken();
        b.HasIndex(i => i.TokenHash).IsUnique();
        b.HasIndex(i => i.CaseId);
        b.HasOne<Survey>().WithMany().HasForeignKey(i => i.SurveyId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<Case>().WithMany().HasForeignKey(i => i.CaseId).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class SurveyParticipationConfiguration : IEntityTypeConfiguration<SurveyParticipation>
{
    public void Configure(EntityTypeBuilder<SurveyParticipation> b)
    {
        b.ToTable("survey_participations");
        b.Property(p => p.UserId).HasMaxLength(450);
        b.HasIndex(p => new { p.SurveyId, p.UserId }).IsUnique();
        b.HasOne<Survey>().WithMany().HasForeignKey(p => p.SurveyId).OnDelete(DeleteBehavior.Restrict);
    }
}
