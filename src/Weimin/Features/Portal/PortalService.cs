using System.ComponentModel.DataAnnotations;
using Microsoft.EntityFrameworkCore;
using Weimin.Data;
using Weimin.Features.Catalogue;
using Weimin.Features.Organisation;
using Weimin.Web.Errors;

namespace Weimin.Features.Portal;

public sealed class FaqInput
{
    [Required(ErrorMessage = "validation.required"), StringLength(300, ErrorMessage = "validation.length"), Display(Name = "field.Question")]
    public string Question { get; set; } = "";
    [StringLength(500, ErrorMessage = "validation.length"), Display(Name = "field.QuestionEn")]
    public string? QuestionEn { get; set; }
    [Required(ErrorMessage = "validation.required"), StringLength(4000, ErrorMessage = "validation.length"), Display(Name = "field.Answer")]
    public string Answer { get; set; } = "";
    [StringLength(4000, ErrorMessage = "validation.length"), Display(Name = "field.AnswerEn")]
    public string? AnswerEn { get; set; }
    [Display(Name = "field.SectionId")]
    public int? SectionId { get; set; }
    [StringLength(40, ErrorMessage = "validation.length"), Display(Name = "field.ServiceCode")]
    public string? ServiceCode { get; set; }
    [Range(0, 10000, ErrorMessage = "validation.range"), Display(Name = "field.SortOrder")]
    public int SortOrder { get; set; }
    [Display(Name = "field.IsPublished")]
    public bool IsPublished { get; set; } = true;
}

public sealed class NewsInput
{
    [EnumDataType(typeof(NewsKind), ErrorMessage = "validation.invalid"), Display(Name = "field.NewsKind")]
    public NewsKind Kind { get; set; }
    [Required(ErrorMessage = "validation.required"), StringLength(200, ErrorMessage = "validation.length"), Display(Name = "field.Headline")]
    public string Title { get; set; } = "";
    [StringLength(300, ErrorMessage = "validation.length"), Display(Name = "field.HeadlineEn")]
    public string? TitleEn { get; set; }
    [Required(ErrorMessage = "validation.required"), StringLength(8000, ErrorMessage = "validation.length"), Display(Name = "field.Body")]
    public string Body { get; set; } = "";
    [StringLength(8000, ErrorMessage = "validation.length"), Display(Name = "field.BodyEn")]
    public string? BodyEn { get; set; }
    [Display(Name = "field.SectionId")]
    public int? SectionId { get; set; }
    [Display(Name = "field.PublishOn")]
    public DateOnly? PublishOn { get; set; }
    [Display(Name = "field.EventOn")]
    public DateOnly? EventOn { get; set; }
    [StringLength(200, ErrorMessage = "validation.length"), Display(Name = "field.Place")]
    public string? Place { get; set; }
    [Display(Name = "field.IsPublished")]
    public bool IsPublished { get; set; } = true;
}

/// <summary>
/// Writes of the public site's content (FAQ, news). Staff reach only their agency's rows (scope filters); a section head
/// only their own section's.
/// </summary>
public sealed class PortalService(AppDb db, TimeProvider clock)
{
    public int? OwnSectionOnly => db.Scope.Unrestricted ? null : db.Scope.SectionId;

    public async Task<int?> AgencyAsync(CancellationToken ct = default)
    {
        if (!db.Scope.Unrestricted) return db.Scope.AgencyId;
        return (await OrganisationReads.HomeAgencyAsync(db, null, ct))?.Id;
    }

    public Task<FaqEntry?> FindFaqAsync(int id, CancellationToken ct = default) => db.Set<FaqEntry>().FirstOrDefaultAsync(f => f.Id == id, ct);

    public Task<NewsItem?> FindNewsAsync(int id, CancellationToken ct = default) => db.Set<NewsItem>().FirstOrDefaultAsync(n => n.Id == id, ct);

    public async Task<FaqEntry> SaveFaqAsync(int? id, FaqInput input, CancellationToken ct = default)
    {
        var agencyId = await AgencyAsync(ct) ?? throw new RuleViolation("portal.no_agency");
        FaqEntry entry;
        if (id is { } existing)
        {
            entry = await FindFaqAsync(existing, ct) ?? throw new RuleViolation("portal.not_found");
            CheckSection(entry.SectionId);
        }
        else
        {
            entry = new FaqEntry { AgencyId = agencyId, Question = "", Answer = "" };
            db.Add(entry);
        }
        int? serviceId = null;
        var sectionId = input.SectionId;
        if (!string.IsNullOrWhiteSpace(input.ServiceCode))
        {
            var code = input.ServiceCode.Trim();
            var service = await db.Set<Service>().Where(s => s.AgencyId == entry.AgencyId && s.Code == code).Select(s => new { s.Id, s.SectionId }).FirstOrDefaultAsync(ct)
                ?? throw new RuleViolation("portal.unknown_service", code);
            serviceId = service.Id;
            sectionId = service.SectionId;
        }
        await CheckSectionAsync(entry.AgencyId, sectionId, ct);
        entry.Question = input.Question.Trim();
        entry.QuestionEn = Blank(input.QuestionEn);
        entry.Answer = input.Answer.Trim();
        entry.AnswerEn = Blank(input.AnswerEn);
        entry.SectionId = sectionId;
        entry.ServiceId = serviceId;
        entry.SortOrder = input.SortOrder;
        entry.IsPublished = input.IsPublished;
        entry.UpdatedAtUtc = clock.GetUtcNow().UtcDateTime;
        await db.SaveChangesAsync(ct);
        return entry;
    }

    public async Task<bool> DeleteFaqAsync(int id, CancellationToken ct = default)
    {
        var entry = await FindFaqAsync(id, ct);
        if (entry is null) return false;
        CheckSection(entry.SectionId);
        db.Remove(entry);
        await db.SaveChangesAsync(ct);
        return true;
    }

    public async Task<NewsItem> SaveNewsAsync(int? id, NewsInput input, CancellationToken ct = default)
    {
        var agencyId = await AgencyAsync(ct) ?? throw new RuleViolation("portal.no_agency");
        var now = clock.GetUtcNow().UtcDateTime;
        NewsItem item;
        if (id is { } existing)
        {
            item = await FindNewsAsync(existing, ct) ?? throw new RuleViolation("portal.not_found");
            CheckSection(item.SectionId);
        }
        else
        {
            item = new NewsItem { AgencyId = agencyId, Title = "", Body = "", PublishedAtUtc = now };
            db.Add(item);
        }
        await CheckSectionAsync(item.AgencyId, input.SectionId, ct);
        item.Kind = input.Kind;
        item.Title = input.Title.Trim();
        item.TitleEn = Blank(input.TitleEn);
        item.Body = input.Body.Trim();
        item.BodyEn = Blank(input.BodyEn);
        item.SectionId = input.SectionId;
        item.EventOn = input.EventOn;
        item.Place = Blank(input.Place);
        item.IsPublished = input.IsPublished;
        // A publication day in the future holds the item back until that day's start in Taipei.
        if (input.PublishOn is { } day)
            item.PublishedAtUtc = TimeZoneInfo.ConvertTimeToUtc(day.ToDateTime(TimeOnly.MinValue), Web.Localisation.OfficeTime.Zone);
        item.UpdatedAtUtc = now;
        await db.SaveChangesAsync(ct);
        return item;
    }

    public async Task<bool> DeleteNewsAsync(int id, CancellationToken ct = default)
    {
        var item = await FindNewsAsync(id, ct);
        if (item is null) return false;
        CheckSection(item.SectionId);
        db.Remove(item);
        await db.SaveChangesAsync(ct);
        return true;
    }

    private void CheckSection(int? sectionId)
    {
        if (OwnSectionOnly is { } own && own != sectionId) throw new RuleViolation("portal.section_forbidden");
    }

    private async Task CheckSectionAsync(int agencyId, int? sectionId, CancellationToken ct)
    {
        CheckSection(sectionId);
        if (sectionId is { } s && !await db.Set<Section>().AnyAsync(x => x.Id == s && x.AgencyId == agencyId, ct))
            throw new RuleViolation("portal.unknown_section");
    }

    private static string? Blank(string? s) => string.IsNullOrWhiteSpace(s) ? null : s.Trim();
}
