using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Weimin.Data;
using Weimin.Web.Errors;

namespace Weimin.Features.Surveys;

/// <summary>
/// The builder: settings, dimensions, items and options, open/close, new version. Every change goes through
/// <see cref="SurveyService"/>, which refuses it once the survey has answers.
/// </summary>
[Authorize(Policy = SurveysSetup.ManagePolicy)]
public sealed class EditModel(AppDb db, SurveyService surveys) : PageModel, IRedrawable
{
    public Survey Survey { get; private set; } = null!;
    public int Responses { get; private set; }

    public sealed class SettingsInput
    {
        public string? Title { get; set; }
        public string? TitleEn { get; set; }
        public string? Intro { get; set; }
        public string? IntroEn { get; set; }
        public DateOnly? OpenFrom { get; set; }
        public DateOnly? OpenTo { get; set; }
    }

    public sealed class ItemInput
    {
        public SurveyItemKind Kind { get; set; }
        public int? DimensionId { get; set; }
        public string? Text { get; set; }
        public string? TextEn { get; set; }
        public bool IsProfile { get; set; }
        public bool Required { get; set; } = true;
        public string? Options { get; set; }
    }

    [BindProperty] public SettingsInput Settings { get; set; } = new();
    [BindProperty] public ItemInput Item { get; set; } = new();
    [BindProperty] public string? DimensionName { get; set; }
    [BindProperty] public string? DimensionNameEn { get; set; }

    private int Id => int.Parse((string)RouteData.Values["id"]!, System.Globalization.CultureInfo.InvariantCulture);

    public async Task<IActionResult> OnGetAsync(int id, CancellationToken ct)
    {
        if (!await LoadAsync(id, ct)) return NotFound();
        Settings = new SettingsInput
        {
            Title = Survey.Title, TitleEn = Survey.TitleEn, Intro = Survey.Intro, IntroEn = Survey.IntroEn, OpenFrom = Survey.OpenFrom, OpenTo = Survey.OpenTo,
        };
        return Page();
    }

    public Task<IActionResult> OnPostSettingsAsync(int id, CancellationToken ct) => ChangeAsync(id, () =>
        surveys.UpdateAsync(id, Settings.Title ?? "", Settings.TitleEn ?? "", Settings.Intro ?? "", Settings.IntroEn ?? "", Settings.OpenFrom, Settings.OpenTo, ct), ct);

    public Task<IActionResult> OnPostAddDimensionAsync(int id, CancellationToken ct) =>
        ChangeAsync(id, () => surveys.AddDimensionAsync(id, DimensionName ?? "", DimensionNameEn ?? "", ct), ct);

    public Task<IActionResult> OnPostRemoveDimensionAsync(int id, int dimensionId, CancellationToken ct) =>
        ChangeAsync(id, () => surveys.RemoveDimensionAsync(id, dimensionId, ct), ct);

    public Task<IActionResult> OnPostAddItemAsync(int id, CancellationToken ct) => ChangeAsync(id, () =>
        surveys.AddItemAsync(id, Item.Kind, Item.DimensionId, Item.Text ?? "", Item.TextEn ?? "", Item.IsProfile, Item.Required, Item.Options, ct), ct);

    public Task<IActionResult> OnPostRemoveItemAsync(int id, int itemId, CancellationToken ct) =>
        ChangeAsync(id, () => surveys.RemoveItemAsync(id, itemId, ct), ct);

    public Task<IActionResult> OnPostOpenAsync(int id, CancellationToken ct) => ChangeAsync(id, () => surveys.SetStatusAsync(id, SurveyStatus.Open, ct), ct);

    public Task<IActionResult> OnPostCloseAsync(int id, CancellationToken ct) => ChangeAsync(id, () => surveys.SetStatusAsync(id, SurveyStatus.Closed, ct), ct);

    public async Task<IActionResult> OnPostNewVersionAsync(int id, CancellationToken ct)
    {
        if (!await ExistsAsync(id, ct)) return NotFound();
        var copy = await surveys.NewVersionAsync(id, ct);
        return Redirect($"/admin/surveys/{copy.Id}");
    }

    private async Task<IActionResult> ChangeAsync(int id, Func<Task> change, CancellationToken ct)
    {
        // The query filter keeps other agencies' surveys out: not found, not forbidden.
        if (!await ExistsAsync(id, ct)) return NotFound();
        await change();
        return Redirect($"/admin/surveys/{id}");
    }

    private Task<bool> ExistsAsync(int id, CancellationToken ct) => db.Set<Survey>().AnyAsync(s => s.Id == id, ct);

    public async Task RedrawAsync() => await LoadAsync(Id, HttpContext.RequestAborted);

    private async Task<bool> LoadAsync(int id, CancellationToken ct)
    {
        var survey = await db.Set<Survey>().AsNoTracking().Include(s => s.Dimensions).Include(s => s.Items).ThenInclude(i => i.Options)
            .AsSplitQuery().FirstOrDefaultAsync(s => s.Id == id, ct);
        if (survey is null) return false;
        Survey = survey;
        Responses = await db.Set<SurveyResponse>().CountAsync(r => r.SurveyId == id, ct);
        return true;
    }
}
