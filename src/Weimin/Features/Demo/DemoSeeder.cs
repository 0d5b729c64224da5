using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Weimin.Data;
using Weimin.Features.Accounts;
using Weimin.Features.Organisation;

namespace Weimin.Features.Demo;

public static class DemoSetup
{
    public static IServiceCollection AddDemoData(this IServiceCollection services, IConfiguration config)
    {
        var options = config.GetSection("Weimin:Demo").Get<DemoOptions>() ?? new DemoOptions();
        services.AddSingleton(options);
        if (options.Enabled) services.AddScoped<IStartupSeeder, DemoSeeder>();
        return services;
    }
}

/// <summary>Loads the demo organisation and sign-ins once, into an empty database. Never touches a database that has agencies.</summary>
internal sealed class DemoSeeder(UserManager<AppUser> users, TimeProvider clock) : IStartupSeeder
{
    public int Order => 100;

    public async Task SeedAsync(AppDb db, CancellationToken ct)
    {
        if (await db.Set<Agency>().IgnoreQueryFilters().AnyAsync(ct)) return;

        var now = clock.GetUtcNow().UtcDateTime;
        var city = new Agency { Code = "taoyuan", Name = "桃園市政府", NameEn = "Taoyuan City Government", Kind = AgencyKind.City, Address = "330 桃園市桃園區縣府路 1 號", Phone = "(03) 332-2101" };
        db.Add(city);
        await db.SaveChangesAsync(ct);
        var group1 = new EvaluationGroup { CityId = city.Id, Name = "第1組", NameEn = "Group 1", SortOrder = 1 };
        var group2 = new EvaluationGroup { CityId = city.Id, Name = "第2組", NameEn = "Group 2", SortOrder = 2 };
        db.AddRange(group1, group2);
        await db.SaveChangesAsync(ct);

        var yangmei = new Agency
        {
            Code = "yangmei", Name = "桃園市楊梅區公所", NameEn = "Yangmei District Office", Kind = AgencyKind.DistrictOffice,
            ParentId = city.Id, EvaluationGroupId = group2.Id, Address = "326 桃園市楊梅區大成路 88 號", Phone = "(03) 478-2024",
        };
        var xinwu = new Agency
        {
            Code = "xinwu", Name = "桃園市新屋區公所", NameEn = "Xinwu District Office", Kind = AgencyKind.DistrictOffice,
            ParentId = city.Id, EvaluationGroupId = group2.Id, Address = "327 桃園市新屋區中正路 108 號", Phone = "(03) 477-2184",
        };
        db.AddRange(yangmei, xinwu);
        await db.SaveChangesAsync(ct);

        var staff = new Dictionary<string, Staff>();
        await AddAgency(db, yangmei, DemoOrganisation.YangmeiSections, DemoOrganisation.YangmeiStaff, staff, now, ct);
        await AddAgency(db, xinwu, DemoOrganisation.XinwuSections, DemoOrganisation.XinwuStaff, staff, now, ct);

        foreach (var account in DemoAccounts.All)
        {
            var person = account.StaffKey is null ? null : staff[account.StaffKey];
            var user = new AppUser
            {
                UserName = account.UserName,
                Email = person?.Email ?? $"{account.UserName}@weimin.example",
                StaffId = person?.Id,
                AgencyId = person?.AgencyId,
                DisplayName = person?.Name ?? "系統管理者",
                EmailConfirmed = true,
            };
            var created = await users.CreateAsync(user, DemoAccounts.Password);
            if (!created.Succeeded)
                throw new InvalidOperationException("Demo account " + account.UserName + ": " + string.Join("; ", created.Errors.Select(e => e.Description)));
            await users.AddToRoleAsync(user, account.Role);
        }
    }

    private static async Task AddAgency(AppDb db, Agency agency, DemoOrganisation.SectionSeed[] sectionSeeds,
        DemoOrganisation.StaffSeed[] staffSeeds, Dictionary<string, Staff> staff, DateTime now, CancellationToken ct)
    {
        var sections = new Dictionary<string, Section>();
        var order = 0;
        foreach (var s in sectionSeeds)
        {
            var section = new Section { AgencyId = agency.Id, Code = s.Code, Name = s.Name, NameEn = s.NameEn, Phone = s.Phone, SortOrder = ++order };
            sections[s.Code] = section;
            db.Add(section);
        }
        await db.SaveChangesAsync(ct);

        order = 0;
        foreach (var p in staffSeeds)
        {
            var person = new Staff
            {
                AgencyId = agency.Id, SectionId = p.Section is null ? null : sections[p.Section].Id,
                Name = p.Name, NameEn = p.NameEn, Title = p.Title, TitleEn = p.TitleEn, Duties = p.Duties,
                Extension = p.Extension, Email = $"{p.Key}@{agency.Code}.weimin.example", SortOrder = ++order,
                CreatedAtUtc = now, UpdatedAtUtc = now,
            };
            staff[p.Key] = person;
            db.Add(person);
        }
        await db.SaveChangesAsync(ct);

        foreach (var p in staffSeeds.Where(p => p.Deputy is not null))
            staff[p.Key].DeputyId = staff[p.Deputy!].Id;
        await db.SaveChangesAsync(ct);
    }
}
