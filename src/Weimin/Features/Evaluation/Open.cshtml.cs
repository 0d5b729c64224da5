using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Weimin.Data;
using Weimin.Features.Organisation;
using Weimin.Web.Authorization;
using Weimin.Web.Errors;
using Weimin.Web.Localisation;

namespace Weimin.Features.Evaluation;

/// <summary>The organiser (secretariat) opens a round: scheme, units, committee, phase dates, scoring rule, award table.</summary>
[Authorize(Roles = Roles.Secretariat + "," + Roles.AgencyAdmin)]
public sealed class OpenModel(AppDb db, EvaluationService evaluation, TimeProvider clock, IStringLocalizer<EvaluationText> t) : PageModel, IRedrawable
{
    public sealed class AwardInput
    {
        [Range(1, 100)] public int? Rank { get; set; }
        [Range(0, 1_000_000)] public int? Voucher { get; set; }
        [StringLength(200)] public string? Merit { get; set; }
    }

    public sealed class RoundForm
    {
        [Required, StringLength(200)] public string? Name { get; set; }
        [Required, Range(1990, 2200)] public int? Year { get; set; }
        [Required] public string? Scheme { get; set; }
        public AggregationRule Rule { get; set; } = AggregationRule.TrimmedMean;
        public List<int> Units { get; set; } = [];
        public List<int> Members { get; set; } = [];
        public List<int> Planning { get; set; } = [];
        public DateOnly? SelfAssessmentDue { get; set; }
        public DateOnly? ReviewDue { get; set; }
        public DateOnly? MeetingOn { get; set; }
        public DateOnly? ImprovementDue { get; set; }
        public DateOnly? ReReviewDue { get; set; }
        public List<AwardInput> Awards { get; set; } = [];
    }

    public sealed record Choice(int Id, string Name, string? Note);

    [BindProperty] public RoundForm Input { get; set; } = new();
    public IReadOnlyList<Choice> UnitChoices { get; private set; } = [];
    public IReadOnlyList<Choice> MemberChoices { get; private set; } = [];
    public bool CityWide { get; private set; }

    public async Task OnGetAsync(CancellationToken ct)
    {
        var year = OfficeTime.Today(clock).Year;
        Input = new RoundForm
        {
            Name = t["Open.DefaultName", year - 1911].Value, Year = year,
            SelfAssessmentDue = new DateOnly(year, 9, 15), ReviewDue = new DateOnly(year, 9, 30), MeetingOn = new DateOnly(year, 10, 5),
            ImprovementDue = new DateOnly(year, 10, 31), ReReviewDue = new DateOnly(year, 11, 15),
            Awards = [.. Scoring.YangmeiAwards.Select(a => new AwardInput { Rank = a.Rank, Voucher = a.VoucherNtd, Merit = a.Merit })],
        };
        await LoadAsync(ct);
        Input.Scheme = CityWide ? SchemePresets.HsinchuFirstLine104 : SchemePresets.Yangmei104;
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        await LoadAsync(ct);
        if (Input.Units.Count == 0) ModelState.AddModelError("Input.Units", t["Open.UnitsRequired"]);
        if (Input.Members.Count == 0) ModelState.AddModelError("Input.Members", t["Open.MembersRequired"]);
        if (!ModelState.IsValid)
        {
            Response.StatusCode = StatusCodes.Status400BadRequest;
            return Page();
        }
        var viewer = EvaluationViewer.From(User);
        var awards = Input.Awards.Where(a => a.Rank is not null).Select(a => new AwardLine(a.Rank!.Value, a.Voucher ?? 0, a.Merit ?? "")).ToList();
        var input = new OpenRoundInput(Input.Name!, Input.Year!.Value, Input.Scheme!, Input.Rule,
            CityWide ? [] : Input.Units, Input.Members, Input.SelfAssessmentDue, Input.ReviewDue, Input.MeetingOn, Input.ImprovementDue, Input.ReReviewDue,
            awards, CityWide ? Input.Units : null, CityWide ? Input.Planning : null);
        var round = await evaluation.OpenAsync(viewer, viewer.AgencyId ?? -1, input, ct);
        return Redirect($"/evaluation/rounds/{round.Id}");
    }

    private async Task LoadAsync(CancellationToken ct)
    {
        var agencyId = EvaluationViewer.From(User).AgencyId ?? -1;
        var agency = await db.Set<Agency>().AsNoTracking().FirstOrDefaultAsync(a => a.Id == agencyId, ct);
        CityWide = agency?.Kind == AgencyKind.City;
        UnitChoices = CityWide
            ? await db.Set<Agency>().AsNoTracking().Where(a => a.ParentId == agencyId && a.IsActive).OrderBy(a => a.EvaluationGroupId).ThenBy(a => a.Id)
                .Select(a => new Choice(a.Id, a.Name, a.EvaluationGroup != null ? a.EvaluationGroup.Name : null)).ToListAsync(ct)
            : await db.Set<Section>().AsNoTracking().Where(s => s.AgencyId == agencyId && s.IsActive).OrderBy(s => s.SortOrder)
                .Select(s => new Choice(s.Id, s.Name, null)).ToListAsync(ct);
        MemberChoices = await db.Set<Staff>().AsNoTracking().Where(s => s.AgencyId == agencyId && s.IsActive).OrderBy(s => s.SortOrder)
            .Select(s => new Choice(s.Id, s.Name, s.Title)).ToListAsync(ct);
    }

    public Task RedrawAsync() => LoadAsync(HttpContext.RequestAborted);
}
