using Microsoft.EntityFrameworkCore;
using Weimin.Features.Organisation;

namespace Weimin.Tests.Infrastructure;

public static class Ids
{
    /// <summary>The id of a demo staff member by name (names are unique in the demo data).</summary>
    public static Task<int> StaffAsync(this WeiminApp app, string name) =>
        app.WithDbAsync(db => db.Set<Staff>().Where(s => s.Name == name).Select(s => s.Id).SingleAsync());

    public static Task<int> SectionAsync(this WeiminApp app, string agencyCode, string sectionCode) =>
        app.WithDbAsync(db => db.Set<Section>().Where(s => s.Code == sectionCode && s.Agency!.Code == agencyCode).Select(s => s.Id).SingleAsync());
}
