using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Weimin.Data;
using Weimin.Features.Accounts;
using Weimin.Web.Authorization;
using Weimin.Web.Errors;
using Weimin.Web.Localisation;

namespace Weimin.Features.Organisation;

/// <summary>
/// The writes on sections, staff, deputies, leave and staff accounts, shared by pages and the API. Every read
/// goes through the scope filters, so an id outside the caller's agency or section is "not found" (null).
/// </summary>
public sealed class OrganisationService(AppDb db, UserManager<AppUser> users, TimeProvider clock)
{
    private DataScope Scope => db.Scope;

    public Task<Staff?> FindStaffAsync(int id, CancellationToken ct = default) =>
        db.Set<Staff>().Include(s => s.Section).Include(s => s.Deputy).Include(s => s.Leaves)
            .FirstOrDefaultAsync(s => s.Id == id, ct);

    public async Task<Staff> CreateStaffAsync(StaffInput input, CancellationToken ct = default)
    {
        var agencyId = await AgencyForWriteAsync(input.AgencyId, ct);
        var now = clock.GetUtcNow().UtcDateTime;
        var staff = new Staff { AgencyId = agencyId, Name = "", Title = "", CreatedAtUtc = now };
        await ApplyAsync(staff, input, ct);
        db.Add(staff);
        await db.SaveChangesAsync(ct);
        return staff;
    }

    public async Task<Staff?> UpdateStaffAsync(int id, StaffInput input, CancellationToken ct = default)
    {
        var staff = await db.Set<Staff>().FirstOrDefaultAsync(s => s.Id == id, ct);
        if (staff is null) return null;
        await ApplyAsync(staff, input, ct);
        await db.SaveChangesAsync(ct);
        return staff;
    }

    /// <summary>Deactivating keeps the record (cases and history point at it) and locks the account.</summary>
    public async Task<Staff?> SetActiveAsync(int id, bool active, CancellationToken ct = default)
    {
        var staff = await db.Set<Staff>().FirstOrDefaultAsync(s => s.Id == id, ct);
        if (staff is null) return null;
        staff.IsActive = active;
        staff.UpdatedAtUtc = clock.GetUtcNow().UtcDateTime;
        await db.SaveChangesAsync(ct);

        var user = await users.Users.FirstOrDefaultAsync(u => u.StaffId == id, ct);
        if (user is not null)
        {
            user.IsActive = active;
            await users.UpdateAsync(user);
            // A new security stamp ends the person's open sessions within the validation interval.
            if (!active) await users.UpdateSecurityStampAsync(user);
        }
        return staff;
    }

    public async Task<Staff?> SetDeputyAsync(int id, int? deputyId, CancellationToken ct = default)
    {
        var staff = await db.Set<Staff>().FirstOrDefaultAsync(s => s.Id == id, ct);
        if (staff is null) return null;
        if (!staff.IsActive) throw new RuleViolation("org.staff_inactive");
        staff.DeputyId = await CheckDeputyAsync(staff, deputyId, ct);
        staff.UpdatedAtUtc = clock.GetUtcNow().UtcDateTime;
        await db.SaveChangesAsync(ct);
        return staff;
    }

    public async Task<LeavePeriod?> AddLeaveAsync(int staffId, LeaveInput input, CancellationToken ct = default)
    {
        var staff = await db.Set<Staff>().Include(s => s.Leaves).FirstOrDefaultAsync(s => s.Id == staffId, ct);
        if (staff is null) return null;
        if (!staff.IsActive) throw new RuleViolation("org.staff_inactive");
        var from = input.From!.Value;
        var to = input.To!.Value;
        if (to < from) throw new RuleViolation("org.leave_order");
        if (to.DayNumber - from.DayNumber > 366) throw new RuleViolation("org.leave_too_long");
        var clash = staff.Leaves.FirstOrDefault(l => l.From <= to && from <= l.To);
        if (clash is not null) throw new RuleViolation("org.leave_overlap", clash.From.ToString("yyyy-MM-dd"), clash.To.ToString("yyyy-MM-dd"));

        var leave = new LeavePeriod
        {
            AgencyId = staff.AgencyId, StaffId = staff.Id, From = from, To = to, Reason = input.Reason?.Trim(),
            DeputyId = input.DeputyId is null ? null : await CheckDeputyAsync(staff, input.DeputyId, ct),
            CreatedAtUtc = clock.GetUtcNow().UtcDateTime,
        };
        db.Add(leave);
        await db.SaveChangesAsync(ct);
        return leave;
    }

    public async Task<bool> RemoveLeaveAsync(int staffId, int leaveId, CancellationToken ct = default)
    {
        var leave = await db.Set<LeavePeriod>().FirstOrDefaultAsync(l => l.Id == leaveId && l.StaffId == staffId, ct);
        // The leave's staff member must be visible to the caller too (section scope lives on Staff).
        if (leave is null || !await db.Set<Staff>().AnyAsync(s => s.Id == staffId, ct)) return false;
        db.Remove(leave);
        await db.SaveChangesAsync(ct);
        return true;
    }

    /// <summary>Who handles work addressed to this staff member today (the deputy while they are away).</summary>
    public async Task<int> StandInForAsync(int staffId, DateOnly day, CancellationToken ct = default)
    {
        var staff = await db.Set<Staff>().IgnoreQueryFilters().AsNoTracking()
            .Where(s => s.AgencyId == db.Set<Staff>().IgnoreQueryFilters().Where(x => x.Id == staffId).Select(x => x.AgencyId).First())
            .Select(s => new { s.Id, s.DeputyId, s.IsActive, Leaves = s.Leaves.Where(l => l.From <= day && day <= l.To).Select(l => new { l.From, l.To, l.DeputyId }).ToList() })
            .ToListAsync(ct);
        var people = staff.ToDictionary(s => s.Id, s => new StandIn.Person(s.Id, s.DeputyId, s.IsActive,
            s.Leaves.Select(l => (l.From, l.To, l.DeputyId)).ToList()));
        return StandIn.Resolve(staffId, day, people);
    }

    public DateOnly Today => clock.Today();

    public DateTimeOffset Now => clock.GetUtcNow();

    // --- agencies (system admin)

    public async Task<Agency> CreateAgencyAsync(AgencyInput input, CancellationToken ct = default)
    {
        if (!Scope.Unrestricted) throw new RuleViolation("org.agency_forbidden");
        if (await db.Set<Agency>().AnyAsync(a => a.Code == input.Code, ct)) throw new RuleViolation("org.agency_code_taken", input.Code);
        if (input.ParentId is { } parent && !await db.Set<Agency>().AnyAsync(a => a.Id == parent && a.Kind == AgencyKind.City, ct))
            throw new RuleViolation("org.city_unknown");
        if (input.EvaluationGroupId is { } group && !await db.Set<EvaluationGroup>().AnyAsync(g => g.Id == group && g.CityId == input.ParentId, ct))
            throw new RuleViolation("org.group_unknown");
        var agency = new Agency
        {
            Code = input.Code.Trim(), Name = input.Name.Trim(), NameEn = Blank(input.NameEn), Kind = input.Kind,
            ParentId = input.ParentId, EvaluationGroupId = input.EvaluationGroupId, Address = Blank(input.Address), Phone = Blank(input.Phone),
        };
        db.Add(agency);
        await db.SaveChangesAsync(ct);
        return agency;
    }

    public async Task<EvaluationGroup> CreateGroupAsync(GroupInput input, CancellationToken ct = default)
    {
        if (!Scope.Unrestricted) throw new RuleViolation("org.agency_forbidden");
        if (!await db.Set<Agency>().AnyAsync(a => a.Id == input.CityId && a.Kind == AgencyKind.City, ct)) throw new RuleViolation("org.city_unknown");
        var name = input.Name.Trim();
        if (await db.Set<EvaluationGroup>().AnyAsync(g => g.CityId == input.CityId && g.Name == name, ct)) throw new RuleViolation("org.group_taken", name);
        var order = await db.Set<EvaluationGroup>().Where(g => g.CityId == input.CityId).CountAsync(ct);
        var group = new EvaluationGroup { CityId = input.CityId!.Value, Name = name, NameEn = Blank(input.NameEn), SortOrder = order + 1 };
        db.Add(group);
        await db.SaveChangesAsync(ct);
        return group;
    }

    // --- sections

    public async Task<Section> CreateSectionAsync(SectionInput input, int? agencyId = null, CancellationToken ct = default)
    {
        var agency = await AgencyForWriteAsync(agencyId, ct);
        await CheckSectionCodeAsync(agency, input.Code, null, ct);
        var section = new Section { AgencyId = agency, Code = input.Code, Name = input.Name.Trim() };
        Apply(section, input);
        db.Add(section);
        await db.SaveChangesAsync(ct);
        return section;
    }

    public async Task<Section?> UpdateSectionAsync(int id, SectionInput input, CancellationToken ct = default)
    {
        var section = await db.Set<Section>().FirstOrDefaultAsync(s => s.Id == id, ct);
        if (section is null) return null;
        await CheckSectionCodeAsync(section.AgencyId, input.Code, id, ct);
        Apply(section, input);
        await db.SaveChangesAsync(ct);
        return section;
    }

    private static void Apply(Section section, SectionInput input)
    {
        section.Code = input.Code.Trim();
        section.Name = input.Name.Trim();
        section.NameEn = Blank(input.NameEn);
        section.Phone = Blank(input.Phone);
        section.SortOrder = input.SortOrder;
        section.IsActive = input.IsActive;
    }

    private async Task CheckSectionCodeAsync(int agencyId, string code, int? except, CancellationToken ct)
    {
        if (await db.Set<Section>().IgnoreQueryFilters().AnyAsync(s => s.AgencyId == agencyId && s.Code == code && s.Id != except, ct))
            throw new RuleViolation("org.section_code_taken", code);
    }

    // --- accounts

    public Task<AppUser?> AccountOfAsync(int staffId) => users.Users.FirstOrDefaultAsync(u => u.StaffId == staffId);

    public async Task<IList<string>> RolesOfAsync(AppUser user) => await users.GetRolesAsync(user);

    /// <summary>Creates the staff member's sign-in, or updates its roles. Returns Identity's errors, localised, if any.</summary>
    public async Task<IReadOnlyList<string>?> SaveAccountAsync(int staffId, AccountInput input, bool callerIsSystemAdmin, CancellationToken ct = default)
    {
        var staff = await db.Set<Staff>().FirstOrDefaultAsync(s => s.Id == staffId, ct);
        if (staff is null) return null;
        foreach (var role in input.Roles)
        {
            if (!Roles.IsKnown(role)) throw new RuleViolation("org.role_unknown", role);
            if (role == Roles.SystemAdmin && !callerIsSystemAdmin) throw new RuleViolation("org.role_forbidden");
        }

        var user = await AccountOfAsync(staffId);
        if (user is null)
        {
            if (string.IsNullOrEmpty(input.Password)) throw new RuleViolation("org.password_required");
            user = new AppUser
            {
                UserName = input.UserName.Trim(), Email = staff.Email, StaffId = staff.Id, AgencyId = staff.AgencyId,
                DisplayName = staff.Name, EmailConfirmed = true, IsActive = staff.IsActive,
            };
            var created = await users.CreateAsync(user, input.Password);
            if (!created.Succeeded) return created.Errors.Select(e => e.Description).ToList();
        }
        else if (!string.Equals(user.UserName, input.UserName.Trim(), StringComparison.Ordinal))
        {
            var renamed = await users.SetUserNameAsync(user, input.UserName.Trim());
            if (!renamed.Succeeded) return renamed.Errors.Select(e => e.Description).ToList();
        }

        var current = await users.GetRolesAsync(user);
        // An agency admin can neither grant nor take away the system admin role.
        var keep = callerIsSystemAdmin ? [] : current.Where(r => r == Roles.SystemAdmin).ToList();
        var wanted = input.Roles.Concat(keep).Distinct().ToList();
        var remove = current.Except(wanted).ToList();
        var add = wanted.Except(current).ToList();
        if (remove.Count > 0) await users.RemoveFromRolesAsync(user, remove);
        if (add.Count > 0) await users.AddToRolesAsync(user, add);
        if (remove.Count > 0 || add.Count > 0) await users.UpdateSecurityStampAsync(user);
        return [];
    }

    /// <summary>Unlocks an account locked by failed sign-ins.</summary>
    public async Task<bool> UnlockAsync(int staffId)
    {
        if (!await db.Set<Staff>().AnyAsync(s => s.Id == staffId)) return false;
        var user = await AccountOfAsync(staffId) ?? throw new RuleViolation("org.account_missing");
        await users.SetLockoutEndDateAsync(user, null);
        await users.ResetAccessFailedCountAsync(user);
        return true;
    }

    // --- shared checks

    private async Task ApplyAsync(Staff staff, StaffInput input, CancellationToken ct)
    {
        if (input.SectionId is { } sectionId && !await db.Set<Section>().AnyAsync(s => s.Id == sectionId && s.AgencyId == staff.AgencyId, ct))
            throw new RuleViolation("org.section_unknown");
        staff.Name = input.Name.Trim();
        staff.NameEn = Blank(input.NameEn);
        staff.Title = input.Title.Trim();
        staff.TitleEn = Blank(input.TitleEn);
        staff.SectionId = input.SectionId;
        staff.Duties = (input.Duties ?? "").Replace("\r\n", "\n", StringComparison.Ordinal).Trim();
        staff.Extension = Blank(input.Extension);
        staff.Email = Blank(input.Email);
        staff.MobilePhone = Blank(input.MobilePhone);
        staff.SortOrder = input.SortOrder;
        staff.DeputyId = await CheckDeputyAsync(staff, input.DeputyId, ct);
        staff.UpdatedAtUtc = clock.GetUtcNow().UtcDateTime;
    }

    private async Task<int?> CheckDeputyAsync(Staff staff, int? deputyId, CancellationToken ct)
    {
        if (deputyId is null) return null;
        if (staff.Id != 0 && deputyId == staff.Id) throw new RuleViolation("org.deputy_self");
        // A deputy may sit in another section (a section head's deputy often does), but never in another agency.
        var deputy = await db.Set<Staff>().IgnoreQueryFilters().AsNoTracking()
            .Where(s => s.Id == deputyId && s.AgencyId == staff.AgencyId).Select(s => new { s.IsActive }).FirstOrDefaultAsync(ct)
            ?? throw new RuleViolation("org.deputy_unknown");
        if (!deputy.IsActive) throw new RuleViolation("org.deputy_inactive");
        return deputyId;
    }

    private async Task<int> AgencyForWriteAsync(int? requested, CancellationToken ct)
    {
        if (!Scope.Unrestricted) return Scope.AgencyId ?? throw new RuleViolation("org.agency_required");
        if (requested is null) throw new RuleViolation("org.agency_required");
        if (!await db.Set<Agency>().AnyAsync(a => a.Id == requested, ct)) throw new RuleViolation("org.agency_unknown");
        return requested.Value;
    }

    private static string? Blank(string? s) => string.IsNullOrWhiteSpace(s) ? null : s.Trim();
}
