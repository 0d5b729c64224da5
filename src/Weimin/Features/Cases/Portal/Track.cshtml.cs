using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Filters;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.RateLimiting;

namespace Weimin.Features.Cases.Portal;

public sealed class TrackInput
{
    [Required(ErrorMessage = "validation.required"), StringLength(30, ErrorMessage = "validation.length"), Display(Name = "field.CaseNumber")]
    public string? Number { get; set; }

    [Required(ErrorMessage = "validation.required"), StringLength(32, ErrorMessage = "validation.length"), Display(Name = "field.TrackingSecret")]
    public string? Secret { get; set; }
}

/// <summary>
/// 案件查詢: case number plus the receipt code or the phone's last four digits (a form that posts, so the secret stays out
/// of URLs), or the receipt's QR link /track/{number}?code=…. A wrong number and a wrong secret get the same answer.
/// </summary>
[AllowAnonymous]
[EnableRateLimiting(TrackingSetup.Policy)]
public sealed class TrackModel(CaseTracking tracking) : PageModel
{
    [BindProperty] public TrackInput Input { get; set; } = new();

    /// <summary>?agency=code: another agency of a city-wide deployment; empty means the home office.</summary>
    [BindProperty(SupportsGet = true)] public string? Agency { get; set; }

    public TrackedCase? Result { get; private set; }
    public bool Missing { get; private set; }

    public override void OnPageHandlerExecuting(PageHandlerExecutingContext context) => TrackingSetup.NoTrace(Response);

    public async Task<IActionResult> OnGetAsync(string? number, string? code, CancellationToken ct)
    {
        ModelState.Clear();
        if (string.IsNullOrWhiteSpace(number)) return Page();
        Input.Number = number.Length > 30 ? number[..30] : number;
        if (string.IsNullOrWhiteSpace(code)) return Page();
        return await LookupAsync(Input.Number, code, ct);
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        if (!ModelState.IsValid)
        {
            Response.StatusCode = StatusCodes.Status400BadRequest;
            return Page();
        }
        return await LookupAsync(Input.Number!, Input.Secret!, ct);
    }

    private async Task<IActionResult> LookupAsync(string number, string secret, CancellationToken ct)
    {
        var answer = await tracking.LookupAsync(number, secret, Agency, CaseTracking.ClientKey(HttpContext), ct);
        if (answer.TooMany)
        {
            await TrackingSetup.TooManyAsync(HttpContext, answer.RetryAfter!.Value, ct);
            return new EmptyResult();
        }
        if (answer.Case is null)
        {
            Missing = true;
            Response.StatusCode = StatusCodes.Status404NotFound;
            return Page();
        }
        Result = answer.Case;
        return Page();
    }
}
