using Microsoft.AspNetCore.Authorization;
using Microsoft.Extensions.Localization;
using Weimin.Web.Authorization;

namespace Weimin.Features.Audit;

[Authorize(Policy = Policies.Audit)]
public sealed class ViewsModel(AuditSearch search, IStringLocalizer<AuditText> text) : AuditPageModel<SealedViewRow>(text)
{
    protected override Task<AuditPage<SealedViewRow>> SearchAsync(AuditQuery query, CancellationToken ct) => search.ViewsAsync(query, ct);
}
