using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.Routing;
using Weimin.Data;
using Weimin.Features.Organisation;
using Weimin.Features.Portal;
using Weimin.Web.Localisation;

namespace Weimin.Features.Home;

/// <summary>The citizen's front door: search, tracking, most-used services, news and FAQ, each one step away.</summary>
[AllowAnonymous]
public sealed class IndexModel(AppDb db, TimeProvider clock, EndpointDataSource endpoints) : PageModel
{
    public Agency? Agency { get; private set; }
    public IReadOnlyList<PopularService> Popular { get; private set; } = [];
    public IReadOnlyList<NewsRow> News { get; private set; } = [];
    public IReadOnlyList<FaqRow> Faq { get; private set; } = [];
    /// <summary>The mailbox and its reply area are another feature's pages: linked only when this build has them.</summary>
    public bool HasMailbox { get; private set; }
    public bool HasReplies { get; private set; }

    public async Task OnGetAsync(CancellationToken ct)
    {
        Agency = await OrganisationReads.HomeAgencyAsync(db, null, ct);
        HasMailbox = PortalLinks.Exists(endpoints, "mailbox");
        HasReplies = PortalLinks.Exists(endpoints, "replies");
        if (Agency is null) return;
        Popular = await PortalReads.PopularServicesAsync(db, Agency.Id, clock.Today(), 8, ct);
        News = (await PortalReads.PublicNewsAsync(db, Agency.Id, clock.GetUtcNow().UtcDateTime, null, null, 1, 5, ct)).Items;
        Faq = await PortalReads.PublicFaqAsync(db, Agency.Id, null, null, 5, ct);
    }
}
