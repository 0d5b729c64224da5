using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;

namespace Weimin.Features.Booking.Admin;

/// <summary>
/// The add-or-change form of one settings row (a venue, a facility): GET fills the form from the row, POST checks it,
/// saves and goes back to its part of /admin/booking. Rule violations come back on the same page (400).
/// </summary>
public abstract class SettingsForm<TInput, TRow>(IStringLocalizer<BookingText> t) : PageModel
    where TInput : class, new() where TRow : class
{
    [BindProperty] public TInput Input { get; set; } = new();
    public int? Id { get; private set; }

    /// <summary>The part of /admin/booking to go back to.</summary>
    protected abstract string Anchor { get; }
    protected abstract Task<TRow?> FindAsync(int id, CancellationToken ct);
    protected abstract TInput ToInput(TRow row);
    protected abstract Task SaveAsync(int? id, TInput input, CancellationToken ct);

    public async Task<IActionResult> OnGetAsync(int? id, CancellationToken ct)
    {
        Id = id;
        if (id is not { } existing) return Page();
        if (await FindAsync(existing, ct) is not { } row) return NotFound();
        Input = ToInput(row);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(int? id, CancellationToken ct)
    {
        Id = id;
        if (id is { } existing && await FindAsync(existing, ct) is null) return NotFound();
        if (!ModelState.IsValid)
        {
            Response.StatusCode = StatusCodes.Status400BadRequest;
            return Page();
        }
        await SaveAsync(id, Input, ct);
        TempData["Saved"] = t["Settings.Saved"].Value;
        return Redirect("/admin/booking#" + Anchor);
    }
}
