using Weimin.Web.Authorization;

namespace Weimin.Features.Demo;

public sealed class DemoOptions
{
    /// <summary>Load the 楊梅區公所 demo organisation and the demo sign-ins on first start.</summary>
    public bool Enabled { get; set; }
}

/// <summary>One demo sign-in per role. Demo mode only: a production deployment never has these.</summary>
public static class DemoAccounts
{
    public const string Password = "Weimin-demo-1";

    /// <param name="StaffKey">the demo staff member the account belongs to (null: an account without a staff record)</param>
    public sealed record Account(string UserName, string Role, string? StaffKey, string Description);

    public static readonly IReadOnlyList<Account> All =
    [
        new("admin", Roles.SystemAdmin, null, "系統管理者 system administrator"),
        new("agencyadmin", Roles.AgencyAdmin, "secretariat-admin", "機關管理者 楊梅區公所 agency admin"),
        new("secretariat", Roles.Secretariat, "secretariat-rd", "秘書室研考 secretariat (evaluation, chasing)"),
        new("chief", Roles.Chief, "chief", "區長 district chief"),
        new("sectionhead", Roles.SectionHead, "social-head", "社會課課長 head of 社會課"),
        new("officer", Roles.Officer, "social-officer", "社會課承辦人 officer, 社會課"),
        new("clerk", Roles.CounterClerk, "civil-clerk", "櫃台人員 counter clerk, 民政課"),
        new("committee", Roles.CommitteeMember, "deputy-chief", "評核委員 evaluation committee member"),
        new("auditor", Roles.Auditor, "ethics", "稽核（唯讀）auditor, read-only"),
        new("xinwu-officer", Roles.Officer, "xinwu-officer", "新屋區公所承辦人 officer of another agency"),
    ];
}
