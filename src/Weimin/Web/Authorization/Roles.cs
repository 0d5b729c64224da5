namespace Weimin.Web.Authorization;

/// <summary>The roles of SPEC §1. Stored as Identity roles; names are stable identifiers, labels come from resources.</summary>
public static class Roles
{
    public const string SystemAdmin = "SystemAdmin";
    public const string AgencyAdmin = "AgencyAdmin";
    public const string Secretariat = "Secretariat";
    public const string Chief = "Chief";
    public const string SectionHead = "SectionHead";
    public const string Officer = "Officer";
    public const string CounterClerk = "CounterClerk";
    public const string CommitteeMember = "CommitteeMember";
    public const string Auditor = "Auditor";

    public static readonly IReadOnlyList<string> All =
        [SystemAdmin, AgencyAdmin, Secretariat, Chief, SectionHead, Officer, CounterClerk, CommitteeMember, Auditor];

    /// <summary>Roles whose work is bound to their own section; the others see their whole agency.</summary>
    // Counter clerks take in every section's services at a single window (一處收件、全程服務), so they see the whole agency.
    public static readonly IReadOnlySet<string> SectionBound = new HashSet<string> { SectionHead, Officer };

    public static bool IsKnown(string role) => All.Contains(role);
}
