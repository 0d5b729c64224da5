using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;

namespace Weimin.Features.Audit;

/// <summary>What the two log pages share: the filter form, its validation, and paging links that keep the filters.</summary>
public abstract class AuditPageModel<TRow>(IStringLocalizer<AuditText> text) : PageModel
{
    public AuditQuery Query { get; private set; } = new();
    public AuditPage<TRow> Result { get; private set; } = new([], 1, AuditQuery.PageSize, false);

    protected abstract Task<AuditPage<TRow>> SearchAsync(AuditQuery query, CancellationToken ct);

    public async Task<IActionResult> OnGetAsync([FromQuery] AuditQuery query, CancellationToken ct)
    {
        Query = query;
        if (query.RangeIsBackwards) ModelState.AddModelError("to", text["Filter.ToBeforeFrom"]);
        if (!ModelState.IsValid)
        {
            Response.StatusCode = StatusCodes.Status400BadRequest;
            return Page();
        }
        Result = await SearchAsync(query, ct);
        return Page();
    }

    public string PageLink(int page)
    {
        var q = new Dictionary<string, string?>
        {
            ["type"] = AuditQuery.Clean(Query.Type),
            ["key"] = AuditQuery.Clean(Query.Key),
            ["actor"] = AuditQuery.Clean(Query.Actor),
            ["from"] = Query.From?.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture),
            ["to"] = Query.To?.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture),
            ["q"] = AuditQuery.Clean(Query.Text),
            ["page"] = page.ToString(System.Globalization.CultureInfo.InvariantCulture),
        };
        return Request.Path + QueryString.Create(q.Where(kv => kv.Value is not null));
    }

    public static string DateValue(DateOnly? day) =>
        day?.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture) ?? "";
}
