using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Filters;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.RateLimiting;
using Weimin.Features.Cases;

namespace Weimin.Features.Petitions.Portal;

/// <summary>The petitioner rates the reply through the one-use link sent with it. The link stops working once used.</summary>
[AllowAnonymous]
[EnableRateLimiting(PetitionsSetup.RatingLimit)]
public sealed class RateModel(PetitionService petitions) : PageModel
{
    public sealed class RateInput
    {
        [Required(ErrorMessage = "validation.required"), Display(Name = "field.Rating")]
        public PetitionRating? Rating { get; set; }

        [StringLength(2000, ErrorMessage = "validation.length"), Display(Name = "field.RatingComment")]
        public string? Comment { get; set; }
    }

    [BindProperty] public RateInput Input { get; set; } = new();
    public bool Valid { get; private set; }
    public bool Done { get; private set; }

    public override void OnPageHandlerExecuting(PageHandlerExecutingContext context) => TrackingSetup.NoTrace(Response);

    public async Task OnGetAsync(string token, CancellationToken ct)
    {
        ModelState.Clear();
        Valid = await petitions.RatingLinkValidAsync(token, ct);
        if (!Valid) Response.StatusCode = StatusCodes.Status404NotFound;
    }

    public async Task OnPostAsync(string token, CancellationToken ct)
    {
        Valid = await petitions.RatingLinkValidAsync(token, ct);
        if (!Valid)
        {
            Response.StatusCode = StatusCodes.Status404NotFound;
            return;
        }
        if (Input.Rating is { } r && !Enum.IsDefined(r)) ModelState.AddModelError("Input.Rating", "");
        if (!ModelState.IsValid)
        {
            Response.StatusCode = StatusCodes.Status400BadRequest;
            return;
        }
        Done = await petitions.RateAsync(token, Input.Rating!.Value, Input.Comment, ct);
        Valid = Done;
    }
}
