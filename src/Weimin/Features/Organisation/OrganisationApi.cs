using System.Security.Claims;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Weimin.Data;
using Weimin.Features.Accounts;
using Weimin.Web.Authorization;
using Weimin.Web.Errors;
using Weimin.Web.Privacy;

namespace Weimin.Features.Organisation;

public sealed record AgencyDto(int Id, string Code, string Name, string? NameEn, AgencyKind Kind, int? ParentId, string? EvaluationGroup);

public sealed record SectionDto(int Id, string Code, string Name, string? NameEn, string? Phone, int SortOrder, bool IsActive);

public sealed record LeaveDto(int Id, DateOnly From, DateOnly To, string? Reason, int? DeputyId, string? DeputyName);

public sealed record AccountDto(string UserName, IReadOnlyList<string> Roles, bool LockedOut, bool TwoFactorEnabled, bool IsActive);

public sealed record StaffDetails(
    int Id, int AgencyId, string Name, string? NameEn, string Title, string? TitleEn, SectionRef? Section, string[] Duties,
    string? Extension, string? Email, string? MobilePhone, int? DeputyId, string? DeputyName, bool IsActive, int SortOrder,
    int HandledTodayBy, IReadOnlyList<LeaveDto> Leaves, AccountDto? Account);

public sealed record DeputyInput(int? DeputyId);

public static class OrganisationApi
{
    public static void MapOrganisationApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api").WithTags("Organisation");

        api.MapGet("/directory", Directory).AllowAnonymous().WithSummary("Public staff directory (人員名錄)");

        api.MapGet("/agencies", async (AppDb db, CancellationToken ct) =>
            TypedResults.Ok(await db.Set<Agency>().AsNoTracking().OrderBy(a => a.Id)
                .Select(a => new AgencyDto(a.Id, a.Code, a.Name, a.NameEn, a.Kind, a.ParentId, a.EvaluationGroup == null ? null : a.EvaluationGroup.Name))
                .ToListAsync(ct)))
            .RequireAuthorization(Policies.Staff);

        var sections = api.MapGroup("/sections").RequireAuthorization(Policies.Staff);
        sections.MapGet("", async (AppDb db, CancellationToken ct) =>
            TypedResults.Ok(await db.Set<Section>().AsNoTracking().OrderBy(s => s.AgencyId).ThenBy(s => s.SortOrder)
                .Select(s => new SectionDto(s.Id, s.Code, s.Name, s.NameEn, s.Phone, s.SortOrder, s.IsActive)).ToListAsync(ct)));
        sections.MapPost("", CreateSection).RequireAuthorization(Policies.ManageOrganisation);
        sections.MapPut("/{id:int}", UpdateSection).RequireAuthorization(Policies.ManageOrganisation);

        var staff = api.MapGroup("/staff").RequireAuthorization(Policies.ViewStaff);
        staff.MapGet("", ListStaff);
        staff.MapGet("/{id:int}", GetStaff);
        staff.MapPost("", CreateStaff).RequireAuthorization(Policies.ManageStaff);
        staff.MapPut("/{id:int}", UpdateStaff).RequireAuthorization(Policies.ManageStaff);
        staff.MapPost("/{id:int}/deactivate", (int id, OrganisationService org, AppDb db, ClaimsPrincipal user, CancellationToken ct) => SetActive(id, false, org, db, user, ct))
            .RequireAuthorization(Policies.ManageStaff);
        staff.MapPost("/{id:int}/activate", (int id, OrganisationService org, AppDb db, ClaimsPrincipal user, CancellationToken ct) => SetActive(id, true, org, db, user, ct))
            .RequireAuthorization(Policies.ManageStaff);
        staff.MapPut("/{id:int}/deputy", SetDeputy).RequireAuthorization(Policies.ManageLeave);
        staff.MapPost("/{id:int}/leaves", AddLeave).RequireAuthorization(Policies.ManageLeave);
        staff.MapDelete("/{id:int}/leaves/{leaveId:int}", RemoveLeave).RequireAuthorization(Policies.ManageLeave);
        staff.MapPut("/{id:int}/account", SaveAccount).RequireAuthorization(Policies.ManageStaff);
    }

    private static async Task<Results<Ok<IReadOnlyList<DirectoryEntry>>, NotFound>> Directory(
        AppDb db, string? agency, string? q, int? sectionId, CancellationToken ct)
    {
        var home = await OrganisationReads.HomeAgencyAsync(db, agency, ct);
        if (home is null) return TypedResults.NotFound();
        return TypedResults.Ok(await OrganisationReads.DirectoryAsync(db, home.Id, q, sectionId, ct));
    }

    private static async Task<Ok<Paged<StaffRow>>> ListStaff(AppDb db, OrganisationService org, string? q, int? sectionId,
        bool? includeInactive, int? page, int? pageSize, CancellationToken ct) =>
        TypedResults.Ok(await OrganisationReads.StaffAsync(db, new StaffQuery(q, sectionId, includeInactive ?? false, page ?? 1, pageSize ?? 50), org.Today, ct));

    private static async Task<Results<Ok<StaffDetails>, NotFound>> GetStaff(int id, OrganisationService org, AppDb db, ClaimsPrincipal user, CancellationToken ct)
    {
        var details = await DetailsAsync(id, org, user, ct);
        return details is null ? TypedResults.NotFound() : TypedResults.Ok(details);
    }

    internal static async Task<StaffDetails?> DetailsAsync(int id, OrganisationService org, ClaimsPrincipal user, CancellationToken ct)
    {
        var s = await org.FindStaffAsync(id, ct);
        if (s is null) return null;
        var canManage = user.IsInRole(Roles.SystemAdmin) || user.IsInRole(Roles.AgencyAdmin);
        AccountDto? account = null;
        if (await org.AccountOfAsync(id) is { } u)
            account = new AccountDto(u.UserName!, [.. await org.RolesOfAsync(u)], u.LockoutEnd is { } end && end > org.Now, u.TwoFactorEnabled, u.IsActive);
        var leaves = s.Leaves.OrderByDescending(l => l.From).Select(l => new LeaveDto(l.Id, l.From, l.To, l.Reason, l.DeputyId, null)).ToList();
        return new StaffDetails(s.Id, s.AgencyId, s.Name, s.NameEn, s.Title, s.TitleEn,
            s.Section is null ? null : new SectionRef(s.Section.Id, s.Section.Code, s.Section.Name, s.Section.NameEn),
            [.. s.DutyLines], s.Extension, s.Email, canManage ? s.MobilePhone : Mask.Phone(s.MobilePhone), s.DeputyId, s.Deputy?.Name,
            s.IsActive, s.SortOrder, await org.StandInForAsync(s.Id, org.Today, ct), leaves, canManage ? account : null);
    }

    private static async Task<Results<Created<StaffDetails>, ValidationProblem>> CreateStaff(
        StaffInput input, OrganisationService org, ClaimsPrincipal user, IStringLocalizer<ErrorText> t, CancellationToken ct)
    {
        if (!ApiValidation.TryValidate(input, t, out var errors)) return TypedResults.ValidationProblem(errors);
        var staff = await org.CreateStaffAsync(input, ct);
        return TypedResults.Created($"/api/staff/{staff.Id}", (await DetailsAsync(staff.Id, org, user, ct))!);
    }

    private static async Task<Results<Ok<StaffDetails>, NotFound, ValidationProblem>> UpdateStaff(
        int id, StaffInput input, OrganisationService org, ClaimsPrincipal user, IStringLocalizer<ErrorText> t, CancellationToken ct)
    {
        if (!ApiValidation.TryValidate(input, t, out var errors)) return TypedResults.ValidationProblem(errors);
        if (await org.UpdateStaffAsync(id, input, ct) is null) return TypedResults.NotFound();
        return TypedResults.Ok((await DetailsAsync(id, org, user, ct))!);
    }

    private static async Task<Results<Ok<StaffDetails>, NotFound>> SetActive(int id, bool active, OrganisationService org, AppDb db, ClaimsPrincipal user, CancellationToken ct)
    {
        if (await org.SetActiveAsync(id, active, ct) is null) return TypedResults.NotFound();
        return TypedResults.Ok((await DetailsAsync(id, org, user, ct))!);
    }

    private static async Task<Results<Ok<StaffDetails>, NotFound>> SetDeputy(int id, DeputyInput input, OrganisationService org, ClaimsPrincipal user, CancellationToken ct)
    {
        if (await org.SetDeputyAsync(id, input.DeputyId, ct) is null) return TypedResults.NotFound();
        return TypedResults.Ok((await DetailsAsync(id, org, user, ct))!);
    }

    private static async Task<Results<Created<LeaveDto>, NotFound, ValidationProblem>> AddLeave(
        int id, LeaveInput input, OrganisationService org, IStringLocalizer<ErrorText> t, CancellationToken ct)
    {
        if (!ApiValidation.TryValidate(input, t, out var errors)) return TypedResults.ValidationProblem(errors);
        var leave = await org.AddLeaveAsync(id, input, ct);
        if (leave is null) return TypedResults.NotFound();
        return TypedResults.Created($"/api/staff/{id}/leaves/{leave.Id}", new LeaveDto(leave.Id, leave.From, leave.To, leave.Reason, leave.DeputyId, null));
    }

    private static async Task<Results<NoContent, NotFound>> RemoveLeave(int id, int leaveId, OrganisationService org, CancellationToken ct) =>
        await org.RemoveLeaveAsync(id, leaveId, ct) ? TypedResults.NoContent() : TypedResults.NotFound();

    private static async Task<Results<Ok<StaffDetails>, NotFound, ValidationProblem>> SaveAccount(
        int id, AccountInput input, OrganisationService org, ClaimsPrincipal user, IStringLocalizer<ErrorText> t, CancellationToken ct)
    {
        if (!ApiValidation.TryValidate(input, t, out var errors)) return TypedResults.ValidationProblem(errors);
        var identityErrors = await org.SaveAccountAsync(id, input, user.IsInRole(Roles.SystemAdmin), ct);
        if (identityErrors is null) return TypedResults.NotFound();
        if (identityErrors.Count > 0) return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["password"] = [.. identityErrors] });
        return TypedResults.Ok((await DetailsAsync(id, org, user, ct))!);
    }

    private static async Task<Results<Created<SectionDto>, ValidationProblem>> CreateSection(
        SectionInput input, int? agencyId, OrganisationService org, IStringLocalizer<ErrorText> t, CancellationToken ct)
    {
        if (!ApiValidation.TryValidate(input, t, out var errors)) return TypedResults.ValidationProblem(errors);
        var s = await org.CreateSectionAsync(input, agencyId, ct);
        return TypedResults.Created($"/api/sections/{s.Id}", new SectionDto(s.Id, s.Code, s.Name, s.NameEn, s.Phone, s.SortOrder, s.IsActive));
    }

    private static async Task<Results<Ok<SectionDto>, NotFound, ValidationProblem>> UpdateSection(
        int id, SectionInput input, OrganisationService org, IStringLocalizer<ErrorText> t, CancellationToken ct)
    {
        if (!ApiValidation.TryValidate(input, t, out var errors)) return TypedResults.ValidationProblem(errors);
        var s = await org.UpdateSectionAsync(id, input, ct);
        return s is null ? TypedResults.NotFound() : TypedResults.Ok(new SectionDto(s.Id, s.Code, s.Name, s.NameEn, s.Phone, s.SortOrder, s.IsActive));
    }
}
