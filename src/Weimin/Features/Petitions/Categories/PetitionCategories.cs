using System.ComponentModel.DataAnnotations;
using Microsoft.EntityFrameworkCore;
using Weimin.Data;
using Weimin.Features.Catalogue;
using Weimin.Features.Organisation;
using Weimin.Web.Errors;

namespace Weimin.Features.Petitions.Categories;

/// <summary>A category as the form and the API send it; the section is named by its code.</summary>
public sealed class CategoryInput
{
    [Required(ErrorMessage = "validation.required"), StringLength(100, ErrorMessage = "validation.length"), Display(Name = "field.CategoryName")]
    public string? Name { get; set; }
    [StringLength(100, ErrorMessage = "validation.length"), Display(Name = "field.CategoryNameEn")]
    public string? NameEn { get; set; }
    [Required(ErrorMessage = "validation.required"), StringLength(40, ErrorMessage = "validation.length"),
     RegularExpression(ServiceInput.CodePattern, ErrorMessage = "validation.code"), Display(Name = "field.CategoryCode")]
    public string? Code { get; set; }
    [Required(ErrorMessage = "validation.required"), StringLength(40, ErrorMessage = "validation.length"), Display(Name = "field.CategorySection")]
    public string? Section { get; set; }
    public bool IsReport { get; set; }
    [Range(0, 9999, ErrorMessage = "validation.range"), Display(Name = "field.SortOrder")]
    public int SortOrder { get; set; }
    public bool IsActive { get; set; } = true;
}

public sealed record CategoryDto(int Id, string Code, string Name, string? NameEn, string Section, string SectionName, bool IsReport, int SortOrder,
    bool IsActive, int Petitions);

/// <summary>
/// 陳情類別, kept by the agency's administrators and the secretariat: each routes a petition to a section and may mark
/// it a report of wrongdoing (檢舉: identity sealed by default). A category in use keeps its code (imports and the
/// deadline configuration name it) and is retired, never deleted.
/// </summary>
public sealed class PetitionCategories(AppDb db)
{
    /// <summary>
    /// The caller's categories. Sections and use counts are read in their own queries: an <c>IgnoreQueryFilters()</c>
    /// inside this query would lift the scope filter from the categories too (EF applies it to the whole query).
    /// </summary>
    public async Task<List<CategoryDto>> ListAsync(CancellationToken ct)
    {
        var categories = await db.Set<PetitionCategory>().AsNoTracking().OrderBy(c => c.SortOrder).ThenBy(c => c.Code).ToListAsync(ct);
        var ids = categories.Select(c => c.Id).ToList();
        var sectionIds = categories.Select(c => c.SectionId).Distinct().ToList();
        var sections = await db.Set<Section>().IgnoreQueryFilters().AsNoTracking().Where(s => sectionIds.Contains(s.Id))
            .ToDictionaryAsync(s => s.Id, s => (s.Code, s.Name), ct);
        // Every petition of the category counts, also those outside a section-bound reader's own section.
        var uses = await db.Set<Petition>().IgnoreQueryFilters().Where(p => ids.Contains(p.CategoryId)).GroupBy(p => p.CategoryId)
            .Select(g => new { g.Key, Count = g.Count() }).ToDictionaryAsync(g => g.Key, g => g.Count, ct);
        return [.. categories.Select(c => new CategoryDto(c.Id, c.Code, c.Name, c.NameEn, sections.GetValueOrDefault(c.SectionId).Code ?? "",
            sections.GetValueOrDefault(c.SectionId).Name ?? "", c.IsReport, c.SortOrder, c.IsActive, uses.GetValueOrDefault(c.Id)))];
    }

    public Task<PetitionCategory?> FindAsync(int id, CancellationToken ct) => db.Set<PetitionCategory>().FirstOrDefaultAsync(c => c.Id == id, ct);

    public Task<PetitionCategory?> FindByCodeAsync(string code, CancellationToken ct) => db.Set<PetitionCategory>().FirstOrDefaultAsync(c => c.Code == code, ct);

    /// <summary>Adds (<paramref name="category"/> null) or changes a category of the caller's agency.</summary>
    public async Task<PetitionCategory> SaveAsync(PetitionCategory? category, CategoryInput input, CancellationToken ct)
    {
        if (category is null)
        {
            var agencyId = await PetitionReads.AgencyOfCallerAsync(db, ct) ?? throw new RuleViolation("petition.category_unknown", input.Code ?? "");
            category = new PetitionCategory { AgencyId = agencyId, Code = "", Name = "" };
        }
        var code = input.Code!.Trim();
        if (await db.Set<PetitionCategory>().IgnoreQueryFilters().AnyAsync(c => c.AgencyId == category.AgencyId && c.Code == code && c.Id != category.Id, ct))
            throw new RuleViolation("petition.category_code_taken", code);
        if (category.Id != 0 && code != category.Code && await db.Set<Petition>().IgnoreQueryFilters().AnyAsync(p => p.CategoryId == category.Id, ct))
            throw new RuleViolation("petition.category_code_in_use", category.Code);
        var sectionCode = input.Section!.Trim();
        var section = await db.Set<Section>().IgnoreQueryFilters()
            .FirstOrDefaultAsync(s => s.AgencyId == category.AgencyId && s.Code == sectionCode && s.IsActive, ct)
            ?? throw new RuleViolation("org.section_unknown");

        category.Code = code;
        category.Name = input.Name!.Trim();
        category.NameEn = string.IsNullOrWhiteSpace(input.NameEn) ? null : input.NameEn.Trim();
        category.SectionId = section.Id;
        category.IsReport = input.IsReport;
        category.SortOrder = input.SortOrder;
        category.IsActive = input.IsActive;
        if (category.Id == 0) db.Add(category);
        await db.SaveChangesAsync(ct);
        return category;
    }

    public static CategoryInput ToInput(PetitionCategory c, string sectionCode) => new()
    {
        Code = c.Code, Name = c.Name, NameEn = c.NameEn, Section = sectionCode, IsReport = c.IsReport, SortOrder = c.SortOrder, IsActive = c.IsActive,
    };
}
