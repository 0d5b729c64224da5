using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Weimin.Features.Evaluation;

internal sealed class SchemeConfiguration : IEntityTypeConfiguration<Scheme>
{
    public void Configure(EntityTypeBuilder<Scheme> b)
    {
        b.ToTable("eval_schemes");
        b.Property(s => s.Code).HasMaxLength(60);
        b.Property(s => s.Name).HasMaxLength(200);
        b.Property(s => s.NameEn).HasMaxLength(200);
        b.Property(s => s.PointsNote).HasMaxLength(1000);
        b.HasIndex(s => new { s.AgencyId, s.Code });
        b.HasOne<Organisation.Agency>().WithMany().HasForeignKey(s => s.AgencyId).OnDelete(DeleteBehavior.Restrict);
        b.HasMany(s => s.Nodes).WithOne().HasForeignKey(n => n.SchemeId).OnDelete(DeleteBehavior.Cascade);
        b.Ignore(s => s.IsPreset);
    }
}

internal sealed class SchemeNodeConfiguration : IEntityTypeConfiguration<SchemeNode>
{
    public void Configure(EntityTypeBuilder<SchemeNode> b)
    {
        b.ToTable("eval_scheme_nodes");
        b.Property(n => n.Number).HasMaxLength(20);
        b.Property(n => n.Name).HasMaxLength(400);
        b.Property(n => n.Description).HasMaxLength(4000);
        b.Property(n => n.Points).HasPrecision(7, 2);
        b.HasOne(n => n.Parent).WithMany().HasForeignKey(n => n.ParentId).OnDelete(DeleteBehavior.Restrict);
        b.HasIndex(n => new { n.SchemeId, n.SortOrder });
        b.Ignore(n => n.Label);
    }
}

internal sealed class EvaluationRoundConfiguration : IEntityTypeConfiguration<EvaluationRound>
{
    public void Configure(EntityTypeBuilder<EvaluationRound> b)
    {
        b.ToTable("eval_rounds");
        b.Property(r => r.Name).HasMaxLength(200);
        b.Property(r => r.MeetingAttendees).HasMaxLength(2000);
        b.Property(r => r.MeetingMinutes).HasMaxLength(8000);
        b.HasIndex(r => new { r.AgencyId, r.Year });
        b.HasOne<Organisation.Agency>().WithMany().HasForeignKey(r => r.AgencyId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne(r => r.Scheme).WithMany().HasForeignKey(r => r.SchemeId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne(r => r.PlanningScheme).WithMany().HasForeignKey(r => r.PlanningSchemeId).OnDelete(DeleteBehavior.Restrict);
        b.HasMany(r => r.Units).WithOne().HasForeignKey(u => u.RoundId).OnDelete(DeleteBehavior.Cascade);
        b.HasMany(r => r.Members).WithOne().HasForeignKey(m => m.RoundId).OnDelete(DeleteBehavior.Cascade);
        b.HasMany(r => r.Awards).WithOne().HasForeignKey(a => a.RoundId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class RoundUnitConfiguration : IEntityTypeConfiguration<RoundUnit>
{
    public void Configure(EntityTypeBuilder<RoundUnit> b)
    {
        b.ToTable("eval_round_units");
        b.Property(u => u.Name).HasMaxLength(200);
        b.Property(u => u.GroupName).HasMaxLength(100);
        b.HasOne<Organisation.Section>().WithMany().HasForeignKey(u => u.SectionId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<Organisation.Agency>().WithMany().HasForeignKey(u => u.UnitAgencyId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<Scheme>().WithMany().HasForeignKey(u => u.SchemeId).OnDelete(DeleteBehavior.Restrict);
        b.HasIndex(u => u.SectionId);
        b.HasIndex(u => u.UnitAgencyId);
    }
}

internal sealed class RoundMemberConfiguration : IEntityTypeConfiguration<RoundMember>
{
    public void Configure(EntityTypeBuilder<RoundMember> b)
    {
        b.ToTable("eval_round_members");
        b.Property(m => m.Name).HasMaxLength(100);
        b.HasOne<Organisation.Staff>().WithMany().HasForeignKey(m => m.StaffId).OnDelete(DeleteBehavior.Restrict);
        b.HasIndex(m => new { m.RoundId, m.StaffId }).IsUnique();
        b.HasIndex(m => m.StaffId);
    }
}

internal sealed class RoundAwardConfiguration : IEntityTypeConfiguration<RoundAward>
{
    public void Configure(EntityTypeBuilder<RoundAward> b)
    {
        b.ToTable("eval_round_awards");
        b.Property(a => a.Merit).HasMaxLength(200);
    }
}

internal sealed class SelfAssessmentConfiguration : IEntityTypeConfiguration<SelfAssessment>
{
    public void Configure(EntityTypeBuilder<SelfAssessment> b)
    {
        b.ToTable("eval_self_assessments");
        b.Property(s => s.Score).HasPrecision(7, 2);
        b.Property(s => s.Narrative).HasMaxLength(8000);
        b.HasIndex(s => new { s.UnitId, s.NodeId }).IsUnique();
        b.HasOne<RoundUnit>().WithMany().HasForeignKey(s => s.UnitId).OnDelete(DeleteBehavior.Cascade);
        b.HasOne<SchemeNode>().WithMany().HasForeignKey(s => s.NodeId).OnDelete(DeleteBehavior.Restrict);
        b.HasMany(s => s.Evidence).WithOne().HasForeignKey(e => e.SelfAssessmentId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class EvidenceConfiguration : IEntityTypeConfiguration<Evidence>
{
    public void Configure(EntityTypeBuilder<Evidence> b)
    {
        b.ToTable("eval_evidence");
        b.Property(e => e.Label).HasMaxLength(200);
        b.Property(e => e.Url).HasMaxLength(1000);
        b.Property(e => e.Figure).HasPrecision(18, 4);
        b.Property(e => e.Unit).HasMaxLength(40);
        b.Property(e => e.FileName).HasMaxLength(200);
        b.Property(e => e.StoredName).HasMaxLength(100);
        b.Property(e => e.ContentType).HasMaxLength(120);
    }
}

internal sealed class ReviewSheetConfiguration : IEntityTypeConfiguration<ReviewSheet>
{
    public void Configure(EntityTypeBuilder<ReviewSheet> b)
    {
        b.ToTable("eval_review_sheets");
        b.HasIndex(s => new { s.RoundId, s.MemberId, s.UnitId, s.Stage }).IsUnique();
        b.HasIndex(s => new { s.UnitId, s.Stage });
        b.HasOne<EvaluationRound>().WithMany().HasForeignKey(s => s.RoundId).OnDelete(DeleteBehavior.Cascade);
        b.HasOne<RoundMember>().WithMany().HasForeignKey(s => s.MemberId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<RoundUnit>().WithMany().HasForeignKey(s => s.UnitId).OnDelete(DeleteBehavior.Restrict);
        b.HasMany(s => s.Scores).WithOne().HasForeignKey(x => x.SheetId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class ReviewScoreConfiguration : IEntityTypeConfiguration<ReviewScore>
{
    public void Configure(EntityTypeBuilder<ReviewScore> b)
    {
        b.ToTable("eval_review_scores");
        b.Property(s => s.Score).HasPrecision(7, 2);
        b.Property(s => s.Strengths).HasMaxLength(4000);
        b.Property(s => s.Weaknesses).HasMaxLength(4000);
        b.Property(s => s.Suggestions).HasMaxLength(4000);
        b.Property(s => s.Improvement).HasMaxLength(4000);
        b.HasIndex(s => new { s.SheetId, s.NodeId }).IsUnique();
        b.HasOne<SchemeNode>().WithMany().HasForeignKey(s => s.NodeId).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class QualityPlanConfiguration : IEntityTypeConfiguration<QualityPlan>
{
    public void Configure(EntityTypeBuilder<QualityPlan> b)
    {
        b.ToTable("quality_plans");
        b.Property(p => p.Title).HasMaxLength(200);
        b.Property(p => p.Basis).HasMaxLength(4000);
        b.Property(p => p.Goals).HasMaxLength(4000);
        b.Property(p => p.TargetUnits).HasMaxLength(1000);
        b.HasIndex(p => new { p.AgencyId, p.Year });
        b.HasOne<Organisation.Agency>().WithMany().HasForeignKey(p => p.AgencyId).OnDelete(DeleteBehavior.Restrict);
        b.HasMany(p => p.Practices).WithOne().HasForeignKey(x => x.PlanId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class PracticeConfiguration : IEntityTypeConfiguration<Practice>
{
    public void Configure(EntityTypeBuilder<Practice> b)
    {
        b.ToTable("quality_plan_practices");
        b.Property(p => p.Indicator).HasMaxLength(300);
        b.Property(p => p.Number).HasMaxLength(20);
        b.Property(p => p.Text).HasMaxLength(2000);
        b.Property(p => p.Sections).HasMaxLength(300);
        b.Property(p => p.ExpectedBenefit).HasMaxLength(2000);
        b.HasIndex(p => new { p.PlanId, p.SortOrder });
        b.HasMany(p => p.Progress).WithOne().HasForeignKey(x => x.PracticeId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class PracticeProgressConfiguration : IEntityTypeConfiguration<PracticeProgress>
{
    public void Configure(EntityTypeBuilder<PracticeProgress> b)
    {
        b.ToTable("quality_plan_progress");
        b.Property(p => p.Text).HasMaxLength(4000);
        b.Property(p => p.Link).HasMaxLength(1000);
        b.Property(p => p.Figure).HasPrecision(18, 4);
        b.Property(p => p.ByName).HasMaxLength(100);
        b.HasIndex(p => new { p.PracticeId, p.Year, p.Quarter });
    }
}
