using Microsoft.AspNetCore.Authorization;
using Microsoft.Extensions.Localization;
using Weimin.Web.Authorization;

namespace Weimin.Features.Audit;

[Authorize(Policy = Policies.Audit)]
public sealed class IndexModel(AuditSearch search, IStringLocalizer<AuditText> text) : AuditPageModel<AuditChangeRow>(text)
{
    protected override Task<AuditPage<AuditChangeRow>> SearchAsync(AuditQuery query, CancellationToken ct) => search.ChangesAsync(query, ct);
}
