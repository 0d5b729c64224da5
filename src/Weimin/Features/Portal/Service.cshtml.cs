using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Weimin.Data;
using Weimin.Features.Catalogue;
using Weimin.Features.Organisation;

namespace Weimin.Features.Portal;

/// <summary>One service as a citizen needs it: what to bring, what the office fetches itself, how long, what it costs, where.</summary>
[AllowAnonymous]
public sealed class ServiceModel(AppDb db) : PageModel
{
    public ServiceDetails Service { get; private set; } = null!;
    public IReadOnlyList<WindowDto> Windows { get; private set; } = [];
    public IReadOnlyList<FaqRow> Faq { get; private set; } = [];
    public string? SectionPhone { get; private set; }

    public async Task<IActionResult> OnGetAsync(string code, CancellationToken ct)
    {
        var agency = await OrganisationReads.HomeAgencyAsync(db, null, ct);
        if (agency is null) return NotFound();
        var details = await CatalogueReads.DetailsAsync(db, agency.Id, code, null, publicOnly: true, ct);
        if (details is null) return NotFound();
        Service = details;
        var ids = details.Windows.Select(w => w.Id).ToHashSet();
        Windows = [.. (await CatalogueReads.WindowsAsync(db, agency.Id, publicOnly: true, ct)).Where(w => ids.Contains(w.Id))];
        Faq = await PortalReads.PublicFaqAsync(db, agency.Id, null, code, null, ct);
        SectionPhone = await db.Set<Section>().IgnoreQueryFilters().AsNoTracking().Where(s => s.Id == details.Section.Id).Select(s => s.Phone).FirstOrDefaultAsync(ct) ?? agency.Phone;
        return Page();
    }

    /// <summary>ODF first (SPEC §2): .odt and .ods before other formats, then links.</summary>
    public IEnumerable<FormDto> FormsOdfFirst => Service.Forms
        .OrderBy(f => !f.IsFile ? 2 : IsOdf(f.FileName) ? 0 : 1);

    public static bool IsOdf(string? fileName) =>
        fileName is not null && (fileName.EndsWith(".odt", StringComparison.OrdinalIgnoreCase) || fileName.EndsWith(".ods", StringComparison.OrdinalIgnoreCase));

    public static string Format(FormDto f) =>
        f.FileName is { } n && Path.GetExtension(n) is { Length: > 1 } ext ? ext[1..].ToUpperInvariant() : "";
}
