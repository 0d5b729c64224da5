using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Weimin.Data;
using Weimin.Features.Cases;
using Weimin.Features.Organisation;
using Weimin.Web.Errors;

namespace Weimin.Features.Petitions;

public sealed record ReviewRow(
    long Id, string Number, PetitionChannel Channel, string? Subject, string Category, string? Section, string? Officer, DateOnly? RepliedOn,
    bool? OnTime, string? Comment, DateTime? RatedAt, DateTime? ReviewedAt, string? Review, string? Finding, string? Improvement);

/// <summary>
/// 不滿意案件檢討: every petition rated dissatisfied, the unreviewed first; the chief (or the secretariat for the chief)
/// records the review, the finding and the improvement measure.
/// </summary>
[Authorize(Policy = PetitionsSetup.ReviewPolicy)]
public class ReviewsModel(AppDb db, PetitionService petitions, CaseService cases) : PageModel, IRedrawable
{
    public sealed class ReviewForm
    {
        [Required(ErrorMessage = "validation.required"), StringLength(2000, ErrorMessage = "validation.length"), Display(Name = "field.Review")] public string? Review { get; set; }
        [Required(ErrorMessage = "validation.required"), StringLength(2000, ErrorMessage = "validation.length"), Display(Name = "field.Finding")] public string? Finding { get; set; }
        [Required(ErrorMessage = "validation.required"), StringLength(2000, ErrorMessage = "validation.length"), Display(Name = "field.Improvement")] public string? Improvement { get; set; }
    }

    [BindProperty] public ReviewForm Form { get; set; } = new();
    public long? FailedId { get; private set; }
    public IReadOnlyList<ReviewRow> Unreviewed { get; private set; } = [];
    public IReadOnlyList<ReviewRow> Reviewed { get; private set; } = [];

    public Task OnGetAsync() => RedrawAsync();

    public async Task<IActionResult> OnPostAsync(long id, CancellationToken ct)
    {
        FailedId = id;
        if (!ModelState.IsValid)
        {
            await RedrawAsync();
            Response.StatusCode = StatusCodes.Status400BadRequest;
            return Page();
        }
        if (await petitions.ReviewAsync(id, Form.Review!, Form.Finding!, Form.Improvement!, await cases.ActorAsync(ct), ct) is null) return NotFound();
        return Redirect("/petitions/reviews?done=1");
    }

    public async Task RedrawAsync()
    {
        var ct = HttpContext.RequestAborted;
        var rows = await (from c in db.Set<Case>().AsNoTracking()
                          join p in db.Set<Petition>().AsNoTracking() on c.Id equals p.CaseId
                          where p.Rating == PetitionRating.Dissatisfied
                          orderby p.RatedAtUtc descending
                          select new ReviewRow(c.Id, c.Number, p.Channel, c.Subject, p.Category!.Name,
                              db.Set<Section>().Where(s => s.Id == c.SectionId).Select(s => s.Name).FirstOrDefault(),
                              c.Officer == null ? null : c.Officer.Name, p.RepliedOn, c.CompletedOnTime, p.RatingComment, p.RatedAtUtc,
                              p.ReviewedAtUtc, p.Review, p.Finding, p.Improvement))
            .Take(500).ToListAsync(ct);
        Unreviewed = rows.Where(r => r.ReviewedAt is null).OrderBy(r => r.RatedAt).ToList();
        Reviewed = rows.Where(r => r.ReviewedAt is not null).Take(100).ToList();
    }
}
