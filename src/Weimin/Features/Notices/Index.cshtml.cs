using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;
using Weimin.Data;
using Weimin.Features.Cases;
using Weimin.Features.Organisation;

namespace Weimin.Features.Notices;

/// <summary>/notices: every notice of the agency, searched by case, recipient, status, channel and event.</summary>
[Authorize(Policy = NoticePolicies.Admin)]
public class IndexModel(AppDb db, IStringLocalizer<NoticesText> t) : PageModel
{
    [BindProperty(SupportsGet = true)] public string? Q { get; set; }
    [BindProperty(SupportsGet = true)] public string? Status { get; set; }
    [BindProperty(SupportsGet = true)] public string? Channel { get; set; }
    [BindProperty(SupportsGet = true)] public string? Event { get; set; }
    [BindProperty(SupportsGet = true, Name = "p")] public string? PageText { get; set; }

    public NoticeQuery Query { get; private set; } = new(null, null, null, null, 1);
    public Paged<NoticeRow> Result { get; private set; } = new([], 0, 1, NoticeReads.PageSize);

    public async Task OnGetAsync(CancellationToken ct)
    {
        var status = Parse<NoticeStatus>(Status, nameof(Status));
        var channel = Parse<NoticeChannel>(Channel, nameof(Channel));
        var e = Parse<NoticeEvent>(Event, nameof(Event));
        var page = 1;
        if (!string.IsNullOrEmpty(PageText) && (!int.TryParse(PageText, out page) || page < 1 || page > 100_000))
        {
            ModelState.AddModelError("p", t["Search.Invalid"]);
            page = 1;
        }
        if (Q?.Length > 200)
        {
            ModelState.AddModelError(nameof(Q), t["Search.TooLong"]);
            Q = Q[..200];
        }
        if (!ModelState.IsValid) Response.StatusCode = StatusCodes.Status400BadRequest;
        Query = new NoticeQuery(Q, status, channel, e, page);
        Result = await NoticeReads.SearchAsync(db, Query, ct);
    }

    private T? Parse<T>(string? value, string field) where T : struct, Enum
    {
        if (string.IsNullOrEmpty(value)) return null;
        if (Enum.TryParse<T>(value, ignoreCase: true, out var v) && Enum.IsDefined(v) && !int.TryParse(value, out _)) return v;
        ModelState.AddModelError(field, t["Search.Invalid"]);
        return null;
    }

    public string Link(int page) =>
        $"/notices?q={Uri.EscapeDataString(Query.Q ?? "")}&status={Query.Status}&channel={Query.Channel}&event={Query.Event}&p={page}";
}
