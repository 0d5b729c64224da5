using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Weimin.Data;
using Weimin.Features.Organisation;
using Weimin.Web.Authorization;

namespace Weimin.Features.Notices;

/// <summary>/notices/{id}/letter: the notice as a letter to print and post (any notice can be printed this way).</summary>
[Authorize(Policy = Policies.CaseAct)]
public class LetterModel(AppDb db, NoticeComposer composer) : PageModel
{
    public Notice Notice { get; private set; } = null!;
    public Agency? Agency { get; private set; }
    public string Address { get; private set; } = "";

    public async Task<IActionResult> OnGetAsync(long id, CancellationToken ct)
    {
        if (await NoticeReads.FindVisibleAsync(db, id, NoticePolicies.AdminRoles.Any(User.IsInRole), ct) is not var (n, _)) return NotFound();
        await composer.ComposeAsync(n, ct);
        Notice = n;
        Agency = await db.Set<Agency>().AsNoTracking().FirstOrDefaultAsync(a => a.Id == n.AgencyId, ct);
        Address = n.Channel == Cases.NoticeChannel.Letter ? n.Recipient : NoticeRenderer.ReadData(n.Data).GetValueOrDefault("address", "");
        return Page();
    }
}
