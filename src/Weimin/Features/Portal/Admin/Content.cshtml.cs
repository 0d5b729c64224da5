using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Weimin.Data;
using Weimin.Web.Authorization;

namespace Weimin.Features.Portal.Admin;

/// <summary>The public site's FAQ and news for the staff who keep them (drafts and scheduled items included).</summary>
[Authorize(Policy = Policies.ManageCatalogue)]
public sealed class ContentModel(AppDb db) : PageModel
{
    public IReadOnlyList<FaqRow> Faq { get; private set; } = [];
    public IReadOnlyList<NewsRow> News { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken ct)
    {
        Faq = await PortalReads.FaqForStaffAsync(db, ct);
        News = await PortalReads.NewsForStaffAsync(db, ct);
    }
}
