using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Weimin.Features.Work;

/// <summary>The administration hub: every settings and register page the signed-in person may open, grouped.</summary>
public sealed class AdminModel(IAuthorizationService auth) : PageModel
{
    public IReadOnlyList<AdminLinks.Group> Groups { get; private set; } = [];

    public async Task OnGetAsync()
    {
        var groups = new List<AdminLinks.Group>();
        foreach (var group in AdminLinks.All)
        {
            var links = new List<AdminLinks.Link>();
            foreach (var link in group.Links)
                if (link.Policy is null || (await auth.AuthorizeAsync(User, link.Policy)).Succeeded) links.Add(link);
            if (links.Count > 0) groups.Add(group with { Links = links });
        }
        Groups = groups;
    }
}
