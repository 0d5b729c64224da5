using System.Globalization;
using System.Security.Claims;
using Weimin.Web.Authorization;

namespace Weimin.Features.Audit;

/// <param name="UserId">Identity user id; null for background work and anonymous visitors</param>
/// <param name="AgencyId">the actor's own agency, when they have one</param>
public sealed record Actor(string? UserId, string Name, int? AgencyId)
{
    public static readonly Actor System = new(null, "system", null);
    public static readonly Actor Anonymous = new(null, "anonymous", null);
}

/// <summary>Who is acting right now: the signed-in user of the current request, else "system" (background work).</summary>
public sealed class AuditActor(IHttpContextAccessor http)
{
    public Actor Current
    {
        get
        {
            var context = http.HttpContext;
            if (context is null) return Actor.System;
            var user = context.User;
            if (user.Identity?.IsAuthenticated != true) return Actor.Anonymous;
            var name = user.FindFirstValue(WeiminClaims.DisplayName);
            if (string.IsNullOrWhiteSpace(name)) name = user.Identity.Name ?? "?";
            int? agency = int.TryParse(user.FindFirstValue(WeiminClaims.AgencyId), NumberStyles.Integer, CultureInfo.InvariantCulture, out var a) ? a : null;
            return new Actor(user.FindFirstValue(ClaimTypes.NameIdentifier), name, agency);
        }
    }

    public string? Ip => http.HttpContext?.Connection.RemoteIpAddress?.ToString();
}
