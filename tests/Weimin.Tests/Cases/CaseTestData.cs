using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Weimin.Features.Cases;
using Weimin.Features.Catalogue;
using Weimin.Features.Organisation;
using Weimin.Tests.Infrastructure;
using Weimin.Web.Authorization;

namespace Weimin.Tests.Cases;

/// <summary>Services made by the tests themselves, so case tests do not depend on the demo catalogue.</summary>
public static class CaseTestData
{
    public static Task<Service> AddServiceAsync(this WeiminApp app, string code, int limitDays, string section = "social", string? defaultOfficer = "許家豪",
        bool needsLocation = false, params (string Name, bool Electronic)[] documents) =>
        app.WithDbAsync(async db =>
        {
            var existing = await db.Set<Service>().Include(s => s.Documents).FirstOrDefaultAsync(s => s.Code == code);
            if (existing is not null) return existing;
            var agency = await db.Set<Agency>().SingleAsync(a => a.Code == "yangmei");
            var sectionId = await db.Set<Section>().Where(s => s.AgencyId == agency.Id && s.Code == section).Select(s => s.Id).SingleAsync();
            int? officer = defaultOfficer is null ? null : await db.Set<Staff>().Where(s => s.Name == defaultOfficer).Select(s => s.Id).SingleAsync();
            var service = new Service
            {
                AgencyId = agency.Id, SectionId = sectionId, Code = code, Name = "測試服務 " + code, TimeLimitDays = limitDays,
                DefaultOfficerId = officer, NeedsLocation = needsLocation,
                Documents = documents.Select((d, i) => new RequiredDocument { Name = d.Name, ElectronicVerification = d.Electronic, SortOrder = i }).ToList(),
            };
            db.Add(service);
            await db.SaveChangesAsync();
            return service;
        });

    /// <summary>Runs a CaseService call as a given demo staff member (their scope applies).</summary>
    public static async Task<T> AsStaffAsync<T>(this WeiminApp app, string staffName, Func<CaseService, CaseActor, Task<T>> work)
    {
        await using var scope = app.Services.CreateAsyncScope();
        var staffId = await app.StaffAsync(staffName);
        var user = new System.Security.Claims.ClaimsPrincipal(new System.Security.Claims.ClaimsIdentity(
        [
            new(System.Security.Claims.ClaimTypes.Role, Roles.AgencyAdmin),
            new(WeiminClaims.StaffId, staffId.ToString()),
            new(WeiminClaims.AgencyId, (await app.WithDbAsync(db => db.Set<Staff>().Where(s => s.Id == staffId).Select(s => s.AgencyId).SingleAsync())).ToString()),
        ], "test"));
        scope.ServiceProvider.GetRequiredService<DataScope>().SetFrom(user);
        return await work(scope.ServiceProvider.GetRequiredService<CaseService>(), new CaseActor(staffId, staffName));
    }
}
