using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Weimin.Data;
using Weimin.Web.Authorization;

namespace Weimin.Features.Notices;

/// <summary>/notices/tasks: applicants who asked to be called or written to, waiting for staff (of the cases the reader sees).</summary>
[Authorize(Policy = Policies.CaseAct)]
public class TasksModel(AppDb db) : PageModel
{
    public IReadOnlyList<NoticeRow> Rows { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken ct) => Rows = await NoticeReads.TasksAsync(db, ct);
}
